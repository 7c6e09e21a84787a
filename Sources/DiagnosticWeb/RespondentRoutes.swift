import DiagnosticCore
import DiagnosticDefinitions
import DiagnosticPipeline
import DiagnosticReports
import DiagnosticStore
import Foundation
import Hummingbird

/// A respondent's private link: `/r/TOKEN` (the questionnaire), `/r/TOKEN/report` (the diagnostic)
/// and its downloads. The link is the respondent's only key: it opens their organisation's answers
/// and no other's.
extension WebServer {
    func addRespondentRoutes(to router: Router<BasicRequestContext>) {
        router.get("/r/:token") { request, context -> Response in
            let token = context.parameters.get("token") ?? ""
            let saved = request.uri.queryParameters["saved"] != nil
            let page = QuestionnairePage.Page(query: request.uri.queryParameters["page"].map(String.init))
            // Arriving from an open link: the respondent has no e-mail holding their link; show it to keep.
            let welcome =
                request.uri.queryParameters["welcome"] == nil
                ? nil : (self.secureCookies ? "https://" : "http://") + (Self.host(of: request) ?? "localhost") + "/r/" + token
            return try await self.respond {
                try self.questionnairePage(token: token, page: page, saved: saved, welcome: welcome)
            }
        }
        router.post("/r/:token") { request, context -> Response in
            let token = context.parameters.get("token") ?? ""
            switch try await self.form(request) {
            case .failure(let refusal): return refusal.response
            case .success(let form): return try await self.respond { try self.save(token: token, form: form) }
            }
        }
        router.get("/r/:token/report") { request, context -> Response in
            let token = context.parameters.get("token") ?? ""
            let print = request.uri.queryParameters["print"] != nil
            return try await self.respond { try self.report(token: token, format: nil, print: print) }
        }
        router.get("/r/:token/report.html") { _, context -> Response in
            let token = context.parameters.get("token") ?? ""
            return try await self.respond { try self.report(token: token, format: .html) }
        }
        router.get("/r/:token/report.md") { _, context -> Response in
            let token = context.parameters.get("token") ?? ""
            return try await self.respond { try self.report(token: token, format: .md) }
        }
    }

    /// What a link opens: the invitation, its campaign, the typology it answers for.
    struct Opened {
        let invitation: StoredInvitation
        let campaign: LoadedCampaign
        let typology: Typology
        let respondent: Respondent
        /// What this respondent stored, if anything: read as it is, its answers parsed only when asked
        /// for (a save of every page keeps none of them).
        let stored: StoredResponse?

        var closed: Bool { campaign.info.closedAt != nil }

        /// The answers stored, with their details, by question id.
        var storedAnswers: [String: RawAnswer] {
            guard let stored, let raw = StoredResponseReader.raw(profileJSON: "{}", answersJSON: stored.answersJSON) else {
                return [:]
            }
            return Dictionary(raw.answers.map { ($0.questionID, $0) }, uniquingKeysWith: { first, _ in first })
        }
    }

    /// What the link `token` opens; the page that says why it opens nothing is thrown as a `ResponseError`.
    func opened(_ token: String) throws -> Opened {
        guard let invitation = try store.invitation(token: token) else {
            throw ResponseError(
                page(
                    .notFound, title: text("Lien inconnu", "Unknown link"),
                    message: text(
                        "Ce lien ne correspond à aucune invitation : vérifiez qu'il est complet, ou demandez-en un nouveau à votre conseiller.",
                        "This link matches no invitation: check it is complete, or ask your advisor for a new one.")))
        }
        if invitation.revokedAt != nil {
            throw ResponseError(
                page(
                    .gone, title: text("Lien révoqué", "Link revoked"),
                    message: text(
                        "Ce lien a été révoqué : demandez-en un nouveau à votre conseiller.",
                        "This link was revoked: ask your advisor for a new one.")))
        }
        return try opened(invitation)
    }

    /// The campaign and typology of `invitation`, and what its respondent stored.
    func opened(_ invitation: StoredInvitation) throws -> Opened {
        guard let info = try store.campaign(id: invitation.campaignID, counting: false) else {
            throw StoreError(.unknownCampaign(String(invitation.campaignID), known: []), path: store.path)
        }
        let campaign = try loaded(info)
        guard let typology = campaign.questionnaire.typology(invitation.invitation.typology) else {
            throw StoreError(.storedQuestionnaireUnreadable(invitation.invitation.typology), path: store.path)
        }
        let invited = Respondent(invitation.invitation, questionnaire: campaign.questionnaire)
        var stored: StoredResponse?
        if let identity = invited.identity {
            let rows = try store.storedResponses(campaign: info, organisationKeys: [identity.organisationKey])
            stored = rows.first { $0.respondentKey == identity.respondentKey }
        }
        let profile = stored.flatMap { StoredResponseReader.raw(profileJSON: $0.profileJSON, answersJSON: "{}")?.profile }
        return Opened(
            invitation: invitation, campaign: campaign, typology: typology,
            respondent: profile.map {
                Respondent(invitation.invitation, questionnaire: campaign.questionnaire, given: $0)
            } ?? invited,
            stored: stored)
    }

    /// A link's respondent: the profile, as the invitation gives it and the respondent completed
    /// it, checked once, and who it is.
    struct Respondent {
        let raw: [(field: String, value: RawValue)]
        let profile: [String: ProfileValue]
        /// Who answers: the organisation of the invitation, and the respondent key its e-mail gives
        /// (or none), whatever name or role the respondent gives, so that their answers stay theirs.
        let identity: RespondentIdentity?
        /// The profile fields the invitation fixes.
        let locked: Set<String>

        /// The respondent of `invitation`, with the profile fields they gave (`given`, typed or
        /// stored) in place of the invitation's, but for the fields the invitation fixes.
        init(
            _ invitation: Invitation, questionnaire: Questionnaire, given: [(field: String, value: RawValue)]? = nil
        ) {
            let values = invitation.profileTexts
            let organisation =
                questionnaire.profileFields.first { $0.id == "organisation" }
                ?? questionnaire.profileFields.first { $0.kind == .text && $0.required }
            locked = Set(
                questionnaire.profileFields.filter { field in
                    field.kind == .typology || field.id == organisation?.id || field.id == "code"
                        || (field.id == "email" && values["email"] != nil)
                }.map(\.id))
            let invited = questionnaire.profileFields.compactMap { field in
                values[field.id].map { (field: field.id, value: RawValue.scalar($0)) }
            }
            let checker = ResponseChecker(questionnaire: questionnaire)
            let key = checker.check(RawResponse(profile: invited, answers: [])).response
                .flatMap { RespondentIdentity(response: $0, questionnaire: questionnaire) }?.respondentKey
            if let given {
                let byField = Dictionary(given.map { ($0.field, $0.value) }, uniquingKeysWith: { first, _ in first })
                let locked = locked
                raw = questionnaire.profileFields.compactMap { field in
                    let value = locked.contains(field.id) ? values[field.id].map { RawValue.scalar($0) } : byField[field.id]
                    return value.map { (field: field.id, value: $0) }
                }
            } else {
                raw = invited
            }
            let checked = checker.check(RawResponse(profile: raw, answers: [])).response
            profile =
                checked?.profile
                ?? Dictionary(
                    raw.compactMap { entry in
                        if case .scalar(let text) = entry.value { return (entry.field, ProfileValue.text(text)) }
                        return nil
                    }, uniquingKeysWith: { first, _ in first })
            var identity = checked.flatMap { RespondentIdentity(response: $0, questionnaire: questionnaire) }
            if let key { identity?.respondentKey = key }
            self.identity = identity
        }

        /// The profile as text by field id, for the form.
        var texts: [String: String] {
            Dictionary(
                raw.compactMap { entry in
                    if case .scalar(let text) = entry.value { return (entry.field, text) }
                    return nil
                }, uniquingKeysWith: { first, _ in first })
        }
    }

    /// The scope of a link's forms, for their anti-forgery token.
    static func scope(link token: String) -> String { "respondent:" + InvitationToken.hash(token) }

    private func questionnairePage(
        token: String, page shown: QuestionnairePage.Page, saved: Bool, welcome: String? = nil
    ) throws -> Response {
        let opened = try opened(token)
        var page = QuestionnairePage(
            questionnaire: opened.campaign.questionnaire, typology: opened.typology, profile: opened.respondent.profile,
            profileTexts: opened.respondent.texts, locked: opened.respondent.locked, answers: opened.storedAnswers,
            errors: [:], generalErrors: [], language: language,
            mode: opened.closed ? .closed : .answering(action: "/r/\(token)", csrf: forms.token(for: Self.scope(link: token))),
            reportLink: "/r/\(token)/report", progress: opened.invitation.progress, saved: saved)
        page.page = opened.closed ? .all : shown
        var context = page.context()
        if let welcome { context["welcome"] = welcome }
        return Self.html(.ok, render("web-questionnaire.html", context))
    }

    /// The answers of a posted form, by question id: options, numbers and text as given, a special
    /// answer when ticked, a grid's rows; each with its justification, evidence and "not sure" mark.
    /// Details given without an answer are kept, with an empty value, so that the check reports them.
    private func answers(_ form: FormBody, questionnaire: Questionnaire) -> [RawAnswer] {
        questionnaire.questions.compactMap { question -> RawAnswer? in
            let justification = form.value("j.\(question.id)")?.trimmed
            let evidence = (form.value("v.\(question.id)") ?? "").split(whereSeparator: \.isNewline)
                .map { String($0).trimmed }.filter { !$0.isEmpty }
            let confidence: Confidence? = form.value("c.\(question.id)") == Confidence.unsure.rawValue ? .unsure : nil
            func answer(_ value: RawValue) -> RawAnswer {
                RawAnswer(
                    questionID: question.id, value: value, justification: justification?.isEmpty == false ? justification : nil,
                    evidence: evidence, confidence: confidence)
            }
            let none =
                ResponseChecker.detailsSaySomething(
                    justification: justification, evidence: evidence, confidence: confidence) ? answer(.scalar("")) : nil
            if let special = form.value("s.\(question.id)"), !special.isEmpty { return answer(.scalar(special)) }
            switch question.kind {
            case .multiple:
                let chosen = form.values("a.\(question.id)")
                guard !chosen.isEmpty else { return none }
                return answer(
                    chosen.count == 1 && SpecialAnswerKind(rawValue: chosen[0]) != nil ? .scalar(chosen[0]) : .list(chosen))
            case .grid:
                let rows = form.fields(prefixed: "a.\(question.id).")
                guard !rows.isEmpty else { return none }
                return answer(.mapping(Dictionary(rows.map { ($0.name, $0.value) }, uniquingKeysWith: { _, last in last })))
            default:
                guard let given = form.value("a.\(question.id)"), !given.trimmed.isEmpty else { return none }
                return answer(.scalar(given))
            }
        }
    }

    /// The profile of a posted form: the fields the invitation fixes as it gives them, the others as
    /// typed; or, when the form does not carry the profile (another page), the profile as it stands.
    private func profile(_ form: FormBody, opened: Opened) -> [(field: String, value: RawValue)] {
        guard form.value("profile") != nil else { return opened.respondent.raw }
        let questionnaire = opened.campaign.questionnaire
        let locked = opened.respondent.locked
        let kept = Dictionary(opened.respondent.raw.map { ($0.field, $0.value) }, uniquingKeysWith: { first, _ in first })
        return questionnaire.profileFields.compactMap { field in
            if locked.contains(field.id) || field.kind == .typology { return kept[field.id].map { (field.id, $0) } }
            guard let typed = form.value("p.\(field.id)")?.trimmed, !typed.isEmpty else { return nil }
            return (field.id, .scalar(typed))
        }
    }

    /// Saves a posted form (`action=submit` also submits it), or shows it again with its errors.
    private func save(token: String, form: FormBody) throws -> Response {
        let opened = try opened(token)
        guard forms.accepts(form.value("csrf"), for: Self.scope(link: token)) else { throw forgedForm() }
        if opened.closed { throw StoreError(.campaignClosed(opened.campaign.info.name), path: store.path) }
        let action = form.value("action")
        let submitting = action == "submit"
        let questionnaire = opened.campaign.questionnaire
        // A page's form carries its own questions only: the answers of the other pages are kept as stored.
        let page = form.value("page").flatMap { Int($0) }
        let groups = QuestionnairePage.groups(questionnaire, language: language)
        var given = answers(form, questionnaire: questionnaire)
        if let page {
            guard groups.indices.contains(page) else { throw unreadableForm() }
            let onPage = Set(groups[page].questions.map(\.id))
            given = given.filter { onPage.contains($0.questionID) }
            let kept = opened.storedAnswers.filter { !onPage.contains($0.key) }
            let byID = Dictionary(given.map { ($0.questionID, $0) }, uniquingKeysWith: { first, _ in first })
            given = questionnaire.questions.compactMap { question in byID[question.id] ?? kept[question.id] }
        }
        let profile = profile(form, opened: opened)
        let respondent =
            form.value("profile") == nil
            ? opened.respondent : Respondent(opened.invitation.invitation, questionnaire: questionnaire, given: profile)
        let checked = Self.entry(
            RawResponse(questionnaireID: questionnaire.id, profile: profile, answers: given),
            questionnaire: questionnaire, source: "web:invitation-\(opened.invitation.id)", language: language,
            respondentKey: respondent.identity?.respondentKey, detailsNeedAnswer: true)
        guard let entry = checked.entry else {
            let view = QuestionnairePage(
                questionnaire: questionnaire, typology: opened.typology, profile: respondent.profile,
                profileTexts: respondent.texts, locked: respondent.locked,
                answers: Dictionary(given.map { ($0.questionID, $0) }, uniquingKeysWith: { first, _ in first }),
                errors: checked.errors, profileErrors: checked.profile, generalErrors: checked.general, language: language,
                mode: .answering(action: "/r/\(token)", csrf: forms.token(for: Self.scope(link: token))),
                reportLink: "/r/\(token)/report", progress: opened.invitation.progress, saved: false,
                page: page.map { .group($0) } ?? .all)
            return Self.html(.unprocessableContent, render("web-questionnaire.html", view.context()))
        }
        _ = try store.storeWebSave(
            entry, campaign: opened.campaign.info, invitation: opened.invitation.id, submitted: submitting, now: Date())
        if submitting { return Self.redirect("/r/\(token)/report") }
        guard let page else { return Self.redirect("/r/\(token)?page=all&saved") }
        return Self.redirect("/r/\(token)?page=\(action == "next" ? page + 1 : page)" + (action == "next" ? "" : "&saved"))
    }

    /// A response checked and scored, ready to store; or its errors, by question, by profile field
    /// and about the rest. `respondentKey`, when given, is who answers within the organisation
    /// (an invitation's, whatever name the profile gives). With `detailsNeedAnswer`, a justification,
    /// evidence or mark given without an answer is an error rather than a warning: a form shows it
    /// again, where a file's import would drop it.
    static func entry(
        _ raw: RawResponse, questionnaire: Questionnaire, source: String, language: Language,
        respondentKey: String? = nil, detailsNeedAnswer: Bool = false
    ) -> (entry: ImportEntry?, errors: [String: String], profile: [String: String], general: [String]) {
        let (response, issues) = ResponseChecker(questionnaire: questionnaire).check(raw)
        var errors: [String: String] = [:]
        var profile: [String: String] = [:]
        var general: [String] = []
        for issue in issues {
            switch (issue.subject, issue.reason) {
            case (.answer(let id), .detailsWithoutAnswer) where detailsNeedAnswer:
                errors[id] =
                    errors[id]
                    ?? language.pick(
                        "Une précision est donnée sans réponse : choisissez une réponse (au besoin « Je ne sais pas ») pour qu'elle soit enregistrée.",
                        "Details are given without an answer: choose an answer (\"Don't know\" if need be) for them to be saved.")
            case _ where issue.severity != .error: continue
            case (.answer(let id), _): errors[id] = errors[id] ?? issue.message(language)
            case (.profile(let id), _): profile[id] = profile[id] ?? issue.message(language)
            default: general.append(issue.message(language))
            }
        }
        guard let response, errors.isEmpty, profile.isEmpty, general.isEmpty,
            var identity = RespondentIdentity(response: response, questionnaire: questionnaire),
            let card = try? Scorer(questionnaire: questionnaire).score(response)
        else { return (nil, errors, profile, general) }
        if let respondentKey { identity.respondentKey = respondentKey }
        return (
            ImportEntry(response: response, identity: identity, card: card, questionnaire: questionnaire, source: source),
            errors, profile, general
        )
    }

    /// The diagnostic of a link's organisation: on screen with its downloads (`format` nil), or as
    /// a file to download.
    private func report(token: String, format: ReportFormat?, print: Bool = false) throws -> Response {
        let opened = try opened(token)
        let links = [
            ReportLink(label: text("← Mes réponses", "← My answers"), href: "/r/\(token)"),
            ReportLink(label: text("Télécharger (HTML)", "Download (HTML)"), href: "/r/\(token)/report.html"),
            ReportLink(label: text("Télécharger (Markdown)", "Download (Markdown)"), href: "/r/\(token)/report.md"),
            ReportLink(label: text("Version imprimable (PDF)", "Printable version (PDF)"), href: "/r/\(token)/report?print"),
        ]
        let other = LanguageMiddleware.other(than: language)
        let switchLink = LanguageMiddleware.address(in: other.language).map { [ReportLink(label: other.name, href: $0)] } ?? []
        return try diagnostic(opened, format: format, links: format == nil && !print ? links + switchLink : [])
    }

    /// The diagnostic of `opened`'s organisation (all its respondents combined), with its plan when
    /// a catalogue applies, saying which version of this respondent's answers it reads.
    func diagnostic(_ opened: Opened, format: ReportFormat?, links: [ReportLink]) throws -> Response {
        let campaign = opened.campaign
        guard let identity = opened.respondent.identity,
            try !store.storedResponses(campaign: campaign.info, organisationKeys: [identity.organisationKey]).isEmpty
        else {
            return page(
                .notFound, title: text("Pas encore de diagnostic", "No diagnostic yet"),
                message: text(
                    "Enregistrez d'abord vos réponses : le diagnostic s'écrit à partir d'elles.",
                    "Save your answers first: the diagnostic is written from them."))
        }
        let summaries = try store.summaries(campaign: campaign.info, questionnaire: campaign.questionnaire)
        var input = try ReportInputs(source: source).individual(
            campaign: campaign, key: identity.organisationKey, summaries: summaries, minimumGroupSize: 5)
        if let actions = try catalogue(campaign.questionnaire) {
            let change = input.change
            input.plan = try PlanInputs(source: source).plan(
                campaign: campaign, key: identity.organisationKey, respondents: input.respondents, catalogue: actions,
                extraTargets: [:], maximum: nil, change: { change }
            ).input
        }
        input.edition = edition(opened.invitation.progress)
        input.links = links
        let rendered = try renderer.individual(input, format: format ?? .html)
        guard let format else { return Self.html(.ok, rendered) }
        let name = input.profile.map { FileNames().name(for: $0, extension: format.rawValue) } ?? "diagnostic.\(format.rawValue)"
        return Self.download(
            rendered, name: name, type: format == .html ? "text/html; charset=utf-8" : "text/markdown; charset=utf-8")
    }

    /// "version 2, soumise le …", or "brouillon enregistré le …".
    func edition(_ progress: InvitationProgress) -> String? {
        switch progress.stage {
        case .notStarted: return nil
        case .started where progress.version == 0:
            return text(
                "brouillon non soumis, enregistré le \(Self.day(progress.savedAt))",
                "draft not submitted, saved on \(Self.day(progress.savedAt))")
        case .started:
            return text(
                "version \(progress.version) soumise le \(Self.day(progress.submittedAt)), modifiée depuis le \(Self.day(progress.savedAt)) sans être soumise à nouveau",
                "version \(progress.version) submitted on \(Self.day(progress.submittedAt)), changed since on \(Self.day(progress.savedAt)) without being submitted again"
            )
        case .submitted:
            return text(
                "version \(progress.version) soumise le \(Self.day(progress.submittedAt))",
                "version \(progress.version) submitted on \(Self.day(progress.submittedAt))")
        }
    }

    /// The day of an ISO 8601 time.
    static func day(_ time: String?) -> String { String((time ?? "").prefix(10)) }
}
