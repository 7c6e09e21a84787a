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

    private var reader: TableSource
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

    /// Opens `data` (CSV in UTF-8) and reads its header; check `problems` before reading rows.
    public init(file: String, data: Data, questionnaire: Questionnaire, mapping: ColumnMapping = ColumnMapping()) {
        self.init(
            file: file, source: .csv(CSVReader(data: data, headerLine: mapping.headerRow)), questionnaire: questionnaire,
            mapping: mapping)
    }

    /// Opens a workbook's sheet and reads its header; check `problems` before reading rows.
    public init(file: String, sheet: WorkbookSheet, questionnaire: Questionnaire, mapping: ColumnMapping = ColumnMapping()) {
        self.init(file: file, source: .sheet(sheet.rows[...]), questionnaire: questionnaire, mapping: mapping)
    }

    private init(file: String, source: TableSource, questionnaire: Questionnaire, mapping: ColumnMapping) {
        self.file = file
        self.questionnaire = questionnaire
        self.mapping = mapping
        reader = source
        separator = mapping.separator ?? (reader.delimiter == UInt8(ascii: ";") ? "|" : ";")
        separatorByte = separator.utf8.count == 1 && separator.utf8.allSatisfy { $0 < 0x80 } ? separator.utf8.first : nil
        readHeader()
        // LimeSurvey writes "N/A" in the cells of questions not answered: no answer, unless the mapping says otherwise.
        let values = ["N/A": ""].merging(mapping.values) { _, mapped in mapped }
        let vocabulary = AnswerVocabulary(
            questionnaire, extra: values, perSubject: mapping.questionValues, formCodes: true)
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
        /// For an option's own column, what its cells say, normalised: chosen or not.
        var marks: [String: Bool] = [:]
        /// Whether a scored answer that names no option (a scale, a number) takes the mapping's values.
        var mapsValues = false
        /// The option that takes a text a form's "Autre" / "Other" field wrote in the cell (id `autre`
        /// or `other`), for an answer column of a choice question that has one.
        var otherOption: String?
        /// `accepted` by key without spaces, so that choices are found in a cell whatever the spaces
        /// around the separator.
        var compact: [String: String] = [:]

        /// The words of an option's column: `Y`, `1`, `X`, yes, true and the option's id or labels
        /// mark it chosen; `N`, `0`, no, false leave it out.
        static func marks(_ option: AnswerOption?) -> [String: Bool] {
            var marks: [String: Bool] = [:]
            for word in ["y", "yes", "oui", "1", "x", "true", "vrai", "selected"] { marks[word] = true }
            for word in ["n", "no", "non", "0", "false", "faux"] { marks[word] = false }
            if let option {
                marks[AnswerVocabulary.key(option.id)] = true
                for label in option.label.translations.values { marks[AnswerVocabulary.key(label)] = true }
            }
            return marks
        }

        /// Whether an option column's cell marks the option chosen; `nil` for a cell that says neither.
        func chosen(_ cell: String) -> Bool? {
            let text = cell.trimmed
            return text.isEmpty ? false : marks[AnswerVocabulary.key(text)]
        }

        init(_ target: ColumnTarget, questionnaire: Questionnaire, vocabulary: AnswerVocabulary) {
            self.target = target
            question = target.subject.flatMap { questionnaire.questionIndex($0) }
            accepted = target.subject.map(vocabulary.accepted) ?? [:]
            switch target {
            case .answer(let id), .answerPart(let id, _):
                let cell = questionnaire.question(id)?.kind.unit.cell
                multiple = cell?.holdsList ?? false
                translates = cell?.namesOptions ?? false
                mapsValues = !translates && questionnaire.question(id)?.scored == true
                if case .answer = target, translates {
                    otherOption = questionnaire.question(id)?.otherOption?.id
                }
                for (text, id) in accepted { compact[text.filter { $0 != " " }] = compact[text.filter { $0 != " " }] ?? id }
            case .profile(let id):
                let field = questionnaire.profileField(id)
                multiple = false
                translates = field?.kind == .choice || field?.kind == .typology
            case .answerOption(let id, let option):
                multiple = false
                translates = false
                marks = Self.marks(questionnaire.question(id)?.options.first { $0.id == option })
                // What the mapping's values make no answer (LimeSurvey's N/A) leaves the option out.
                for (text, id) in accepted where id.isEmpty { marks[AnswerVocabulary.key(text)] = false }
                // An "Autre" option's column holds the text typed (LimeSurvey's `Q[other]`, a webform's).
                if Question.otherOptionIDs.contains(option) { otherOption = option }
            default:
                multiple = false
                translates = false
            }
        }

        /// The id a cell stands for: an id or accepted text as written, else its normalised label, else itself.
        func translate(_ cell: String) -> String { AnswerVocabulary.translate(cell, accepted) }

        /// The id a text stands for, `nil` when it names none.
        func lookup(_ text: String) -> String? {
            if let id = accepted[text] { return id }
            let trimmed = text.trimmed
            if let id = accepted[trimmed] { return id }
            let key = AnswerVocabulary.key(trimmed)
            return accepted[key] ?? compact[key.filter { $0 != " " }]
        }
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
            // Parts split on the separator are not options when a label holds it: the generic path puts them together.
            let labelsHoldSeparator = column.multiple && candidates.contains { $0.contains(table.separator) }
            for option in question.options { candidates.formUnion(option.label.translations.values) }
            candidates.formUnion(question.kind.unit.cellCandidates(question))
            for candidate in candidates where !candidate.isEmpty {
                let raw = table.answerValue(candidate, column)
                if !raw.isEmpty, case .success(let value) = checker.parse(raw, for: question) { cells[candidate] = value }
                if column.multiple, !labelsHoldSeparator, candidate == candidate.trimmed {
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

    /// The column of reasons od4g adds to the rows an import sets aside (`FILE.rejected.csv`).
    public static let errorsColumn = "od4g_errors"

    /// How many rows are tried as the header when the mapping sets none and the first does not fit.
    static let headerSearch = 10

    private mutating func readHeader() {
        let index = Self.headerIndex(questionnaire)
        // The mapping's headers, compared as labels are: typography, case and spaces aside.
        var mapped: [String: ColumnTarget] = [:]
        for (header, target) in mapping.columns {
            mapped[AnswerVocabulary.key(header)] = mapped[AnswerVocabulary.key(header)] ?? target
        }
        for (header, target) in mapping.columns { mapped[header] = target }
        var first: (record: CSVReader.Record, targets: Resolved, reader: TableSource, count: Int)?
        var upper: [CSVReader.Record] = []
        // Records read so far: a data row's number counts those above the header too.
        var count = 0
        do {
            while true {
                guard let read = try reader.next() else {
                    guard let first else {
                        problems.append(Diagnostic(file: file, line: 1, column: nil, .emptyTable))
                        stopped = true
                        return
                    }
                    // No later row fits better: the first is the header, with its problems.
                    use(first.record, first.targets, count: first.count)
                    reader = first.reader
                    return
                }
                count += 1
                if let wanted = mapping.headerRow, read.line < wanted { continue }
                // Headers on several rows: the upper ones are kept until the last is read.
                if upper.count < mapping.headerRowCount - 1 {
                    upper.append(read)
                    continue
                }
                let record = upper.isEmpty ? read : Self.combined(upper + [read])
                // A header no form produces (a million columns) is refused before each is looked at.
                guard record.cells.count <= Self.maximumColumns else {
                    problems.append(
                        Diagnostic(
                            file: file, line: record.line, column: nil,
                            .tooManyColumns(record.cells.count, limit: Self.maximumColumns)))
                    stopped = true
                    return
                }
                let resolved = resolve(record, mapped: mapped, index: index)
                // Rows above the header (a form's title, Framaforms' first lines) are passed over, the
                // header found by its columns; unless the mapping says which row it is.
                if mapping.headerRow != nil || resolved.fits {
                    use(record, resolved, count: count)
                    return
                }
                if first == nil { first = (record, resolved, reader, count) }
                if count >= (first?.count ?? 0) + Self.headerSearch, let first {
                    use(first.record, first.targets, count: first.count)
                    reader = first.reader
                    return
                }
            }
        } catch {
            problems.append(Diagnostic(file: file, line: Self.line(of: error), column: nil, .csv(error)))
            stopped = true
        }
    }

    /// The header of rows that each name a part of a column (`mapping.headerRowCount`): a column's
    /// cells joined by `/`. Where an upper row is blank above a named column, it takes the text on
    /// its left: a question's label written once above its options' columns.
    static func combined(_ rows: [CSVReader.Record]) -> CSVReader.Record {
        let last = rows[rows.count - 1]
        let width = rows.map(\.cells.count).max() ?? 0
        let lower = (0..<width).map { $0 < last.cells.count ? last.cells[$0].trimmed : "" }
        var names = [[String]](repeating: [], count: width)
        for row in rows.dropLast() {
            var carried: String?
            for position in 0..<width {
                let cell = position < row.cells.count ? row.cells[position].trimmed : ""
                if !cell.isEmpty {
                    carried = cell
                    names[position].append(cell)
                } else if !lower[position].isEmpty, let carried {
                    names[position].append(carried)
                } else if lower[position].isEmpty {
                    carried = nil
                }
            }
        }
        for position in 0..<width where !lower[position].isEmpty { names[position].append(lower[position]) }
        return CSVReader.Record(line: last.line, cells: names.map { $0.joined(separator: "/") })
    }

    /// A header row's columns, worked out.
    struct Resolved {
        var targets: [ColumnTarget] = []
        var problems: [Diagnostic] = []
        var unnamed: Set<Int> = []
        /// Whether every named column is understood and at least one holds answers.
        var fits: Bool {
            !problems.contains { $0.severity == .error }
                && targets.contains { if case .profile = $0 { false } else { $0.subject != nil } }
        }
    }

    private mutating func use(_ record: CSVReader.Record, _ resolved: Resolved, count: Int) {
        headerLine = record.line
        rowNumber = count
        header = record.cells
        targets = resolved.targets
        problems += resolved.problems
        unnamedColumns = resolved.unnamed
        trailingUnnamed = header.indices.reversed().prefix { unnamedColumns.contains($0) }.count
    }

    /// What each cell of a candidate header row names.
    private func resolve(_ record: CSVReader.Record, mapped: [String: ColumnTarget], index: [String: ColumnTarget]) -> Resolved {
        var resolved = Resolved()
        let line = record.line
        var seen: [ColumnTarget: String] = [:]
        /// Columns found by their form tool's pattern rather than named by the mapping.
        var recognised: Set<Int> = []
        for (position, cell) in record.cells.enumerated() {
            let name = cell.trimmed
            if name.isEmpty, mapping.columns[cell] == nil {
                // A blank header (often a trailing separator): the column is ignored; a value in it is a row error.
                resolved.unnamed.insert(position)
                resolved.targets.append(.ignore)
                continue
            }
            var target = mapping.columns[cell] ?? mapping.columns[name]
            if target == nil {
                recognised.insert(position)
                target = Self.recognise(
                    name, questionnaire: questionnaire, mapped: mapped, index: index,
                    combined: mapping.headerRowCount > 1)
            }
            guard let target else {
                let suggestion = ResponseChecker.closest(to: name, among: Array(Self.ids(questionnaire)))
                resolved.problems.append(
                    Diagnostic(file: file, line: line, column: position + 1, .unknownColumn(name, suggestion: suggestion)))
                resolved.targets.append(.ignore)
                continue
            }
            if target != .ignore, let first = seen[target] {
                resolved.problems.append(
                    Diagnostic(file: file, line: line, column: position + 1, .duplicateColumn(name, first: first)))
            }
            seen[target] = seen[target] ?? name
            resolved.targets.append(target)
        }
        for (position, target) in resolved.targets.enumerated() {
            switch target {
            case .answerPart(let id, _), .answerOption(let id, _):
                guard let whole = seen[.answer(id)], let wholePosition = resolved.targets.firstIndex(of: .answer(id)) else {
                    continue
                }
                if case .answerOption = target, recognised.contains(wholePosition) {
                    // KoboToolbox's summary column beside one column per choice: the choices' columns are read.
                    resolved.targets[wholePosition] = .ignore
                    seen[.answer(id)] = nil
                    continue
                }
                // A question given whole and by parts: the two would overwrite each other.
                resolved.problems.append(
                    Diagnostic(
                        file: file, line: line, column: position + 1,
                        .duplicateColumn(record.cells[position].trimmed, first: whole)))
            default: continue
            }
        }
        // A scored question without a column counts as unanswered in every row: when the mapping has
        // columns ignored (where such a question's answers may be), said once, by name.
        let ignoring =
            mapping.columns.values.contains(.ignore)
            && record.cells.contains { cell in
                (mapping.columns[cell] ?? mapping.columns[cell.trimmed] ?? mapped[AnswerVocabulary.key(cell)]) == .ignore
            }
        let given = Set(
            resolved.targets.compactMap { target -> String? in
                switch target {
                case .answer(let id), .answerPart(let id, _), .answerOption(let id, _): id
                default: nil
                }
            })
        if ignoring, !given.isEmpty {
            let missing = questionnaire.questions.filter { $0.scored && !given.contains($0.id) }.map(\.id)
            if !missing.isEmpty {
                resolved.problems.append(
                    Diagnostic(file: file, line: line, column: nil, severity: .warning, .scoredQuestionsWithoutColumn(missing)))
            }
        }
        return resolved
    }

    /// What the columns form tools add about each response are, by key (`AnswerVocabulary.key`):
    /// when it was given (`timestamp`), who gave it (the profile's `email`), or nothing to import.
    static let metadata: [String: ColumnTarget] = {
        var table: [String: ColumnTarget] = [:]
        // KoboToolbox, LimeSurvey, Google Forms, Microsoft Forms.
        for name in ["_submission_time", "submitdate", "horodateur", "timestamp", "heure de fin", "completion time"] {
            table[AnswerVocabulary.key(name)] = .timestamp
        }
        for name in ["adresse e-mail", "email address", "adresse de messagerie", "e-mail", "email"] {
            table[AnswerVocabulary.key(name)] = .profile("email")
        }
        for name in [
            "_id", "_uuid", "_validation_status", "_notes", "_status", "_submitted_by", "__version__", "_tags", "_index",
            "_version_", "start", "end", "today", "deviceid", "meta/instanceid", "meta/rootuuid", "formhub/uuid",
            "id", "lastpage", "startlanguage", "seed", "startdate", "datestamp", "ipaddr", "refurl", "token",
            "heure de début", "start time", "heure de la dernière modification", "last modified time", "nom", "name",
            // Webform (Framaforms): the submission's own columns.
            "serial", "sid", "submitted time", "completed time", "modified time", "draft", "ip address", "uid", "username",
        ] {
            table[AnswerVocabulary.key(name)] = .ignore
        }
        return table
    }()

    /// The target of a header the mapping does not name: an id, a label, or a form tool's pattern for
    /// a group or a choice of its own (`group/question`, `question/choice`, `question[choice]`).
    static func recognise(
        _ name: String, questionnaire: Questionnaire, mapped: [String: ColumnTarget], index: [String: ColumnTarget],
        combined: Bool = false
    ) -> ColumnTarget? {
        let nameKey = AnswerVocabulary.key(name)
        func direct(_ text: String) -> ColumnTarget? {
            let key = text == name ? nameKey : AnswerVocabulary.key(text)
            return mapped[text] ?? mapped[key] ?? ColumnTarget(text, questionnaire: questionnaire) ?? index[key]
                ?? (text.contains("_") ? dashed(text) : nil)
        }
        // An id written with `_` for `-`, as XML names often are (a KoboToolbox form's `pil_strategie`).
        func dashed(_ text: String) -> ColumnTarget? {
            ColumnTarget(text.replacingOccurrences(of: "_", with: "-"), questionnaire: questionnaire)
        }
        if let target = direct(name) { return target }
        // The reasons od4g wrote beside the rows it set aside: the file imports again once corrected.
        if name == errorsColumn { return .ignore }
        // The columns form tools add about the response itself, not answers.
        if let target = metadata[nameKey] {
            if case .profile(let id) = target, questionnaire.profileField(id) == nil { return .ignore }
            return target
        }
        // `question[choice]` (LimeSurvey) and `question/choice` (KoboToolbox), the question named as a column would be.
        if name.hasSuffix("]"), let open = name.lastIndex(of: "[") {
            return optionColumn(
                name[..<open], name[name.index(after: open)..<name.index(before: name.endIndex)], questionnaire, direct)
        }
        // Labels may hold a `/` themselves ("Question/Choice" headers put together from two rows):
        // every `/` is tried, the last first.
        var slash = name.endIndex
        while let found = name[..<slash].lastIndex(of: "/") {
            slash = found
            let part = name[name.index(after: found)...]
            // A group's name before a question's: `group/question`.
            if let target = direct(String(part)), target.subject != nil { return target }
            if let target = optionColumn(name[..<found], part, questionnaire, direct) { return target }
        }
        // A header put together from rows: a tool's own column or one the mapping ignores, named by
        // the lower row's text whatever the upper row carried over it ("Submission Details/Serial").
        // Only there: "Prénom / Nom" in a one-row header is a question of its own, not a column to drop.
        if combined, let found = name.lastIndex(of: "/"), found != name.index(before: name.endIndex),
            let target = recognise(
                String(name[name.index(after: found)...]), questionnaire: questionnaire, mapped: mapped, index: index),
            target.subject == nil
        {
            return target
        }
        return nil
    }

    /// The column of one option (`part`) of the multiple choice `base` names, itself perhaps after a group's name.
    private static func optionColumn(
        _ base: Substring, _ part: Substring, _ questionnaire: Questionnaire, _ direct: (String) -> ColumnTarget?
    ) -> ColumnTarget? {
        let base = base.trimmingCharacters(in: .whitespaces)
        var question = direct(base)
        if question == nil, let slash = base.lastIndex(of: "/") { question = direct(String(base[base.index(after: slash)...])) }
        guard case .answer(let id)? = question, let asked = questionnaire.question(id) else { return nil }
        let wanted = AnswerVocabulary.key(part.trimmingCharacters(in: .whitespaces))
        let subquestions = LimeSurveyCodes.subquestions(of: asked, in: questionnaire) ?? [:]
        if asked.kind == .grid {
            // A grid's row, by id or by the sub-question code of a LimeSurvey survey od4g wrote.
            let row = asked.rows.first { row in
                AnswerVocabulary.key(row.id) == wanted || subquestions[row.id].map(AnswerVocabulary.key) == wanted
            }
            return row.map { .answerPart(id, $0.id) }
        }
        guard asked.kind.unit.cell.holdsList else {
            // A list's "Other" text (LimeSurvey's `Q[other]`), when the question has an "Other" option.
            return Question.otherOptionIDs.contains(wanted) && asked.otherOption != nil ? .justification(id) : nil
        }
        // The sub-question codes of a LimeSurvey survey od4g wrote (`MOT01[dontKnow]`).
        if let code = subquestions.first(where: { AnswerVocabulary.key($0.value) == wanted }) {
            return .answerOption(id, code.key)
        }
        let option =
            asked.options.first { option in
                AnswerVocabulary.key(option.id) == wanted || option.id.replacingOccurrences(of: "-", with: "_") == wanted
                    || option.label.translations.values.contains { AnswerVocabulary.key($0) == wanted }
            }
            // The tools' own name of the "Other" choice (LimeSurvey's `Q[other]`, KoboToolbox's `q/other`,
            // Webform's "Autre..." / "Other...").
            ?? (Question.otherOptionIDs.contains(Self.withoutEllipsis(wanted)) ? asked.otherOption : nil)
        if let option { return .answerOption(id, option.id) }
        // A special answer offered as one more choice ("Je ne sais pas" ticked in its own column).
        let special = asked.specialAnswers.keys.sorted { $0.rawValue < $1.rawValue }.first { kind in
            AnswerVocabulary.key(kind.rawValue) == wanted
                || questionnaire.specialAnswer(kind)?.label.translations.values.contains { AnswerVocabulary.key($0) == wanted }
                    == true
        }
        return special.map { .answerOption(id, $0.rawValue) }
    }

    /// `text` without the dots or ellipsis that end it.
    private static func withoutEllipsis(_ text: String) -> String {
        var text = Substring(text)
        while text.hasSuffix(".") || text.hasSuffix("…") { text.removeLast() }
        return String(text)
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
            for text in field.label.translations.values { index[AnswerVocabulary.key(text)] = .profile(field.id) }
        }
        for question in questionnaire.questions {
            for text in question.label.translations.values { index[AnswerVocabulary.key(text)] = .answer(question.id) }
        }
        // The question codes of a LimeSurvey survey od4g wrote (`pilStrategie`), where no label reads the same.
        let codes = LimeSurveyCodes.questionCodes(questionnaire)
        for field in questionnaire.profileFields {
            if let code = codes[field.id] {
                index[AnswerVocabulary.key(code)] = index[AnswerVocabulary.key(code)] ?? .profile(field.id)
            }
        }
        for question in questionnaire.questions {
            if let code = codes[question.id] {
                index[AnswerVocabulary.key(code)] = index[AnswerVocabulary.key(code)] ?? .answer(question.id)
            }
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
        rowNumber = reader.numbersRows ? record.line : rowNumber + 1
        var cells = record.cells
        if reader.numbersRows, cells.count < header.count {
            // A sheet's row ends at its last filled cell: the cells after it are empty.
            cells += Array(repeating: "", count: header.count - cells.count)
        }
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
            } else if case .answer = column.target, let option = column.otherOption, let other = answerReading(cell, column).other
            {
                problems.append(
                    Diagnostic(
                        file: file, line: row.line, column: nil, severity: .warning,
                        .readAsOther(row: row.number, column: header[position], text: other, option: option)))
            } else if case .answerOption(let id, let option) = column.target, column.chosen(text) == nil,
                column.otherOption == nil
            {
                let issue = ResponseIssue(
                    .answer(id), .invalidChoice(key: option, value: text, allowed: ["Y", "1", "X", "N", "0"]))
                problems.append(
                    Diagnostic(file: file, line: row.line, column: nil, .inRow(row.number, column: header[position], issue)))
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
                let (value, other) = answerReading(cell, column)
                answers[index]?.value = value
                if let text = other {
                    let earlier = answers[index]?.justification
                    answers[index]?.justification = Self.joined(earlier, text)
                }
            case .answerPart(_, let part):
                // Each part's cell adds to the answer's values (a grid's row: its option).
                var values: [String: String] = [:]
                if case .mapping(let earlier)? = answers[index]?.value { values = earlier }
                values[part] = column.translates ? column.translate(cell) : cell
                answers[index]?.value = .mapping(values)
            case .answerOption(_, let option):
                // Each chosen option's column adds it to the answer's choices; an "Autre" column's
                // text chooses it and is its justification.
                let chosen = column.chosen(cell)
                guard chosen == true || (chosen == nil && column.otherOption != nil) else { break }
                var choices: [String] = []
                if case .list(let earlier)? = answers[index]?.value { choices = earlier }
                answers[index]?.value = .list(choices + [option])
                if chosen == nil {
                    let earlier = answers[index]?.justification
                    answers[index]?.justification = Self.joined(earlier, cell.trimmed)
                }
            case .justification:
                let earlier = answers[index]?.justification
                answers[index]?.justification = Self.joined(earlier, cell)
            case .evidence:
                answers[index]?.evidence = evidence(cell)
            case .confidence:
                answers[index]?.confidence = Self.confidence(cell)
            case .ignore, .timestamp, .profile:
                break
            }
        }
        // A special answer ticked in its own column is the whole answer, as in a cell of its own.
        for index in order {
            if case .list(let chosen)? = answers[index]?.value { answers[index]?.value = Self.choicesValue(chosen) }
        }
        return RawResponse(profile: profile, answers: order.compactMap { answers[$0] })
    }

    /// The raw value of the choices read for a multiple choice: a special answer alone is the
    /// whole answer (`dont_know`), as written in a cell of its own.
    static func choicesValue(_ parts: [String]) -> RawValue {
        parts.count == 1 && SpecialAnswerKind(rawValue: parts[0]) != nil ? .scalar(parts[0]) : .list(parts)
    }

    /// Two justifications of one answer (an "Autre" text and a justification column), one per line.
    private static func joined(_ first: String?, _ second: String) -> String {
        guard let first, !first.isEmpty else { return second }
        return first + "\n" + second
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
            case .ignore, .timestamp:
                if unnamedColumns.contains(position), !cell.trimmed.isEmpty { return nil }
            case .answerPart, .answerOption:
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
        // An "Autre" text adds to the justification: the generic path puts it there, and says so.
        let (raw, other) = answerReading(cell, columns[position])
        if other != nil { return .refused }
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
    fileprivate func answerValue(_ cell: String, _ column: ColumnReading) -> RawValue { answerReading(cell, column).value }

    /// The raw value of a non-empty answer cell, and the text a form's "Autre" field wrote in it when
    /// the question has that option: the parts of a multiple choice that name no option, or a single
    /// choice's text that names none. The text chooses the option and goes to its justification.
    func answerReading(_ cell: String, _ column: ColumnReading) -> (value: RawValue, other: String?) {
        if column.multiple {
            var (parts, other) = choices(cell, column)
            // Without an "Autre" option, the parts that name none are left for the checker to refuse.
            guard !other.isEmpty, let option = column.otherOption else {
                parts += other
                return (Self.choicesValue(parts), nil)
            }
            if !parts.contains(option) { parts.append(option) }
            return (.list(parts), other.joined(separator: separator))
        }
        if column.translates {
            if let option = column.otherOption, !cell.trimmed.isEmpty, column.lookup(cell) == nil {
                return (.scalar(option), cell.trimmed)
            }
            return (.scalar(column.translate(cell)), nil)
        }
        let special = column.translate(cell)
        // A special answer, no answer (the mapping's values turn it into ""), or for a scale or a
        // number a value the mapping gives for its label ("Très bien": "4").
        if SpecialAnswerKind(rawValue: special) != nil || special.isEmpty || (column.mapsValues && special != cell.trimmed) {
            return (.scalar(special), nil)
        }
        return (.scalar(cell), nil)
    }

    /// The choices of a multiple-choice cell, and the parts that name no option. Parts are put back
    /// together when an option's label holds the separator ("Cartes, SIG" in a cell joined by ", "):
    /// the longest run of parts that names an option wins. A part the mapping's values turn into "" is
    /// no choice.
    func choices(_ cell: String, _ column: ColumnReading) -> (ids: [String], other: [String]) {
        let found = choices(split(cell).map(\.trimmed), column, joiner: separator)
        // Google Forms and démarches-simplifiées join choices with ", ": when the mapping sets no
        // separator and the usual one leaves parts unknown, the commas are tried, and kept if they
        // explain more of the cell.
        guard mapping.separator == nil, !found.other.isEmpty, cell.contains(",") else { return found }
        let commas = choices(
            cell.split(separator: ",", omittingEmptySubsequences: false).map { String($0).trimmed }, column, joiner: ",")
        // The reading that leaves the less text unexplained ("Autre" texts hold commas too).
        func unexplained(_ reading: (ids: [String], other: [String])) -> Int { reading.other.reduce(0) { $0 + $1.count } }
        return unexplained(commas) < unexplained(found) ? commas : found
    }

    /// `choices` of a cell already cut at `joiner`; pieces that name no option and follow each
    /// other are put back together (an "Autre" text holding the separator).
    private func choices(_ pieces: [String], _ column: ColumnReading, joiner: String) -> (ids: [String], other: [String]) {
        var ids: [String] = []
        var other: [String] = []
        var start = 0
        // Whether the last piece looked at named no option: the next such piece continues its text.
        var inOther = false
        while start < pieces.count {
            guard !pieces[start].isEmpty else {
                start += 1
                continue
            }
            var end = pieces.count - 1
            var found: String?
            while end >= start {
                if let id = column.lookup(pieces[start...end].joined(separator: joiner)) {
                    found = id
                    break
                }
                end -= 1
            }
            if let found {
                if !found.isEmpty { ids.append(found) }
                start = end + 1
                inOther = false
            } else {
                if inOther, let last = other.popLast() {
                    other.append(last + joiner + (joiner == "," ? " " : "") + pieces[start])
                } else {
                    other.append(pieces[start])
                }
                inOther = true
                start += 1
            }
        }
        return (ids, other)
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

    /// A row's problem with `issue`, located by row and column; when the column's cell was translated
    /// into something else (a code the mapping's values turn into an id, a label), the cell as
    /// written is quoted too, so that it can be found in the file.
    public func rowMessage(_ row: Row, _ issue: ResponseIssue) -> DefinitionMessage {
        let column = column(of: issue.subject)
        guard case .answer(let id) = issue.subject,
            let position = targets.firstIndex(of: .answer(id)), row.cells.indices.contains(position)
        else { return .inRow(row.number, column: column, issue) }
        let cell = row.cells[position].trimmed
        let reading = columns[position]
        let translated =
            reading.multiple
            ? split(cell).map(\.trimmed).contains { part in !part.isEmpty && (reading.lookup(part).map { $0 != part } ?? false) }
            : (reading.translates || reading.mapsValues) && (reading.lookup(cell).map { $0 != cell } ?? false)
        return translated
            ? .inRowWritten(row.number, column: column, written: cell, issue) : .inRow(row.number, column: column, issue)
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

/// Where a table's records come from: a CSV file's bytes, or a workbook sheet's rows.
enum TableSource: Sendable {
    case csv(CSVReader)
    case sheet(ArraySlice<WorkbookSheet.Row>)

    /// The next record; a sheet's row reads as a record whose line is its row number.
    mutating func next() throws(CSVReader.Problem) -> CSVReader.Record? {
        switch self {
        case .csv(var reader):
            defer { self = .csv(reader) }
            return try reader.next()
        case .sheet(var rows):
            guard let row = rows.popFirst() else { return nil }
            self = .sheet(rows)
            return CSVReader.Record(line: row.number, cells: row.cells)
        }
    }

    /// Whether records carry their own row numbers (a sheet's), blank rows left out.
    var numbersRows: Bool {
        if case .sheet = self { true } else { false }
    }

    /// The cell separator of a CSV file; a sheet has none, and reads multiple choices as a `,` file does.
    var delimiter: UInt8 {
        if case .csv(let reader) = self { reader.delimiter } else { UInt8(ascii: ",") }
    }

    /// The position reached, for progress.
    var offset: Int {
        switch self {
        case .csv(let reader): reader.offset
        case .sheet(let rows): rows.startIndex
        }
    }

    /// The size of the input.
    var size: Int {
        switch self {
        case .csv(let reader): reader.size
        case .sheet(let rows): rows.endIndex
        }
    }
}
