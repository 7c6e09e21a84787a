import ArgumentParser
import DiagnosticCore
import DiagnosticPipeline
import DiagnosticReports
import DiagnosticStore
import DiagnosticWeb
import Foundation

/// `od4g serve`: the questionnaire on the web, for the respondents invited with `od4g invite`.
struct Serve: LocalizedCommand {
    static let configuration = CommandConfiguration(
        abstract: "Sert le questionnaire sur le web / Serves the questionnaire on the web.",
        discussion: """
            Chaque organisation invitée (od4g invite) répond par son lien privé et lit son diagnostic aussitôt.
            Each organisation invited (od4g invite) answers through its private link and reads its diagnostic at once.
            """)

    @Option(name: .long, help: "Adresse d'écoute (défaut 127.0.0.1) / Address to listen on (default 127.0.0.1).")
    var host = "127.0.0.1"

    @Option(name: .long, help: "Port (défaut 8080) / Port (default 8080).")
    var port = 8080

    @Option(name: .long, help: "Dossier des modèles de rapport / Report templates folder.")
    var templates: String?

    @Option(name: .long, help: "Catalogue d'actions (défaut : celui du questionnaire) / Support-action catalogue.")
    var catalogue: String?

    @Flag(
        name: .long,
        help:
            "Cookies « Secure » : à donner quand le serveur est joint en HTTPS (derrière un mandataire) / Secure cookies: give it when the server is reached over HTTPS (behind a proxy)."
    )
    var secureCookies = false

    @Flag(
        name: .long,
        help:
            "Démonstration : une campagne d'essai dans une base temporaire, liens et compte affichés / Demo: a trial campaign in a temporary database, links and account printed."
    )
    var demo = false

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var common: CommonOptions

    func validate() throws {
        guard (1...65_535).contains(port) else { throw ValidationError("--port : 1…65535 / --port: 1…65535") }
    }

    func run() throws {
        let language = common.language
        let store = demo ? try demoDatabase(language) : try database.openDatabase(language, concurrentReads: true)
        guard let folder = templates ?? TemplateLocator.locate() else {
            throw CommandFailure(
                status: 1, message: "error: " + ReportError(.templatesNotFound("Reports/templates")).message(language))
        }
        let renderer: ReportRenderer
        do {
            renderer = ReportRenderer(templates: try ReportTemplates(folder: folder), language: language, date: Report.today())
        } catch {
            throw CommandFailure(status: 1, message: "error: " + error.message(language))
        }
        let catalogue = self.catalogue
        let server: WebServer
        do {
            server = try WebServer(
                source: CampaignSource(commandLine: store, language: language), store: store, renderer: renderer,
                catalogue: { questionnaire in
                    do {
                        return try CatalogueLocator(language: language).optional(explicitPath: catalogue, for: questionnaire)
                    } catch let failure as CommandFailure {
                        throw WebFailure(message: failure.message ?? "")
                    }
                }, secureCookies: secureCookies, today: { Report.today() })
        } catch let error as ReportError {
            throw CommandFailure(
                status: 1,
                message: "error: " + error.message(language)
                    + language.pick(
                        " : les pages web s'écrivent à partir des modèles web-*.mustache ; copiez ceux de Reports/templates dans ce dossier",
                        ": the web pages are written from the web-*.mustache templates; copy those of Reports/templates into this folder"
                    ))
        }
        Console.current.print(
            language.pick(
                "od4g serve : http://\(host):\(port)/r/<lien> pour les répondants, http://\(host):\(port)/console pour les conseillers — Ctrl-C pour arrêter",
                "od4g serve: http://\(host):\(port)/r/<link> for respondents, http://\(host):\(port)/console for advisors — Ctrl-C to stop"
            ))
        try Self.blocking { try await server.run(host: host, port: port) }
    }

    /// `--demo`: a new database in a temporary folder, filled with `DemoCampaign`; what to open is printed.
    func demoDatabase(_ language: Language) throws -> CampaignDatabase {
        let folder = NSTemporaryDirectory() + "od4g-demo-" + String(UUID().uuidString.prefix(8))
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let path = folder + "/demo.sqlite"
        let store = try CampaignDatabase.open(path: path, concurrentReads: true)
        let locator = QuestionnaireLocator(language: language)
        let (model, text) = try CampaignQuestionnaire.resolve(
            campaign: DemoCampaign.name, explicitPath: nil, database: store, language: language)
        let made = try DemoCampaign.make(
            in: store, questionnaire: try locator.withSimulation(model, near: nil), text: text, language: language)
        let base = "http://\(host):\(port)"
        var lines = [
            language.pick("Démonstration : base \(path)", "Demo: database \(path)"),
            language.pick(
                "Console des conseillers : \(base)/console — utilisateur \(made.advisor), mot de passe \(made.password)",
                "Advisors' console: \(base)/console — user \(made.advisor), password \(made.password)"),
            language.pick("Liens des répondants :", "Respondents' links:"),
        ]
        for (organisation, token) in made.links {
            lines.append("  " + organisation + language.pick(" : ", ": ") + "\(base)/r/\(token)")
        }
        Console.current.print(lines.joined(separator: "\n"))
        return store
    }

    /// Runs `body` to its end from synchronous code (commands are synchronous).
    static func blocking(_ body: @escaping @Sendable () async throws -> Void) throws {
        let done = DispatchSemaphore(value: 0)
        let failure = Slots(count: 1, value: (any Error)?.none)
        Task {
            do { try await body() } catch { failure[0] = error }
            done.signal()
        }
        done.wait()
        if let error = failure[0] { throw error }
    }
}
