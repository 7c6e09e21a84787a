import DiagnosticCore
import DiagnosticPipeline
import DiagnosticReports
import DiagnosticStore
import DiagnosticTestSupport
import DiagnosticWeb
import Foundation
import Hummingbird
import HummingbirdTesting

/// A server over an in-memory campaign `web` of the mini questionnaire, with two invited
/// organisations and an advisor account (`conseil`, password `mot-de-passe-12`).
struct WebFixture {
    let application: Application<RouterResponder<BasicRequestContext>>
    let database: CampaignDatabase
    /// Links' tokens: Pays Test (cc, 55), then Commune B (commune, 57).
    let tokens: [String]

    static let password = "mot-de-passe-12"

    init(today: (@Sendable () -> String)? = nil) throws {
        let questionnaire = try Fixtures.mini()
        let text = try String(contentsOfFile: Fixtures.path("mini.yaml"), encoding: .utf8)
        database = try CampaignDatabase.inMemory()
        tokens = [InvitationToken.make(), InvitationToken.make()]
        try database.invite(
            [
                (Invitation(organisation: "Pays Test", typology: "cc", population: 22_000, departement: "55"), tokens[0]),
                (Invitation(organisation: "Commune B", typology: "commune", population: 800, departement: "57"), tokens[1]),
            ],
            campaign: "web", period: nil, questionnaire: questionnaire, questionnaireText: text, now: Date())
        // Cost 4: the tests check the logic, not bcrypt's slowness.
        try database.addAdvisor(
            name: "conseil", passwordHash: Passwords.hash(Self.password, cost: 4), role: "advisor", now: Date())
        let renderer = ReportRenderer(
            templates: try ReportTemplates(folder: Fixtures.repository("Reports/templates")), language: .fr, date: "2026-12-02")
        let server = try WebServer(
            source: CampaignSource(database: database, language: .fr), store: database, renderer: renderer, today: today)
        application = Application(router: server.router())
    }

    static let form: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]

    /// The anti-forgery token of the first form of `page`.
    static func csrf(_ page: String) -> String {
        guard let range = page.range(of: "name=\"csrf\" value=\"") else { return "" }
        return String(page[range.upperBound...].prefix { $0 != "\"" })
    }

    /// `fields` as a form body.
    static func body(_ fields: [(String, String)]) -> ByteBuffer {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._")
        return ByteBuffer(
            string: fields.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")" }.joined(
                separator: "&"))
    }

    /// Headers of a form post, with `cookie` when given.
    static func form(cookie: String?) -> HTTPFields {
        var headers = form
        if let cookie { headers[.cookie] = cookie }
        return headers
    }
}

extension TestClientProtocol {
    /// GETs `uri` and gives its status, body and headers.
    func get(_ uri: String, cookie: String? = nil) async throws -> (HTTPResponse.Status, String, HTTPFields) {
        var headers: HTTPFields = [:]
        if let cookie { headers[.cookie] = cookie }
        return try await execute(uri: uri, method: .get, headers: headers) { ($0.status, String(buffer: $0.body), $0.headers) }
    }

    /// POSTs `fields` as a form to `uri`.
    func post(_ uri: String, _ fields: [(String, String)], cookie: String? = nil, headers extra: HTTPFields = [:]) async throws
        -> (HTTPResponse.Status, String, HTTPFields)
    {
        var headers = WebFixture.form(cookie: cookie)
        for field in extra { headers[field.name] = field.value }
        return try await execute(uri: uri, method: .post, headers: headers, body: WebFixture.body(fields)) {
            ($0.status, String(buffer: $0.body), $0.headers)
        }
    }
}
