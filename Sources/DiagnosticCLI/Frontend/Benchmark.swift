import DiagnosticCore
import DiagnosticDefinitions
import DiagnosticReports
import DiagnosticStore
import Foundation

/// The campaign benchmark: simulate N responses to CSV, then time import, scoring and aggregation apart.
///
/// Run it with `swift run -c release od4g-bench 10000 100000` (docs/performance.md).
public enum Benchmark {
    /// Figures of one run.
    public struct Figures: Sendable {
        /// Respondents simulated.
        public var respondents: Int
        /// CSV size in bytes.
        public var csvBytes: Int
        /// Time to simulate and write the CSV (not part of the target).
        public var simulate: Duration
        /// Reading, checking and storing rows (import without scoring).
        public var importing: Duration
        /// Scoring (score cards and compact results).
        public var scoring: Duration
        /// Of the import: writing to SQLite.
        public var storing: Duration
        /// Of the import and scoring: checking and scoring on every core (wall time).
        public var processing: Duration
        /// Of the import: the final commit (SQLite writing the transaction to disk).
        public var committing: Duration
        /// Aggregating the campaign by typology from the database.
        public var aggregating: Duration
        /// Import + scoring + aggregation.
        public var total: Duration { importing + scoring + aggregating }
        /// Peak resident memory of the process so far, in bytes.
        public var peakMemory: Int
        /// Database size in bytes.
        public var databaseBytes: Int
    }

    /// Runs one benchmark in `directory` (the CSV and the database are written there, then removed).
    public static func run(respondents: Int, seed: UInt64 = 2025, directory: String, questionnairePath: String?) throws -> Figures
    {
        let language = Language.en
        let loaded = try QuestionnaireLocator(language: language).loadWithText(explicitPath: questionnairePath, id: nil)
        let questionnaire = loaded.questionnaire
        let csv = (directory as NSString).appendingPathComponent("od4g-bench-\(respondents).csv")
        let databasePath = (directory as NSString).appendingPathComponent("od4g-bench-\(respondents).sqlite")
        CampaignFiles.remove(databasePath)
        defer {
            try? FileManager.default.removeItem(atPath: csv)
            CampaignFiles.remove(databasePath)
        }
        let clock = ContinuousClock()

        var start = clock.now
        let table = SimulationTable(questionnaire: questionnaire)
        guard try table.write(Simulator(questionnaire: questionnaire, seed: seed).respondents(count: respondents), to: csv) else {
            throw CommandFailure(status: 1, message: "error: cannot write \(csv)")
        }
        let simulate = clock.now - start

        let database = try CampaignDatabase.open(path: databasePath)
        let timings = PhaseTimings()
        var runner = ImportRunner(
            questionnaire: questionnaire, language: language, mapping: ColumnMapping(), skipInvalid: false, dryRun: false,
            progress: nil)
        runner.timings = timings
        var report = ImportRunner.Report()
        start = clock.now
        var bodyEnd = start
        let outcome = try database.importing(
            campaign: "bench", period: nil, questionnaire: questionnaire, questionnaireText: loaded.text
        ) { session in
            let commit = try runner.run([csv], session: session, report: &report)
            bodyEnd = clock.now
            return commit
        }
        let importAndScore = clock.now - start
        let committing = clock.now - bodyEnd
        guard outcome.committed, outcome.inserted == respondents else {
            let first = report.diagnostics.first.map { $0.rendered(language) } ?? "?"
            throw CommandFailure(status: 1, message: "error: benchmark import failed: \(report.errors) errors, first: \(first)")
        }

        start = clock.now
        let campaign = try database.campaign(named: "bench").campaign
        let aggregate = try database.aggregate(
            campaign: campaign, questionnaire: questionnaire, grouping: .typology, minimumGroupSize: 5)
        let aggregating = clock.now - start
        guard aggregate.groups.first?.respondents == respondents else {
            throw CommandFailure(
                status: 1, message: "error: benchmark aggregate counted \(aggregate.groups.first?.respondents ?? 0) respondents")
        }
        let attributes = { (path: String) in ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int) ?? 0 }
        return Figures(
            respondents: respondents, csvBytes: attributes(csv), simulate: simulate,
            importing: importAndScore - timings.scoring, scoring: timings.scoring, storing: timings.storing,
            processing: timings.processing, committing: committing, aggregating: aggregating,
            peakMemory: peakResidentMemory(), databaseBytes: attributes(databasePath))
    }

    /// Single-thread cost of each stage of the import pipeline, per row (for profiling).
    public static func stages(respondents: Int) throws {
        let loaded = try QuestionnaireLocator(language: .en).loadWithText(explicitPath: nil, id: nil)
        let questionnaire = loaded.questionnaire
        let table = SimulationTable(questionnaire: questionnaire)
        var text = table.header
        for raw in Simulator(questionnaire: questionnaire, seed: 2025).respondents(count: respondents) { text += table.line(raw) }
        var reader = TabularResponses(file: "x.csv", data: Data(text.utf8), questionnaire: questionnaire)
        let clock = ContinuousClock()
        var rows: [TabularResponses.Row] = []
        var t = clock.now
        while let row = reader.nextRecord() { rows.append(row) }
        print("csv read   \((clock.now - t).seconds / Double(rows.count) * 1e6) µs/row")
        t = clock.now
        let raws = rows.map { reader.response($0.cells) }
        print("raw build  \((clock.now - t).seconds / Double(rows.count) * 1e6) µs/row")
        let checker = ResponseChecker(questionnaire: questionnaire)
        t = clock.now
        let responses = raws.compactMap { checker.check($0).response }
        print("check      \((clock.now - t).seconds / Double(rows.count) * 1e6) µs/row")
        let scorer = Scorer(questionnaire: questionnaire)
        t = clock.now
        let cards = try responses.map { try scorer.score($0) }
        print("score      \((clock.now - t).seconds / Double(rows.count) * 1e6) µs/row")
        t = clock.now
        let identities = responses.compactMap { RespondentIdentity(response: $0, questionnaire: questionnaire) }
        print("identity   \((clock.now - t).seconds / Double(rows.count) * 1e6) µs/row")
        t = clock.now
        let results = cards.map { RespondentResult(card: $0, questionnaire: questionnaire) }
        print("result     \((clock.now - t).seconds / Double(rows.count) * 1e6) µs/row")
        t = clock.now
        var count = 0
        for (index, response) in responses.enumerated() {
            count +=
                ImportEntry(
                    response: response, identity: identities[index], card: cards[index], questionnaire: questionnaire, source: "x"
                ).answersJSON.count
        }
        print(
            "entry      \((clock.now - t).seconds / Double(rows.count) * 1e6) µs/row (includes result again) \(count > 0) \(results.count)"
        )
        t = clock.now
        var packed = 0
        for result in results { packed += ResultPacking.pack(result.questions).count }
        print("pack       \((clock.now - t).seconds / Double(rows.count) * 1e6) µs/row \(packed > 0)")
        // The compiled path, which clean rows take: cells straight to answers by position, then the compact result.
        t = clock.now
        let checked = rows.compactMap { reader.checkedRow($0.cells, checker: checker) }
        print(
            "compiled check  \((clock.now - t).seconds / Double(rows.count) * 1e6) µs/row (\(checked.count) of \(rows.count) rows)"
        )
        let preparer = ImportRunner.Preparer(questionnaire: questionnaire)
        t = clock.now
        var outcomes = 0
        for start in stride(from: 0, to: rows.count, by: ImportRunner.batchSize) {
            outcomes +=
                preparer.process(Array(rows[start..<min(start + ImportRunner.batchSize, rows.count)]), table: reader).count
        }
        print("process (all cores, wall)  \((clock.now - t).seconds / Double(rows.count) * 1e6) µs/row \(outcomes)")
        t = clock.now
        let prepared = checked.map { preparer.prepare($0, source: "x") }
        print("compiled entry  \((clock.now - t).seconds / Double(rows.count) * 1e6) µs/row \(prepared.count)")
    }

    /// Times `od4g report --all --format html` for a campaign of `respondents` simulated respondents.
    public static func reports(respondents: Int, directory: String) throws -> (
        organisations: Int, seconds: Double, peakMemory: Int
    ) {
        let language = Language.fr
        let loaded = try QuestionnaireLocator(language: language).loadWithText(explicitPath: nil, id: nil)
        let databasePath = (directory as NSString).appendingPathComponent("od4g-bench-reports.sqlite")
        let output = (directory as NSString).appendingPathComponent("od4g-bench-reports")
        CampaignFiles.remove(databasePath)
        try? FileManager.default.removeItem(atPath: output)
        defer {
            CampaignFiles.remove(databasePath)
            try? FileManager.default.removeItem(atPath: output)
        }
        let database = try CampaignDatabase.open(path: databasePath)
        let runner = ImportRunner(
            questionnaire: loaded.questionnaire, language: language, mapping: ColumnMapping(), skipInvalid: false, dryRun: false,
            progress: nil)
        var report = ImportRunner.Report()
        _ = try database.importing(
            campaign: "bench", period: nil, questionnaire: loaded.questionnaire, questionnaireText: loaded.text
        ) { session in
            try runner.run(
                generated: Simulator(questionnaire: loaded.questionnaire, seed: 2025).respondents(count: respondents),
                label: "simulation", session: session, report: &report)
        }
        guard let folder = ReportTemplates.locate() else { throw ReportError(.templatesNotFound("Reports/templates")) }
        let renderer = ReportRenderer(templates: try ReportTemplates(folder: folder), language: language, date: "2026-11-23")
        let campaign = try LoadedCampaign(database: database, name: "bench", language: language)
        // With the bundled support-action catalogue, as `od4g report --all` runs by default.
        let catalogue = try CatalogueLocator(language: language).optional(explicitPath: nil, for: campaign.questionnaire)
        let clock = ContinuousClock()
        let start = clock.now
        let count = try AllReports(
            database: database, campaign: campaign, renderer: renderer, format: .html, minimumGroupSize: 5,
            catalogue: catalogue, maximumActions: nil, language: language
        ).write(into: output)
        return (count, (clock.now - start).seconds, peakResidentMemory())
    }

    /// Peak resident set size of this process, in bytes (`getrusage`, kilobytes on Linux).
    public static func peakResidentMemory() -> Int {
        var usage = rusage()
        #if os(Linux)
            getrusage(RUSAGE_SELF.rawValue, &usage)
            return usage.ru_maxrss * 1024
        #else
            getrusage(RUSAGE_SELF, &usage)
            return usage.ru_maxrss
        #endif
    }
}
