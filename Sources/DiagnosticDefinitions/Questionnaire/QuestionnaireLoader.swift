import DiagnosticCore

/// Loads and validates questionnaire files (YAML, or JSON, which YAML reads as well).
public enum QuestionnaireLoader {
    /// Loads the questionnaire at `path`, with every problem found.
    public static func load(path: String) -> LoadResult<Questionnaire> {
        switch YAMLSource.read(path) {
        case .success(let source): load(source)
        case .failure(let diagnostic): LoadResult(value: nil, diagnostics: [diagnostic])
        }
    }

    /// Loads the questionnaire at `path` and keeps the exact text it was read from.
    public static func loadWithText(path: String) -> LoadResult<(questionnaire: Questionnaire, text: String)> {
        switch YAMLSource.read(path) {
        case .success(let source):
            let result = load(source)
            return LoadResult(value: result.value.map { ($0, source.text) }, diagnostics: result.diagnostics)
        case .failure(let diagnostic):
            return LoadResult(value: nil, diagnostics: [diagnostic])
        }
    }

    /// Loads a questionnaire from text; `file` names it in diagnostics.
    public static func load(text: String, file: String) -> LoadResult<Questionnaire> {
        load(YAMLSource(file: file, text: text))
    }

    static func load(_ source: YAMLSource) -> LoadResult<Questionnaire> {
        let sink = DiagnosticSink(file: source.file)
        var questionnaire: Questionnaire?
        if let root = source.compose(into: sink) {
            questionnaire = QuestionnaireReader(context: ReadContext(sink: sink)).read(root)
        }
        return LoadResult(value: sink.hasErrors ? nil : questionnaire, diagnostics: sink.sorted)
    }
}
