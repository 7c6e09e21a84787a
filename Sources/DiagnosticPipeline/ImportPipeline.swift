import DiagnosticCore
import DiagnosticDefinitions
import DiagnosticStore
import Foundation

/// Checks, scores and stores responses from form exports and response files, in one transaction.
///
/// Every bad row is reported; nothing is written when any row is bad, unless rejected rows are
/// skipped (then they go to a `.rejected.csv` file next to their input).
///
/// The CLI's `import` and `simulate --import` run it, and so can a server: it reads files and
/// writes through an `ImportBatch`, and says what it found in a `Report`, never on a terminal.
public struct ImportPipeline {
    /// The questionnaire responses are checked against.
    public let questionnaire: Questionnaire
    /// The language of the reasons written to the rejected-rows file.
    public let language: Language
    /// How the columns of a table map to the questionnaire.
    public let mapping: ColumnMapping
    /// Whether bad rows are set aside (in a `.rejected.csv` file) rather than stopping the import.
    public let skipInvalid: Bool
    /// Whether the import only checks, writing nothing.
    public let dryRun: Bool
    /// The sheet read in workbooks (XLSX, ODS), by name; the first when `nil`.
    public var sheet: String? = nil
    /// Which row of a respondent present twice in one table is imported; `nil`: such rows are errors.
    public var keep: KeepRule? = nil
    /// Where progress is shown, if anywhere.
    public let progress: (any PipelineProgress)?
    /// Time spent scoring and storing, when a benchmark measures the phases apart.
    public var timings: PhaseTimings? = nil
    /// Called with the number of respondents stored so far after each one is stored, on the import's
    /// thread, inside its transaction: the fault tests use it to kill an import midway.
    @TaskLocal public static var afterStoring: (@Sendable (Int) -> Void)?
    /// `afterStoring` as it was bound when the pipeline was made: read once, not once per row.
    private let storedHook = afterStoring
    /// Checks and scores responses; worked out once per import.
    private let preparer: Preparer

    /// Creates a pipeline for `questionnaire`.
    public init(
        questionnaire: Questionnaire, language: Language, mapping: ColumnMapping, skipInvalid: Bool, dryRun: Bool,
        progress: (any PipelineProgress)?
    ) {
        self.questionnaire = questionnaire
        self.language = language
        self.mapping = mapping
        self.skipInvalid = skipInvalid
        self.dryRun = dryRun
        self.progress = progress
        preparer = Preparer(questionnaire: questionnaire)
    }

    /// What the import found and did.
    public struct Report: Sendable {
        /// Every problem found, in reading order.
        public var diagnostics: [Diagnostic] = []
        /// Respondents accepted.
        public var accepted = 0
        /// Respondents (rows or files) refused.
        public var rejected = 0
        /// The `.rejected.csv` files written.
        public var rejectedFiles: [String] = []
        /// Problems that stop a whole file (unreadable, bad header, broken quotes): never skipped.
        public var fatal = 0
        /// Whether `--skip-invalid` set every row aside, so that nothing was imported.
        public var everyRowRejected = false
        /// Rows of a respondent met earlier in the same import that `keep` left out.
        public var duplicatesLeftOut = 0
        /// Rows that replaced the same respondent's earlier row of this import (`keep` latest): the
        /// store counts them as replaced, though no response stored before the import was.
        public var replacedWithin = 0
        /// The number of errors among the diagnostics.
        public var errors: Int { diagnostics.filter { $0.severity == .error }.count }

        /// An empty report.
        public init() {}
    }

    /// Expands folders into their response files (YAML, JSON) and tables (CSV, TSV), sorted; a folder
    /// holding none is reported (in `empty`), not taken for an empty campaign. In a folder, hidden
    /// files, `.txt` files (notes as often as tables) and the rows an earlier import set aside
    /// (`*.rejected.csv`, listed in `setAside`) are left out; a file named on its own is always read.
    public static func inputs(_ paths: [String]) -> (files: [String], empty: [String], setAside: [String]) {
        var empty: [String] = []
        var setAside: [String] = []
        let files = paths.flatMap { path -> [String] in
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
                return [path]
            }
            let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
            let found = names.filter { name in
                guard !name.hasPrefix("."),
                    ["yaml", "yml", "json", "csv", "tsv", "xlsx", "xlsm", "ods"].contains(
                        (name as NSString).pathExtension.lowercased())
                else { return false }
                if name.lowercased().hasSuffix(RejectedRows.suffix) {
                    setAside.append((path as NSString).appendingPathComponent(name))
                    return false
                }
                return true
            }.sorted().map { (path as NSString).appendingPathComponent($0) }
            if found.isEmpty { empty.append(path) }
            return found
        }
        return (files, empty, setAside.sorted())
    }

    /// Whether `path` is read as a table (CSV, TSV, a workbook) rather than as a response file.
    public static func isTable(_ path: String) -> Bool {
        ["csv", "tsv", "txt"].contains((path as NSString).pathExtension.lowercased()) || WorkbookSheet.Format(path: path) != nil
    }

    /// Runs the import of `paths` through `session`; returns whether to commit.
    public func run(_ paths: [String], session: (any ImportBatch)?, report: inout Report) throws -> Bool {
        var seen: [String: Origin] = [:]
        var stored = 0
        let (files, empty, setAside) = Self.inputs(paths)
        for file in setAside {
            report.diagnostics.append(Diagnostic(file: file, line: nil, column: nil, severity: .warning, .setAsideRowsSkipped))
        }
        for folder in empty {
            report.diagnostics.append(Diagnostic(file: folder, line: nil, column: nil, .emptyFolder))
            report.fatal += 1
        }
        for path in files {
            if Self.isTable(path) {
                try importTable(path, session: session, seen: &seen, stored: &stored, report: &report)
            } else {
                try importFile(path, session: session, seen: &seen, stored: &stored, report: &report)
            }
        }
        progress?.finish()
        // Nothing read at all (an empty table, files without respondents): no campaign is made of it.
        if report.accepted == 0, report.rejected == 0, report.fatal == 0, !files.isEmpty {
            report.diagnostics.append(Diagnostic(file: files[0], line: nil, column: nil, .nothingToImport(files.count)))
            report.fatal += 1
        }
        if report.fatal > 0 {
            // A whole file could not be read: nothing is imported, so no row was set aside either.
            for file in report.rejectedFiles { try? FileManager.default.removeItem(atPath: file) }
            report.rejectedFiles = []
            report.rejected = 0
        }
        if skipInvalid, report.fatal == 0, report.accepted == 0, report.rejected > 0 {
            // Setting every row aside imports nothing: a failure, not a campaign with no one in it.
            // The rows and their reasons stay in the rejected-rows file, to be corrected.
            report.everyRowRejected = true
            return false
        }
        return !dryRun && (report.errors == 0 || (skipInvalid && report.fatal == 0))
    }

    /// Where a respondent was read: a file, and its row for tables.
    struct Origin {
        var file: String
        var row: Int?
        var line: Int?
        /// When the row was answered (`KeepRule.time` of its timestamp cell).
        var time: Double?

        var source: String { line.map { "\(file):\($0)" } ?? file }
    }

    /// A checked response, scored and ready to store (computed on any thread).
    public struct Prepared: Sendable {
        /// Who answered.
        public var identity: RespondentIdentity
        /// What is stored.
        public var entry: ImportEntry
    }

    /// Checks and scores responses; everything it holds is immutable, so any thread may use it.
    public struct Preparer: Sendable {
        let questionnaire: Questionnaire
        let checker: ResponseChecker
        let scorer: Scorer
        let json: CompiledJSON

        /// Works out, once, what checking and scoring need of `questionnaire`.
        public init(questionnaire: Questionnaire) {
            self.questionnaire = questionnaire
            checker = ResponseChecker(questionnaire: questionnaire)
            scorer = Scorer(questionnaire: questionnaire)
            json = CompiledJSON(questionnaire: questionnaire)
        }

        /// Scores a checked response into what the store keeps.
        func prepare(_ response: Response, source: String) throws(ResponseIssue) -> Prepared? {
            guard let identity = RespondentIdentity(response: response, questionnaire: questionnaire) else { return nil }
            let card = try scorer.score(response)
            return Prepared(
                identity: identity,
                entry: ImportEntry(
                    response: response, identity: identity, card: card, questionnaire: questionnaire, source: source))
        }

        /// Scores a row the compiled path checked into what the store keeps.
        public func prepare(_ response: PositionalResponse, source: String) -> Prepared {
            let identity = RespondentIdentity(
                profile: response.profile, typology: response.typology, questionnaire: questionnaire)
            return Prepared(
                identity: identity,
                entry: ImportEntry(
                    response: response, identity: identity, result: scorer.result(response), questionnaire: questionnaire,
                    json: json, source: source))
        }

        /// Checks and scores a batch of rows in parallel, keeping their order.
        public func process(_ batch: [TabularResponses.Row], table: TabularResponses) -> [RowOutcome] {
            let slots = Slots(count: batch.count, value: RowOutcome())
            let runner = self
            DispatchQueue.concurrentPerform(iterations: batch.count) { index in
                let row = batch[index]
                var outcome = RowOutcome()
                guard row.problems.isEmpty else {
                    slots[index] = outcome
                    return
                }
                let clock = ContinuousClock()
                let start = clock.now
                // A clean row takes the compiled path; any other takes the generic one, which says what is wrong.
                if let checked = table.checkedRow(row.cells, checker: runner.checker) {
                    let scoring = clock.now
                    outcome.checking = scoring - start
                    outcome.prepared = runner.prepare(checked, source: "\(table.file):\(row.line)")
                    outcome.scoring = clock.now - scoring
                    slots[index] = outcome
                    return
                }
                let (response, issues) = runner.checker.check(table.response(row.cells))
                outcome.problems =
                    table.cellProblems(row)
                    + issues.map { issue in
                        Diagnostic(
                            file: table.file, line: row.line, column: nil, severity: issue.severity,
                            table.rowMessage(row, issue))
                    }
                let checked = clock.now
                outcome.checking = checked - start
                if let response, !outcome.problems.contains(where: { $0.severity == .error }) {
                    do throws(ResponseIssue) {
                        outcome.prepared = try runner.prepare(response, source: "\(table.file):\(row.line)")
                    } catch {
                        outcome.problems.append(
                            Diagnostic(
                                file: table.file, line: row.line, column: nil,
                                table.rowMessage(row, error)))
                    }
                    outcome.scoring = clock.now - checked
                }
                slots[index] = outcome
            }
            return slots.values
        }
    }

    /// Stores a prepared respondent, unless the same respondent came earlier in this import.
    private func commit(
        _ prepared: Prepared, origin: Origin, session: (any ImportBatch)?, seen: inout [String: Origin], stored: inout Int
    ) throws -> DefinitionMessage? {
        let key = prepared.identity.combinedKey
        if let first = seen[key] {
            if first.file == origin.file, let row = origin.row, let firstRow = first.row {
                // With --keep, `keeping` decides which of the two rows stays.
                if keep != nil { return nil }
                return .duplicateRespondent(row: row, firstRow: firstRow)
            }
            return .duplicateRespondentFile(firstFile: first.row.map { "\(first.file) (row \($0))" } ?? first.file)
        }
        seen[key] = origin
        let clock = ContinuousClock()
        let start = clock.now
        try session?.store(prepared.entry)
        timings?.storing += clock.now - start
        stored += 1
        storedHook?(stored)
        return nil
    }

    /// With `keep`, a row of a respondent this table gave earlier: stored in place of the earlier row
    /// when it is the one to keep, else left out; what was done, for a warning. `nil` for a row whose
    /// respondent is new, which `commit` stored.
    private func keeping(
        _ prepared: Prepared, origin: Origin, session: (any ImportBatch)?, seen: inout [String: Origin],
        report: inout Report
    ) throws -> (message: DefinitionMessage, leftOut: Bool)? {
        guard let keep else { return nil }
        let key = prepared.identity.combinedKey
        guard let earlier = seen[key], earlier.line != origin.line, let row = origin.row, let earlierRow = earlier.row
        else { return nil }
        let later: Bool
        switch keep {
        case .first: later = false
        case .latest:
            // By the timestamps when both rows have one; else the row further down the file.
            if let time = origin.time, let earlierTime = earlier.time { later = time >= earlierTime } else { later = true }
        }
        guard later else { return (.duplicateSkipped(row: row, kept: earlierRow, rule: keep.rawValue), true) }
        seen[key] = origin
        try session?.store(prepared.entry)
        report.replacedWithin += 1
        return (.duplicateReplaces(row: row, earlier: earlierRow), false)
    }

    /// Scores and stores one checked response (files and simulations, one at a time).
    private func store(
        _ response: Response, origin: Origin, session: (any ImportBatch)?, seen: inout [String: Origin], stored: inout Int
    ) throws -> DefinitionMessage? {
        guard let prepared = try preparer.prepare(response, source: origin.source) else { return nil }
        return try commit(prepared, origin: origin, session: session, seen: &seen, stored: &stored)
    }

    /// Runs the import of generated responses (a simulation); returns whether to commit.
    public func run(
        generated: some Sequence<RawResponse>, label: String, session: (any ImportBatch)?, report: inout Report
    ) throws -> Bool {
        var seen: [String: Origin] = [:]
        var stored = 0
        for (index, raw) in generated.enumerated() {
            let origin = Origin(file: label, row: index + 1, line: index + 1)
            let (response, issues) = preparer.checker.check(raw)
            report.diagnostics += issues.map { issue in
                Diagnostic(file: label, line: index + 1, column: nil, severity: issue.severity, .response(issue))
            }
            guard let response else {
                report.rejected += 1
                continue
            }
            if let duplicate = try store(response, origin: origin, session: session, seen: &seen, stored: &stored) {
                report.diagnostics.append(Diagnostic(file: label, line: index + 1, column: nil, duplicate))
                report.rejected += 1
            } else {
                report.accepted += 1
            }
        }
        return !dryRun && report.errors == 0
    }

    private func importFile(
        _ path: String, session: (any ImportBatch)?, seen: inout [String: Origin], stored: inout Int, report: inout Report
    ) throws {
        let loaded = ResponseLoader.load(path: path, questionnaire: questionnaire)
        report.diagnostics += loaded.diagnostics
        guard let response = loaded.value else {
            report.rejected += 1
            return
        }
        if let duplicate = try store(response, origin: Origin(file: path), session: session, seen: &seen, stored: &stored) {
            report.diagnostics.append(Diagnostic(file: path, line: nil, column: nil, duplicate))
            report.rejected += 1
        } else {
            report.accepted += 1
        }
    }

    private func importTable(
        _ path: String, session: (any ImportBatch)?, seen: inout [String: Origin], stored: inout Int, report: inout Report
    ) throws {
        let data: Data
        switch SourceFile.read(path, limit: SourceFile.tableLimit) {
        case .success(let contents): data = contents
        case .failure(let problem):
            report.diagnostics.append(Diagnostic(file: path, line: nil, column: nil, .cannotRead(problem)))
            report.fatal += 1
            return
        }
        guard let rows = tabular(path, data: data, report: &report) else { return }
        let table = TableReader(rows)
        guard table.rows.isUsable else {
            report.diagnostics += table.rows.problems
            report.fatal += 1
            return
        }
        var rejected = RejectedRows(input: path, header: table.rows.header, enabled: skipInvalid && !dryRun)
        // The column of when each row was answered, for --keep latest (read before the reading thread starts).
        let stamp = table.rows.targets.firstIndex(of: .timestamp)
        var rowsRead = 0
        let clock = ContinuousClock()
        let preparer = self.preparer
        // Rows are stored in order on this thread. Checking and scoring run on the other cores, one
        // batch ahead, and so does reading: while a batch is scored, the one before is stored and
        // the one after is read.
        var previous: (batch: [TabularResponses.Row], outcomes: [RowOutcome])?
        var batch = table.readBatch(Self.batchSize)
        while true {
            rowsRead += batch.count
            progress?.update(file: path, fraction: table.rows.progress, rows: rowsRead)
            let processingStart = clock.now
            let done = DispatchGroup()
            let result = Slots(count: 1, value: [RowOutcome]())
            let next = Slots(count: 1, value: [TabularResponses.Row]())
            if !batch.isEmpty {
                let work = batch
                let rows = table.rows
                DispatchQueue.global().async(group: done) { result[0] = preparer.process(work, table: rows) }
                DispatchQueue.global().async(group: done) { next[0] = table.readBatch(Self.batchSize) }
            }
            if let (rows, outcomes) = previous {
                try commit(
                    rows, outcomes, path: path, stamp: stamp, session: session, seen: &seen, stored: &stored,
                    report: &report, rejected: &rejected)
            }
            done.wait()
            guard !batch.isEmpty else { break }
            let outcomes = result[0]
            let processing = clock.now - processingStart
            timings?.processing += processing
            if let timings {
                // Checking and scoring share the wall time by their CPU time.
                let check = outcomes.map(\.checking).reduce(.zero, +)
                let score = outcomes.map(\.scoring).reduce(.zero, +)
                let cpu = (check + score).seconds
                timings.scoring += processing * (cpu > 0 ? score.seconds / cpu : 0)
            }
            previous = (batch, outcomes)
            batch = next[0]
        }
        report.diagnostics += table.rows.problems
        report.fatal += table.rows.problems.filter { $0.severity == .error }.count
        if let written = try rejected.close() { report.rejectedFiles.append(written) }
    }

    /// The table in `data`: a workbook's sheet, or CSV text in UTF-8, UTF-16 or Windows-1252 (said
    /// in a warning); `nil` with the reason reported when it cannot be read.
    private func tabular(_ path: String, data: Data, report: inout Report) -> TabularResponses? {
        if let format = WorkbookSheet.Format(path: path) {
            switch WorkbookSheet.read(data, format: format, sheet: sheet) {
            case .success(let read):
                return TabularResponses(file: path, sheet: read, questionnaire: questionnaire, mapping: mapping)
            case .failure(let problem):
                report.diagnostics.append(Diagnostic(file: path, line: nil, column: nil, .workbook(problem)))
                report.fatal += 1
                return nil
            }
        }
        switch TableEncoding.decode(data) {
        case .text(let text, let encoding):
            if encoding != .utf8 {
                report.diagnostics.append(
                    Diagnostic(file: path, line: nil, column: nil, severity: .warning, .readAsEncoding(encoding.rawValue)))
            }
            return TabularResponses(file: path, data: text, questionnaire: questionnaire, mapping: mapping)
        case .brokenUTF8:
            // The reader stops at the first byte that is not UTF-8, and names its line.
            return TabularResponses(file: path, data: data, questionnaire: questionnaire, mapping: mapping)
        case .unknown:
            report.diagnostics.append(Diagnostic(file: path, line: nil, column: nil, .unknownEncoding))
            report.fatal += 1
            return nil
        }
    }

    /// A table being read, handed between the import thread and the thread reading its next batch:
    /// one of them at a time uses it (the import thread waits for the batch before touching it).
    final class TableReader: @unchecked Sendable {
        var rows: TabularResponses

        init(_ rows: TabularResponses) {
            self.rows = rows
        }

        /// The next rows, at most `count`; none at the end.
        func readBatch(_ count: Int) -> [TabularResponses.Row] {
            var batch: [TabularResponses.Row] = []
            batch.reserveCapacity(count)
            while batch.count < count, let row = rows.nextRecord() { batch.append(row) }
            return batch
        }
    }

    /// Stores a checked and scored batch in row order, reporting its problems and setting rejected rows aside.
    private func commit(
        _ batch: [TabularResponses.Row], _ outcomes: [RowOutcome], path: String, stamp: Int?, session: (any ImportBatch)?,
        seen: inout [String: Origin], stored: inout Int, report: inout Report, rejected: inout RejectedRows
    ) throws {
        for (row, outcome) in zip(batch, outcomes) {
            var problems = row.problems + outcome.problems
            var leftOut = false
            if let prepared = outcome.prepared, !problems.contains(where: { $0.severity == .error }) {
                let origin = Origin(
                    file: path, row: row.number, line: row.line,
                    time: stamp.flatMap { row.cells.indices.contains($0) ? KeepRule.time(row.cells[$0]) : nil })
                if let duplicate = try commit(prepared, origin: origin, session: session, seen: &seen, stored: &stored) {
                    problems.append(Diagnostic(file: path, line: row.line, column: nil, duplicate))
                } else if let kept = try keeping(prepared, origin: origin, session: session, seen: &seen, report: &report) {
                    problems.append(Diagnostic(file: path, line: row.line, column: nil, severity: .warning, kept.message))
                    leftOut = kept.leftOut
                }
            }
            report.diagnostics += problems
            if problems.contains(where: { $0.severity == .error }) {
                report.rejected += 1
                try rejected.add(row.cells, reasons: problems.filter { $0.severity == .error }.map { $0.message.text(language) })
            } else if leftOut {
                report.duplicatesLeftOut += 1
            } else {
                report.accepted += 1
            }
        }
    }

    /// Rows handled per batch: enough to keep every core busy, few enough to stay small in memory.
    public static let batchSize = 512

    /// What checking and scoring one row gave.
    public struct RowOutcome: Sendable {
        /// What is wrong with the row.
        public var problems: [Diagnostic] = []
        /// The row scored, when it has no error.
        public var prepared: Prepared?
        var checking: Duration = .zero
        var scoring: Duration = .zero
    }

}

extension Duration {
    /// The duration in seconds.
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}

/// Time spent in the phases of an import, measured apart by the benchmark.
public final class PhaseTimings {
    /// Scoring, its share of the wall time of checking and scoring.
    public var scoring: Duration = .zero
    /// Writing to the store.
    public var storing: Duration = .zero
    /// Checking and scoring on every core (wall time).
    public var processing: Duration = .zero

    /// Timings at zero.
    public init() {}
}

/// Rows refused by an import with `--skip-invalid`, written next to their input with the reasons.
public struct RejectedRows {
    /// The end of the name of a file of rows set aside: `export.rejected.csv` beside `export.csv`.
    public static let suffix = ".rejected.csv"
    let path: String
    let header: [String]
    let enabled: Bool
    private var handle: FileHandle?
    private var count = 0
    private let writer = CSVWriter()

    init(input: String, header: [String], enabled: Bool) {
        let base = (input as NSString).deletingPathExtension
        path = base + Self.suffix
        self.header = header
        self.enabled = enabled
    }

    mutating func add(_ cells: [String], reasons: [String]) throws {
        guard enabled else { return }
        if handle == nil {
            guard
                FileManager.default.createFile(
                    atPath: path, contents: Data(writer.line(header + [TabularResponses.errorsColumn]).utf8)),
                let opened = FileHandle(forWritingAtPath: path)
            else {
                throw PipelineError(.cannotWrite(path))
            }
            handle = opened
            _ = try handle?.seekToEnd()
        }
        try handle?.write(contentsOf: Data(writer.line(cells + [reasons.joined(separator: " | ")]).utf8))
        count += 1
    }

    mutating func close() throws -> String? {
        try handle?.close()
        return count > 0 ? path : nil
    }
}

/// Where a long import or a batch of reports shows how far it is (a terminal, a web page).
public protocol PipelineProgress: AnyObject {
    /// `rows` rows of `file` read, `fraction` of its bytes.
    func update(file: String, fraction: Double, rows: Int)
    /// `done` reports written of `total`.
    func update(reports done: Int, of total: Int)
    /// The work is over: clear what was shown.
    func finish()
}
