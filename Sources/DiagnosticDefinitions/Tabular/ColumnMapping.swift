import DiagnosticCore
import Yams

/// What a column of a form export holds.
public enum ColumnTarget: Sendable, Hashable {
    /// Not imported (form-tool columns).
    case ignore
    /// When the response was given (not imported; `--keep latest` orders a respondent's rows by it).
    case timestamp
    /// A profile field, by id.
    case profile(String)
    /// The answer to a question, by id.
    case answer(String)
    /// The answer to one part of a question given in columns of their own (a grid's row): question id, part id.
    case answerPart(String, String)
    /// The justification of an answer.
    case justification(String)
    /// Evidence links of an answer (separated like multiple choices).
    case evidence(String)
    /// Confidence of an answer (`sure` / `unsure`).
    case confidence(String)
    /// One option of a multiple choice given a column of its own (`Q5[SQ001]` = `Y`, `q/choice` = `1`,
    /// `X`): question id, option id (or a special answer's, `dont_know`).
    case answerOption(String, String)

    /// The question or profile field the column is about.
    public var subject: String? {
        switch self {
        case .ignore, .timestamp: nil
        case .profile(let id), .answer(let id), .answerPart(let id, _), .justification(let id), .evidence(let id),
            .confidence(let id), .answerOption(let id, _):
            id
        }
    }

    /// Reads `ignore`, `timestamp`, a profile field id, a question id, `question.justification|evidence|confidence`,
    /// `question.part` (a grid's row) or `question.option` (a multiple choice's option in a column of its own).
    public init?(_ text: String, questionnaire: Questionnaire) {
        if text == "ignore" {
            self = .ignore
        } else if text == "timestamp" {
            self = .timestamp
        } else if questionnaire.question(text) != nil {
            self = .answer(text)
        } else if questionnaire.profileField(text) != nil {
            self = .profile(text)
        } else if let dot = text.lastIndex(of: "."), let asked = questionnaire.question(String(text[..<dot])) {
            let question = String(text[..<dot])
            let suffix = String(text[text.index(after: dot)...])
            switch suffix {
            case "justification": self = .justification(question)
            case "evidence": self = .evidence(question)
            case "confidence": self = .confidence(question)
            default:
                if asked.kind.unit.parts(asked).contains(suffix) {
                    self = .answerPart(question, suffix)
                } else if asked.kind.unit.cell.holdsList,
                    asked.options.contains(where: { $0.id == suffix })
                        || SpecialAnswerKind(rawValue: suffix).map({ asked.specialAnswers[$0] != nil }) == true
                {
                    self = .answerOption(question, suffix)
                } else {
                    return nil
                }
            }
        } else {
            return nil
        }
    }
}

/// A column-mapping file, for exports whose headers are question labels rather than ids.
///
/// ```yaml
/// kind: column-mapping
/// separator: ";"            # between the choices of a multiple-choice cell
/// columns:
///   "Horodateur": timestamp   # when each row was answered (for `--keep latest`)
///   "Nom de votre collectivité": organisation
///   "Avez-vous un référent données ?": pil-referent
/// values:                   # answer texts of the form tool → option ids, for every question
///   "Oui, tout à fait": "yes"
///   "N/A": ""                 # an empty id: the cell is no answer
///   pil-strategie:            # for one question only (codes like AO01 differ per question)
///     AO01: none
/// header_row: 3             # the row of the headers, when rows above it hold a title
/// header_row: [2, 3]        # headers on two rows (a question's label above its options')
/// ```
public struct ColumnMapping: Sendable {
    /// Targets by header, as written.
    public var columns: [String: ColumnTarget]
    /// Option ids by answer text, as written, for every question.
    public var values: [String: String]
    /// Option ids by answer text, per question id: they win over `values`.
    public var questionValues: [String: [String: String]]
    /// Separator of multiple choices, when the file sets it.
    public var separator: String?
    /// The 1-based row (or line) of the headers, when set; rows before it are not read.
    public var headerRow: Int?
    /// How many rows, from `headerRow` on, hold the headers (1 unless the mapping lists rows): a
    /// column's name is its cells of those rows joined by `/`, a blank upper cell taking the text
    /// on its left (a question's label written once above the columns of its options).
    public var headerRowCount = 1

    /// Creates a mapping.
    public init(
        columns: [String: ColumnTarget] = [:], values: [String: String] = [:],
        questionValues: [String: [String: String]] = [:], separator: String? = nil, headerRow: Int? = nil
    ) {
        self.columns = columns
        self.values = values
        self.questionValues = questionValues
        self.separator = separator
        self.headerRow = headerRow
    }

    /// Loads and checks a mapping file against `questionnaire`.
    public static func load(path: String, questionnaire: Questionnaire) -> LoadResult<ColumnMapping> {
        let source: YAMLSource
        switch YAMLSource.read(path) {
        case .success(let read): source = read
        case .failure(let diagnostic): return LoadResult(value: nil, diagnostics: [diagnostic])
        }
        let sink = DiagnosticSink(file: path)
        let context = ReadContext(sink: sink)
        guard let root = source.compose(into: sink),
            let top = MappingReader(
                root, name: "mapping", keys: ["kind", "separator", "columns", "values", "header_row"], context: context)
        else { return LoadResult(value: nil, diagnostics: sink.sorted) }
        if let kind = top.string("kind"), kind != "column-mapping" {
            sink.report(.unexpectedKind(kind, expected: "column-mapping"), at: top.node("kind")?.position)
        }
        var mapping = ColumnMapping(separator: top.string("separator"))
        if mapping.separator?.isEmpty == true {
            sink.report(.emptySeparator, at: top.node("separator")?.position)
        }
        readHeaderRows(top, sink: sink, into: &mapping)
        for (header, _, text, position) in top.textPairs("columns") ?? [] {
            guard let target = ColumnTarget(text, questionnaire: questionnaire) else {
                sink.report(.invalidColumnTarget(text), at: position)
                continue
            }
            mapping.columns[header] = target
        }
        readValues(top, questionnaire: questionnaire, sink: sink, into: &mapping)
        return LoadResult(value: sink.hasErrors ? nil : mapping, diagnostics: sink.sorted)
    }

    /// `header_row`: a row number from 1, or a list of following row numbers (`[2, 3]`).
    private static func readHeaderRows(_ top: MappingReader, sink: DiagnosticSink, into mapping: inout ColumnMapping) {
        guard let node = top.node("header_row") else { return }
        let rows: [Int]
        if case .sequence = node {
            let items = top.list("header_row") ?? []
            rows = items.compactMap { item in
                guard let text = item.scalarText, let row = Int(text), row >= 1 else {
                    sink.report(.expectedInteger(key: "header_row", value: item.scalarText ?? "…"), at: item.position)
                    return nil
                }
                return row
            }
            guard rows.count == items.count else { return }
            guard !rows.isEmpty, rows == Array(rows[0]..<rows[0] + rows.count) else {
                sink.report(.headerRowsNotFollowing(rows), at: node.position)
                return
            }
        } else {
            guard let row = top.integer("header_row") else { return }
            guard row >= 1 else {
                sink.report(.expectedInteger(key: "header_row", value: String(row)), at: node.position)
                return
            }
            rows = [row]
        }
        mapping.headerRow = rows[0]
        mapping.headerRowCount = rows.count
    }

    /// `values`: text → id pairs for every question, and mappings of such pairs under a question or
    /// profile field id.
    private static func readValues(
        _ top: MappingReader, questionnaire: Questionnaire, sink: DiagnosticSink, into mapping: inout ColumnMapping
    ) {
        guard let node = top.node("values") else { return }
        guard case .mapping(let entries) = node else {
            sink.report(.expectedMapping("values"), at: node.position)
            return
        }
        for (key, value) in entries {
            guard let text = key.scalarText else {
                sink.report(.expectedText("values"), at: key.position)
                continue
            }
            if value.isNull {
                mapping.values[text] = ""
            } else if let id = value.scalarText {
                mapping.values[text] = id
            } else if case .mapping(let pairs) = value {
                // A question's own values, or a profile choice's (a typology coded `AO01`…).
                guard questionnaire.question(text) != nil || questionnaire.profileField(text) != nil else {
                    let ids = questionnaire.questions.map(\.id) + questionnaire.profileFields.map(\.id)
                    let suggestion = ResponseChecker.closest(to: text, among: ids)
                    sink.report(.unknownReference(kind: "question", id: text, suggestion: suggestion), at: key.position)
                    continue
                }
                for (answer, id) in pairs {
                    guard let answerText = answer.scalarText, let idText = id.isNull ? "" : id.scalarText else {
                        sink.report(.expectedText("values.\(text)"), at: id.position)
                        continue
                    }
                    mapping.questionValues[text, default: [:]][answerText] = idText
                }
            } else {
                sink.report(.expectedText("values"), at: value.position)
            }
        }
    }
}
