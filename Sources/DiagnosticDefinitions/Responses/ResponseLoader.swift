import DiagnosticCore
import Yams

/// Loads response files and checks them against a questionnaire, with located diagnostics.
public enum ResponseLoader {
    static let keys = ["kind", "questionnaire", "version", "respondent", "answers", "targets", "followed_actions"]
    static let answerKeys = ["answer", "justification", "evidence", "confidence"]

    /// The questionnaire id a response file names, to find the questionnaire before loading it.
    public static func questionnaireID(path: String) -> LoadResult<String> {
        let reference = questionnaireReference(path: path)
        return LoadResult(value: reference.value?.id, diagnostics: reference.diagnostics)
    }

    /// The questionnaire id a file names, with where it is written (for messages about it).
    public static func questionnaireReference(path: String) -> LoadResult<(id: String, position: Position?)> {
        let sink = DiagnosticSink(file: path)
        guard case .success(let source) = YAMLSource.read(path) else {
            return LoadResult(value: nil, diagnostics: [])
        }
        guard let root = source.compose(into: sink), case .mapping(let mapping) = root, let node = mapping["questionnaire"],
            let id = node.scalarText
        else { return LoadResult(value: nil, diagnostics: sink.sorted) }
        return LoadResult(value: (id, node.position), diagnostics: sink.sorted)
    }

    /// Loads the response at `path` and checks it against `questionnaire`.
    public static func load(path: String, questionnaire: Questionnaire) -> LoadResult<Response> {
        switch YAMLSource.read(path) {
        case .success(let source): load(source, questionnaire: questionnaire)
        case .failure(let diagnostic): LoadResult(value: nil, diagnostics: [diagnostic])
        }
    }

    /// Loads a response from text; `file` names it in diagnostics.
    public static func load(text: String, file: String, questionnaire: Questionnaire) -> LoadResult<Response> {
        load(YAMLSource(file: file, text: text), questionnaire: questionnaire)
    }

    static func load(_ source: YAMLSource, questionnaire: Questionnaire) -> LoadResult<Response> {
        let sink = DiagnosticSink(file: source.file)
        guard let root = source.compose(into: sink),
            let (written, positions) = read(
                root, context: ReadContext(sink: sink),
                answeredByParts: Set(questionnaire.questions.filter { !$0.kind.unit.parts($0).isEmpty }.map(\.id)))
        else { return LoadResult(value: nil, diagnostics: sink.sorted) }
        // Labels, "Oui"/"Non" and any case are understood, as in table imports.
        let vocabulary = AnswerVocabulary(questionnaire)
        var raw = written
        raw.profile = written.profile.map { ($0.field, vocabulary.translate($0.value, subject: $0.field)) }
        for index in raw.answers.indices {
            raw.answers[index].value = vocabulary.translate(raw.answers[index].value, subject: raw.answers[index].questionID)
        }
        let (response, issues) = ResponseChecker(questionnaire: questionnaire).check(raw)
        for issue in issues {
            let position: Position? =
                switch issue.subject {
                case .response: positions.header
                case .profile(let field): positions.profile[field] ?? positions.respondent
                case .answer(let question): positions.answers[question] ?? positions.answersBlock
                case .target(let dimension): positions.targets[dimension] ?? positions.header
                }
            sink.report(.response(issue), at: position, severity: issue.severity)
        }
        return LoadResult(value: sink.hasErrors ? nil : response, diagnostics: sink.sorted)
    }

    /// Where things stand in the file, to locate the checker's issues.
    struct Positions {
        var header: Position?
        var respondent: Position?
        var answersBlock: Position?
        var profile: [String: Position] = [:]
        var answers: [String: Position] = [:]
        var targets: [String: Position] = [:]
    }

    /// The raw response of a file; the questions of `answeredByParts` (grids) take a mapping as their value.
    static func read(_ root: Node, context: ReadContext, answeredByParts: Set<String> = []) -> (RawResponse, Positions)? {
        guard let top = MappingReader(root, name: "response", keys: keys, context: context) else { return nil }
        var positions = Positions(header: top.position(of: "questionnaire"), respondent: top.position(of: "respondent"))
        positions.answersBlock = top.position(of: "answers")
        var raw = RawResponse(
            questionnaireID: top.string("questionnaire"), questionnaireVersion: top.string("version"),
            profile: [], answers: [])
        if let kind = top.string("kind"), kind != "response" {
            context.sink.report(.unknownKind(kind), at: top.node("kind")?.position)
        }
        if let node = top.require("respondent") {
            guard case .mapping(let mapping) = node else {
                context.sink.report(.expectedMapping("respondent"), at: node.position)
                return nil
            }
            for (key, value) in mapping {
                guard let field = key.scalarText, let rawValue = rawValue(value, name: field, context: context) else { continue }
                raw.profile.append((field, rawValue))
                positions.profile[field] = key.position
            }
        }
        if let node = top.node("answers") {
            guard case .mapping(let mapping) = node else {
                context.sink.report(.expectedMapping("answers"), at: node.position)
                return nil
            }
            for (key, value) in mapping {
                guard let question = key.scalarText else { continue }
                positions.answers[question] = key.position
                if let answer = rawAnswer(question, value, byParts: answeredByParts.contains(question), context: context) {
                    raw.answers.append(answer)
                }
            }
        }
        for (dimension, position, level, _) in top.textPairs("targets") ?? [] {
            raw.targets.append((dimension, level))
            positions.targets[dimension] = position
        }
        raw.followedActions = top.stringList("followed_actions")?.map(\.text) ?? []
        return (raw, positions)
    }

    /// A scalar or a list of texts; with `mapping`, also a mapping of texts (a grid's rows).
    private static func rawValue(_ node: Node, name: String, mapping allowed: Bool = false, context: ReadContext) -> RawValue? {
        if node.isNull { return .scalar("") }
        if let text = node.scalarText { return .scalar(text) }
        if case .sequence(let sequence) = node {
            var items: [String] = []
            for item in sequence {
                guard let text = item.scalarText else {
                    context.sink.report(.expectedText(name), at: item.position)
                    return nil
                }
                items.append(text)
            }
            return .list(items)
        }
        if allowed, case .mapping(let mapping) = node {
            var values: [String: String] = [:]
            for (key, item) in mapping {
                guard let key = key.scalarText, let text = item.isNull ? "" : item.scalarText else {
                    context.sink.report(.expectedText(name), at: item.position)
                    return nil
                }
                values[key] = text
            }
            return .mapping(values)
        }
        context.sink.report(.expectedText(name), at: node.position)
        return nil
    }

    private static func rawAnswer(_ question: String, _ node: Node, byParts: Bool, context: ReadContext) -> RawAnswer? {
        // A mapping is a detailed answer, except for a question answered by parts (a grid) when
        // it has none of a detailed answer's keys: it is then the value itself (the rows, which
        // may not take those ids).
        guard case .mapping(let mapping) = node,
            !byParts || mapping.keys.contains(where: { answerKeys.contains($0.scalarText ?? "") })
        else {
            return rawValue(node, name: question, mapping: byParts, context: context).map {
                RawAnswer(questionID: question, value: $0)
            }
        }
        guard let reader = MappingReader(node, name: question, keys: answerKeys, context: context) else { return nil }
        let value =
            reader.node("answer").flatMap { rawValue($0, name: "answer", mapping: byParts, context: context) } ?? .scalar("")
        return RawAnswer(
            questionID: question, value: value, justification: reader.string("justification"),
            evidence: reader.stringList("evidence")?.map(\.text) ?? [],
            confidence: reader.choice("confidence", as: Confidence.self))
    }
}
