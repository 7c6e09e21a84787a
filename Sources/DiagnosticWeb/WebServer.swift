import DiagnosticCore
import DiagnosticDefinitions
import DiagnosticPipeline
import DiagnosticReports
import DiagnosticStore
import Foundation
import HTTPTypes
import Hummingbird
import Synchronization

/// `od4g serve`: respondents answer through their private link (`od4g invite`) and read their
/// diagnostic at once; advisors follow their campaigns from a console behind a login. The answers
/// land in the campaign's tables, as an import's do.
public struct WebServer: Sendable {
    /// Where campaigns are read and answers stored, in the server's own language.
    public let defaultSource: CampaignSource
    /// The same database, for what only the web keeps: accounts, sessions, the forms' secret,
    /// what respondents did with their links.
    public let store: CampaignDatabase
    /// Renders the diagnostics, in the server's own language.
    public let defaultRenderer: ReportRenderer
    /// The support-action catalogue of a questionnaire, when one applies (for the plan and the demand).
    public let catalogue: @Sendable (Questionnaire) throws -> ActionCatalogue?
    /// Whether cookies are marked `Secure`: when the server is reached over TLS (behind a proxy).
    public let secureCookies: Bool
    /// The date a report is issued on (`yyyy-MM-dd`), asked at each report: a server runs for days.
    /// `nil`: the renderer's own date.
    public let today: (@Sendable () -> String)?

    /// The pages' templates.
    let pages: WebTemplates
    let forms: FormGuard
    let throttle = LoginThrottle()
    let questionnaires = QuestionnaireCache()

    /// The largest form body read: far more than a questionnaire's answers.
    static let bodyLimit = 1 << 20
    /// How long an advisor's session lasts.
    static let sessionLifetime: TimeInterval = 8 * 3600

    /// A server over `source`, whose database is `store`.
    public init(
        source: CampaignSource, store: CampaignDatabase, renderer: ReportRenderer,
        catalogue: @escaping @Sendable (Questionnaire) throws -> ActionCatalogue? = { _ in nil }, secureCookies: Bool = false,
        today: (@Sendable () -> String)? = nil
    ) throws {
        pages = try WebTemplates(renderer.templates)
        defaultSource = source
        self.store = store
        defaultRenderer = renderer
        self.catalogue = catalogue
        self.secureCookies = secureCookies
        self.today = today
        forms = FormGuard(secret: try store.webSecret())
    }

    /// The routes.
    public func router() -> Router<BasicRequestContext> {
        let router = Router()
        router.add(middleware: LanguageMiddleware(secureCookies: secureCookies))
        router.get("/") { _, _ in Response(status: .seeOther, headers: [.location: "/console"]) }
        router.get("/favicon.ico") { _, _ in Response(status: .noContent) }
        addRespondentRoutes(to: router)
        addOpenLinkRoutes(to: router)
        addAdvisorRoutes(to: router)
        return router
    }

    /// Serves on `host:port` until stopped.
    public func run(host: String, port: Int) async throws {
        let app = Application(router: router(), configuration: .init(address: .hostname(host, port: port)))
        try await app.runService()
    }

    /// The language of the request being answered: the one its user chose (`?lang=`, then kept in
    /// a cookie), else the server's.
    var language: Language { Self.requestLanguage ?? defaultSource.language }

    /// Where campaigns are read, in the request's language.
    public var source: CampaignSource { defaultSource.speaking(language) }

    /// The diagnostics' renderer, in the request's language, dated today.
    public var renderer: ReportRenderer {
        let renderer = defaultRenderer.speaking(language)
        return today.map { renderer.dated($0()) } ?? renderer
    }

    /// The language the user of the request being answered chose, if any.
    @TaskLocal static var requestLanguage: Language?
    /// The path and query of the request being answered, but for its `lang`: where the language switch leads.
    @TaskLocal static var requestTarget: String?

    func text(_ french: String, _ english: String) -> String { language.pick(french, english) }

    /// The threads the store's synchronous calls run on, so that they never hold Swift's
    /// cooperative threads (a write waiting for another writer could otherwise stall every request).
    static let storeQueue = DispatchQueue(label: "od4g.web.store", attributes: .concurrent)

    /// Runs `body` on `storeQueue`; store errors become a page with the store's message, never a stack trace.
    func respond(_ body: @escaping @Sendable () throws -> Response) async throws -> Response {
        let (language, target) = (Self.requestLanguage, Self.requestTarget)
        return try await withCheckedThrowingContinuation { continuation in
            Self.storeQueue.async {
                Self.$requestLanguage.withValue(language) {
                    Self.$requestTarget.withValue(target) {
                        continuation.resume(with: Result { try self.pageOrError(body) })
                    }
                }
            }
        }
    }

    private func pageOrError(_ body: () throws -> Response) throws -> Response {
        do {
            return try body()
        } catch let error as ResponseError {
            return error.response
        } catch let error as StoreError {
            if case .campaignClosed = error.reason {
                return page(.conflict, title: text("Campagne close", "Campaign closed"), message: error.message(language))
            }
            return page(
                .serviceUnavailable, title: text("Service indisponible", "Service unavailable"), message: error.message(language))
        } catch let error as PipelineError {
            return page(.internalServerError, title: text("Erreur", "Error"), message: error.message(language))
        } catch let error as ReportError {
            return page(.internalServerError, title: text("Erreur", "Error"), message: error.message(language))
        } catch let error as WebFailure {
            return page(.internalServerError, title: text("Erreur", "Error"), message: error.message)
        } catch {
            // Nothing of an unforeseen error reaches the page: it may hold a path or SQL.
            return page(
                .internalServerError, title: text("Erreur", "Error"),
                message: text(
                    "Une erreur inattendue s'est produite ; rien n'a été modifié.",
                    "An unexpected error occurred; nothing was changed."))
        }
    }

    /// Campaign `info` with its questionnaire, read and parsed once per questionnaire text (by its
    /// SHA-256), not on every request.
    func loaded(_ info: CampaignInfo) throws -> LoadedCampaign {
        if let (questionnaire, text) = questionnaires.get(info.questionnaireSHA256) {
            return LoadedCampaign(info: info, questionnaire: questionnaire, text: text)
        }
        let campaign = try source.campaign(named: info.name)
        questionnaires.put(info.questionnaireSHA256, (campaign.questionnaire, campaign.text))
        return LoadedCampaign(info: info, questionnaire: campaign.questionnaire, text: campaign.text)
    }

    /// A page to answer with instead of the one asked for.
    struct ResponseError: Error {
        let response: Response
        init(_ response: Response) { self.response = response }
    }

    /// The body of a state-changing request, once it is known to come from this site's own form:
    /// 403 for a post from another site, 415 for a body that is not a form, 413 past the limit,
    /// 400 for one that does not decode.
    func form(_ request: Request) async throws -> Result<FormBody, ResponseError> {
        switch FormGuard.refusal(of: request.headers, host: Self.host(of: request)) {
        case .crossSite?:
            return .failure(
                ResponseError(
                    page(
                        .forbidden, title: text("Envoi refusé", "Submission refused"),
                        message: text(
                            "Ce formulaire a été envoyé depuis un autre site : rien n'a été enregistré. Ouvrez la page depuis votre lien et recommencez.",
                            "This form was sent from another site: nothing was saved. Open the page from your link and try again."
                        ))))
        case .notAForm?:
            return .failure(
                ResponseError(
                    page(
                        .unsupportedMediaType, title: text("Envoi illisible", "Unreadable submission"),
                        message: text(
                            "Seuls les formulaires de ces pages sont acceptés (application/x-www-form-urlencoded).",
                            "Only the forms of these pages are accepted (application/x-www-form-urlencoded)."))))
        case nil: break
        }
        guard let buffer = try? await request.body.collect(upTo: Self.bodyLimit) else {
            return .failure(ResponseError(page(.contentTooLarge, title: text("Envoi trop long", "Submission too long"))))
        }
        guard let form = FormBody(String(buffer: buffer)) else { return .failure(unreadableForm()) }
        return .success(form)
    }

    /// The page refusing a form that does not decode, or names what does not exist.
    func unreadableForm() -> ResponseError {
        ResponseError(
            page(
                .badRequest, title: text("Formulaire illisible", "Unreadable form"),
                message: text(
                    "Le formulaire envoyé n'est pas lisible : rechargez la page et recommencez.",
                    "The form sent cannot be read: reload the page and try again.")))
    }

    /// The host and port the request was sent to (HTTP/1.1's `Host`).
    static func host(of request: Request) -> String? { request.head.authority }

    /// The page refusing a form whose anti-forgery token is missing or wrong.
    func forgedForm() -> ResponseError {
        ResponseError(
            page(
                .forbidden, title: text("Formulaire expiré", "Form expired"),
                message: text(
                    "Ce formulaire n'est plus valable ou ne vient pas de ce site : rien n'a été enregistré. Rechargez la page et recommencez.",
                    "This form is no longer valid or does not come from this site: nothing was saved. Reload the page and try again."
                )))
    }

    /// No page sends its address (a private link) to another site; to this site it does, so that
    /// browsers send a real `Origin` with its forms (with `no-referrer` they send "null").
    static let referrerPolicy = HTTPField.Name("Referrer-Policy")

    static func html(_ status: HTTPResponse.Status, _ text: String) -> Response {
        var headers: HTTPFields = [
            .contentType: "text/html; charset=utf-8", .cacheControl: "no-store", .xContentTypeOptions: "nosniff",
            .contentSecurityPolicy: "frame-ancestors 'none'",
        ]
        if let name = referrerPolicy { headers[name] = "same-origin" }
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    /// A file to download, named `name`.
    static func download(_ text: String, name: String, type: String) -> Response {
        Response(
            status: .ok,
            headers: [
                .contentType: type, .cacheControl: "no-store", .xContentTypeOptions: "nosniff",
                .contentDisposition: "attachment; filename=\"\(name)\"",
            ],
            body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    static func redirect(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location, .cacheControl: "no-store"])
    }

    /// A short page that says what happened.
    func page(_ status: HTTPResponse.Status, title: String, message: String = "") -> Response {
        Self.html(status, render("web-message.html", message.isEmpty ? ["title": title] : ["title": title, "message": message]))
    }

    /// Page `name` showing `context`, in the request's language. A template that fails (one edited
    /// into a loop of partials) gives a bare page saying so rather than no answer.
    func render(_ name: String, _ context: [String: Any]) -> String {
        do {
            return try pages.render(name, context, language: language)
        } catch {
            return "<!DOCTYPE html><html lang=\"\(language.rawValue)\"><head><meta charset=\"utf-8\"><title>od4g</title></head>"
                + "<body><p>"
                + text(
                    "Cette page n'a pas pu être écrite à partir de son modèle (web-*.mustache) : prévenez la personne qui gère ce serveur.",
                    "This page could not be written from its template (web-*.mustache): tell whoever runs this server.")
                + "</p></body></html>"
        }
    }
}

/// The questionnaires of the campaigns served, parsed, by the SHA-256 of their text.
final class QuestionnaireCache: Sendable {
    private let entries = Mutex<[String: (Questionnaire, String)]>([:])

    func get(_ sha256: String) -> (Questionnaire, String)? { entries.withLock { $0[sha256] } }

    func put(_ sha256: String, _ entry: (Questionnaire, String)) { entries.withLock { $0[sha256] = entry } }
}

/// An error whose message the server may show as it is (a catalogue that does not load, say).
public struct WebFailure: Error, Sendable {
    /// The message, in the server's language.
    public let message: String

    /// A failure saying `message`.
    public init(message: String) { self.message = message }
}
