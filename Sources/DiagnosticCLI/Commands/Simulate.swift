import ArgumentParser
import DiagnosticCore
import DiagnosticDefinitions
import DiagnosticPipeline
import DiagnosticStore
import Foundation

/// `od4g simulate`: deterministic synthetic responses, as CSV or straight into a campaign.
struct Simulate: LocalizedCommand {
    static let configuration = CommandConfiguration(
        abstract: "Génère des réponses simulées / Generate synthetic responses.",
        discussion: """
            Mêmes questionnaire, graine et nombre → mêmes réponses. Organisations fictives (« … simulée n° 42 », codes SIM…).
            Same questionnaire, seed and count → same responses. Fictional organisations ("… simulée n° 42", codes SIM...).
            Sans --output ni --campaign, le CSV s'écrit sur la sortie standard / Without --output or --campaign, CSV goes to standard output.
            """)

    @Option(name: .long, help: "Nombre de répondants / Number of respondents.")
    var respondents: Int

    @Option(name: .long, help: "Graine / Seed.")
    var seed: UInt64 = 1

    @Option(
        name: .long,
        help:
            "Vague : mêmes organisations, un peu plus mûres à chaque vague / Wave: same organisations, a little more mature each wave."
    )
    var wave: Int = 0

    @Option(name: .long, help: "Questionnaire (défaut od4growth) / Questionnaire (default od4growth).")
    var questionnaire: String?

    @Option(name: .long, help: "Fichier CSV à écrire / CSV file to write.")
    var output: String?

    @Option(name: .long, help: "Campagne où importer directement / Campaign to import into directly.")
    var campaign: String?

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var common: CommonOptions

    func validate() throws {
        guard respondents >= 0 else { throw ValidationError("--respondents ≥ 0") }
        guard wave >= 0, wave <= Simulator.maximumWave else {
            throw ValidationError(
                common.language.pick(
                    "--wave : de 0 à \(Simulator.maximumWave) (\(wave))", "--wave: from 0 to \(Simulator.maximumWave) (\(wave))"))
        }
        guard output == nil || campaign == nil else {
            throw ValidationError(
                common.language.pick("--output ou --campaign, pas les deux", "--output or --campaign, not both"))
        }
    }

    func run() throws {
        let language = common.language
        if let campaign {
            // Like import: a database this command created is removed when nothing could be stored in it.
            let (outcome, _) = try CampaignQuestionnaire.importing(
                into: campaign, period: nil, explicitPath: questionnaire, database: database, language: language,
                runner: { model in
                    ImportPipeline(
                        questionnaire: model, language: language, mapping: ColumnMapping(), skipInvalid: false,
                        dryRun: false, progress: nil)
                },
                rows: { runner, session, report in
                    let simulated = try QuestionnaireLocator(language: language).withSimulation(
                        runner.questionnaire, near: questionnaire.map { ($0 as NSString).deletingLastPathComponent })
                    return try runner.run(
                        generated: Simulator(questionnaire: simulated, seed: seed, wave: wave).respondents(
                            count: respondents), label: "simulation", session: session, report: &report)
                })
            guard outcome.committed else { throw CommandFailure.invalidData }
            Console.current.print(
                language.pick(
                    "Campagne « \(campaign) » : \(outcome.inserted) réponse(s) simulée(s) ajoutée(s), \(outcome.updated) remplacée(s)",
                    "Campaign '\(campaign)': \(outcome.inserted) simulated response(s) added, \(outcome.updated) replaced"))
            return
        }
        let locator = QuestionnaireLocator(language: language)
        let model = try locator.withSimulation(
            try locator.load(explicitPath: questionnaire, id: nil),
            near: questionnaire.map { ($0 as NSString).deletingLastPathComponent })
        let simulator = Simulator(questionnaire: model, seed: seed, wave: wave)
        let table = SimulationTable(questionnaire: model)
        if let output {
            guard try table.write(simulator.respondents(count: respondents), to: output) else {
                throw OutputFile.cannotWrite(output)
            }
            Console.current.print(
                language.pick(
                    "\(respondents) réponses simulées écrites dans \(output)",
                    "\(respondents) simulated responses written to \(output)"))
        } else {
            Console.current.print(String(table.header.dropLast()))
            for raw in simulator.respondents(count: respondents) {
                Console.current.print(String(table.line(raw).dropLast()))
            }
        }
    }
}

/// Lays simulated responses out as the wide CSV `od4g import` reads: profile fields, then questions.
struct SimulationTable {
    let columns: [String]
    private let writer = CSVWriter()

    init(questionnaire: Questionnaire) {
        // A question answered in parts (a grid's rows) has a column per part, `question.part`.
        columns =
            questionnaire.profileFields.map(\.id)
            + questionnaire.questions.flatMap { question in
                let parts = question.kind.unit.parts(question)
                return parts.isEmpty ? [question.id] : parts.map { "\(question.id).\($0)" }
            }
    }

    /// Writes the header and one line per respondent to `path`, a megabyte at a time; `false` when
    /// the file cannot be opened.
    func write(_ respondents: some Sequence<RawResponse>, to path: String) throws -> Bool {
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        guard let handle = FileHandle(forWritingAtPath: path) else { return false }
        defer { try? handle.close() }
        var buffer = header
        for raw in respondents {
            buffer += line(raw)
            if buffer.utf8.count > 1 << 20 {
                try handle.write(contentsOf: Data(buffer.utf8))
                buffer = ""
            }
        }
        try handle.write(contentsOf: Data(buffer.utf8))
        return true
    }

    var header: String { writer.line(columns) }

    func line(_ raw: RawResponse) -> String {
        var cells: [String: String] = [:]
        for (field, value) in raw.profile { cells[field] = text(value) }
        for answer in raw.answers {
            if case .mapping(let parts) = answer.value {
                for (part, value) in parts { cells[answer.questionID + "." + part] = value }
            } else {
                cells[answer.questionID] = text(answer.value)
            }
        }
        return writer.line(columns.map { cells[$0] ?? "" })
    }

    private func text(_ value: RawValue) -> String {
        switch value {
        case .scalar(let text): text
        case .list(let items): items.joined(separator: ";")
        case .mapping(let values): values.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ";")
        }
    }
}
