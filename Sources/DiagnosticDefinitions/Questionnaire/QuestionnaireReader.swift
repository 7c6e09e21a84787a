import DiagnosticCore
import Yams

/// Builds a `Questionnaire` from a YAML/JSON node tree, checking structure and cross-references.
///
/// Declarations are read before the questions that reference them, and question ids are collected
/// before the questions themselves, so every reference can be checked with its position.
final class QuestionnaireReader {
    static let keys = [
        "kind", "id", "version", "title", "description", "languages", "scoring", "levels", "aspects",
        "dimensions", "sections", "typology_families", "typologies", "profile", "answers",
        "special_answers", "questions",
    ]

    let context: ReadContext
    var sink: DiagnosticSink { context.sink }

    var levels: [MaturityLevel] = []
    var aspects: [Aspect] = []
    var dimensions: [Dimension] = []
    var sections: [Section] = []
    var families: [TypologyFamily] = []
    var typologies: [Typology] = []
    var profileFields: [ProfileField] = []
    var yesNo = YesNoLabels()
    var specialAnswers: [SpecialAnswer] = []
    /// Question ids in file order, with where each is first defined.
    var questionOrder: [String: Int] = [:]
    /// Questions read so far, for conditions that read earlier questions.
    var readQuestions: [String: Question] = [:]
    /// Positions of each question's condition, for cycle reports.
    var conditionEdges: [String: [String]] = [:]
    var questionPositions: [String: Position?] = [:]

    init(context: ReadContext) {
        self.context = context
    }

    func read(_ root: Node) -> Questionnaire? {
        guard let top = MappingReader(root, name: "questionnaire", keys: Self.keys, context: context) else { return nil }
        if let kind = top.string("kind"), kind != "questionnaire" {
            sink.report(.unknownKind(kind), at: top.node("kind")?.position)
        }
        readLanguages(top)
        let id = top.identifier()
        let version = top.string("version", required: true)
        let title = top.text("title", required: true)
        let description = top.text("description")
        let scoring = readScoring(top)
        levels = readLevels(top.list("levels", required: true), name: "levels", position: top.position(of: "levels")) ?? []
        aspects = readAspects(top)
        dimensions = readDimensions(top)
        sections = readSections(top)
        families = readFamilies(top)
        typologies = readTypologies(top)
        profileFields = readProfile(top)
        readAnswerLabels(top)
        specialAnswers = readSpecialAnswers(top)
        let questions = readQuestions(top)
        checkQuestionnaireWide(questions, top: top)
        guard !sink.hasErrors, let id, let version, let title else { return nil }
        return Questionnaire(
            id: id.id, version: version, title: title, description: description, languages: context.languages,
            scoring: scoring, levels: levels, aspects: aspects, dimensions: dimensions, sections: sections,
            typologyFamilies: families, typologies: typologies, profileFields: profileFields, yesNoLabels: yesNo,
            specialAnswers: specialAnswers, questions: questions)
    }

    // MARK: Header

    private func readLanguages(_ top: MappingReader) {
        guard let languages = top.stringList("languages") else { return }
        if !languages.contains(where: { $0.text == LocalizedText.referenceLanguage }) {
            sink.report(.frenchNotDeclared, at: top.node("languages")?.position)
        }
        let others = languages.map(\.text).filter { $0 != LocalizedText.referenceLanguage }
        context.languages = [LocalizedText.referenceLanguage] + others
    }

    private func readScoring(_ top: MappingReader) -> ScoringRules {
        var rules = ScoringRules()
        guard let node = top.node("scoring"),
            let reader = MappingReader(
                node, name: "scoring", keys: ["unanswered", "overall", "minimum_completeness"], context: context)
        else { return rules }
        if let unanswered = reader.choice("unanswered", as: UnansweredRule.self) { rules.unanswered = unanswered }
        if let overall = reader.choice("overall", as: OverallRule.self) { rules.overall = overall }
        if let minimum = reader.number("minimum_completeness") {
            if (0...100).contains(minimum) {
                rules.minimumCompleteness = minimum
            } else {
                sink.report(.minimumCompletenessRange(minimum), at: reader.node("minimum_completeness")?.position)
            }
        }
        return rules
    }

    // MARK: Declarations

    /// Records `id` as declared, reporting a duplicate with the first definition's position.
    func declare(_ kind: String, _ id: (id: String, position: Position?), in seen: inout [String: Position?]) -> Bool {
        if let first = seen[id.id] {
            sink.report(.duplicateID(kind: kind, id: id.id, first: first), at: id.position)
            return false
        }
        seen[id.id] = id.position
        return true
    }

    /// Reads a list of `{id, label, ...}` blocks, calling `build` for each valid, unique one.
    func readList<T>(
        _ top: MappingReader, key: String, kind: String, keys: [String], required: Bool = false,
        build: (MappingReader, (id: String, position: Position?)) -> T?
    ) -> [T] {
        guard let items = top.list(key, required: required) else { return [] }
        var seen: [String: Position?] = [:]
        var result: [T] = []
        for (index, item) in items.enumerated() {
            guard let reader = MappingReader(item, name: "\(key)[\(index + 1)]", keys: keys, context: context),
                let id = reader.identifier()
            else { continue }
            guard declare(kind, id, in: &seen), let value = build(reader, id) else { continue }
            result.append(value)
        }
        return result
    }

    private func readAspects(_ top: MappingReader) -> [Aspect] {
        readList(top, key: "aspects", kind: "aspect", keys: ["id", "label"]) { reader, id in
            reader.text("label", required: true).map { Aspect(id: id.id, label: $0) }
        }
    }

    private func readDimensions(_ top: MappingReader) -> [Dimension] {
        let keys = ["id", "label", "short_label", "description", "weight", "levels"]
        let result: [Dimension] = readList(top, key: "dimensions", kind: "dimension", keys: keys, required: true) { reader, id in
            let label = reader.text("label", required: true)
            let weight = reader.number("weight") ?? 1
            checkWeight(weight, at: reader.node("weight")?.position)
            let levels = readLevels(reader.list("levels"), name: "levels", position: reader.position(of: "levels"))
            guard let label else { return nil }
            return Dimension(
                id: id.id, label: label, shortLabel: reader.text("short_label"),
                description: reader.text("description"), weight: weight, levels: levels)
        }
        if !result.isEmpty, !result.contains(where: { $0.weight > 0 }) {
            sink.report(.noDimensionWeight, at: top.position(of: "dimensions"))
        }
        return result
    }

    private func readSections(_ top: MappingReader) -> [Section] {
        readList(top, key: "sections", kind: "section", keys: ["id", "label", "description"]) { reader, id in
            reader.text("label", required: true).map {
                Section(id: id.id, label: $0, description: reader.text("description"))
            }
        }
    }

    private func readFamilies(_ top: MappingReader) -> [TypologyFamily] {
        readList(top, key: "typology_families", kind: "family", keys: ["id", "label"], required: true) { reader, id in
            reader.text("label", required: true).map { TypologyFamily(id: id.id, label: $0) }
        }
    }

    private func readTypologies(_ top: MappingReader) -> [Typology] {
        let keys = ["id", "family", "label", "dimension_weights", "levels"]
        let result: [Typology] = readList(top, key: "typologies", kind: "typology", keys: keys, required: true) { reader, id in
            let label = reader.text("label", required: true)
            var family: String?
            if let name = reader.string("family", required: true) {
                if families.contains(where: { $0.id == name }) {
                    family = name
                } else {
                    reportUnknown("family", name, among: families.map(\.id), at: reader.node("family")?.position)
                }
            }
            var weights: [String: Double] = [:]
            if let node = reader.node("dimension_weights"),
                let weightsReader = MappingReader(
                    node, name: "dimension_weights", keys: dimensions.map(\.id), context: context)
            {
                for (key, _, value) in weightsReader.pairs {
                    guard let weight = MappingReader.number(value, key: key, sink: sink) else { continue }
                    checkWeight(weight, at: value.position)
                    weights[key] = weight
                }
            }
            let levels = readLevels(reader.list("levels"), name: "levels", position: reader.position(of: "levels"))
            guard let label, let family else { return nil }
            return Typology(id: id.id, family: family, label: label, dimensionWeights: weights, levels: levels)
        }
        if top.list("typologies")?.isEmpty == true { sink.report(.noTypology, at: top.position(of: "typologies")) }
        return result
    }

    private func readProfile(_ top: MappingReader) -> [ProfileField] {
        let keys = ["id", "label", "help", "kind", "required", "options", "personal", "names"]
        let fields: [ProfileField] = readList(top, key: "profile", kind: "profile field", keys: keys, required: true) {
            reader, id in
            let label = reader.text("label", required: true)
            let kind = reader.choice("kind", as: ProfileFieldKind.self)
            if !reader.has("kind") { sink.report(.missingKey("kind"), at: reader.position) }
            var options: [AnswerOption] = []
            if kind == .choice {
                options = readOptions(reader, scored: false, weight: 0)
                if options.isEmpty, !reader.has("options") {
                    sink.report(.optionsRequired(kind: "choice"), at: reader.position)
                }
            } else if reader.has("options") {
                sink.report(.notForKind(key: "options", kind: kind?.rawValue ?? "?"), at: reader.position(of: "options"))
            }
            let names = reader.identifier("names", required: false)
            if names != nil, kind != .text {
                sink.report(.notForKind(key: "names", kind: kind?.rawValue ?? "?"), at: reader.position(of: "names"))
            }
            guard let label, let kind else { return nil }
            return ProfileField(
                id: id.id, label: label, help: reader.text("help"), kind: kind,
                required: reader.boolean("required") ?? false, options: options,
                personal: reader.boolean("personal") ?? false, namesID: names?.id)
        }
        let typologyFields = fields.filter { $0.kind == .typology }.count
        if typologyFields != 1, top.has("profile") {
            sink.report(.typologyFieldCount(typologyFields), at: top.position(of: "profile"))
        }
        return fields
    }

    private func readAnswerLabels(_ top: MappingReader) {
        guard let node = top.node("answers"),
            let reader = MappingReader(node, name: "answers", keys: ["yes", "no"], context: context)
        else { return }
        if let yes = reader.text("yes") { yesNo.yes = yes }
        if let no = reader.text("no") { yesNo.no = no }
    }

    private func readSpecialAnswers(_ top: MappingReader) -> [SpecialAnswer] {
        guard let node = top.node("special_answers"),
            let reader = MappingReader(
                node, name: "special_answers", keys: SpecialAnswerKind.allCases.map(\.rawValue), context: context)
        else { return [] }
        return SpecialAnswerKind.allCases.compactMap { kind in
            guard let value = reader.node(kind.rawValue),
                let entry = MappingReader(
                    value, name: kind.rawValue, keys: ["label", "scoring", "offered_by_default"], context: context)
            else { return nil }
            let label = entry.text("label", required: true)
            let scoring = entry.node("scoring").flatMap { readSpecialScoring($0, weight: nil) } ?? .zero
            guard let label else { return nil }
            return SpecialAnswer(
                kind: kind, label: label, scoring: scoring, offeredByDefault: entry.boolean("offered_by_default") ?? false)
        }
    }

    /// Reads `excluded`, `zero`, `full` or a number of points (checked against `weight` when given,
    /// else only for being positive and within the limit).
    func readSpecialScoring(_ node: Node, weight: Double?) -> SpecialScoring? {
        switch node.scalarText {
        case "excluded": return .excluded
        case "zero": return .zero
        case "full": return .full
        default:
            guard let text = node.scalarText, let points = ResponseChecker.number(text) else {
                sink.report(
                    .invalidChoice(
                        key: "scoring", value: node.scalarText ?? "…", allowed: ["excluded", "zero", "full", "<points>"]),
                    at: node.position)
                return nil
            }
            if let weight {
                if points < 0 || points > weight {
                    sink.report(.pointsOutOfRange(points: points, weight: weight), at: node.position)
                }
            } else if points < 0 {
                // Declared for every question: each one that offers it checks it against its own weight.
                sink.report(.pointsNegative(points), at: node.position)
            } else {
                checkWeightLimit(points, at: node.position)
            }
            return .points(points)
        }
    }

    /// Reports a weight (of a dimension or a typology) below zero or above `Questionnaire.maximumWeight`.
    func checkWeight(_ weight: Double, at position: Position?) {
        if weight < 0 { sink.report(.weightNegative(weight), at: position) }
        checkWeightLimit(weight, at: position)
    }

    /// Reports a weight or a number of points above `Questionnaire.maximumWeight`; returns whether it is within.
    @discardableResult
    func checkWeightLimit(_ value: Double, at position: Position?) -> Bool {
        guard value <= Questionnaire.maximumWeight else {
            sink.report(.weightTooLarge(value), at: position)
            return false
        }
        return true
    }

    /// Reports an unknown reference, suggesting the closest known id.
    func reportUnknown(_ kind: String, _ id: String, among known: [String], at position: Position?) {
        sink.report(
            .unknownReference(kind: kind, id: id, suggestion: ResponseChecker.closest(to: id, among: known)),
            at: position)
    }
}
