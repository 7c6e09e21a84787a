import DiagnosticCore
import DiagnosticDefinitions
import DiagnosticPipeline
import DiagnosticReports
import DiagnosticStore
import Foundation
import Hummingbird

/// `od4g serve`: respondents answer through their private link (`od4g invite`) and read their
/// diagnostic at once. The answers land in the campaign's tables, as an import's do.
public struct WebServer: Sendable {
    /// Where campaigns are read and answers stored.
    public let source: CampaignSource
    /// Renders the diagnostics.
    public let renderer: ReportRenderer

    /// The largest form body read: far more than a questionnaire's answers.
    static let bodyLimit = 1 << 20

    /// A server over `source`.
    public init(source: CampaignSource, renderer: ReportRenderer) {
        self.source = source
        self.renderer = renderer
    }

    /// The routes.
    public func router() -> Router<BasicRequestContext> {
        let router = Router()
        router.get("/r/:token") { request, context -> Response in
            let (token, saved) = (context.parameters.get("token") ?? "", request.uri.query == "saved")
            return try await self.respond { try self.questionnairePage(token: token, saved: saved) }
        }
        router.post("/r/:token") { request, context -> Response in
            let token = context.parameters.get("token") ?? ""
            guard let buffer = try? await request.body.collect(upTo: Self.bodyLimit) else {
                return Self.page(.contentTooLarge, title: self.text("Réponses trop longues", "Answers too long"))
            }
            let body = String(buffer: buffer)
            return try await self.respond { try self.save(token: token, body: body) }
        }
        router.get("/r/:token/report") { _, context -> Response in
            let token = context.parameters.get("token") ?? ""
            return try await self.respond { try self.report(token: token) }
        }
        return router
    }

    /// Serves on `host:port` until stopped.
    public func run(host: String, port: Int) async throws {
        let app = Application(router: router(), configuration: .init(address: .hostname(host, port: port)))
        try await app.runService()
    }

    private var language: Language { source.language }

    private func text(_ french: String, _ english: String) -> String { language.pick(french, english) }

    /// The threads the store's synchronous calls run on, so that they never hold Swift's
    /// cooperative threads (a write waiting for another writer could otherwise stall every request).
    static let storeQueue = DispatchQueue(label: "od4g.web.store", attributes: .concurrent)

    /// Runs `body` on `storeQueue`; store errors become a page with the store's message, never a stack trace.
    private func respond(_ body: @escaping @Sendable () throws -> Response) async throws -> Response {
        try await withCheckedThrowingContinuation { continuation in
            Self.storeQueue.async { continuation.resume(with: Result { try self.pageOrError(body) }) }
        }
    }

    private func pageOrError(_ body: () throws -> Response) throws -> Response {
        do {
            return try body()
        } catch let error as StoreError {
            return Self.page(
                .serviceUnavailable, title: text("Service indisponible", "Service unavailable"), message: error.message(language))
        } catch let error as PipelineError {
            return Self.page(.internalServerError, title: text("Erreur", "Error"), message: error.message(language))
        } catch let error as ReportError {
            return Self.page(.internalServerError, title: text("Erreur", "Error"), message: error.message(language))
        }
    }

    /// The invitation, campaign and typology a link opens, or the page that says why it opens none.
    private func opened(_ token: String) throws -> Result<(StoredInvitation, LoadedCampaign, Typology), ResponseError> {
        guard let invitation = try source.database.invitation(token: token) else {
            return .failure(
                ResponseError(
                    Self.page(
                        .notFound, title: text("Lien inconnu", "Unknown link"),
                        message: text(
                            "Ce lien ne correspond à aucune invitation : vérifiez qu'il est complet, ou demandez-en un nouveau à votre conseiller.",
                            "This link matches no invitation: check it is complete, or ask your advisor for a new one."))))
        }
        if invitation.revokedAt != nil {
            return .failure(
                ResponseError(
                    Self.page(
                        .gone, title: text("Lien révoqué", "Link revoked"),
                        message: text(
                            "Ce lien a été révoqué : demandez-en un nouveau à votre conseiller.",
                            "This link was revoked: ask your advisor for a new one."))))
        }
        guard let info = try source.database.campaigns().first(where: { $0.id == invitation.campaignID }) else {
            throw StoreError(.unknownCampaign(String(invitation.campaignID), known: []), path: source.database.path)
        }
        let campaign = try source.campaign(named: info.name)
        guard let typology = campaign.questionnaire.typology(invitation.invitation.typology) else {
            throw StoreError(.storedQuestionnaireUnreadable(invitation.invitation.typology), path: source.database.path)
        }
        return .success((invitation, campaign, typology))
    }

    /// A page to answer with instead of the one asked for.
    struct ResponseError: Error {
        let response: Response
        init(_ response: Response) { self.response = response }
    }

    /// A link's respondent: the profile the invitation gives, as written and checked once, and who it is.
    struct Respondent {
        let raw: [(field: String, value: RawValue)]
        let profile: [String: ProfileValue]
        let identity: RespondentIdentity?

        init(_ invitation: Invitation, questionnaire: Questionnaire) {
            let values = invitation.profileTexts
            raw = questionnaire.profileFields.compactMap { field in values[field.id].map { (field.id, RawValue.scalar($0)) } }
            let checked = ResponseChecker(questionnaire: questionnaire).check(RawResponse(profile: raw, answers: [])).response
            profile =
                checked?.profile
                ?? Dictionary(
                    raw.compactMap { entry in
                        if case .scalar(let text) = entry.value { return (entry.field, ProfileValue.text(text)) }
                        return nil
                    }, uniquingKeysWith: { first, _ in first })
            identity = checked.flatMap { RespondentIdentity(response: $0, questionnaire: questionnaire) }
        }
    }

    private func questionnairePage(token: String, saved: Bool) throws -> Response {
        let (invitation, campaign, typology): (StoredInvitation, LoadedCampaign, Typology)
        switch try opened(token) {
        case .failure(let error): return error.response
        case .success(let opened): (invitation, campaign, typology) = opened
        }
        let questionnaire = campaign.questionnaire
        let respondent = Respondent(invitation.invitation, questionnaire: questionnaire)
        let stored = try storedAnswers(respondent, campaign: campaign)
        let page = QuestionnairePage(
            questionnaire: questionnaire, typology: typology, profile: respondent.profile,
            answers: stored, errors: [:], generalErrors: [], language: language, action: "/r/\(token)", saved: saved)
        return Self.html(.ok, page.render())
    }

    /// The answers this respondent stored, as raw values by question id.
    private func storedAnswers(_ respondent: Respondent, campaign: LoadedCampaign) throws -> [String: RawValue] {
        guard let identity = respondent.identity else { return [:] }
        let stored = try source.database.storedResponses(campaign: campaign.info, organisationKeys: [identity.organisationKey])
        guard let mine = stored.first(where: { $0.respondentKey == identity.respondentKey }),
            let raw = StoredResponseReader.raw(profileJSON: mine.profileJSON, answersJSON: mine.answersJSON)
        else { return [:] }
        return Dictionary(raw.answers.map { ($0.questionID, $0.value) }, uniquingKeysWith: { first, _ in first })
    }

    /// The answers of a posted form, by question id: options, numbers and text as given, a special
    /// answer when ticked, a grid's rows.
    private func answers(_ form: FormBody, questionnaire: Questionnaire) -> [RawAnswer] {
        questionnaire.questions.compactMap { question -> RawAnswer? in
            if let special = form.value("s.\(question.id)"), !special.isEmpty {
                return RawAnswer(questionID: question.id, value: .scalar(special))
            }
            let value: RawValue
            switch question.kind {
            case .multiple:
                let chosen = form.values("a.\(question.id)")
                guard !chosen.isEmpty else { return nil }
                value = chosen.count == 1 && SpecialAnswerKind(rawValue: chosen[0]) != nil ? .scalar(chosen[0]) : .list(chosen)
            case .grid:
                let rows = form.fields(prefixed: "a.\(question.id).")
                guard !rows.isEmpty else { return nil }
                value = .mapping(Dictionary(rows.map { ($0.name, $0.value) }, uniquingKeysWith: { _, last in last }))
            default:
                guard let given = form.value("a.\(question.id)"), !given.trimmed.isEmpty else { return nil }
                value = .scalar(given)
            }
            return RawAnswer(questionID: question.id, value: value)
        }
    }

    private func save(token: String, body: String) throws -> Response {
        let (invitation, campaign, typology): (StoredInvitation, LoadedCampaign, Typology)
        switch try opened(token) {
        case .failure(let error): return error.response
        case .success(let opened): (invitation, campaign, typology) = opened
        }
        guard let form = FormBody(body) else {
            return Self.page(
                .badRequest, title: text("Formulaire illisible", "Unreadable form"),
                message: text(
                    "Le formulaire envoyé n'est pas lisible : rechargez la page et recommencez.",
                    "The form sent cannot be read: reload the page and try again."))
        }
        let questionnaire = campaign.questionnaire
        let respondent = Respondent(invitation.invitation, questionnaire: questionnaire)
        let given = answers(form, questionnaire: questionnaire)
        let (response, issues) = ResponseChecker(questionnaire: questionnaire).check(
            RawResponse(questionnaireID: questionnaire.id, profile: respondent.raw, answers: given))
        var errors: [String: String] = [:]
        var general: [String] = []
        for issue in issues where issue.severity == .error {
            if case .answer(let id) = issue.subject {
                errors[id] = errors[id] ?? issue.message(language)
            } else {
                general.append(issue.message(language))
            }
        }
        guard let response, errors.isEmpty, general.isEmpty,
            let identity = RespondentIdentity(response: response, questionnaire: questionnaire),
            let card = try? Scorer(questionnaire: questionnaire).score(response)
        else {
            let page = QuestionnairePage(
                questionnaire: questionnaire, typology: typology, profile: respondent.profile,
                answers: Dictionary(given.map { ($0.questionID, $0.value) }, uniquingKeysWith: { first, _ in first }),
                errors: errors, generalErrors: general, language: language, action: "/r/\(token)", saved: false)
            return Self.html(.unprocessableContent, page.render())
        }
        let entry = ImportEntry(
            response: response, identity: identity, card: card, questionnaire: questionnaire,
            source: "web:invitation-\(invitation.id)")
        _ = try source.database.importing(
            campaign: campaign.info.name, period: campaign.info.period, questionnaire: questionnaire,
            questionnaireText: campaign.text
        ) { batch in
            try batch.store(entry)
            return true
        }
        return Response(status: .seeOther, headers: [.location: "/r/\(token)?saved"])
    }

    private func report(token: String) throws -> Response {
        let (invitation, campaign): (StoredInvitation, LoadedCampaign)
        switch try opened(token) {
        case .failure(let error): return error.response
        case .success(let opened): (invitation, campaign) = (opened.0, opened.1)
        }
        let questionnaire = campaign.questionnaire
        guard let identity = Respondent(invitation.invitation, questionnaire: questionnaire).identity,
            try !source.database.storedResponses(campaign: campaign.info, organisationKeys: [identity.organisationKey])
                .isEmpty
        else {
            return Self.page(
                .notFound, title: text("Pas encore de diagnostic", "No diagnostic yet"),
                message: text(
                    "Enregistrez d'abord vos réponses : le diagnostic s'écrit à partir d'elles.",
                    "Save your answers first: the diagnostic is written from them."))
        }
        let summaries = try source.database.summaries(campaign: campaign.info, questionnaire: questionnaire)
        let input = try ReportInputs(source: source).individual(
            campaign: campaign, key: identity.organisationKey, summaries: summaries, minimumGroupSize: 5)
        return Self.html(.ok, try renderer.individual(input, format: .html))
    }

    static func html(_ status: HTTPResponse.Status, _ text: String) -> Response {
        Response(
            status: status, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    /// A short page that says what happened.
    static func page(_ status: HTTPResponse.Status, title: String, message: String = "") -> Response {
        html(
            status,
            """
            <!DOCTYPE html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(Escaping.html(title))</title></head><body><main><h1>\(Escaping.html(title))</h1><p>\(Escaping.html(message))</p></main></body></html>
            """)
    }
}
