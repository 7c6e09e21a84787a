import DiagnosticCore
import DiagnosticDefinitions
import DiagnosticStore
import DiagnosticTestSupport
import Foundation
import Testing

/// `od4g invite`: one private link per organisation; the database keeps only the links' hashes.
@Suite struct InviteCLITests {
    static let list = """
        Nom;Code;Typologie;Population;Agents;Département;Courriel
        Commune de Lucey;21550310;Commune;620;4;55;mairie@lucey.example
        Communauté de communes Test;;cc;22000;140;57;
        """

    @Test func eachOrganisationGetsItsOwnLinkAndOnlyHashesAreStored() throws {
        let scratch = try Scratch()
        let list = try scratch.file("orgs.csv", Self.list)
        let links = scratch.folder + "/links.csv"
        let run = runCLI(["invite", "--campaign", "web-2026", list, "--output", links, "--db", scratch.db, "--lang", "en"])
        #expect(run.status == 0, "\(run.err)")
        #expect(run.out.contains("Campaign 'web-2026': 2 invitation(s), links written to \(links)"))
        let written = try String(contentsOfFile: links, encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(written.count == 3)
        let permissions = try FileManager.default.attributesOfItem(atPath: links)[.posixPermissions] as? NSNumber
        #expect(permissions?.intValue == 0o600, "the links are secrets: the file is its owner's only")
        #expect(written[0] == "organisation,code,typology,population,agents,departement,email,link")
        #expect(written[1].hasPrefix("Commune de Lucey,21550310,commune,620,4,55,mairie@lucey.example,http://127.0.0.1:8080/r/"))
        let tokens = written.dropFirst().map { String($0.split(separator: "/").last ?? "") }
        #expect(tokens.allSatisfy(InvitationToken.isWellFormed) && Set(tokens).count == 2)
        // The database holds no token, only its SHA-256; each token opens its own invitation.
        let bytes = try #require(scratch.bytes(scratch.db))
        for token in tokens { #expect(bytes.range(of: Data(token.utf8)) == nil) }
        let store = try CampaignDatabase.open(path: scratch.db)
        #expect(try store.invitation(token: tokens[0])?.invitation.organisation == "Commune de Lucey")
        #expect(try store.invitation(token: tokens[1])?.invitation.typology == "cc")
        // One character changed (to one it is not already) opens nothing.
        let altered = String(tokens[0].dropLast()) + (tokens[0].hasSuffix("A") ? "B" : "A")
        #expect(try store.invitation(token: altered) == nil)
        #expect(try store.invitation(token: "../../etc/passwd") == nil)
        let info = try store.campaign(named: "web-2026").campaign
        #expect(try store.invitations(campaign: info).count == 2)
        // A link revoked no longer opens; revoking an unknown link is an error.
        let revoke = runCLI([
            "revoke", written[2].split(separator: ",").last.map(String.init) ?? "", "--db", scratch.db, "--lang", "en",
        ])
        #expect(revoke.status == 0, "\(revoke.err)")
        #expect(revoke.out.hasPrefix("Link of 'Communauté de communes Test' revoked ("))
        #expect(try store.invitation(token: tokens[1])?.revokedAt != nil)
        #expect(try store.invitation(token: tokens[0])?.revokedAt == nil)
        let unknown = runCLI(["revoke", String(repeating: "A", count: 43), "--db", scratch.db, "--lang", "en"])
        #expect(unknown.status == 1)
        #expect(unknown.err.contains("this link matches no invitation"))
        // A links file is never replaced: its links would be lost.
        let again = runCLI(["invite", "--campaign", "web-2026", list, "--output", links, "--db", scratch.db, "--lang", "en"])
        #expect(again.status == 1)
        #expect(again.err.contains("already exists: its links would be lost"))
        #expect(try store.invitations(campaign: info).count == 2)
    }

    @Test func aWrongListSaysWhichRowAndStoresNothing() throws {
        let scratch = try Scratch()
        let list = try scratch.file(
            "orgs.csv",
            """
            organisation,typology,population,email,fax
            Commune A,canton,100,
            Commune B,commune,-3,
            Commune C,commune,,pas-une-adresse
            Commune D,commune,,
            Commune D,commune,,
            ,commune,,
            """)
        let run = runCLI([
            "invite", "--campaign", "c", list, "--output", scratch.folder + "/links.csv", "--db", scratch.db, "--lang", "en",
        ])
        #expect(run.status == 1)
        let lines = run.err.split(separator: "\n").map(String.init)
        #expect(
            lines.contains(
                "\(list):1:5: warning: column 'fax' is not read (columns read: organisation, code, typology, population, agents, departement, email)"
            ))
        #expect(lines.contains { $0.hasPrefix("\(list):2: error: row 1, column 'typology': unknown typology 'canton'") })
        #expect(lines.contains { $0.hasPrefix("\(list):3: error: row 2, column 'population':") })
        #expect(lines.contains("\(list):4: error: row 3, column 'email': 'pas-une-adresse' is not an e-mail address"))
        #expect(lines.contains { $0.hasPrefix("\(list):6: error: row 5: same organisation as row 4") })
        #expect(lines.contains { $0.hasPrefix("\(list):7: error: row 6, column 'organisation':") })
        #expect(!FileManager.default.fileExists(atPath: scratch.db), "no database is left behind")
        #expect(!FileManager.default.fileExists(atPath: scratch.folder + "/links.csv"))
    }
}
