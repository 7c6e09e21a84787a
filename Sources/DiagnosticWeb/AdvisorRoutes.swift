import DiagnosticCore
import DiagnosticPipeline
import DiagnosticReports
import DiagnosticStore
import Foundation
import Hummingbird

/// The advisors' side: `/login`, `/logout` and the console under `/console`, behind a session
/// cookie. Every console page without a valid session sends to the login page.
extension WebServer {
    static let sessionCookie = "od4g_session"
    static let loginCookie = "od4g_login"

    func addAdvisorRoutes(to router: Router<BasicRequestContext>) {
        router.get("/login") { request, _ -> Response in
            let next = Self.safeNext(request.uri.queryParameters["next"].map(String.init))
            return self.loginPage(cookie: request.cookies[Self.loginCookie]?.value, next: next, name: "", error: nil, status: .ok)
        }
        router.post("/login") { request, _ -> Response in
            let cookie = request.cookies[Self.loginCookie]?.value
            switch try await self.form(request) {
            case .failure(let refusal): return refusal.response
            case .success(let form): return try await self.respond { try self.logIn(form: form, cookie: cookie) }
            }
        }
        router.post("/logout") { request, _ -> Response in
            let token = request.cookies[Self.sessionCookie]?.value
            switch try await self.form(request) {
            case .failure(let refusal): return refusal.response
            case .success(let form): return try await self.respond { try self.logOut(form: form, token: token) }
            }
        }
        console(router, "/console") { session, _, _ in try self.campaignsPage(session) }
        console(router, "/console/c/:id") { session, id, _ in try self.campaignPage(session, id: id, link: nil) }
        console(router, "/console/c/:id/report") { _, id, _ in try self.regionalReport(id: id) }
        console(router, "/console/c/:id/open-data.csv") { _, id, _ in try self.export(id: id, kind: .openData) }
        console(router, "/console/c/:id/aggregate.csv") { _, id, _ in try self.export(id: id, kind: .aggregate) }
        console(router, "/console/i/:id") { _, id, _ in try self.answersPage(invitation: id) }
        console(router, "/console/i/:id/report") { _, id, _ in
            try self.diagnostic(try self.opened(try self.invitation(id)), format: nil, links: [])
        }
        console(router, "/console/c/:id/close", post: true) { session, id, _ in try self.setClosed(session, id: id, closed: true)
        }
        console(router, "/console/c/:id/open", post: true) { session, id, _ in try self.setClosed(session, id: id, closed: false)
        }
        console(router, "/console/i/:id/revoke", post: true) { _, id, _ in
            let invitation = try self.invitation(id)
            try self.store.revokeInvitation(id: invitation.id, now: Date())
            return Self.redirect("/console/c/\(invitation.campaignID)#i-\(invitation.id)")
        }
        console(router, "/console/i/:id/resend", post: true) { session, id, host in
            let invitation = try self.invitation(id)
            let token = InvitationToken.make()
            guard let new = try self.store.resendInvitation(id: invitation.id, token: token, now: Date()) else {
                throw self.notFound()
            }
            let link = (self.secureCookies ? "https://" : "http://") + (host ?? "localhost") + "/r/" + token
            return try self.campaignPage(session, id: new.campaignID, link: (new, link))
        }
        console(router, "/console/c/:id/open-link", post: true) { session, id, host in
            let campaign = try self.loaded(id)
            let token = InvitationToken.make()
            _ = try self.store.makeOpenLink(campaign: campaign.info.name, token: token, now: Date())
            let link = (self.secureCookies ? "https://" : "http://") + (host ?? "localhost") + "/o/" + token
            return try self.campaignPage(session, id: id, link: nil, openLink: link)
        }
    }

    /// A session: who is signed in, the session's token, and its forms' anti-forgery token.
    struct Session {
        let advisor: Advisor
        let token: String
        var csrf: String
    }

    /// Registers a console route: without a session it redirects to the login page; a `post` route
    /// also needs its form's anti-forgery token. `body` gets the session, the `:id` parameter (0
    /// when absent) and the request's host.
    private func console(
        _ router: Router<BasicRequestContext>, _ path: RouterPath, post: Bool = false,
        _ body: @escaping @Sendable (Session, Int64, String?) throws -> Response
    ) {
        let handler: @Sendable (Request, BasicRequestContext) async throws -> Response = { request, context in
            let token = request.cookies[Self.sessionCookie]?.value
            let target = request.uri.path
            let id = context.parameters.get("id").map { Int64($0) ?? -1 } ?? 0
            let host = Self.host(of: request)
            let form: FormBody?
            if post {
                switch try await self.form(request) {
                case .failure(let refusal): return refusal.response
                case .success(let given): form = given
                }
            } else {
                form = nil
            }
            return try await self.respond {
                guard let token, let advisor = try self.store.session(token: token, now: Date()) else {
                    return Self.redirect(
                        "/login?next=" + (target.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""))
                }
                let session = Session(advisor: advisor, token: token, csrf: self.forms.token(for: Self.scope(session: token)))
                if let form, !self.forms.accepts(form.value("csrf"), for: Self.scope(session: token)) { throw self.forgedForm() }
                guard id >= 0 else { throw self.notFound() }
                return try body(session, id, host)
            }
        }
        if post { router.post(path, use: handler) } else { router.get(path, use: handler) }
    }

    static func scope(session token: String) -> String { "session:" + InvitationToken.hash(token) }

    /// Where to go after logging in: a console page only, never another site.
    static func safeNext(_ next: String?) -> String {
        guard let next, next.hasPrefix("/console"), !next.contains("//"), !next.contains("\\") else { return "/console" }
        return next
    }

    func notFound() -> ResponseError {
        ResponseError(page(.notFound, title: text("Introuvable", "Not found")))
    }

    private func invitation(_ id: Int64) throws -> StoredInvitation {
        guard let invitation = try store.invitation(id: id) else { throw notFound() }
        return invitation
    }

    private func loaded(_ id: Int64) throws -> LoadedCampaign {
        guard let info = try store.campaign(id: id, counting: true) else { throw notFound() }
        return try loaded(info)
    }

    // MARK: Logging in and out

    private func loginPage(cookie: String?, next: String, name: String, error: String?, status: HTTPResponse.Status)
        -> Response
    {
        let value = cookie.flatMap { InvitationToken.isWellFormed($0) ? $0 : nil } ?? InvitationToken.make()
        var context: [String: Any] = ["csrf": forms.token(for: "login:" + value), "next": next, "name": name]
        if let error { context["error"] = error }
        var response = Self.html(status, render("web-login.html", context))
        response.setCookie(
            Cookie(name: Self.loginCookie, value: value, path: "/login", secure: secureCookies, httpOnly: true, sameSite: .strict)
        )
        return response
    }

    private func logIn(form: FormBody, cookie: String?) throws -> Response {
        let name = (form.value("name") ?? "").trimmed
        let next = Self.safeNext(form.value("next"))
        guard let cookie, forms.accepts(form.value("csrf"), for: "login:" + cookie) else { throw forgedForm() }
        let now = Date()
        let keys = ["name:" + name.lowercased()]
        if let wait = throttle.wait(for: keys, now: now) {
            var response = loginPage(
                cookie: cookie, next: next, name: name,
                error: text(
                    "Trop de tentatives pour ce compte : réessayez dans \(Int(wait / 60) + 1) min.",
                    "Too many attempts for this account: try again in \(Int(wait / 60) + 1) min."),
                status: .tooManyRequests)
            response.headers[.retryAfter] = String(Int(wait) + 1)
            return response
        }
        let advisor = try store.advisor(named: name)
        // A missing account costs a bcrypt check too: the time taken does not say which names exist.
        let valid = Passwords.verify(form.value("password") ?? "", hash: advisor?.passwordHash ?? Passwords.decoy)
        guard let advisor, valid else {
            throttle.fail(keys, now: now)
            return loginPage(
                cookie: cookie, next: next, name: name,
                error: text("Nom d'utilisateur ou mot de passe incorrect.", "Wrong user name or password."), status: .unauthorized
            )
        }
        throttle.succeed(keys)
        let token = InvitationToken.make()
        try store.openSession(token: token, advisor: advisor.id, now: now, expires: now.addingTimeInterval(Self.sessionLifetime))
        var response = Self.redirect(next)
        response.setCookie(
            Cookie(
                name: Self.sessionCookie, value: token, maxAge: Int(Self.sessionLifetime), path: "/", secure: secureCookies,
                httpOnly: true, sameSite: .lax))
        return response
    }

    private func logOut(form: FormBody, token: String?) throws -> Response {
        if let token {
            guard forms.accepts(form.value("csrf"), for: Self.scope(session: token)) else { throw forgedForm() }
            try store.closeSession(token: token)
        }
        var response = Self.redirect("/login")
        response.setCookie(
            Cookie(
                name: Self.sessionCookie, value: "", maxAge: 0, path: "/", secure: secureCookies, httpOnly: true, sameSite: .lax))
        return response
    }

    // MARK: Console pages

    private func campaignsPage(_ session: Session) throws -> Response {
        let campaigns = try store.campaigns()
        let pages = ConsolePages(server: self, session: session)
        var rows: [ConsolePages.CampaignRow] = []
        for info in campaigns {
            let invitations = try store.invitations(campaign: info).filter { $0.replacedBy == nil }
            rows.append(ConsolePages.CampaignRow(info: info, invitations: invitations))
        }
        return Self.html(.ok, pages.campaigns(rows))
    }

    private func campaignPage(
        _ session: Session, id: Int64, link: (StoredInvitation, String)?, openLink: String? = nil
    ) throws -> Response {
        let campaign = try loaded(id)
        let openLinks = try store.openLinks(campaign: campaign.info).filter { $0.revokedAt == nil }.count
        let invitations = try store.invitations(campaign: campaign.info).filter { $0.replacedBy == nil }
        var results: [String: RespondentResult] = [:]
        try store.forEachOrganisation(campaign: campaign.info, questionnaire: campaign.questionnaire) { entries in
            for entry in entries { results[entry.organisationKey + "\u{1F}" + entry.respondentKey] = entry.result }
        }
        let lines = invitations.map { invitation in
            let identity = Respondent(invitation.invitation, questionnaire: campaign.questionnaire).identity
            let result = identity.flatMap { results[$0.combinedKey] }
            return ConsolePages.Line(invitation: invitation, result: result)
        }
        return Self.html(
            .ok,
            ConsolePages(server: self, session: session).campaign(
                campaign, lines: lines, newLink: link, openLinks: openLinks, newOpenLink: openLink))
    }

    private func setClosed(_ session: Session, id: Int64, closed: Bool) throws -> Response {
        let campaign = try loaded(id)
        _ = try store.setCampaign(campaign.info.name, closed: closed, now: Date())
        return Self.redirect("/console/c/\(id)")
    }

    private func answersPage(invitation id: Int64) throws -> Response {
        let opened = try opened(try invitation(id))
        let page = QuestionnairePage(
            questionnaire: opened.campaign.questionnaire, typology: opened.typology, profile: opened.respondent.profile,
            profileTexts: opened.respondent.texts, locked: opened.respondent.locked, answers: opened.storedAnswers,
            errors: [:], generalErrors: [], language: language, mode: .reviewing,
            reportLink: "/console/i/\(id)/report", progress: opened.invitation.progress, saved: false)
        return Self.html(.ok, render("web-questionnaire.html", page.context()))
    }

    private func regionalReport(id: Int64) throws -> Response {
        let campaign = try loaded(id)
        let counted = PlanInputs.defaultCountedActions
        let demand = try catalogue(campaign.questionnaire).map { actions in
            (actions, try PlanInputs(source: source).demand(campaign: campaign, catalogue: actions, maximum: counted))
        }
        let input = try RegionalInput.of(
            store, campaign: campaign, minimumGroupSize: 5, demand: demand, countedActions: counted)
        return Self.html(.ok, try renderer.regional(input, format: .html))
    }

    enum ExportKind { case openData, aggregate }

    private func export(id: Int64, kind: ExportKind) throws -> Response {
        let campaign = try loaded(id)
        let slug = FileNames.slug(campaign.info.name)
        switch kind {
        case .openData:
            return Self.download(
                try OpenDataTable.text(of: campaign, in: store), name: "\(slug)-open-data.csv", type: "text/csv; charset=utf-8")
        case .aggregate:
            let aggregate = try store.aggregate(
                campaign: campaign.info, questionnaire: campaign.questionnaire, grouping: .typology, minimumGroupSize: 5)
            let output = AggregateCSV(aggregate: aggregate, questionnaire: campaign.questionnaire)
            return Self.download(output.text(), name: "\(slug)-aggregate.csv", type: "text/csv; charset=utf-8")
        }
    }
}
