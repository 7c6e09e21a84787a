import DiagnosticCore

/// Numbers: `number: {unit, min, max, bands}`; a scored number needs bands of increasing minimums.
struct NumberDefinition: KindDefinition {
    var keys: [String] { ["number"] }

    enum Message {
        static let bounds: DefinitionMessage = .kind(
            KindMessage(
                french: "le minimum doit être inférieur au maximum", english: "the minimum must be below the maximum"))

        static func bandsNotIncreasing(previous: Double, current: Double) -> DefinitionMessage {
            .kind(
                KindMessage(
                    french:
                        "les tranches doivent avoir des minimums croissants (\(DefinitionMessage.num(current)) après \(DefinitionMessage.num(previous)))",
                    english:
                        "bands must have increasing minimums (\(DefinitionMessage.num(current)) after \(DefinitionMessage.num(previous)))"
                ))
        }
    }

    func read(_ mapping: MappingReader, into question: inout Question, weight: Double?, by reader: QuestionnaireReader) {
        question.number = readNumber(mapping, scored: question.scored, weight: weight, by: reader)
    }

    private func readNumber(_ reader: MappingReader, scored: Bool, weight: Double?, by questionnaire: QuestionnaireReader)
        -> NumberSpec?
    {
        let sink = questionnaire.sink
        guard let node = scored ? reader.require("number") : reader.node("number") else { return NumberSpec() }
        guard
            let spec = MappingReader(
                node, name: "number", keys: ["unit", "min", "max", "bands"], context: questionnaire.context)
        else { return nil }
        let minimum = spec.number("min")
        let maximum = spec.number("max")
        if let minimum, let maximum, minimum >= maximum { sink.report(Message.bounds, at: spec.position(of: "max")) }
        var bands: [NumberBand] = []
        if !scored, spec.has("bands") { sink.report(.unscoredWithPoints, at: spec.position(of: "bands")) }
        if scored, spec.require("bands") != nil {
            for (index, item) in (spec.list("bands") ?? []).enumerated() {
                guard
                    let band = MappingReader(
                        item, name: "bands[\(index + 1)]", keys: ["min", "points"], context: questionnaire.context),
                    let low = band.number("min", required: true), let points = band.number("points", required: true)
                else { continue }
                questionnaire.checkPoints(points, weight: weight, at: band.node("points")?.position)
                if let previous = bands.last, low <= previous.minimum {
                    sink.report(
                        Message.bandsNotIncreasing(previous: previous.minimum, current: low), at: band.node("min")?.position)
                }
                bands.append(NumberBand(minimum: low, points: points))
            }
        }
        return NumberSpec(unit: spec.text("unit"), minimum: minimum, maximum: maximum, bands: bands)
    }

    func expected(_ question: Question, in template: ResponseTemplate) -> (choices: [String], list: Bool) {
        let unit = question.number?.unit.map { " (\(template.oneLine($0.resolved(template.language.rawValue))))" } ?? ""
        return ([template.language.pick("un nombre", "a number") + unit], false)
    }
}
