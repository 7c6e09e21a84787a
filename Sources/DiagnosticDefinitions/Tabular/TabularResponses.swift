import DiagnosticCore
import Foundation

/// Reads a wide CSV export (one row per respondent, one column per question) as raw responses.
///
/// Headers are question or profile ids, `question.justification|evidence|confidence`, labels of
/// questions or profile fields (French or English), or what a mapping file says. Cells hold option
/// ids or labels; multiple choices are separated by `;` (by `|` when `;` separates cells).
public struct TabularResponses: Sendable {
    /// One data row.
    public struct Row: Sendable {
        /// Spreadsheet row number (the header is row 1).
        public var number: Int
        /// Line of the file where the row starts.
        public var line: Int
        /// The cells as read.
        public var cells: [String]
        /// The raw response, when the row has the right shape.
        public var response: RawResponse?
        /// Problems of shape (wrong number of cells).
        public var problems: [Diagnostic]
    }

    /// The file, as named in diagnostics.
    public let file: String
    /// Header cells.
    public private(set) var header: [String] = []
    /// What each column holds.
    public private(set) var targets: [ColumnTarget] = []
    /// Problems of the header (unknown or duplicate columns) or of the file (not CSV, not UTF-8).
    public private(set) var problems: [Diagnostic] = []
    /// Separator of multiple choices.
    public let separator: String

    private var reader: CSVReader
    private let questionnaire: Questionnaire
    private let mapping: ColumnMapping
    private var columns: [ColumnReading] = []
    /// What the compiled path knows in advance about each column's cells (`checkedRow`).
    private var shortcuts: [Shortcuts] = []
    /// The separator of multiple choices as one byte, when it is one ASCII character.
    private let separatorByte: UInt8?
    private var headerLine = 1
    private var rowNumber = 1
    private var stopped = false
    /// Columns whose header cell is blank: ignored, as long as their cells are empty too.
    private var unnamedColumns: Set<Int> = []
    /// How many of the last columns are unnamed (a trailing separator): rows may leave them out.
    private var trailingUnnamed = 0

    /// Opens `data` and reads its header; check `problems` before reading rows.
    public init(file: String, data: Data, questionnaire: Questionnaire, mapping: ColumnMapping = ColumnMapping()) {
        self.file = file
        self.questionnaire = questionnaire
        self.mapping = mapping
        reader = CSVReader(data: data)
        separator = mapping.separator ?? (reader.delimiter == UInt8(ascii: ";") ? "|" : ";")
        separatorByte = separator.utf8.count == 1 && separator.utf8.allSatisfy { $0 < 0x80 } ? separator.utf8.first : nil
        readHeader()
        let vocabulary = AnswerVocabulary(questionnaire, extra: mapping.values)
        columns = targets.map { ColumnReading($0, questionnaire: questionnaire, vocabulary: vocabulary) }
        let checker = ResponseChecker(questionnaire: questionnaire)
        shortcuts = columns.map { column in
            column.question.map { Shortcuts(column, question: questionnaire.questions[$0], table: self, checker: checker) }
                ?? Shortcuts()
        }
    }

    /// What reading one column needs, worked out once from the header.
    struct ColumnReading: Sendable {
        let target: ColumnTarget
        /// Position of the question the column is about.
        let question: Int?
        /// Whether cells hold several choices.
        let multiple: Bool
        /// Whether cells name options (or typologies), to be turned into ids.
        let translates: Bool
        /// Ids, and normalised labels, to ids.
        let accepted: [String: String]

        init(_ target: ColumnTarget, questionnaire: Questionnaire, vocabulary: AnswerVocabulary) {
            self.target = target
            question = target.subject.flatMap { questionnaire.questionIndex($0) }
            accepted = target.subject.map(vocabulary.accepted) ?? [:]
            switch target {
            case .answer(let id), .answerPart(let id, _):
                let cell = questionnaire.question(id)?.kind.unit.cell
                multiple = cell?.holdsList ?? false
                translates = cell?.namesOptions ?? false
            case .profile(let id):
                let field = questionnaire.profileField(id)
                multiple = false
                translates = field?.kind == .choice || field?.kind == .typology
            default:
                multiple = false
                translates = false
            }
        }

        /// The id a cell stands for: an id or accepted text as written, else its normalised label, else itself.
        func translate(_ cell: String) -> String { AnswerVocabulary.translate(cell, accepted) }
    }

    /// The cells of one answer column whose reading is worked out once, by the generic path itself:
    /// option ids, labels, special answers and scale values, and the parts of multiple choices.
    struct Shortcuts: Sendable {
        /// The parsed value of a whole cell, as `response(_:)` and `ResponseChecker.parse` give it.
        var cells: [String: AnswerValue] = [:]
        /// For a multiple choice, the option position a part of a cell (trimmed, not empty) stands for.
        var parts: [String: Int] = [:]

        init() {}

        init(_ column: ColumnReading, question: Question, table: TabularResponses, checker: ResponseChecker) {
            guard case .answer = column.target else { return }
            var candidates = Set(column.accepted.keys)
            for option in question.options { candidates.formUnion(option.label.translations.values) }
            candidates.formUnion(question.kind.unit.cellCandidates(question))
            for candidate in candidates where !candidate.isEmpty {
                let raw = table.answerValue(candidate, column)
                if !raw.isEmpty, case .success(let value) = checker.parse(raw, for: question) { cells[candidate] = value }
                if column.multiple, candidate == candidate.trimmed {
                    let id = column.translate(candidate)
                    if SpecialAnswerKind(rawValue: id) == nil, let position = question.options.firstIndex(where: { $0.id == id })
                    {
                        parts[candidate] = position
                    }
                }
            }
        }
    }

    /// Progress through the file, 0...1.
    public var progress: Double { reader.size == 0 ? 1 : Double(reader.offset) / Double(reader.size) }

    /// Whether the header can be used (no unknown, duplicate or unreadable column).
    public var isUsable: Bool { !problems.contains { $0.severity == .error } }

    private mutating func readHeader() {
        do {
            guard let record = try reader.next() else {
                problems.append(Diagnostic(file: file, line: 1, column: nil, .emptyTable))
                stopped = true
                return
            }
            headerLine = record.line
            header = record.cells
            // A header no form produces (a million columns) is refused before each is looked at.
            guard header.count <= Self.maximumColumns else {
                problems.append(
                    Diagnostic(
                        file: file, line: headerLine, column: nil, .tooManyColumns(header.count, limit: Self.maximumColumns)))
                stopped = true
                return
            }
        } catch {
            problems.append(Diagnostic(file: file, line: Self.line(of: error), column: nil, .csv(error)))
            stopped = true
            return
        }
        let index = Self.headerIndex(questionnaire)
        var seen: [ColumnTarget: String] = [:]
        for (position, cell) in header.enumerated() {
            let name = cell.trimmed
            if name.isEmpty, mapping.columns[cell] == nil {
                // A blank header (often a trailing separator): the column is ignored; a value in it is a row error.
                unnamedColumns.insert(position)
                targets.append(.ignore)
                continue
            }
            let target =
                mapping.columns[cell] ?? mapping.columns[name] ?? ColumnTarget(name, questionnaire: questionnaire)
                ?? index[RespondentIdentity.normalised(name)]
            guard let target else {
                let suggestion = ResponseChecker.closest(to: name, among: Array(Self.ids(questionnaire)))
                problems.append(
                    Diagnostic(
                        file: file, line: headerLine, column: position + 1, .unknownColumn(name, suggestion: suggestion)))
                targets.append(.ignore)
                continue
            }
            if target != .ignore, let first = seen[target] {
                problems.append(
                    Diagnostic(file: file, line: headerLine, column: position + 1, .duplicateColumn(name, first: first)))
            }
            seen[target] = seen[target] ?? name
            targets.append(target)
        }
        // A question given whole and by parts: the two would overwrite each other.
        for (position, target) in targets.enumerated() {
            guard case .answerPart(let id, _) = target, let whole = seen[.answer(id)] else { continue }
            problems.append(
                Diagnostic(
                    file: file, line: headerLine, column: position + 1, .duplicateColumn(header[position].trimmed, first: whole)))
        }
        trailingUnnamed = header.indices.reversed().prefix { unnamedColumns.contains($0) }.count
    }

    private static func line(of problem: CSVReader.Problem) -> Int {
        switch problem {
        case .unbalancedQuote(let line), .strayQuote(let line), .invalidUTF8(let line): line
        }
    }

    private static func ids(_ questionnaire: Questionnaire) -> [String] {
        questionnaire.questions.map(\.id) + questionnaire.profileFields.map(\.id)
    }

    /// Headers recognised by label: question and profile labels in every language, normalised.
    private static func headerIndex(_ questionnaire: Questionnaire) -> [String: ColumnTarget] {
        var index: [String: ColumnTarget] = [:]
        for field in questionnaire.profileFields {
            for text in field.label.translations.values { index[RespondentIdentity.normalised(text)] = .profile(field.id) }
        }
        for question in questionnaire.questions {
            for text in question.label.translations.values { index[RespondentIdentity.normalised(text)] = .answer(question.id) }
        }
        return index
    }

    /// The most columns a table may have (form exports have hundreds, rarely a few thousand).
    public static let maximumColumns = 10_000

    /// The next data row with its raw response, `nil` at the end or after a problem that makes the rest unreadable.
    public mutating func next() -> Row? {
        guard var row = nextRecord() else { return nil }
        if row.problems.isEmpty {
            row.response = response(row.cells)
            row.problems = cellProblems(row)
        }
        return row
    }

    /// The next data row, cells only: `response(_:)` builds its raw response (possibly on another thread).
    public mutating func nextRecord() -> Row? {
        guard !stopped else { return nil }
        let record: CSVReader.Record
        do {
            guard let read = try reader.next() else { return nil }
            record = read
        } catch {
            problems.append(Diagnostic(file: file, line: Self.line(of: error), column: nil, .csv(error)))
            stopped = true
            return nil
        }
        rowNumber += 1
        var cells = record.cells
        if cells.count < header.count, cells.count >= header.count - trailingUnnamed {
            // The row leaves out the unnamed last columns: they are empty.
            cells += Array(repeating: "", count: header.count - cells.count)
        } else if cells.count > header.count, cells[header.count...].allSatisfy({ $0.trimmed.isEmpty }) {
            // A trailing separator on the row only: the extra cells are empty.
            cells.removeLast(cells.count - header.count)
        }
        var row = Row(number: rowNumber, line: record.line, cells: cells, response: nil, problems: [])
        guard cells.count == header.count else {
            row.problems.append(
                Diagnostic(
                    file: file, line: record.line, column: nil,
                    .inRowShape(rowNumber, found: cells.count, expected: header.count)))
            return row
        }
        return row
    }

    /// Problems of single cells that the raw response cannot carry: an invalid confidence, a value
    /// in a column without a header. Located by row and column.
    public func cellProblems(_ row: Row) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        for (position, (column, cell)) in zip(columns, row.cells).enumerated() {
            let text = cell.trimmed
            guard !text.isEmpty else { continue }
            if unnamedColumns.contains(position) {
                problems.append(
                    Diagnostic(
                        file: file, line: row.line, column: nil,
                        .unnamedColumnValue(row: row.number, column: position + 1, value: text)))
            } else if case .confidence(let id) = column.target, Confidence(rawValue: text.lowercased()) == nil {
                let issue = ResponseIssue(
                    .answer(id), .invalidChoice(key: "confidence", value: text, allowed: Confidence.allCases.map(\.rawValue)))
                problems.append(
                    Diagnostic(file: file, line: row.line, column: nil, .inRow(row.number, column: header[position], issue)))
            }
        }
        return problems
    }

    /// The raw response of a row's cells.
    public func response(_ cells: [String]) -> RawResponse {
        var profile: [(field: String, value: RawValue)] = []
        profile.reserveCapacity(questionnaire.profileFields.count)
        // Answers by question position; `order` keeps the order their columns come in.
        var answers = [RawAnswer?](repeating: nil, count: questionnaire.questions.count)
        var order: [Int] = []
        order.reserveCapacity(cells.count)
        for (column, cell) in zip(columns, cells) {
            if case .profile(let id) = column.target {
                profile.append((id, profileValue(cell, column)))
                continue
            }
            guard !cell.isEmpty, let index = column.question, let id = column.target.subject else { continue }
            if answers[index] == nil {
                answers[index] = RawAnswer(questionID: id, value: .scalar(""))
                order.append(index)
            }
            switch column.target {
            case .answer:
                answers[index]?.value = answerValue(cell, column)
            case .answerPart(_, let part):
                // Each part's cell adds to the answer's values (a grid's row: its option).
                var values: [String: String] = [:]
                if case .mapping(let earlier)? = answers[index]?.value { values = earlier }
                values[part] = column.translates ? column.translate(cell) : cell
                answers[index]?.value = .mapping(values)
            case .justification:
                answers[index]?.justification = cell
            case .evidence:
                answers[index]?.evidence = evidence(cell)
            case .confidence:
                answers[index]?.confidence = Self.confidence(cell)
            case .ignore, .profile:
                break
            }
        }
        return RawResponse(profile: profile, answers: order.compactMap { answers[$0] })
    }

    /// The checked response of a row's cells, read straight into answers by question position,
    /// when the generic path (`response(_:)`, `cellProblems(_:)` and `ResponseChecker.check`) would
    /// accept the row without a single issue; otherwise `nil`, and the caller takes the generic path
    /// for the diagnostics. The usual cells are looked up in tables worked out once per column by
    /// the generic path's own functions; any other cell is read by them.
    public func checkedRow(_ cells: [String], checker: ResponseChecker) -> PositionalResponse? {
        guard cells.count == columns.count, checker.questionnaire.questions.count == questionnaire.questions.count else {
            return nil
        }
        var profile: [(field: String, value: RawValue)] = []
        profile.reserveCapacity(questionnaire.profileFields.count)
        var answers = [Answer?](repeating: nil, count: questionnaire.questions.count)
        // Justification, evidence and confidence, by question position, when a column gives any.
        var details: [Int: Answer] = [:]
        for position in columns.indices {
            let column = columns[position]
            let cell = cells[position]
            switch column.target {
            case .profile(let id):
                profile.append((id, profileValue(cell, column)))
            case .ignore:
                if unnamedColumns.contains(position), !cell.trimmed.isEmpty { return nil }
            case .answerPart:
                // Answers in several columns are put together by the generic path.
                if !cell.isEmpty { return nil }
            case .answer:
                guard !cell.isEmpty, let index = column.question else { continue }
                switch value(cell, position: position, question: index, checker: checker) {
                case .given(let value): answers[index] = Answer(value)
                case .empty: break
                case .refused: return nil
                }
            case .justification:
                guard !cell.isEmpty, let index = column.question else { continue }
                details[index, default: Answer(.text(""))].justification = cell
            case .evidence:
                guard !cell.isEmpty, let index = column.question else { continue }
                details[index, default: Answer(.text(""))].evidence = evidence(cell)
            case .confidence:
                guard !cell.isEmpty, let index = column.question else { continue }
                let confidence = Self.confidence(cell)
                if confidence == nil, !cell.trimmed.isEmpty { return nil }
                details[index, default: Answer(.text(""))].confidence = confidence
            }
        }
        for (index, detail) in details {
            guard answers[index] != nil else {
                // Details without an answer: a warning for the generic path, unless they say nothing.
                if ResponseChecker.detailsSaySomething(
                    justification: detail.justification, evidence: detail.evidence, confidence: detail.confidence)
                {
                    return nil
                }
                continue
            }
            answers[index]?.justification = detail.justification
            answers[index]?.evidence = detail.evidence
            answers[index]?.confidence = detail.confidence
        }
        return checker.checkedClean(profile: profile, answers: answers)
    }

    /// What an answer cell holds for the compiled path.
    private enum CellValue {
        /// A value the generic path accepts.
        case given(AnswerValue)
        /// Nothing (blank, or only separators).
        case empty
        /// A value the generic path refuses: the row takes the generic path for its diagnostics.
        case refused
    }

    private func value(_ cell: String, position: Int, question index: Int, checker: ResponseChecker) -> CellValue {
        let shortcuts = shortcuts[position]
        if let value = shortcuts.cells[cell] { return .given(value) }
        let question = questionnaire.questions[index]
        if columns[position].multiple, let separator = separatorByte {
            // Parts known by their position: check them as `ResponseChecker.parse` does, or take its way.
            var chosen: [Int] = []
            // Split on the separator's byte: in ASCII text (the rest takes the generic way) a byte is a
            // character, so the parts are those the generic path splits on characters.
            let known =
                cell.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
                    var start = 0
                    for end in 0...bytes.count where end == bytes.count || bytes[end] == separator {
                        defer { start = end + 1 }
                        guard end > start else { continue }
                        let part = UnsafeBufferPointer(rebasing: bytes[start..<end])
                        guard part.allSatisfy({ $0 < 0x80 }), let option = shortcuts.parts[String(decoding: part, as: UTF8.self)],
                            !chosen.contains(option)
                        else { return false }
                        chosen.append(option)
                    }
                    return true
                } ?? false
            if known {
                if chosen.isEmpty { return .empty }
                if chosen.count == 1 || !chosen.contains(where: { question.options[$0].exclusive }) {
                    return .given(.choices(chosen.map { question.options[$0].id }))
                }
            }
        }
        let raw = answerValue(cell, columns[position])
        if raw.isEmpty { return .empty }
        switch checker.parse(raw, for: question) {
        case .success(let value): return .given(value)
        case .failure: return .refused
        }
    }

    /// The raw value of a profile cell.
    private func profileValue(_ cell: String, _ column: ColumnReading) -> RawValue {
        .scalar(column.translates ? column.translate(cell) : cell)
    }

    /// The raw value of a non-empty answer cell: option ids for labels, a special answer for its label.
    fileprivate func answerValue(_ cell: String, _ column: ColumnReading) -> RawValue {
        if column.multiple {
            let parts = split(cell).map(\.trimmed).filter { !$0.isEmpty }.map(column.translate)
            return parts.count == 1 && SpecialAnswerKind(rawValue: parts[0]) != nil ? .scalar(parts[0]) : .list(parts)
        }
        if column.translates { return .scalar(column.translate(cell)) }
        let special = column.translate(cell)
        return .scalar(SpecialAnswerKind(rawValue: special) != nil ? special : cell)
    }

    private func evidence(_ cell: String) -> [String] {
        split(cell).map(\.trimmed).filter { !$0.isEmpty }
    }

    private static func confidence(_ cell: String) -> Confidence? {
        Confidence(rawValue: cell.trimmed.lowercased())
    }

    /// The parts of a multiple-choice or evidence cell.
    private func split(_ cell: String) -> [String] {
        if separator.count == 1, let character = separator.first {
            return cell.split(separator: character, omittingEmptySubsequences: false).map(String.init)
        }
        return cell.components(separatedBy: separator)
    }

    /// The header of the column holding `subject` (a question or profile field), for messages: for
    /// a question without an answer column, the column of its justification, evidence or confidence.
    public func column(of subject: ResponseIssue.Subject) -> String? {
        let wanted: ColumnTarget
        switch subject {
        case .response, .target: return nil
        case .profile(let id): wanted = .profile(id)
        case .answer(let id): wanted = .answer(id)
        }
        let index = targets.firstIndex(of: wanted) ?? targets.firstIndex { $0.subject == wanted.subject && $0 != .ignore }
        return index.map { header[$0] }
    }
}
