import DiagnosticCLI
import DiagnosticCore
import DiagnosticDefinitions
import DiagnosticPipeline
import DiagnosticStore
import Foundation

/// The campaign benchmark: simulate N responses to CSV, then time import, scoring and aggregation apart.
///
/// Run it with `swift run -c release od4g-bench 10000 100000` (docs/performance.md).
enum Benchmark {
    /// Figures of one run.
    struct Figures: Sendable {
        /// Respondents simulated.
        var respondents: Int
        /// CSV size in bytes.
        var csvBytes: Int
        /// Time to simulate and write the CSV (not part of the target).
        var simulate: Duration
        /// Reading, checking and storing rows (import without scoring).
        var importing: Duration
        /// Scoring (score cards and compact results).
        var scoring: Duration
        /// Of the import: writing to SQLite.
        var storing: Duration
        /// Of the import and scoring: checking and scoring on every core (wall time).
        var processing: Duration
        /// Of the import: the final commit (SQLite writing the transaction to disk).
        var committing: Duration
        /// Aggregating the campaign by typology from the database.
        var aggregating: Duration
        /// Import + scoring + aggregation.
        var total: Duration { importing + scoring + aggregating }
        /// Peak resident memory of the process so far, in bytes.
        var peakMemory: Int
        /// Database size in bytes.
        var databaseBytes: Int
    }

    /// Runs one benchmark in `directory` (the CSV and the database are written there, then removed).
    static func run(respondents: Int, seed: UInt64 = 2025, directory: String, questionnairePath: String?) throws -> Figures {
        let loaded = try questionnaire(questionnairePath)
        let questionnaire = loaded.questionnaire
        let csv = (directory as NSString).appendingPathComponent("od4g-bench-\(respondents).csv")
        let databasePath = (directory as NSString).appendingPathComponent("od4g-bench-\(respondents).sqlite")
        CampaignDatabase.removeFiles(at: databasePath)
        defer {
            try? FileManager.default.removeItem(atPath: csv)
            CampaignDatabase.removeFiles(at: databasePath)
        }
        let clock = ContinuousClock()

        var start = clock.now
        try od4g(["simulate", "--respondents", "\(respondents)", "--seed", "\(seed)", "--output", csv] + loaded.option)
        let simulate = clock.now - start

        let database = try CampaignDatabase.open(path: databasePath)
        let timings = PhaseTimings()
        var runner = ImportPipeline(
            questionnaire: questionnaire, language: .en, mapping: ColumnMapping(), skipInvalid: false, dryRun: false,
            progress: nil)
        runner.timings = timings
        var report = ImportPipeline.Report()
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
            let first = report.diagnostics.first.map { $0.rendered(.en) } ?? "?"
            throw BenchmarkError("import failed: \(report.errors) errors, first: \(first)")
        }

        start = clock.now
        let campaign = try database.campaign(named: "bench").campaign
        let aggregate = try database.aggregate(
            campaign: campaign, questionnaire: questionnaire, grouping: .typology, minimumGroupSize: 5)
        let aggregating = clock.now - start
        guard aggregate.groups.first?.respondents == respondents else {
            throw BenchmarkError("the aggregate counted \(aggregate.groups.first?.respondents ?? 0) respondents")
        }
        let attributes = { (path: String) in ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int) ?? 0 }
        return Figures(
            respondents: respondents, csvBytes: attributes(csv), simulate: simulate,
            importing: importAndScore - timings.scoring, scoring: timings.scoring, storing: timings.storing,
            processing: timings.processing, committing: committing, aggregating: aggregating,
            peakMemory: peakResidentMemory(), databaseBytes: attributes(databasePath))
    }

    /// Single-thread cost of each stage of the import pipeline, per row (for profiling).
    static func stages(respondents: Int, directory: String) throws {
        let loaded = try questionnaire(nil)
        let questionnaire = loaded.questionnaire
        let csv = (directory as NSString).appendingPathComponent("od4g-bench-stages-\(respondents).csv")
        defer { try? FileManager.default.removeItem(atPath: csv) }
        try od4g(["simulate", "--respondents", "\(respondents)", "--seed", "2025", "--output", csv] + loaded.option)
        guard let data = FileManager.default.contents(atPath: csv) else { throw BenchmarkError("cannot read \(csv)") }
        var reader = TabularResponses(file: "x.csv", data: data, questionnaire: questionnaire)
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
        for result in results { packed += ResultPacking.pack(result.questions)?.count ?? 0 }
        print("pack       \((clock.now - t).seconds / Double(rows.count) * 1e6) µs/row \(packed > 0)")
        // The compiled path, which clean rows take: cells straight to answers by position, then the compact result.
        t = clock.now
        let checked = rows.compactMap { reader.checkedRow($0.cells, checker: checker) }
        print(
            "compiled check  \((clock.now - t).seconds / Double(rows.count) * 1e6) µs/row (\(checked.count) of \(rows.count) rows)"
        )
        let preparer = ImportPipeline.Preparer(questionnaire: questionnaire)
        t = clock.now
        var outcomes = 0
        for start in stride(from: 0, to: rows.count, by: ImportPipeline.batchSize) {
            outcomes +=
                preparer.process(Array(rows[start..<min(start + ImportPipeline.batchSize, rows.count)]), table: reader).count
        }
        print("process (all cores, wall)  \((clock.now - t).seconds / Double(rows.count) * 1e6) µs/row \(outcomes)")
        t = clock.now
        let prepared = checked.map { preparer.prepare($0, source: "x") }
        print("compiled entry  \((clock.now - t).seconds / Double(rows.count) * 1e6) µs/row \(prepared.count)")
    }

    /// Times `od4g report --all --format html` for a campaign of `respondents` simulated respondents.
    static func reports(respondents: Int, directory: String) throws -> (organisations: Int, seconds: Double, peakMemory: Int) {
        let databasePath = (directory as NSString).appendingPathComponent("od4g-bench-reports.sqlite")
        let output = (directory as NSString).appendingPathComponent("od4g-bench-reports")
        CampaignDatabase.removeFiles(at: databasePath)
        try? FileManager.default.removeItem(atPath: output)
        defer {
            CampaignDatabase.removeFiles(at: databasePath)
            try? FileManager.default.removeItem(atPath: output)
        }
        try od4g(["simulate", "--respondents", "\(respondents)", "--seed", "2025", "--campaign", "bench", "--db", databasePath])
        let clock = ContinuousClock()
        let start = clock.now
        // With the bundled support-action catalogue, as `od4g report --all` runs by default.
        try od4g([
            "report", "--campaign", "bench", "--all", "--format", "html", "--date", "2026-11-23", "--db", databasePath,
            "--output", output,
        ])
        let seconds = (clock.now - start).seconds
        let names = (try? FileManager.default.contentsOfDirectory(atPath: output)) ?? []
        // Every organisation's report, without the index and the regional report.
        let count = names.filter { $0.hasSuffix(".html") && $0 != "index.html" && $0 != "regional.html" }.count
        return (count, seconds, peakResidentMemory())
    }

    /// The questionnaire at `path`, else the bundled od4growth (`Questionnaires/od4growth.yaml` in the
    /// working directory, else in the repository the program was built in), and the
    /// `--questionnaire` option that gives `od4g` the same file.
    static func questionnaire(_ path: String?) throws -> (questionnaire: Questionnaire, text: String, option: [String]) {
        let bundled = "Questionnaires/od4growth.yaml"
        // `swift build` puts the program in .build/<triple>/<config>/od4g-bench: the repository is a
        // few folders up, as the CLI looks for it.
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        var candidates = [bundled]
        for _ in 0..<4 {
            candidates.append(folder.appendingPathComponent(bundled).path)
            folder.deleteLastPathComponent()
        }
        let file = path ?? candidates.first { FileManager.default.fileExists(atPath: $0) } ?? bundled
        let result = QuestionnaireLoader.loadWithText(path: file)
        guard let loaded = result.value else {
            throw BenchmarkError(result.diagnostics.map { $0.rendered(.en) }.joined(separator: "\n"))
        }
        return (loaded.questionnaire, loaded.text, ["--questionnaire", file])
    }

    /// Runs `od4g` with `arguments`, its output discarded; a failure throws with what it said.
    static func od4g(_ arguments: [String]) throws {
        let captured = CapturedConsole()
        let status = CommandLineRunner.run(arguments + ["--lang", "en"], console: captured.console)
        guard status == 0 else { throw BenchmarkError("od4g \(arguments.joined(separator: " ")): \(captured.err)") }
    }

    /// Peak resident set size of this process, in bytes (`getrusage`, kilobytes on Linux).
    static func peakResidentMemory() -> Int {
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

/// Why a benchmark could not run.
struct BenchmarkError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

extension Duration {
    /// The duration in seconds.
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
