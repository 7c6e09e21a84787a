import DiagnosticCore
import DiagnosticStore
import DiagnosticTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// A respondent submits and amends until the campaign closes; forms from elsewhere, forged or
/// not forms at all are refused; one organisation's link opens nothing of another's.
@Suite struct SubmitAndSecurityTests {
    @Test func postsFromAnotherSiteOrWithoutTheFormsTokenAreRefusedAndStoreNothing() async throws {
        let fixture = try WebFixture()
        let (a, b) = (fixture.tokens[0], fixture.tokens[1])
        try await fixture.application.test(.router) { client in
            let csrf = WebFixture.csrf(try await client.get("/r/\(a)").1)
            let otherCSRF = WebFixture.csrf(try await client.get("/r/\(b)").1)
            #expect(csrf.count == 43 && otherCSRF.count == 43 && csrf != otherCSRF)
            let answers = [("csrf", csrf), ("a.p1", "yes")]
            var (status, page, _) = try await client.post("/r/\(a)", answers, headers: [.origin: "https://evil.example"])
            #expect(status == .forbidden)
            #expect(page.contains("Ce formulaire a été envoyé depuis un autre site : rien n&#39;a été enregistré."))
            (status, _, _) = try await client.post(
                "/r/\(a)", answers, headers: [HTTPField.Name("Sec-Fetch-Site")!: "cross-site"])
            #expect(status == .forbidden)
            (status, page, _) = try await client.post("/r/\(a)", [("a.p1", "yes")])
            #expect(status == .forbidden)
            #expect(page.contains("Formulaire expiré"))
            (status, _, _) = try await client.post("/r/\(a)", [("csrf", otherCSRF), ("a.p1", "yes")])
            #expect(status == .forbidden, "another link's token does not open this one's form")
            (status, page, _) = try await client.execute(
                uri: "/r/\(a)", method: .post, headers: [.contentType: "application/json"],
                body: ByteBuffer(string: "{\"a.p1\":\"yes\"}")
            ) { ($0.status, String(buffer: $0.body), $0.headers) }
            #expect(status == .unsupportedMediaType)
            #expect(page.contains("application/x-www-form-urlencoded"))
            #expect(try fixture.database.campaign(named: "web").campaign.responses == 0)
            // A browser posting this site's own form, with an origin it keeps to itself: the token decides.
            (status, _, _) = try await client.post(
                "/r/\(a)", answers,
                headers: [.origin: "null", HTTPField.Name("Sec-Fetch-Site")!: "same-origin"])
            #expect(status == .seeOther)
        }
        #expect(try fixture.database.campaign(named: "web").campaign.responses == 1)
    }

    @Test func oneOrganisationsLinkNeitherReadsNorChangesAnothersAnswers() async throws {
        let fixture = try WebFixture()
        let (a, b) = (fixture.tokens[0], fixture.tokens[1])
        try await fixture.application.test(.router) { client in
            let csrfA = WebFixture.csrf(try await client.get("/r/\(a)").1)
            #expect(try await client.post("/r/\(a)", [("csrf", csrfA), ("a.p1", "yes"), ("a.p3", "3")]).0 == .seeOther)
            let (_, pageB, _) = try await client.get("/r/\(b)")
            #expect(pageB.contains("Vous répondez pour : Commune B"))
            #expect(!pageB.contains(" checked"), "B sees none of A's answers")
            #expect(try await client.get("/r/\(b)/report").0 == .notFound)
            let csrfB = WebFixture.csrf(pageB)
            #expect(try await client.post("/r/\(b)", [("csrf", csrfB), ("a.p1", "no")]).0 == .seeOther)
            let (_, pageA, _) = try await client.get("/r/\(a)")
            #expect(pageA.contains("name=\"a.p1\" value=\"yes\" checked"), "B's save left A's answers as they were")
            let (_, reportB, _) = try await client.get("/r/\(b)/report")
            #expect(reportB.contains("<h1>Commune B</h1>") && !reportB.contains("Pays Test"))
        }
        let info = try fixture.database.campaign(named: "web").campaign
        #expect(info.organisations == 2 && info.responses == 2)
    }

    @Test func submittingShowsTheDiagnosticWithItsVersionUntilTheCampaignCloses() async throws {
        let fixture = try WebFixture()
        let token = fixture.tokens[0]
        try await fixture.application.test(.router) { client in
            var (_, page, _) = try await client.get("/r/\(token)")
            #expect(page.contains("Aucune réponse enregistrée pour l'instant."))
            let csrf = WebFixture.csrf(page)
            var (status, _, headers) = try await client.post(
                "/r/\(token)", [("csrf", csrf), ("a.p1", "yes"), ("action", "submit")])
            #expect(status == .seeOther)
            #expect(headers[.location] == "/r/\(token)/report")
            (_, page, _) = try await client.get("/r/\(token)/report")
            #expect(page.contains("· version 1 soumise le 20"))
            #expect(page.contains("<a href=\"/r/\(token)/report.md\">Télécharger (Markdown)</a>"))
            let (_, markdown, download) = try await client.get("/r/\(token)/report.md")
            #expect(download[.contentDisposition] == "attachment; filename=\"pays-test.md\"")
            #expect(markdown.hasPrefix("# Pays Test") && markdown.contains("version 1 soumise le"))
            let (_, printable, _) = try await client.get("/r/\(token)/report?print")
            #expect(!printable.contains("Télécharger (Markdown)"), "the print view has no links")
            // Amended: a draft over version 1, then version 2.
            #expect(try await client.post("/r/\(token)", [("csrf", csrf), ("a.p1", "no"), ("action", "save")]).0 == .seeOther)
            (_, page, _) = try await client.get("/r/\(token)")
            #expect(page.contains("Version 1 soumise le") && page.contains("modifiée depuis, pas encore soumise à nouveau."))
            _ = try await client.post("/r/\(token)", [("csrf", csrf), ("a.p1", "no"), ("action", "submit")])
            (_, page, _) = try await client.get("/r/\(token)/report")
            #expect(page.contains("· version 2 soumise le 20"))
            // Closed: read only, and a save is refused with 409.
            _ = try fixture.database.setCampaign("web", closed: true, now: Date())
            (_, page, _) = try await client.get("/r/\(token)")
            #expect(page.contains("La campagne est close : vos réponses ne peuvent plus être modifiées."))
            #expect(page.contains("<fieldset disabled>") && !page.contains("name=\"csrf\""))
            (status, page, _) = try await client.post("/r/\(token)", [("csrf", csrf), ("a.p1", "yes"), ("action", "submit")])
            #expect(status == .conflict)
            #expect(page.contains("la campagne « web » est close"))
            (_, page, _) = try await client.get("/r/\(token)")
            #expect(page.contains("name=\"a.p1\" value=\"no\" checked"), "the refused save changed nothing")
        }
        let stored = try #require(try fixture.database.invitation(token: token))
        #expect(stored.progress.version == 2 && stored.progress.stage == .submitted)
    }
}
