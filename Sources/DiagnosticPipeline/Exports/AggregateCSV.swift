import DiagnosticCore
import DiagnosticDefinitions

/// A campaign aggregate as tidy CSV: one line per group, indicator and statistic (`od4g aggregate
/// --format csv`, and the console's download).
public struct AggregateCSV {
    /// The aggregate.
    public let aggregate: CampaignAggregate
    /// The campaign's questionnaire.
    public let questionnaire: Questionnaire

    /// The CSV of `aggregate`.
    public init(aggregate: CampaignAggregate, questionnaire: Questionnaire) {
        self.aggregate = aggregate
        self.questionnaire = questionnaire
    }

    /// The questionnaire's levels in order, then any other level a group reached.
    public var levelOrder: [String] {
        var ids = questionnaire.levels.map(\.id)
        for group in aggregate.groups { for id in group.levels.keys.sorted() where !ids.contains(id) { ids.append(id) } }
        return ids
    }

    /// The whole CSV.
    public func text() -> String {
        let writer = CSVWriter()
        var out = writer.line(["group", "organisations", "respondents", "withheld", "indicator", "statistic", "value"])
        for group in aggregate.groups {
            let head = [group.key, String(group.organisations), String(group.respondents), group.withheld ? "1" : "0"]
            func add(_ indicator: String, _ statistic: String, _ value: Double?) {
                guard let value else { return }
                out += writer.line(head + [indicator, statistic, NumberText.format(value, decimals: 4)])
            }
            if group.withheld {
                out += writer.line(head + ["", "", ""])
                continue
            }
            func summary(_ indicator: String, _ s: Summary?) {
                guard let s else { return }
                add(indicator, "count", Double(s.count))
                add(indicator, "mean", s.mean)
                add(indicator, "median", s.median)
                add(indicator, "q1", s.lowerQuartile)
                add(indicator, "q3", s.upperQuartile)
                add(indicator, "min", s.minimum)
                add(indicator, "max", s.maximum)
            }
            func withheldFigure(_ indicator: String, _ statistic: String) {
                out += writer.line(head + [indicator, statistic, "withheld"])
            }
            add("incomplete", "organisations", Double(group.incomplete))
            summary("overall", group.overall)
            for (index, (dimension, s)) in zip(questionnaire.dimensions, group.dimensions).enumerated() {
                if group.withheldFigures.dimensions.contains(index) { withheldFigure(dimension.id, "count") }
                summary(dimension.id, s)
            }
            for id in levelOrder where group.levels[id] != nil {
                add("level:" + id, "organisations", Double(group.levels[id] ?? 0))
            }
            for (index, (question, rate)) in zip(questionnaire.questions, group.questionSuccess).enumerated() {
                if group.withheldFigures.questions.contains(index) { withheldFigure(question.id, "success") }
                add(question.id, "success", rate)
            }
            for position in group.withheldFigures.tallies.sorted() {
                if let question = questionnaire.questions.element(at: position) { withheldFigure(question.id, "answered") }
            }
            for tally in group.tallies {
                guard let question = questionnaire.questions.element(at: tally.question) else { continue }
                add(question.id, "answered", Double(tally.answered))
                for (option, (count, share)) in zip(question.options, zip(tally.counts, tally.shares)) {
                    add(question.id + ":" + option.id, "count", Double(count))
                    add(question.id + ":" + option.id, "share", share)
                }
            }
        }
        return out
    }
}
