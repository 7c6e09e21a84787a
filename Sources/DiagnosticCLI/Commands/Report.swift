import ArgumentParser
import DiagnosticCore
import DiagnosticDefinitions
import DiagnosticPipeline
import DiagnosticReports
import DiagnosticStore
import Foundation

/// `od4g report`: diagnostics as Markdown or self-contained HTML.
struct Report: LocalizedCommand {
    static let configuration = CommandConfiguration(
        abstract: "Rapports de diagnostic Markdown ou HTML / Diagnostic reports as Markdown or HTML.",
        discussion: """
            od4g report RÉPONSE.yaml                                 diagnostic d'une réponse / of a response file
            od4g report --campaign C --organisation X                diagnostic d'une organisation (pairs, évolution) / of an organisation
            od4g report --campaign C --regional                      rapport régional / regional report
            od4g report --campaign C --organisation X --organisation Y   comparaison / comparison
            od4g report --campaign A --campaign B --organisation X    évolution entre campagnes / change between campaigns
            od4g report --campaign C --all --output DOSSIER          un rapport par organisation + index.html
            Modèles : Reports/templates (--templates) / Templates: Reports/templates (--templates).
            """)

    @Argument(help: "Fichier de réponse / Response file.")
    var response: String?

    @Option(name: .long, help: "Questionnaire d'un fichier de réponse / Questionnaire of a response file.")
    var questionnaire: String?

    @Option(name: .long, help: "Campagne (deux pour une évolution) / Campaign (two for a change).")
    var campaign: [String] = []

    @Option(name: .long, help: "Organisation : code officiel ou nom / Organisation: official code or name.")
    var organisation: [String] = []

    @Flag(name: .long, help: "Rapport régional de la campagne / Regional report of the campaign.")
    var regional = false

    @Flag(
        name: .long, help: "Un rapport par organisation de la campagne, et un index / One report per organisation, and an index.")
    var all = false

    @Option(
        name: .long,
        help: """
            Format : md, html ou pdf (défaut : celui de l'extension de --output, sinon html) / \
            Format: md, html or pdf (default: --output's extension, else html).
            """)
    var format: ReportOutputFormat?

    @Option(
        name: .long,
        help: """
            Diagnostic : summary (la synthèse de 2 à 4 pages) ou full (la synthèse puis le détail en annexe, défaut) / \
            Diagnostic: summary (the 2-to-4-page summary) or full (the summary, then the detail as an annex; default).
            """)
    var detail: ReportDetail = .full

    @Option(
        name: .long,
        help:
            "Navigateur qui imprime les PDF (défaut : chromium trouvé dans PATH) / Browser that prints PDFs (default: chromium on PATH)."
    )
    var browser: String?

    @Option(
        name: .long,
        help: "Fichier (ou dossier avec --all) à écrire ; sinon la sortie standard / File (or folder with --all) to write.")
    var output: String?

    @Option(name: .long, help: "Date d'édition AAAA-MM-JJ (défaut : aujourd'hui) / Issue date YYYY-MM-DD (default: today).")
    var date: String?

    @Option(name: .long, help: "Catalogue d'actions (défaut : celui du questionnaire) / Support-action catalogue.")
    var catalogue: String?

    @Option(name: .long, help: "Actions au plus par plan, hors préalables / Most actions per plan, prerequisites added.")
    var maxActions: Int?

    @Option(name: .long, help: "Dossier des modèles / Templates folder.")
    var templates: String?

    @Option(
        name: .long,
        help:
            "Organisations au diagnostic complet qu'il faut au moins derrière un groupe ou une valeur publiés (défaut 5) / Fewest organisations with a complete diagnostic behind a group or figure shown (default 5)."
    )
    var minGroup: Int = 5

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var common: CommonOptions

    func validate() throws {
        _ = try request()
        if let date, !Self.isISODate(date) {
            throw ValidationError(
                common.language.pick(
                    "--date \(date) : une date réelle AAAA-MM-JJ, par exemple 2026-02-28",
                    "--date \(date): a real date YYYY-MM-DD, for example 2026-02-28"))
        }
        guard minGroup >= 1 else { throw ValidationError("--min-group ≥ 1") }
        if let maxActions, maxActions < 1 { throw ValidationError("--max-actions ≥ 1") }
        _ = try outputFormat()
    }

    /// What one command line produces, among `report`'s six modes.
    enum Request: Equatable {
        /// A response file's diagnostic.
        case responseFile(String)
        /// One report of a campaign.
        case campaign(CampaignRequest)
        /// One report per organisation of a campaign, the regional report and an index, in a folder.
        case all(folder: String)
    }

    /// The reports of a campaign (`--campaign`, the first one given).
    enum CampaignRequest: Equatable {
        /// One organisation's diagnostic, with its peers and its change.
        case organisation(String)
        /// The regional report.
        case regional
        /// One organisation between the first campaign and `later`.
        case change(organisation: String, later: String)
        /// Several organisations side by side.
        case sideBySide([String])
    }

    /// The mode the arguments name, or the usage error that says what to give.
    func request() throws -> Request {
        let language = common.language
        if response != nil, !campaign.isEmpty {
            throw ValidationError(
                language.pick("un fichier de réponse ou --campaign, pas les deux", "a response file or --campaign, not both"))
        }
        if response == nil, campaign.isEmpty {
            throw ValidationError(
                language.pick("donnez un fichier de réponse ou --campaign", "give a response file or --campaign"))
        }
        if all, output == nil {
            throw ValidationError(language.pick("--all demande --output DOSSIER", "--all needs --output FOLDER"))
        }
        if let response { return .responseFile(response) }
        if organisation.count == 1, campaign.count == 1, !regional, !all { return .campaign(.organisation(organisation[0])) }
        if regional { return .campaign(.regional) }
        if all, let output { return .all(folder: output) }
        if campaign.count == 2, organisation.count == 1 {
            return .campaign(.change(organisation: organisation[0], later: campaign[1]))
        }
        if campaign.count == 1, organisation.count >= 2 { return .campaign(.sideBySide(organisation)) }
        throw ValidationError(Self.whatToProduce(language))
    }

    /// The format to write: `--format`, else `--output`'s extension, else HTML; a contradiction
    /// between the two, an extension od4g does not write, or a PDF without a file are usage errors.
    func outputFormat() throws -> ReportOutputFormat {
        let path = all ? nil : output
        let ext = path.map { ($0 as NSString).pathExtension.lowercased() } ?? ""
        let implied = ReportOutputFormat(extension: ext)
        if let format {
            if let implied, implied != format {
                throw ValidationError(
                    common.language.pick(
                        "--format \(format.rawValue) contredit --output \(path ?? "") (un fichier .\(ext)) : gardez l'un des deux",
                        "--format \(format.rawValue) contradicts --output \(path ?? "") (a .\(ext) file): keep one of them"))
            }
            if format == .pdf, all {
                throw ValidationError(
                    common.language.pick(
                        "--all écrit des rapports HTML ou Markdown, pas des PDF : imprimez ensuite ceux qu'il vous faut avec od4g report --campaign C --organisation X --output X.pdf",
                        "--all writes HTML or Markdown reports, not PDFs: then print those you need with od4g report --campaign C --organisation X --output X.pdf"
                    ))
            }
            if format == .pdf, output == nil {
                throw ValidationError(
                    common.language.pick(
                        "--format pdf écrit un fichier : donnez --output FICHIER.pdf",
                        "--format pdf writes a file: give --output FILE.pdf"))
            }
            return format
        }
        if let implied { return implied }
        if !ext.isEmpty {
            throw ValidationError(
                common.language.pick(
                    "--output \(path ?? "") : od4g n'écrit pas de fichier .\(ext) ; choisissez .html, .md ou .pdf, ou donnez --format",
                    "--output \(path ?? ""): od4g writes no .\(ext) file; choose .html, .md or .pdf, or give --format"))
        }
        return .html
    }

    /// What `--campaign` needs with it, for a command line that does not say what to produce.
    static func whatToProduce(_ language: Language) -> String {
        language.pick(
            """
            avec --campaign, indiquez quoi produire : --organisation X (diagnostic), plusieurs --organisation (comparaison), \
            --regional, ou --all --output DOSSIER ; avec deux --campaign, une --organisation (évolution)
            """,
            """
            with --campaign, say what to produce: --organisation X (diagnostic), several --organisation (comparison), \
            --regional, or --all --output FOLDER; with two --campaign, one --organisation (change)
            """)
    }

    /// Whether `text` is a real calendar date written `YYYY-MM-DD` (2025-02-30 is not).
    static func isISODate(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            parts.allSatisfy({ $0.allSatisfy { ("0"..."9").contains($0) } }),
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]), (1...12).contains(month)
        else { return false }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        return (1...days).contains(day)
    }

    func run() throws {
        let language = common.language
        let request = try request()
        let chosen = try outputFormat()
        let format = chosen.template
        // The browser is found before any work, so that a missing one is said at once.
        let printer =
            chosen == .pdf
            ? try PDFPrinter.locate(explicit: browser, environment: ProcessInfo.processInfo.environment, language: language)
            : nil
        let renderer = try makeRenderer(language)
        let text: String
        switch request {
        case .responseFile(let path):
            text = try responseFileReport(path, renderer: renderer, format: format)
        case .campaign(let request):
            let (source, loaded) = try openCampaign()
            text = try campaignReport(request, source: source, campaign: loaded, renderer: renderer, format: format)
        case .all(let folder):
            let (source, loaded) = try openCampaign()
            try writeAll(source: source, campaign: loaded, renderer: renderer, format: format, into: folder)
            return
        }
        try write(text, printer: printer, language: language)
    }

    /// The diagnostic of a response file, with its plan when a catalogue applies.
    func responseFileReport(_ path: String, renderer: ReportRenderer, format: ReportFormat) throws -> String {
        let language = common.language
        let model = try QuestionnaireLocator(language: language).load(forResponse: path, explicitPath: questionnaire)
        var input = try ResponseFileInputs(language: language).individual(response: path, questionnaire: model)
        if let actions = try CatalogueLocator(language: language).optional(explicitPath: catalogue, for: model) {
            input.plan =
                PlanInputs.plan(response: input, catalogue: actions, extraTargets: [:], maximum: maxActions).input
        }
        return try rendered { try renderer.individual(input, format: format, detail: detail) }
    }

    /// One report of `campaign`: an organisation's diagnostic, the regional report or a comparison.
    func campaignReport(
        _ request: CampaignRequest, source: CampaignSource, campaign loaded: LoadedCampaign, renderer: ReportRenderer,
        format: ReportFormat
    ) throws -> String {
        let (language, store) = (common.language, source.database)
        switch request {
        case .organisation(let name):
            let key = try store.organisationKey(matching: name, campaign: loaded.info)
            let summaries = try store.summaries(campaign: loaded.info, questionnaire: loaded.questionnaire)
            var input = try ReportInputs(source: source).individual(
                campaign: loaded, key: key, summaries: summaries, minimumGroupSize: minGroup)
            if let actions = try CatalogueLocator(language: language).optional(explicitPath: catalogue, for: loaded.questionnaire)
            {
                let change = input.change
                input.plan = try PlanInputs(source: source).plan(
                    campaign: loaded, key: key, respondents: input.respondents, catalogue: actions, extraTargets: [:],
                    maximum: maxActions, change: { change }
                ).input
            }
            return try rendered { try renderer.individual(input, format: format, detail: detail) }
        case .regional:
            let actions = try CatalogueLocator(language: language).optional(explicitPath: catalogue, for: loaded.questionnaire)
            let counted = maxActions ?? PlanInputs.defaultCountedActions
            let demand = try actions.map { actions in
                (actions, try PlanInputs(source: source).demand(campaign: loaded, catalogue: actions, maximum: counted))
            }
            let input = try RegionalInput.of(
                store, campaign: loaded, minimumGroupSize: minGroup, demand: demand, countedActions: counted)
            return try rendered { try renderer.regional(input, format: format) }
        case .change(let name, let laterName):
            let later = try source.campaign(named: laterName)
            let key = try store.organisationKey(matching: name, campaign: later.info)
            guard let after = try store.profile(of: key, campaign: later.info, questionnaire: later.questionnaire),
                let before = try store.profile(of: key, campaign: loaded.info, questionnaire: loaded.questionnaire)
            else {
                throw StoreError(.unknownOrganisation(name, suggestion: nil), path: store.path)
            }
            let change = CampaignChange(before: before, in: loaded.questionnaire, after: after, in: later.questionnaire)
            let input = ComparisonInput.change(
                questionnaire: later.questionnaire, before: (campaign[0], before), after: (laterName, after),
                change: change)
            return try rendered { try renderer.comparison(input, format: format) }
        case .sideBySide(let names):
            let profiles = try names.map { try loaded.profile(named: $0, in: store) }
            let input = ComparisonInput.sideBySide(
                questionnaire: loaded.questionnaire, campaign: loaded.info.name, organisations: profiles)
            return try rendered { try renderer.comparison(input, format: format) }
        }
    }

    /// The database (which must exist) and the first campaign given.
    func openCampaign() throws -> (source: CampaignSource, campaign: LoadedCampaign) {
        let source = CampaignSource(commandLine: try database.openExisting(common.language), language: common.language)
        return (source, try source.campaign(named: campaign[0]))
    }

    /// `--all`: every report of the campaign into `folder`, then a line saying how many.
    func writeAll(
        source: CampaignSource, campaign loaded: LoadedCampaign, renderer: ReportRenderer, format: ReportFormat,
        into folder: String
    ) throws {
        let language = common.language
        let actions = try CatalogueLocator(language: language).optional(explicitPath: catalogue, for: loaded.questionnaire)
        let writer = AllReports(
            source: source, campaign: loaded, renderer: renderer, format: format, detail: detail, minimumGroupSize: minGroup,
            catalogue: actions, maximumActions: maxActions)
        let count: Int
        do {
            count = try writer.write(into: folder, progress: Progress(language: language))
        } catch let error as ReportError {
            throw CommandFailure(status: 1, message: "error: " + error.message(language))
        }
        Console.current.print(
            language.pick(
                "\(count) rapports, le rapport régional et index.\(format.rawValue) écrits dans \(folder)",
                "\(count) reports, the regional report and index.\(format.rawValue) written to \(folder)"))
    }

    func makeRenderer(_ language: Language) throws -> ReportRenderer {
        guard let folder = templates ?? TemplateLocator.locate() else {
            throw CommandFailure(
                status: 1, message: "error: " + ReportError(.templatesNotFound("Reports/templates")).message(language))
        }
        do {
            return ReportRenderer(templates: try ReportTemplates(folder: folder), language: language, date: date ?? Self.today())
        } catch {
            // A syntax error is located ("file:line:column: error: …"); the others get the usual prefix.
            if case .templateSyntax = error.reason { throw CommandFailure(status: 1, message: error.message(language)) }
            throw CommandFailure(status: 1, message: "error: " + error.message(language))
        }
    }

    static func today() -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter.string(from: Date())
    }

    func rendered(_ body: () throws -> String) throws -> String {
        do {
            return try body()
        } catch let error as ReportError {
            throw CommandFailure(status: 1, message: "error: " + error.message(common.language))
        }
    }

    func write(_ text: String, printer: PDFPrinter?, language: Language) throws {
        guard let output else {
            Console.current.print(text)
            return
        }
        if let printer {
            try printer.print(html: text, to: output)
        } else {
            try OutputFile.write(text, to: output)
        }
        Console.current.print(language.pick("Rapport écrit dans \(output)", "Report written to \(output)"))
    }
}

extension ReportDetail: ExpressibleByArgument {}

/// What `od4g report` writes: a template's format, or a PDF printed from the HTML report.
enum ReportOutputFormat: String, ExpressibleByArgument, CaseIterable {
    case md
    case html
    case pdf

    /// The format a file extension names (`md`, `markdown`, `html`, `htm`, `pdf`), if any.
    init?(extension ext: String) {
        switch ext {
        case "md", "markdown": self = .md
        case "html", "htm": self = .html
        case "pdf": self = .pdf
        default: return nil
        }
    }

    /// The templates it is rendered with.
    var template: ReportFormat { self == .md ? .md : .html }
}
