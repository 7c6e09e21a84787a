import DiagnosticCore
import Yams

extension QuestionnaireReader {
    static let questionKeys = [
        "id", "label", "help", "dimension", "section", "aspect", "kind", "scored", "weight", "options", "points",
        "scale", "number", "applies_to", "applies_when", "when", "when_hidden", "weight_for",
        SpecialAnswerKind.notApplicable.rawValue, SpecialAnswerKind.dontKnow.rawValue,
    ]

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
        if kind == .text { sink.report(.scoredTextQuestion, at: reader.position(of: "kind")) }
        guard let weight = reader.number("weight", required: true) else { return nil }
        if weight <= 0 {
            sink.report(.weightNotPositive(weight), at: reader.node("weight")?.position)
            return nil
        }
        guard checkWeightLimit(weight, at: reader.node("weight")?.position) else { return nil }
        return weight
    }

    // MARK: Options, scales and numbers

    private func readAnswers(_ reader: MappingReader, into question: inout Question, checkedWeight weight: Double?) {
        let kind = question.kind
        for (key, applies) in [
            ("options", kind == .single || kind == .multiple), ("points", kind == .yesNo),
            ("scale", kind == .scale), ("number", kind == .number),
        ] where !applies && reader.has(key) {
            sink.report(
                key == "options" && kind == .yesNo ? .yesNoOptions : .notForKind(key: key, kind: kind.rawValue),
                at: reader.position(of: key))
        }
        switch kind {
        case .yesNo:
            question.options = readYesNo(reader, scored: question.scored, weight: weight)
        case .single, .multiple:
            question.options = readOptions(reader, scored: question.scored, weight: weight)
            if !reader.has("options") { sink.report(.optionsRequired(kind: kind.rawValue), at: reader.position) }
            let limit = kind == .multiple ? Question.maximumChosenOptions : Question.maximumOptions
            if question.options.count > limit {
                sink.report(
                    .tooManyOptions(kind: kind.rawValue, count: question.options.count, limit: limit),
                    at: reader.position(of: "options"))
            }
        case .scale:
            question.scale = readScale(reader, scored: question.scored, weight: weight)
        case .number:
            question.number = readNumber(reader, scored: question.scored, weight: weight)
        case .text:
            break
        }
        let key = ["options", "points", "scale", "number"].first(where: reader.has) ?? "weight"
        checkFullPointsReachable(question, at: reader.position(of: key))
    }

    private func readYesNo(_ reader: MappingReader, scored: Bool, weight: Double?) -> [AnswerOption] {
        var yes: Double? = scored ? weight ?? 0 : nil
        var no: Double? = scored ? 0 : nil
        if let node = reader.node("points") {
            if !scored { sink.report(.unscoredWithPoints, at: reader.position(of: "points")) }
            if let points = MappingReader(node, name: "points", keys: ["yes", "no"], context: context) {
                yes = points.number("yes").map { checkPoints($0, weight: weight, at: points.node("yes")?.position) } ?? yes
                no = points.number("no").map { checkPoints($0, weight: weight, at: points.node("no")?.position) } ?? no
            }
        }
        return [
            AnswerOption(id: "yes", label: yesNo.yes, points: yes),
            AnswerOption(id: "no", label: yesNo.no, points: no),
        ]
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
    private func checkPoints(_ points: Double, weight: Double?, at position: Position?) -> Double {
        if let weight, points < 0 || points > weight {
            sink.report(.pointsOutOfRange(points: points, weight: weight), at: position)
        }
        return points
    }

    /// Warns when no answer can earn the question's full weight: its maximum would be out of reach.
    private func checkFullPointsReachable(_ question: Question, at position: Position?) {
        guard question.scored, question.weight > 0 else { return }
        let best: Double
        switch question.kind {
        case .yesNo, .single:
            best = question.options.compactMap(\.points).max() ?? 0
        case .multiple:
            best = question.options.compactMap(\.points).reduce(0, +)
        case .scale:
            guard let points = question.scale?.points else { return }
            best = points.max() ?? 0
        case .number:
            best = question.number?.bands.map(\.points).max() ?? 0
        case .text:
            return
        }
        if best < question.weight {
            sink.warn(.noFullPoints(best: best, weight: question.weight), at: position)
        }
    }

    private func readScale(_ reader: MappingReader, scored: Bool, weight: Double?) -> ScaleSpec? {
        guard let node = reader.require("scale"),
            let scale = MappingReader(node, name: "scale", keys: ["min", "max", "labels", "points"], context: context),
            let minimum = scale.integer("min", required: true), let maximum = scale.integer("max", required: true)
        else { return nil }
        guard maximum > minimum else {
            sink.report(.scaleBounds(minimum: minimum, maximum: maximum), at: scale.position)
            return nil
        }
        // Subtracted with an overflow check: the bounds may be any 64-bit integers.
        let (steps, overflow) = maximum.subtractingReportingOverflow(minimum)
        guard !overflow, steps <= ScaleSpec.maximumSteps else {
            sink.report(.scaleTooManySteps(minimum: minimum, maximum: maximum), at: scale.position)
            return nil
        }
        var labels: [Int: LocalizedText] = [:]
        if let labelsNode = scale.node("labels") {
            if case .mapping(let mapping) = labelsNode {
                for (key, value) in mapping {
                    guard let text = key.scalarText, let step = Int(text) else {
                        sink.report(.expectedInteger(key: "labels", value: key.scalarText ?? "…"), at: key.position)
                        continue
                    }
                    if step < minimum || step > maximum { sink.report(.scaleLabelOutside(step), at: key.position) }
                    labels[step] = MappingReader.localizedText(value, name: "labels", context: context)
                }
            } else {
                sink.report(.expectedMapping("labels"), at: labelsNode.position)
            }
        }
        var points: [Double]?
        if let items = scale.list("points") {
            if !scored { sink.report(.unscoredWithPoints, at: scale.position(of: "points")) }
            let values = items.compactMap { MappingReader.number($0, key: "points", sink: sink) }
            for (item, value) in zip(items, values) { checkPoints(value, weight: weight, at: item.position) }
            if values.count != maximum - minimum + 1 {
                sink.report(
                    .scalePointsCount(expected: maximum - minimum + 1, found: items.count), at: scale.position(of: "points"))
            }
            points = values
        }
        return ScaleSpec(minimum: minimum, maximum: maximum, labels: labels, points: points)
    }

    private func readNumber(_ reader: MappingReader, scored: Bool, weight: Double?) -> NumberSpec? {
        guard let node = scored ? reader.require("number") : reader.node("number") else { return NumberSpec() }
        guard let spec = MappingReader(node, name: "number", keys: ["unit", "min", "max", "bands"], context: context)
        else { return nil }
        let minimum = spec.number("min")
        let maximum = spec.number("max")
        if let minimum, let maximum, minimum >= maximum { sink.report(.numberBounds, at: spec.position(of: "max")) }
        var bands: [NumberBand] = []
        if !scored, spec.has("bands") { sink.report(.unscoredWithPoints, at: spec.position(of: "bands")) }
        if scored, spec.require("bands") != nil {
            for (index, item) in (spec.list("bands") ?? []).enumerated() {
                guard let band = MappingReader(item, name: "bands[\(index + 1)]", keys: ["min", "points"], context: context),
                    let low = band.number("min", required: true), let points = band.number("points", required: true)
                else { continue }
                checkPoints(points, weight: weight, at: band.node("points")?.position)
                if let previous = bands.last, low <= previous.minimum {
                    sink.report(.bandsNotIncreasing(previous: previous.minimum, current: low), at: band.node("min")?.position)
                }
                bands.append(NumberBand(minimum: low, points: points))
            }
        }
        return NumberSpec(unit: spec.text("unit"), minimum: minimum, maximum: maximum, bands: bands)
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
