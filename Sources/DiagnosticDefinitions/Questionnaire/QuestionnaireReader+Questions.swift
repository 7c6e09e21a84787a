import DiagnosticCore
import Yams

extension QuestionnaireReader {
    /// The keys of a question: these, then those of kinds not among them (`KindDefinition.keys`).
    static let questionKeys: [String] = {
        let base = [
            "id", "label", "help", "dimension", "section", "aspect", "kind", "scored", "weight", "options", "points",
            "scale", "number", "applies_to", "applies_when", "when", "when_hidden", "weight_for",
            SpecialAnswerKind.notApplicable.rawValue, SpecialAnswerKind.dontKnow.rawValue,
        ]
        return base + AnswerKind.kindKeys.filter { !base.contains($0) }
    }()

    /// The keys that belong to some kind, in `questionKeys` order.
    static let answerKeys = questionKeys.filter(AnswerKind.kindKeys.contains)

    func readQuestions(_ top: MappingReader) -> [Question] {
        guard let items = top.list("questions", required: true) else { return [] }
        for item in items {
            if case .mapping(let mapping) = item, let idNode = mapping["id"], let id = idNode.scalarText,
                questionOrder[id] == nil
            {
                questionOrder[id] = questionOrder.count
                questionPositions[id] = idNode.position
            }
        }
        var seen: [String: Position?] = [:]
        var questions: [Question] = []
        for (index, item) in items.enumerated() {
            guard
                let reader = MappingReader(
                    item, name: "questions[\(index + 1)]", keys: Self.questionKeys, context: context),
                let id = reader.identifier(), declare("question", id, in: &seen)
            else { continue }
            if let question = readQuestion(reader, id: id.id) {
                readQuestions[question.id] = question
                questions.append(question)
            }
        }
        return questions
    }

    private func readQuestion(_ reader: MappingReader, id: String) -> Question? {
        let label = reader.text("label", required: true)
        let kind = reader.choice("kind", as: AnswerKind.self)
        if !reader.has("kind") { sink.report(.missingKey("kind"), at: reader.position) }
        let dimension = reference(reader, "dimension", kind: "dimension", among: dimensions.map(\.id))
        let section = reference(reader, "section", kind: "section", among: sections.map(\.id))
        let aspect = reference(reader, "aspect", kind: "aspect", among: aspects.map(\.id))
        let scored = reader.boolean("scored") ?? reader.has("dimension")
        let weight = readWeight(reader, scored: scored, kind: kind)
        guard let kind else { return nil }
        var question = Question(
            id: id, label: label ?? LocalizedText([:]), help: reader.text("help"), dimension: dimension, section: section,
            aspect: aspect, kind: kind, scored: scored, weight: weight ?? 0)
        readAnswers(reader, into: &question, checkedWeight: weight)
        question.appliesTo = readTypologyReferences(reader)
        question.weightOverrides = readWeightOverrides(reader, scored: scored)
        if let node = reader.node("applies_when") {
            question.appliesWhen = readCondition(node, name: "applies_when", owner: id, answers: false)
        }
        if let node = reader.node("when") {
            question.shownWhen = readCondition(node, name: "when", owner: id, answers: true)
        }
        question.whenHidden = reader.choice("when_hidden", as: UnansweredRule.self) ?? .zero
        question.specialAnswers = readQuestionSpecialAnswers(reader, weight: weight)
        return label == nil ? nil : question
    }

    private func reference(_ reader: MappingReader, _ key: String, kind: String, among known: [String]) -> String? {
        guard let name = reader.string(key) else { return nil }
        guard known.contains(name) else {
            reportUnknown(kind, name, among: known, at: reader.node(key)?.position)
            return nil
        }
        return name
    }

    /// The weight of a scored question, `nil` when unscored or invalid (points are then not checked against it).
    private func readWeight(_ reader: MappingReader, scored: Bool, kind: AnswerKind?) -> Double? {
        guard scored else {
            if reader.has("weight") { sink.report(.unscoredWithPoints, at: reader.position(of: "weight")) }
            return nil
        }
        if !reader.has("dimension") { sink.report(.scoredNeedsDimension, at: reader.position) }
        if let kind, !kind.definition.scorable { sink.report(.scoredTextQuestion, at: reader.position(of: "kind")) }
        guard let weight = reader.number("weight", required: true) else { return nil }
        if weight <= 0 {
            sink.report(.weightNotPositive(weight), at: reader.node("weight")?.position)
            return nil
        }
        guard checkWeightLimit(weight, at: reader.node("weight")?.position) else { return nil }
        return weight
    }

    // MARK: Options, scales and numbers

    /// The kind's own keys, read by its unit (`DiagnosticDefinitions/Kinds/`); another kind's keys are reported.
    private func readAnswers(_ reader: MappingReader, into question: inout Question, checkedWeight weight: Double?) {
        let definition = question.kind.definition
        for key in Self.answerKeys where !definition.keys.contains(key) && reader.has(key) {
            sink.report(
                definition.foreignKey(key) ?? .notForKind(key: key, kind: question.kind.rawValue), at: reader.position(of: key))
        }
        definition.read(reader, into: &question, weight: weight, by: self)
        let key = Self.answerKeys.first(where: reader.has) ?? "weight"
        checkFullPointsReachable(question, at: reader.position(of: key))
    }

    /// Reads options; in scored questions each needs points within 0..weight.
    func readOptions(_ reader: MappingReader, scored: Bool, weight: Double?) -> [AnswerOption] {
        let keys = scored ? ["id", "label", "points", "exclusive"] : ["id", "label", "exclusive"]
        return readList(reader, key: "options", kind: "option", keys: keys) { option, id in
            if SpecialAnswerKind(rawValue: id.id) != nil {
                sink.report(.reservedID(id.id), at: id.position)
                return nil
            }
            let label = option.text("label", required: true)
            var points: Double?
            if scored, let value = option.number("points", required: true) {
                points = checkPoints(value, weight: weight, at: option.node("points")?.position)
            }
            guard let label else { return nil }
            return AnswerOption(id: id.id, label: label, points: points, exclusive: option.boolean("exclusive") ?? false)
        }
    }

    /// Reports points outside 0..weight; `weight` is `nil` when it is itself missing or invalid.
    @discardableResult
    func checkPoints(_ points: Double, weight: Double?, at position: Position?) -> Double {
        if let weight, points < 0 || points > weight {
            sink.report(.pointsOutOfRange(points: points, weight: weight), at: position)
        }
        return points
    }

    /// Warns when no answer can earn the question's full weight: its maximum would be out of reach.
    private func checkFullPointsReachable(_ question: Question, at position: Position?) {
        guard question.scored, question.weight > 0 else { return }
        guard let best = question.kind.unit.bestPoints(question) else { return }
        if best < question.weight {
            sink.warn(.noFullPoints(best: best, weight: question.weight), at: position)
        }
    }

    // MARK: Typology rules and special answers

    private func readTypologyReferences(_ reader: MappingReader) -> [String]? {
        guard let items = reader.stringList("applies_to") else { return nil }
        let known = typologies.map(\.id) + families.map(\.id)
        return items.compactMap { item in
            guard known.contains(item.text) else {
                reportUnknown("typology or family", item.text, among: known, at: item.position)
                return nil
            }
            return item.text
        }
    }

    private func readWeightOverrides(_ reader: MappingReader, scored: Bool) -> [String: Double] {
        guard let node = reader.node("weight_for") else { return [:] }
        if !scored { sink.report(.unscoredWithPoints, at: reader.position(of: "weight_for")) }
        guard case .mapping(let mapping) = node else {
            sink.report(.expectedMapping("weight_for"), at: node.position)
            return [:]
        }
        let known = typologies.map(\.id) + families.map(\.id)
        var result: [String: Double] = [:]
        for (key, value) in mapping {
            guard let name = key.scalarText, known.contains(name) else {
                reportUnknown("typology or family", key.scalarText ?? "…", among: known, at: key.position)
                continue
            }
            guard let weight = MappingReader.number(value, key: name, sink: sink) else { continue }
            checkWeight(weight, at: value.position)
            result[name] = weight
        }
        return result
    }

    private func readQuestionSpecialAnswers(_ reader: MappingReader, weight: Double?) -> [SpecialAnswerKind: SpecialScoring] {
        var result: [SpecialAnswerKind: SpecialScoring] = [:]
        for kind in SpecialAnswerKind.allCases {
            let declared = specialAnswers.first { $0.kind == kind }
            guard let node = reader.node(kind.rawValue) else {
                if let declared, declared.offeredByDefault {
                    checkInherited(declared, weight: weight, at: reader.position)
                    result[kind] = declared.scoring
                }
                continue
            }
            if node.scalarText == "false" { continue }
            guard declared != nil else {
                reportUnknown(
                    "special answer", kind.rawValue, among: specialAnswers.map(\.kind.rawValue),
                    at: reader.position(of: kind.rawValue))
                continue
            }
            if node.scalarText == "true", let declared {
                checkInherited(declared, weight: weight, at: node.position)
                result[kind] = declared.scoring
            } else if let scoring = readSpecialScoring(node, weight: weight) {
                result[kind] = scoring
            }
        }
        return result
    }

    /// Reports points declared under `special_answers` that are more than this question's weight.
    private func checkInherited(_ special: SpecialAnswer, weight: Double?, at position: Position?) {
        guard case .points(let points) = special.scoring, let weight, points > weight else { return }
        sink.report(.inheritedPointsAboveWeight(special: special.kind.rawValue, points: points, weight: weight), at: position)
    }
}
