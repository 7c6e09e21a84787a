import DiagnosticCore
import DiagnosticStore
import DiagnosticTestSupport
import DiagnosticWeb
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// A campaign's open link: a respondent states their organisation and gets a private link of their
/// own; nobody gets into answers that are another respondent's.
@Suite struct OpenLinkTests {
    @Test func aRespondentStatesTheirOrganisationAndGetsTheirOwnLink() async throws {
        let fixture = try WebFixture()
        let token = InvitationToken.make()
        _ = try fixture.database.makeOpenLink(campaign: "web", token: token, now: Date())
        try await fixture.application.test(.router) { client in
            var (status, page, headers) = try await client.get("/o/\(token)")
            #expect(status == .ok)
            #expect(page.contains("Pour répondre au questionnaire de la campagne « web »"))
            #expect(page.contains("<select id=\"p-typology\" name=\"p.typology\"><option value=\"\">—</option>"))
            #expect(page.contains("<option value=\"commune\">Commune</option>"))
            let csrf = WebFixture.csrf(page)
            // Errors next to their fields, with the values typed; no invitation made.
            (status, page, _) = try await client.post(
                "/o/\(token)", [("csrf", csrf), ("p.population", "-5"), ("p.email", "pas une adresse")])
            #expect(status == .unprocessableContent)
            for field in ["organisation", "typology", "population", "email"] {
                #expect(page.contains("<p class=\"error\" id=\"pe-\(field)\">"), "\(field)")
            }
            #expect(page.contains("name=\"p.email\" value=\"pas une adresse\""))
            #expect(try fixture.database.invitations(campaign: try fixture.database.campaign(named: "web").campaign).count == 2)
            // A new organisation: its own invitation, and the link to keep shown on arrival.
            (status, _, headers) = try await client.post(
                "/o/\(token)",
                [
                    ("csrf", csrf), ("p.organisation", "Commune C"), ("p.typology", "commune"), ("p.population", "400"),
                    ("p.departement", "54"), ("p.email", "maire@commune-c.fr"),
                ])
            #expect(status == .seeOther)
            let location = try #require(headers[.location])
            #expect(location.hasPrefix("/r/") && location.hasSuffix("?welcome"))
            (status, page, _) = try await client.get(location)
            #expect(status == .ok)
            #expect(page.contains("Voici votre lien personnel"))
            #expect(page.contains("<code>http://localhost" + location.replacingOccurrences(of: "?welcome", with: "") + "</code>"))
            #expect(page.contains("Vous répondez pour : Commune C — Commune"))
            // The same organisation and e-mail again, or an invited organisation without an e-mail
            // (Pays Test): refused, for their answers are someone else's.
            for (organisation, typology, email) in [
                ("Commune C", "commune", "maire@commune-c.fr"), ("Pays Test", "cc", ""),
            ] {
                (status, page, _) = try await client.post(
                    "/o/\(token)",
                    [("csrf", csrf), ("p.organisation", organisation), ("p.typology", typology), ("p.email", email)])
                #expect(status == .conflict, "\(organisation)")
                #expect(page.contains("\(organisation) a déjà un lien pour cette adresse électronique (ou sans adresse)"))
            }
            // Another e-mail of Commune C: a second respondent of that organisation.
            (status, _, _) = try await client.post(
                "/o/\(token)",
                [
                    ("csrf", csrf), ("p.organisation", "Commune C"), ("p.typology", "commune"),
                    ("p.email", "dgs@commune-c.fr"),
                ])
            #expect(status == .seeOther)
            // A forged form makes nothing.
            (status, _, _) = try await client.post(
                "/o/\(token)", [("csrf", "faux"), ("p.organisation", "Commune D"), ("p.typology", "commune")])
            #expect(status == .forbidden)
        }
        let invitations = try fixture.database.invitations(campaign: try fixture.database.campaign(named: "web").campaign)
        #expect(invitations.map(\.invitation.organisation) == ["Pays Test", "Commune B", "Commune C", "Commune C"])
        #expect(invitations[2].invitation.population == 400 && invitations[2].invitation.departement == "54")
    }

    @Test func aClosedLinkOrCampaignTakesNobody() async throws {
        let fixture = try WebFixture()
        let token = InvitationToken.make()
        _ = try fixture.database.makeOpenLink(campaign: "web", token: token, now: Date())
        try await fixture.application.test(.router) { client in
            #expect(try await client.get("/o/\(InvitationToken.make())").0 == .notFound)
            #expect(try await client.get("/o/pas-un-jeton").0 == .notFound)
            _ = try fixture.database.setCampaign("web", closed: true, now: Date())
            #expect(try await client.get("/o/\(token)").0 == .conflict)
            _ = try fixture.database.setCampaign("web", closed: false, now: Date())
            _ = try fixture.database.revokeOpenLink(token: token, now: Date())
            let (status, page, _) = try await client.get("/o/\(token)")
            #expect(status == .gone && page.contains("Ce lien ouvert a été fermé"))
        }
    }

    @Test func anAdvisorMakesAnOpenLinkFromTheConsole() async throws {
        let fixture = try WebFixture()
        try await fixture.application.test(.router) { client in
            let session = try #require(try await AdvisorRoutesTests.logIn(client).1)
            var (_, page, _) = try await client.get("/console/c/1", cookie: session)
            #expect(page.contains("Liens ouverts en service : 0"))
            let (status, made, _) = try await client.post(
                "/console/c/1/open-link", [("csrf", WebFixture.csrf(page))], cookie: session)
            #expect(status == .ok && made.contains("Nouveau lien ouvert"))
            let link = try #require(made.range(of: "<code>http://localhost/o/").map { made[$0.upperBound...].prefix(43) })
            #expect(try await client.get("/o/\(link)").0 == .ok)
            (_, page, _) = try await client.get("/console/c/1", cookie: session)
            #expect(page.contains("Liens ouverts en service : 1") && !page.contains(String(link)))
        }
    }
}
