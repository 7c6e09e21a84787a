import DiagnosticCore
import DiagnosticStore
import DiagnosticTestSupport
import DiagnosticWeb
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// The respondent completes the profile the invitation prefilled, backs answers with a
/// justification, evidence and a "not sure" mark, and reads the pages in French or English.
@Suite struct ProfileDetailsLanguageTests {
    /// The stored responses of campaign `web`.
    static func stored(_ database: CampaignDatabase) throws -> [StoredResponse] {
        try database.storedResponses(campaign: try database.campaign(named: "web").campaign, organisationKeys: nil)
    }

    @Test func theProfileIsPrefilledEditableButForWhatTheInvitationFixes() async throws {
        let fixture = try WebFixture()
        let token = fixture.tokens[0]
        try await fixture.application.test(.router) { client in
            var (_, page, _) = try await client.get("/r/\(token)")
            // Fixed by the invitation: shown, with no field to change them.
            #expect(page.contains("<dt>Organisation</dt><dd>Pays Test</dd><dt>Typologie</dt><dd>Communauté de communes</dd>"))
            #expect(!page.contains("name=\"p.organisation\"") && !page.contains("name=\"p.typology\""))
            // Prefilled and editable; the invitation gave no e-mail, so the respondent may give one.
            #expect(page.contains("<input id=\"p-population\" name=\"p.population\" inputmode=\"numeric\" value=\"22000\">"))
            #expect(page.contains("name=\"p.agents\"") && page.contains("name=\"p.email\""))
            #expect(page.contains("<label for=\"p-agents\" class=\"legend\">Agents</label>"))
            // s4 is asked from 3,500 inhabitants and 50 agents: the invitation gives no agents.
            #expect(!page.contains("Obligation légale respectée ?"))
            let csrf = WebFixture.csrf(page)
            var (status, _, _) = try await client.post(
                "/r/\(token)",
                [
                    ("csrf", csrf), ("page", "0"), ("profile", "1"), ("p.organisation", "Autre nom"), ("p.population", "22000"),
                    ("p.agents", "60"), ("p.departement", "55"), ("p.role", "DGS"), ("p.email", "dgs@pays-test.fr"),
                    ("a.p1", "yes"), ("action", "save"),
                ])
            #expect(status == .seeOther)
            (_, page, _) = try await client.get("/r/\(token)?page=1")
            #expect(page.contains("Obligation légale respectée ?"), "60 agents: the legal obligation's question is asked")
            (_, page, _) = try await client.get("/r/\(token)")
            #expect(page.contains("name=\"p.agents\" inputmode=\"numeric\" value=\"60\""))
            #expect(page.contains("name=\"p.role\" value=\"DGS\""))
            #expect(page.contains("<dd>Pays Test</dd>"), "the organisation stays the invitation's")
            // Another page's form does not carry the profile: saving it keeps the profile.
            (status, _, _) = try await client.post(
                "/r/\(token)", [("csrf", csrf), ("page", "1"), ("a.s1", "no"), ("action", "save")])
            #expect(status == .seeOther)
            // A wrong value is shown next to its field, and nothing is stored.
            (status, page, _) = try await client.post(
                "/r/\(token)",
                [("csrf", csrf), ("page", "0"), ("profile", "1"), ("p.agents", "-3"), ("a.p1", "no"), ("action", "save")])
            #expect(status == .unprocessableContent)
            #expect(page.contains("<p class=\"error\" id=\"pe-agents\">"))
            #expect(page.contains("aria-describedby=\"pe-agents\""))
            #expect(page.contains("<a href=\"#p-agents\">Agents</a> — "))
            #expect(page.contains("name=\"p.agents\" inputmode=\"numeric\" value=\"-3\""), "the value typed is shown again")
        }
        // One response, still under the invitation's respondent key (it gave no e-mail), whatever
        // e-mail the respondent gave; the profile as completed; p1 as saved before the refused form.
        let responses = try Self.stored(fixture.database)
        #expect(responses.count == 1)
        #expect(responses.first?.respondentKey == "")
        #expect(responses.first?.role == "DGS")
        let profile = try #require(responses.first?.profileJSON)
        #expect(profile.contains("\"agents\":60") && profile.contains("\"organisation\":\"Pays Test\""))
        #expect(profile.contains("\"email\":\"dgs@pays-test.fr\""))
        #expect(try #require(responses.first?.answersJSON).contains("\"p1\":\"yes\""))
    }

    @Test func theEmailOfTheInvitationIsFixedAndKeysTheAnswers() async throws {
        let fixture = try WebFixture()
        let token = InvitationToken.make()
        try fixture.database.invite(
            [(Invitation(organisation: "Pays Test", typology: "cc", email: "elu@pays-test.fr"), token)], campaign: "web",
            period: nil, questionnaire: try Fixtures.mini(),
            questionnaireText: try String(contentsOfFile: Fixtures.path("mini.yaml"), encoding: .utf8), now: Date())
        try await fixture.application.test(.router) { client in
            let (_, page, _) = try await client.get("/r/\(token)")
            #expect(page.contains("<dt>Courriel</dt><dd>elu@pays-test.fr</dd>"))
            #expect(!page.contains("name=\"p.email\""))
            let (status, _, _) = try await client.post(
                "/r/\(token)",
                [
                    ("csrf", WebFixture.csrf(page)), ("page", "0"), ("profile", "1"), ("p.email", "autre@example.org"),
                    ("p.role", "Élu"), ("a.p1", "yes"),
                ])
            #expect(status == .seeOther)
        }
        let responses = try Self.stored(fixture.database)
        #expect(responses.map(\.respondentKey) == ["email:elu@pays-test.fr"])
        #expect(try #require(responses.first?.profileJSON).contains("\"email\":\"elu@pays-test.fr\""))
    }

    @Test func anAnswerKeepsItsJustificationEvidenceAndDoubt() async throws {
        let fixture = try WebFixture()
        let token = fixture.tokens[0]
        try await fixture.application.test(.router) { client in
            var (_, page, _) = try await client.get("/r/\(token)")
            #expect(page.contains("<details class=\"more\" id=\"d-p1\"><summary>Préciser cette réponse (facultatif)</summary>"))
            #expect(page.contains("<label for=\"j-p1\">Justification ou commentaire</label>"))
            let csrf = WebFixture.csrf(page)
            var (status, _, _) = try await client.post(
                "/r/\(token)",
                [
                    ("csrf", csrf), ("page", "0"), ("a.p1", "yes"), ("j.p1", "Délibération du 3 mars, « référent » nommé"),
                    ("v.p1", "https://pays-test.fr/deliberation-12\r\n\r\n  Registre n° 12 "), ("c.p1", "unsure"),
                    ("action", "save"),
                ])
            #expect(status == .seeOther)
            (_, page, _) = try await client.get("/r/\(token)")
            #expect(page.contains("<details class=\"more\" id=\"d-p1\" open>"), "given details are shown unfolded")
            #expect(page.contains(">Délibération du 3 mars, « référent » nommé</textarea>"))
            #expect(page.contains(">https://pays-test.fr/deliberation-12\nRegistre n° 12</textarea>"))
            #expect(page.contains("name=\"c.p1\" value=\"unsure\" checked"))
            (_, page, _) = try await client.get("/r/\(token)/report")
            #expect(page.contains("Délibération du 3 mars, « référent » nommé"))
            #expect(page.contains("<a href=\"https://pays-test.fr/deliberation-12\">"))
            #expect(page.contains("(incertain)"))
            // Details without an answer would be lost: the form is shown again, with them, and nothing is stored.
            (status, page, _) = try await client.post(
                "/r/\(token)", [("csrf", csrf), ("page", "0"), ("a.p1", "yes"), ("j.p2", "Pas encore votée")])
            #expect(status == .unprocessableContent)
            #expect(page.contains("<p class=\"error\" id=\"e-p2\">Une précision est donnée sans réponse"))
            #expect(page.contains(">Pas encore votée</textarea>"))
        }
        let answers = try #require(try Self.stored(fixture.database).first?.answersJSON)
        #expect(answers.contains("\"justification\":\"Délibération du 3 mars, « référent » nommé\""))
        #expect(answers.contains("\"evidence\":[\"https://pays-test.fr/deliberation-12\",\"Registre n° 12\"]"))
        #expect(answers.contains("\"confidence\":\"unsure\"") && !answers.contains("Pas encore votée"))
    }

    @Test func theLanguageSwitchIsKeptForThePagesFormsAndReport() async throws {
        let fixture = try WebFixture()
        let token = fixture.tokens[0]
        try await fixture.application.test(.router) { client in
            var (_, page, headers) = try await client.get("/r/\(token)?page=1")
            #expect(page.contains("<html lang=\"fr\">") && page.contains("Étape 2 sur 3"))
            #expect(page.contains("<a href=\"/r/\(token)?page=1&amp;lang=en\" hreflang=\"en\" lang=\"en\">English</a>"))
            (_, page, headers) = try await client.get("/r/\(token)?page=1&lang=en")
            #expect(page.contains("<html lang=\"en\">") && page.contains("Step 2 of 3") && page.contains("Do you publish?"))
            #expect(page.contains("<a href=\"/r/\(token)?page=1&amp;lang=fr\" hreflang=\"fr\" lang=\"fr\">Français</a>"))
            let cookie = try #require(headers[.setCookie])
            #expect(cookie.contains("od4g_lang=en") && cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"))
            let chosen = "od4g_lang=en"
            // The choice holds for the next pages and for a form's errors.
            (_, page, _) = try await client.get("/r/\(token)", cookie: chosen)
            #expect(page.contains("You answer for: Pays Test") && page.contains("Your organisation and you"))
            var status: HTTPResponse.Status
            (status, page, _) = try await client.post(
                "/r/\(token)", [("csrf", WebFixture.csrf(page)), ("a.p1", "yes"), ("a.p3", "9")], cookie: chosen)
            #expect(status == .unprocessableContent && page.contains("1 answer(s) to correct"))
            _ = try await client.post("/r/\(token)", [("csrf", WebFixture.csrf(page)), ("a.p1", "yes")], cookie: chosen)
            (_, page, _) = try await client.get("/r/\(token)/report", cookie: chosen)
            #expect(page.contains("<html lang=\"en\"") && page.contains("← My answers"))
            #expect(page.contains("href=\"/r/\(token)/report?lang=fr\""))
            // Unknown languages are ignored; the French cookie brings French back.
            (_, page, headers) = try await client.get("/r/\(token)?lang=de", cookie: "od4g_lang=fr")
            #expect(page.contains("Vous répondez pour") && headers[.setCookie] == nil)
            (_, page, _) = try await client.get("/login?lang=en")
            #expect(page.contains("<html lang=\"en\">"))
        }
    }
}
