import DiagnosticCore
import DiagnosticPipeline
import DiagnosticReports
import DiagnosticStore
import DiagnosticTestSupport
import DiagnosticWeb
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// A respondent's private link: the page, saving answers (follow-ups opened on save), errors next
/// to their question, the diagnostic, and the requests that must be refused.
@Suite struct RespondentRoutesTests {
    func setup() throws -> (
        application: Application<RouterResponder<BasicRequestContext>>, token: String, database: CampaignDatabase
    ) {
        let fixture = try WebFixture()
        return (fixture.application, fixture.tokens[0], fixture.database)
    }

    static let form = WebFixture.form

    @Test func answeringSavesOpensFollowUpsAndGivesTheDiagnostic() async throws {
        let setup = try setup()
        let token = setup.token
        try await setup.application.test(.router) { client in
            var csrf = ""
            try await client.execute(uri: "/r/\(token)", method: .get) { response in
                #expect(response.status == .ok)
                let page = String(buffer: response.body)
                csrf = WebFixture.csrf(page)
                #expect(page.contains("Vous répondez pour : Pays Test"))
                #expect(page.contains("<legend>Référent données ?</legend>"))
                #expect(!page.contains("Où publiez-vous ?"), "the follow-up of s1 is not open yet")
                // On paper the page's own header replaces the browser's, which would print the private link.
                #expect(page.contains("@top-left{content:\"Pays Test — Mini questionnaire\""))
            }
            try await client.execute(
                uri: "/r/\(token)", method: .post, headers: Self.form,
                body: ByteBuffer(string: "csrf=\(csrf)&a.p1=yes&a.s1=yes&a.p3=3")
            ) { response in
                #expect(response.status == .seeOther)
                #expect(response.headers[.location] == "/r/\(token)?page=all&saved")
            }
            try await client.execute(uri: "/r/\(token)?page=all&saved", method: .get) { response in
                let page = String(buffer: response.body)
                #expect(page.contains("Réponses enregistrées."))
                #expect(page.contains("Où publiez-vous ?"), "s1 answered yes: its follow-up is asked")
                #expect(page.contains("name=\"a.p1\" value=\"yes\" checked"), "answers are found again")
            }
            try await client.execute(uri: "/r/\(token)/report", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains("Pays Test"))
            }
        }
        // Stored as an import stores it: (10 for p1 + 3/4 of 8 for p3) of piloter.
        let info = try setup.database.campaign(named: "web").campaign
        var entries: [CampaignEntry] = []
        try setup.database.forEachOrganisation(campaign: info, questionnaire: try Fixtures.mini()) { entries += $0 }
        #expect(entries.count == 1)
        #expect(entries.first?.result.dimensions.first?.points == 16)
    }

    @Test func anAnswerOutOfRangeIsShownNextToItsQuestionAndNothingIsStored() async throws {
        let setup = try setup()
        let token = setup.token
        try await setup.application.test(.router) { client in
            let csrf = WebFixture.csrf(try await client.get("/r/\(token)").1)
            try await client.execute(
                uri: "/r/\(token)", method: .post, headers: Self.form, body: ByteBuffer(string: "csrf=\(csrf)&a.p1=yes&a.p3=9")
            ) { response in
                #expect(response.status == .unprocessableContent)
                let page = String(buffer: response.body)
                #expect(page.contains("1 réponse(s) à corriger"))
                #expect(page.contains("<p class=\"error\" id=\"e-p3\">"))
                #expect(page.contains("aria-describedby=\"e-p3\""))
                #expect(page.contains("<a href=\"#q-p3\">Formation des élus</a> — "), "the summary links to the question")
            }
        }
        #expect(try setup.database.campaign(named: "web").campaign.responses == 0)
    }

    @Test func badRequestsGetAClearPageNeverAServerError() async throws {
        let setup = try setup()
        let token = setup.token
        try await setup.application.test(.router) { client in
            let csrf = WebFixture.csrf(try await client.get("/r/\(token)").1)
            try await client.execute(uri: "/r/not-a-token", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(String(buffer: response.body).contains("Lien inconnu"))
            }
            try await client.execute(uri: "/r/\(token)/report", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(String(buffer: response.body).contains("Pas encore de diagnostic"))
            }
            try await client.execute(uri: "/r/\(token)", method: .post, headers: Self.form, body: ByteBuffer(string: "a.p1=%ZZ"))
            { response in
                #expect(response.status == .badRequest)
            }
            let huge = String(repeating: "a.u2=x&", count: 200_000)
            try await client.execute(uri: "/r/\(token)", method: .post, headers: Self.form, body: ByteBuffer(string: huge)) {
                response in
                #expect(response.status == .contentTooLarge)
            }
            try await client.execute(
                uri: "/r/\(token)", method: .post, headers: Self.form,
                body: ByteBuffer(string: "csrf=\(csrf)&a.u2=%3Cscript%3Ealert(1)%3C%2Fscript%3E&a.p3=x")
            ) { response in
                #expect(response.status == .unprocessableContent)
                let page = String(buffer: response.body)
                #expect(!page.contains("<script>alert(1)</script>"))
                #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
            }
            // A revoked link opens nothing any more.
            _ = try setup.database.revokeInvitation(token: token, now: Date())
            for (uri, method) in [("/r/\(token)", HTTPRequest.Method.get), ("/r/\(token)", .post), ("/r/\(token)/report", .get)] {
                try await client.execute(uri: uri, method: method, headers: Self.form, body: ByteBuffer(string: "a.p1=yes")) {
                    response in
                    #expect(response.status == .gone, "\(method) \(uri)")
                    #expect(String(buffer: response.body).contains("Lien révoqué"))
                }
            }
        }
    }

    @Test func onePagePerDimensionWithProgressKeepsTheOtherPagesAnswers() async throws {
        let fixture = try WebFixture()
        let token = fixture.tokens[0]
        try await fixture.application.test(.router) { client in
            var (_, page, _) = try await client.get("/r/\(token)")
            // Piloter, Partager, Problèmes: the "other questions" group has none and is no step.
            #expect(page.contains("<p class=\"progress\">Étape 1 sur 3 — Piloter</p>"))
            #expect(page.contains("aria-current=\"step\">Piloter</a> <span class=\"count\">0/3 réponses</span>"))
            #expect(page.contains("<legend>Référent données ?</legend>") && !page.contains("Publiez-vous ?"))
            #expect(
                page.contains("name=\"page\" value=\"0\"") && page.contains("value=\"next\"")
                    && !page.contains("value=\"submit\""))
            let csrf = WebFixture.csrf(page)
            var (status, _, headers) = try await client.post(
                "/r/\(token)", [("csrf", csrf), ("page", "0"), ("a.p1", "yes"), ("a.p3", "3"), ("action", "next")])
            #expect(status == .seeOther && headers[.location] == "/r/\(token)?page=1")
            (_, page, _) = try await client.get("/r/\(token)?page=1")
            #expect(
                page.contains("Étape 2 sur 3") && page.contains("Publiez-vous ?") && !page.contains("Référent données ?</legend>")
            )
            #expect(page.contains(">Piloter</a> <span class=\"count\">2/3 réponses</span>"))
            (status, _, headers) = try await client.post(
                "/r/\(token)", [("csrf", csrf), ("page", "1"), ("a.s1", "yes"), ("action", "save")])
            #expect(headers[.location] == "/r/\(token)?page=1&saved")
            (_, page, _) = try await client.get("/r/\(token)?page=1&saved")
            #expect(
                page.contains("Réponses enregistrées.") && page.contains("Où publiez-vous ?"), "the follow-up opens on its page")
            (_, page, _) = try await client.get("/r/\(token)?page=all")
            for kept in ["a.p1\" value=\"yes\" checked", "a.p3\" value=\"3\" checked", "a.s1\" value=\"yes\" checked"] {
                #expect(page.contains(kept), "saving page 2 kept page 1's answers: \(kept)")
            }
            // Page 1 again, p3 left blank: its answer goes; page 2's stay.
            _ = try await client.post("/r/\(token)", [("csrf", csrf), ("page", "0"), ("a.p1", "no"), ("action", "save")])
            (_, page, _) = try await client.get("/r/\(token)?page=all")
            #expect(page.contains("a.p1\" value=\"no\" checked") && !page.contains("a.p3\" value=\"3\" checked"))
            #expect(page.contains("a.s1\" value=\"yes\" checked"))
            (_, page, _) = try await client.get("/r/\(token)?page=2")
            #expect(page.contains("Étape 3 sur 3") && page.contains("value=\"submit\"") && !page.contains("value=\"next\""))
            (status, _, _) = try await client.post("/r/\(token)", [("csrf", csrf), ("page", "9"), ("a.p1", "no")])
            #expect(status == .badRequest)
        }
    }
}
