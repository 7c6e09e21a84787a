import DiagnosticCore
import DiagnosticStore
import DiagnosticTestSupport
import DiagnosticWeb
import Foundation
import Testing

/// `od4g campaign close|open` and `od4g user add|password|list`.
@Suite struct CampaignUserCLITests {
    let mini = Fixtures.path("mini.yaml")

    @Test func aClosedCampaignRefusesImportsUntilItIsOpenedAgain() throws {
        let scratch = try Scratch()
        let file = Fixtures.path("mini-campaign.csv")
        let first = runCLI(["import", "--campaign", "c", "--questionnaire", mini, "--db", scratch.db, file])
        #expect(first.status == 0, "\(first.err)")
        let responses = try CampaignDatabase.open(path: scratch.db).campaign(named: "c").campaign.responses
        let close = runCLI(["campaign", "close", "c", "--db", scratch.db])
        #expect(close.status == 0, "\(close.err)")
        #expect(close.out.contains("Campagne « c » close (20"))
        let refused = runCLI(["import", "--campaign", "c", "--questionnaire", mini, "--db", scratch.db, file, "--lang", "en"])
        #expect(refused.status == 1)
        #expect(
            refused.err.contains("campaign 'c' is closed: its answers no longer change; open it again with od4g campaign open c"))
        #expect(try CampaignDatabase.open(path: scratch.db).campaign(named: "c").campaign.closedAt != nil)
        #expect(runCLI(["campaign", "open", "c", "--db", scratch.db]).status == 0)
        let again = runCLI(["import", "--campaign", "c", "--questionnaire", mini, "--db", scratch.db, file])
        #expect(again.status == 0, "\(again.err)")
        #expect(try CampaignDatabase.open(path: scratch.db).campaign(named: "c").campaign.responses == responses)
        let unknown = runCLI(["campaign", "close", "nope", "--db", scratch.db, "--lang", "en"])
        #expect(unknown.status == 1 && unknown.err.contains("campaign 'nope' not found"))
    }

    @Test func anOpenLinkIsMadeForACampaignAndClosedByRevoke() throws {
        let scratch = try Scratch()
        let file = Fixtures.path("mini-campaign.csv")
        #expect(runCLI(["import", "--campaign", "c", "--questionnaire", mini, "--db", scratch.db, file]).status == 0)
        let made = runCLI([
            "campaign", "link", "c", "--base-url", "https://diagnostic.example/", "--db", scratch.db, "--lang", "en",
        ])
        #expect(made.status == 0, "\(made.err)")
        let link = try #require(
            made.out.range(of: "https://diagnostic.example/o/").map { String(made.out[$0.lowerBound...].prefix(72)) })
        let token = String(link.dropFirst("https://diagnostic.example/o/".count))
        let store = try CampaignDatabase.open(path: scratch.db)
        #expect(try store.openLink(token: token)?.revokedAt == nil)
        #expect(runCLI(["campaign", "link", "nope", "--db", scratch.db]).status == 1)
        let revoked = runCLI(["revoke", link, "--db", scratch.db, "--lang", "en"])
        #expect(revoked.status == 0, "\(revoked.err)")
        #expect(revoked.out.contains("Open link closed ("))
        #expect(try store.openLink(token: token)?.revokedAt != nil)
        // The token alone is recognised too; an unknown one is an error.
        #expect(runCLI(["revoke", token, "--db", scratch.db]).status == 0)
        #expect(runCLI(["revoke", "https://x/o/" + InvitationToken.make(), "--db", scratch.db]).status == 1)
    }

    @Test func serveRefusesATemplatesFolderWithoutTheWebPages() throws {
        let scratch = try Scratch()
        let folder = scratch.folder + "/templates"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let bundled = Fixtures.repository("Reports/templates")
        for file in try FileManager.default.contentsOfDirectory(atPath: bundled) where !file.hasPrefix("web-") {
            try FileManager.default.copyItem(atPath: bundled + "/" + file, toPath: folder + "/" + file)
        }
        let run = runCLI(["serve", "--templates", folder, "--db", scratch.db, "--port", "1", "--lang", "en"])
        #expect(run.status == 1)
        #expect(
            run.err.contains(
                "template 'web-message.html.mustache' missing from \(folder): the web pages are written from the web-*.mustache templates"
            ))
    }

    @Test func accountsKeepOnlyABcryptHashOfTheirPassword() throws {
        let scratch = try Scratch()
        let short = try scratch.file("short.txt", "court\n")
        let refused = runCLI(["user", "add", "marie", "--password-file", short, "--db", scratch.db, "--lang", "en"])
        #expect(refused.status == 1)
        #expect(refused.err.contains("the password must have at least 10 characters; nothing was changed"))
        let good = try scratch.file("good.txt", "un mot de passe sûr\n")
        let added = runCLI(["user", "add", "marie", "--password-file", good, "--db", scratch.db])
        #expect(added.status == 0, "\(added.err)")
        let store = try CampaignDatabase.open(path: scratch.db)
        let account = try #require(try store.advisor(named: "marie"))
        #expect(account.passwordHash.hasPrefix("$2b$12$") && account.role == "advisor")
        #expect(Passwords.verify("un mot de passe sûr", hash: account.passwordHash))
        #expect(!Passwords.verify("un mot de passe sur", hash: account.passwordHash))
        let twice = runCLI(["user", "add", "marie", "--password-file", good, "--db", scratch.db, "--lang", "en"])
        #expect(twice.status == 1 && twice.err.contains("account 'marie' already exists"))
        let other = try scratch.file("other.txt", "un autre mot de passe\n")
        #expect(runCLI(["user", "password", "marie", "--password-file", other, "--db", scratch.db]).status == 0)
        #expect(Passwords.verify("un autre mot de passe", hash: try #require(try store.advisor(named: "marie")).passwordHash))
        let list = runCLI(["user", "list", "--db", scratch.db])
        #expect(list.out == "marie (advisor)\n")
    }
}
