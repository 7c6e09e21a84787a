import DiagnosticCore
import Yams

/// What a column of a form export holds.
public enum ColumnTarget: Sendable, Hashable {
    /// Not imported (timestamps, form-tool columns).
    case ignore
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

    /// The question or profile field the column is about.
    public var subject: String? {
        switch self {
        case .ignore: nil
        case .profile(let id), .answer(let id), .answerPart(let id, _), .justification(let id), .evidence(let id),
            .confidence(let id):
            id
        }
    }

    /// Reads `ignore`, a profile field id, a question id, `question.justification|evidence|confidence`
    /// or `question.part` (a grid's row).
    public init?(_ text: String, questionnaire: Questionnaire) {
        if text == "ignore" {
            self = .ignore
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
                guard asked.kind.unit.parts(asked).contains(suffix) else { return nil }
                self = .answerPart(question, suffix)
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
///   "Horodateur": ignore
///   "Nom de votre collectivité": organisation
///   "Avez-vous un référent données ?": pil-referent
/// values:                   # answer texts of the form tool → option ids
///   "Oui, tout à fait": "yes"
/// ```
public struct ColumnMapping: Sendable {
    /// Targets by header, as written.
    public var columns: [String: ColumnTarget]
    /// Option ids by answer text, as written.
    public var values: [String: String]
    /// Separator of multiple choices, when the file sets it.
    public var separator: String?

    /// Creates a mapping.
    public init(columns: [String: ColumnTarget] = [:], values: [String: String] = [:], separator: String? = nil) {
        self.columns = columns
        self.values = values
        self.separator = separator
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
            let top = MappingReader(root, name: "mapping", keys: ["kind", "separator", "columns", "values"], context: context)
        else { return LoadResult(value: nil, diagnostics: sink.sorted) }
        if let kind = top.string("kind"), kind != "column-mapping" {
            sink.report(.unexpectedKind(kind, expected: "column-mapping"), at: top.node("kind")?.position)
        }
        var mapping = ColumnMapping(separator: top.string("separator"))
        if mapping.separator?.isEmpty == true {
            sink.report(.emptySeparator, at: top.node("separator")?.position)
        }
        for (header, _, text, position) in top.textPairs("columns") ?? [] {
            guard let target = ColumnTarget(text, questionnaire: questionnaire) else {
                sink.report(.invalidColumnTarget(text), at: position)
                continue
            }
            mapping.columns[header] = target
        }
        for (text, _, id, _) in top.textPairs("values") ?? [] { mapping.values[text] = id }
        return LoadResult(value: sink.hasErrors ? nil : mapping, diagnostics: sink.sorted)
    }
}
