import DiagnosticCore
import Yams

extension QuestionnaireReader {
    /// Reads maturity levels: unique ids, first threshold 0, thresholds increasing within 0..100.
    func readLevels(_ items: [Node]?, name: String, position: Position?) -> [MaturityLevel]? {
        guard let items else { return nil }
        if items.isEmpty {
            sink.report(.levelsEmpty, at: position)
            return nil
        }
        var seen: [String: Position?] = [:]
        var levels: [MaturityLevel] = []
        var previous: Double?
        for (index, item) in items.enumerated() {
            guard
                let reader = MappingReader(
                    item, name: "\(name)[\(index + 1)]", keys: ["id", "label", "description", "min"], context: context),
                let id = reader.identifier()
            else { continue }
            if id.id.utf8.count > MaturityLevel.maximumIDBytes {
                sink.report(.levelIDTooLong(id.id, bytes: id.id.utf8.count), at: id.position)
            }
            let label = reader.text("label", required: true)
            let minimum = reader.number("min", required: true)
            _ = declare("level", id, in: &seen)
            if let minimum {
                let at = reader.node("min")?.position
                if minimum < 0 || minimum > 100 {
                    sink.report(.levelOutOfRange(minimum), at: at)
                } else if index == 0, minimum != 0 {
                    sink.report(.levelsFirstNotZero(minimum), at: at)
                } else if let previous, minimum <= previous {
                    sink.report(.levelsNotIncreasing(previous: previous, current: minimum), at: at)
                }
                previous = minimum
            }
            if let label, let minimum {
                levels.append(MaturityLevel(id: id.id, label: label, description: reader.text("description"), minimum: minimum))
            }
        }
        return levels
    }

    /// Checks that need the whole questionnaire: cycles between conditions, dimensions left empty.
    func checkQuestionnaireWide(_ questions: [Question], top: MappingReader) {
        let order = questions.map(\.id)
        for cycle in CycleFinder.cycles(order: order, edges: conditionEdges) {
            let start = cycle.first ?? ""
            sink.report(.cycle(cycle), at: questionPositions[start] ?? nil)
        }
        for dimension in dimensions where !questions.contains(where: { $0.scored && $0.dimension == dimension.id }) {
            sink.warn(.dimensionWithoutQuestions(dimension.id), at: top.position(of: "dimensions"))
        }
    }
}
