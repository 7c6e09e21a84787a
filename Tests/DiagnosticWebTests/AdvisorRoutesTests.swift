import DiagnosticCore
import DiagnosticStore
import DiagnosticTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// Advisors log in, follow participation, revoke and re-send links, download exports; nothing of
/// the console opens without a session.
@Suite struct AdvisorRoutesTests {
    /// The `name=value` of the cookie `name` among a response's `Set-Cookie` headers, with its attributes.
    static func cookie(_ name: String, in headers: HTTPFields) -> (pair: String, attributes: String)? {
        for value in headers[values: .setCookie] where value.hasPrefix(name + "=") {
            let pair = String(value.prefix { $0 != ";" })
            return (pair, String(value.dropFirst(pair.count)))
        }
        return nil
    }

    /// Logs in as the fixture's advisor and gives the session cookie.
    static func logIn(_ client: some TestClientProtocol, password: String = WebFixture.password) async throws -> (
        HTTPResponse.Status, String?
    ) {
        let (_, page, headers) = try await client.get("/login")
        let login = try #require(cookie("od4g_login", in: headers))
        let (status, _, answer) = try await client.post(
            "/login", [("csrf", WebFixture.csrf(page)), ("name", "conseil"), ("password", password), ("next", "/console")],
            cookie: login.pair)
        return (status, cookie("od4g_session", in: answer)?.pair)
    }

    @Test func consolePagesWithoutASessionRedirectToLogin() async throws {
        let fixture = try WebFixture()
        try await fixture.application.test(.router) { client in
            for uri in ["/console", "/console/c/1", "/console/c/1/open-data.csv", "/console/i/1"] {
                let (status, _, headers) = try await client.get(uri)
                #expect(status == .seeOther, "\(uri)")
                #expect(headers[.location]?.hasPrefix("/login?next=%2Fconsole") == true, "\(uri)")
            }
            let (status, _, _) = try await client.get("/console", cookie: "od4g_session=\(InvitationToken.make())")
            #expect(status == .seeOther, "an unknown session opens nothing")
            _ = try await client.post("/console/c/1/close", [])
            #expect(try fixture.database.campaign(named: "web").campaign.closedAt == nil)
        }
    }

    @Test func anAdvisorLogsInFollowsParticipationAndLogsOut() async throws {
        let fixture = try WebFixture()
        let token = fixture.tokens[0]
        try await fixture.application.test(.router) { client in
            let (_, loginPage, loginHeaders) = try await client.get("/login")
            let login = try #require(Self.cookie("od4g_login", in: loginHeaders))
            #expect(login.attributes.contains("HttpOnly") && login.attributes.contains("SameSite=Strict"))
            var (status, page, headers) = try await client.post(
                "/login", [("csrf", WebFixture.csrf(loginPage)), ("name", "conseil"), ("password", "faux-mot-de-passe")],
                cookie: login.pair)
            #expect(status == .unauthorized)
            #expect(page.contains("Nom d&#39;utilisateur ou mot de passe incorrect."))
            (status, _, headers) = try await client.post(
                "/login", [("csrf", "x"), ("name", "conseil"), ("password", WebFixture.password)], cookie: login.pair)
            #expect(status == .forbidden, "a login form without its token is refused")
            (status, _, headers) = try await client.post(
                "/login",
                [
                    ("csrf", WebFixture.csrf(loginPage)), ("name", "conseil"), ("password", WebFixture.password),
                    ("next", "/console/c/1"),
                ],
                cookie: login.pair)
            #expect(status == .seeOther)
            #expect(headers[.location] == "/console/c/1")
            let session = try #require(Self.cookie("od4g_session", in: headers))
            #expect(session.attributes.contains("HttpOnly") && session.attributes.contains("SameSite=Lax"))
            #expect(!session.attributes.contains("Secure"), "plain HTTP here: Secure only with --secure-cookies")
            // A respondent starts; the console counts them.
            let csrf = WebFixture.csrf(try await client.get("/r/\(token)").1)
            _ = try await client.post("/r/\(token)", [("csrf", csrf), ("a.p1", "yes"), ("a.p3", "3")])
            (status, page, _) = try await client.get("/console", cookie: session.pair)
            #expect(status == .ok)
            #expect(page.contains("<a href=\"/console/c/1\">web</a>"))
            #expect(
                page.contains(
                    "<td>ouverte</td><td class=\"num\">2</td><td class=\"num\">1</td><td class=\"num\">0</td><td class=\"num\">1</td>"
                ))
            (status, page, _) = try await client.get("/console/c/1", cookie: session.pair)
            #expect(page.contains("Invités : 2 · ont commencé : 1 (50 %) · ont soumis : 0 (0 %)"))
            #expect(
                page.contains("<th scope=\"row\">Communauté de communes</th><td class=\"num\">1</td><td class=\"num\">1</td>"))
            // Pays Test (cc) is asked p1, p2, p3, s1, s2 (s1 = "non" closes no follow-up)…; 2 answered.
            #expect(page.contains("<td data-label=\"Complétude\">2 / "), "completeness of Pays Test's response")
            #expect(page.contains("<a href=\"/console/i/1/report\">Diagnostic</a>"))
            (status, page, _) = try await client.get("/console/i/1", cookie: session.pair)
            #expect(page.contains("name=\"a.p1\" value=\"yes\" checked") && page.contains("<fieldset disabled>"))
            (status, page, _) = try await client.get("/console/i/1/report", cookie: session.pair)
            #expect(status == .ok && page.contains("<h1>Pays Test</h1>"))
            (status, _, _) = try await client.get("/console/c/1/report", cookie: session.pair)
            #expect(status == .ok)
            // Logging out ends the session.
            let logoutCSRF = WebFixture.csrf(try await client.get("/console", cookie: session.pair).1)
            (status, _, headers) = try await client.post("/logout", [("csrf", logoutCSRF)], cookie: session.pair)
            #expect(status == .seeOther && headers[.location] == "/login")
            #expect(try await client.get("/console", cookie: session.pair).0 == .seeOther)
        }
    }

    @Test func loginAttemptsAreLimitedPerAccount() async throws {
        let fixture = try WebFixture()
        try await fixture.application.test(.router) { client in
            for _ in 0..<5 { #expect(try await Self.logIn(client, password: "mauvais-mot-de-passe").0 == .unauthorized) }
            let (_, page, headers) = try await client.get("/login")
            let login = try #require(Self.cookie("od4g_login", in: headers))
            let (status, refusal, answer) = try await client.post(
                "/login", [("csrf", WebFixture.csrf(page)), ("name", "conseil"), ("password", WebFixture.password)],
                cookie: login.pair)
            #expect(status == .tooManyRequests, "even the right password waits")
            #expect(refusal.contains("Trop de tentatives pour ce compte : réessayez dans 15 min."))
            #expect(answer[.retryAfter].flatMap { Int($0) }.map { $0 > 800 && $0 <= 901 } == true)
        }
    }

    @Test func anAdvisorRevokesResendsAndDownloadsExports() async throws {
        let fixture = try WebFixture()
        let (a, b) = (fixture.tokens[0], fixture.tokens[1])
        try await fixture.application.test(.router) { client in
            let session = try #require(try await Self.logIn(client).1)
            let csrfA = WebFixture.csrf(try await client.get("/r/\(a)").1)
            _ = try await client.post("/r/\(a)", [("csrf", csrfA), ("a.p1", "yes")])
            let csrf = WebFixture.csrf(try await client.get("/console/c/1", cookie: session).1)
            #expect(try await client.post("/console/i/2/revoke", [], cookie: session).0 == .forbidden, "no token, no action")
            #expect(try await client.get("/r/\(b)").0 == .ok)
            #expect(try await client.post("/console/i/2/revoke", [("csrf", csrf)], cookie: session).0 == .seeOther)
            #expect(try await client.get("/r/\(b)").0 == .gone)
            let (status, page, _) = try await client.post("/console/i/1/resend", [("csrf", csrf)], cookie: session)
            #expect(status == .ok)
            #expect(page.contains("Nouveau lien pour Pays Test (l'ancien est révoqué)"))
            let link = try #require(page.range(of: "<code>http://localhost/r/").map { page[$0.upperBound...].prefix(43) })
            #expect(try await client.get("/r/\(a)").0 == .gone)
            let (_, reopened, _) = try await client.get("/r/\(link)")
            #expect(reopened.contains("name=\"a.p1\" value=\"yes\" checked"), "the new link finds the answers given")
            let (_, csv, headers) = try await client.get("/console/c/1/open-data.csv", cookie: session)
            #expect(headers[.contentDisposition] == "attachment; filename=\"web-open-data.csv\"")
            #expect(csv.hasPrefix("campaign,period,questionnaire,questionnaire_version,organisation,"))
            #expect(csv.contains("web,,mini,"), "Pays Test's line")
            let (_, aggregate, _) = try await client.get("/console/c/1/aggregate.csv", cookie: session)
            #expect(aggregate.hasPrefix("group,organisations,respondents,withheld,indicator,statistic,value"))
            // Closing from the console freezes the answers.
            #expect(try await client.post("/console/c/1/close", [("csrf", csrf)], cookie: session).0 == .seeOther)
            #expect(try fixture.database.campaign(named: "web").campaign.closedAt != nil)
        }
    }
}
