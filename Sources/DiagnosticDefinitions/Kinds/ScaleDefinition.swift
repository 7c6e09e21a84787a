import DiagnosticCore

/// Scales: `scale: {min, max, labels, points}`, at most `ScaleSpec.maximumSteps` steps, labels
/// of some values, and optional points per value.
struct ScaleDefinition: KindDefinition {
    var keys: [String] { ["scale"] }

    enum Message {
        static func bounds(minimum: Int, maximum: Int) -> DefinitionMessage {
            .kind(
                KindMessage(
                    french: "l'échelle doit aller d'un minimum à un maximum plus grand (\(minimum)..\(maximum))",
                    english: "the scale must go from a minimum to a greater maximum (\(minimum)..\(maximum))"))
        }

        static func tooManySteps(minimum: Int, maximum: Int) -> DefinitionMessage {
            .kind(
                KindMessage(
                    french:
                        "l'échelle \(minimum)..\(maximum) a trop de crans : au plus \(ScaleSpec.maximumSteps) crans du minimum au maximum",
                    english:
                        "the scale \(minimum)..\(maximum) has too many steps: at most \(ScaleSpec.maximumSteps) steps from minimum to maximum"
                ))
        }

        static func pointsCount(expected: Int, found: Int) -> DefinitionMessage {
            .kind(
                KindMessage(
                    french: "l'échelle attend \(expected) valeurs de points (une par cran), \(found) données",
                    english: "the scale expects \(expected) point values (one per step), \(found) given"))
        }

        static func labelOutside(_ value: Int) -> DefinitionMessage {
            .kind(
                KindMessage(
                    french: "libellé pour la valeur \(value), hors de l'échelle",
                    english: "label for value \(value), outside the scale"))
        }
    }

    func read(_ mapping: MappingReader, into question: inout Question, weight: Double?, by reader: QuestionnaireReader) {
        question.scale = readScale(mapping, scored: question.scored, weight: weight, by: reader)
    }

    private func readScale(_ reader: MappingReader, scored: Bool, weight: Double?, by questionnaire: QuestionnaireReader)
        -> ScaleSpec?
    {
        let sink = questionnaire.sink
        guard let node = reader.require("scale"),
            let scale = MappingReader(
                node, name: "scale", keys: ["min", "max", "labels", "points"], context: questionnaire.context),
            let minimum = scale.integer("min", required: true), let maximum = scale.integer("max", required: true)
        else { return nil }
        guard maximum > minimum else {
            sink.report(Message.bounds(minimum: minimum, maximum: maximum), at: scale.position)
            return nil
        }
        // Subtracted with an overflow check: the bounds may be any 64-bit integers.
        let (steps, overflow) = maximum.subtractingReportingOverflow(minimum)
        guard !overflow, steps <= ScaleSpec.maximumSteps else {
            sink.report(Message.tooManySteps(minimum: minimum, maximum: maximum), at: scale.position)
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
                    if step < minimum || step > maximum { sink.report(Message.labelOutside(step), at: key.position) }
                    labels[step] = MappingReader.localizedText(value, name: "labels", context: questionnaire.context)
                }
            } else {
                sink.report(.expectedMapping("labels"), at: labelsNode.position)
            }
        }
        var points: [Double]?
        if let items = scale.list("points") {
            if !scored { sink.report(.unscoredWithPoints, at: scale.position(of: "points")) }
            let values = items.compactMap { MappingReader.number($0, key: "points", sink: sink) }
            for (item, value) in zip(items, values) { questionnaire.checkPoints(value, weight: weight, at: item.position) }
            if values.count != maximum - minimum + 1 {
                sink.report(
                    Message.pointsCount(expected: maximum - minimum + 1, found: items.count),
                    at: scale.position(of: "points"))
            }
            points = values
        }
        return ScaleSpec(minimum: minimum, maximum: maximum, labels: labels, points: points)
    }

    func expected(_ question: Question, in template: ResponseTemplate) -> (choices: [String], list: Bool) {
        guard let scale = question.scale else { return ([], false) }
        let ends = scale.labels.keys.sorted().compactMap { key in
            scale.labels[key].map { "\(key) = \(template.oneLine($0.resolved(template.language.rawValue)))" }
        }
        return (
            [
                template.language.pick(
                    "un nombre de \(scale.minimum) à \(scale.maximum)", "a number from \(scale.minimum) to \(scale.maximum)")
                    + (ends.isEmpty ? "" : " (" + ends.joined(separator: ", ") + ")")
            ], false
        )
    }
}
