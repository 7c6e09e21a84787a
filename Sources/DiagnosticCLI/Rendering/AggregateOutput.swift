import DiagnosticCore
import DiagnosticDefinitions
import DiagnosticPipeline
import Foundation

/// Renders a campaign aggregate as a terminal report, stable JSON (`od4g-aggregate/1`) or tidy CSV.
struct AggregateOutput {
    static let schema = "od4g-aggregate/1"

    let aggregate: CampaignAggregate
    let questionnaire: Questionnaire
    let campaign: String
    let language: Language

    private var lang: String { language.rawValue }

    func groupLabel(_ key: String) -> String {
        if key == "*" { return language.pick("Ensemble", "All") }
        if key.isEmpty { return language.pick("(non renseigné)", "(not given)") }
        switch aggregate.grouping {
        case .typology: return questionnaire.typology(key)?.label.resolved(lang) ?? key
        case .family: return questionnaire.family(key)?.label.resolved(lang) ?? key
        case .departement: return questionnaire.departementName(key)
        }
    }

    private func number(_ value: Double?, _ decimals: Int = 1) -> String {
        value.map { NumberText.format($0, decimals: decimals, language: language) } ?? "—"
    }

    private func percent(_ value: Double?) -> String {
        value.map { NumberText.format(100 * $0, decimals: 0, language: language) + " %" } ?? "—"
    }

    // MARK: Text

    func text() -> String {
        let l = language
        var lines = [
            l.pick("Campagne « \(campaign) » — regroupement par ", "Campaign '\(campaign)' — grouped by ")
                + groupingName
                + l.pick(
                    " ; groupes de moins de \(aggregate.minimumGroupSize) organisations au diagnostic complet masqués",
                    "; groups under \(aggregate.minimumGroupSize) organisations with a complete diagnostic withheld")
        ]
        for group in aggregate.groups {
            lines.append("")
            lines.append(
                "■ \(groupLabel(group.key)) — "
                    + l.pick(
                        "\(group.organisations) organisation(s), \(group.respondents) répondant(s)",
                        "\(group.organisations) organisation(s), \(group.respondents) respondent(s)"))
            if group.withheld {
                lines.append(
                    "  "
                        + (group.withheldWithAnother
                            ? l.pick(
                                "(masqué avec un plus petit groupe, pour que celui-ci ne puisse pas être déduit par différence)",
                                "(withheld with a smaller group, so that it cannot be worked out by difference)")
                            : l.pick("(masqué : groupe trop petit pour être publié)", "(withheld: group too small to publish)")))
                continue
            }
            lines.append(
                "  " + fitted("", 30, pad: true)
                    + l.pick(
                        "    n  moyenne  médiane   Q1–Q3          min–max", "    n     mean   median   Q1–Q3          min–max"))
            lines.append(summaryLine(l.pick("Score global", "Overall score"), group.overall))
            for (index, (dimension, summary)) in zip(questionnaire.dimensions, group.dimensions).enumerated() {
                lines.append(
                    group.withheldFigures.dimensions.contains(index)
                        ? "  " + fitted(dimension.label.resolved(lang), 30, pad: true) + "    " + withheldWord
                        : summaryLine(dimension.label.resolved(lang), summary))
            }
            let levels = levelOrder.filter { group.levels[$0] != nil }.map { id in
                "\(levelName(id)) \(group.levels[id] ?? 0)"
            }
            lines.append("  " + l.pick("Niveaux : ", "Levels: ") + (levels.isEmpty ? "—" : levels.joined(separator: " · ")))
            if group.incomplete > 0 {
                lines.append(
                    "  "
                        + l.pick(
                            "Diagnostics incomplets (trop peu de réponses, hors calcul) : \(group.incomplete)",
                            "Incomplete diagnostics (too few answers, left out): \(group.incomplete)"))
            }
        }
        lines += [""] + successMatrix()
        lines += tallies()
        if aggregate.groups.contains(where: { !$0.withheld && !$0.withheldFigures.isEmpty }) {
            lines += [
                "",
                l.pick(
                    "« \(withheldWord) » : figure masquée, parce que moins de \(aggregate.minimumGroupSize) organisations du groupe sont concernées (une question posée à peu d'entre elles), ou pour qu'une telle figure d'un autre groupe ne puisse pas être déduite par différence.",
                    "“\(withheldWord)”: figure withheld, because fewer than \(aggregate.minimumGroupSize) organisations of the group are concerned (a question asked of few of them), or so that such a figure of another group cannot be worked out by difference."
                ),
            ]
        }
        return lines.joined(separator: "\n")
    }

    /// What a withheld figure shows in text.
    private var withheldWord: String { language.pick("masqué", "withheld") }

    private var groupingName: String {
        switch aggregate.grouping {
        case .typology: language.pick("typologie", "typology")
        case .family: language.pick("famille", "family")
        case .departement: language.pick("département", "département")
        }
    }

    private var levelOrder: [String] { AggregateCSV(aggregate: aggregate, questionnaire: questionnaire).levelOrder }

    private func levelName(_ id: String) -> String {
        (questionnaire.levels + questionnaire.typologies.flatMap { $0.levels ?? [] }
            + questionnaire.dimensions.flatMap { $0.levels ?? [] })
            .first { $0.id == id }?.label.resolved(lang) ?? id
    }

    private func summaryLine(_ label: String, _ summary: Summary?) -> String {
        guard let s = summary else { return "  " + fitted(label, 30, pad: true) + "    0" }
        func cell(_ text: String, _ width: Int) -> String { String(repeating: " ", count: max(0, width - text.count)) + text }
        return "  " + fitted(label, 30, pad: true) + cell(String(s.count), 5) + cell(number(s.mean), 9)
            + cell(number(s.median), 9)
            + "   " + fitted(number(s.lowerQuartile) + "–" + number(s.upperQuartile), 14, pad: true)
            + number(s.minimum) + "–" + number(s.maximum)
    }

    private var shownGroups: [GroupAggregate] { aggregate.groups.filter { !$0.withheld } }

    private func successMatrix() -> [String] {
        let l = language
        let groups = shownGroups
        var lines = [
            l.pick(
                "Taux de réussite par question (part des points obtenus, moyenne des organisations)",
                "Success rate per question (share of points earned, mean over organisations)")
        ]
        lines.append(
            "  " + fitted(l.pick("question", "question"), 26, pad: true)
                + groups.map { fitted(" " + shortKey($0.key), 9, pad: true) }.joined())
        for (index, question) in questionnaire.questions.enumerated() where question.scored {
            lines.append(
                "  " + fitted(question.id, 26, pad: true)
                    + groups.map { group in
                        let text =
                            group.withheldFigures.questions.contains(index)
                            ? withheldWord : percent(group.questionSuccess.element(at: index) ?? nil)
                        return String(repeating: " ", count: max(0, 8 - text.count)) + text + " "
                    }.joined())
        }
        return lines
    }

    private func shortKey(_ key: String) -> String {
        key == "*" ? language.pick("tous", "all") : (key.isEmpty ? "?" : key)
    }

    private func tallies() -> [String] {
        let l = language
        let groups = shownGroups
        var lines: [String] = []
        for (position, question) in questionnaire.questions.enumerated() where !question.scored && question.kind.hasOptions {
            lines.append("")
            lines.append("\(question.id) — \(fitted(question.label.resolved(lang), 80))")
            let answered = groups.map { group in
                group.withheldFigures.tallies.contains(position)
                    ? withheldWord : String(group.tallies.first { $0.question == position }?.answered ?? 0)
            }
            lines.append(
                "  " + fitted(l.pick("(répondants)", "(respondents)"), 34, pad: true)
                    + answered.map { fitted(" " + $0, 12, pad: true) }.joined())
            for (optionIndex, option) in question.options.enumerated() {
                let cells = groups.map { group -> String in
                    guard let tally = group.tallies.first(where: { $0.question == position }),
                        let count = tally.counts.element(at: optionIndex)
                    else { return fitted("", 12, pad: true) }
                    return fitted(" \(count) (\(percent(tally.shares.element(at: optionIndex))))", 12, pad: true)
                }
                lines.append("  " + fitted(option.label.resolved(lang), 34, pad: true) + cells.joined())
            }
        }
        if !lines.isEmpty {
            lines.insert(
                l.pick(
                    "Réponses aux questions non notées (nombre et part des répondants) — colonnes : ",
                    "Answers to unscored questions (count and share of respondents) — columns: ")
                    + groups.map { shortKey($0.key) }.joined(separator: ", "), at: 0)
            lines.insert("", at: 0)
        }
        return lines
    }

    // MARK: JSON

    func json() throws -> String {
        struct Document: Encodable {
            var schema: String
            var campaign: String
            var grouping: String
            var minimumGroupSize: Int
            var language: String
            var dimensions: [String]
            var questions: [String]
            var groups: [Group]

            enum CodingKeys: String, CodingKey {
                case schema
                case campaign
                case grouping
                case minimumGroupSize = "minimum_group_size"
                case language
                case dimensions
                case questions
                case groups
            }
        }
        struct Group: Encodable {
            var key: String
            var label: String
            var organisations: Int
            var respondents: Int
            @ScoreJSON.Null var incomplete: Int?
            var withheld: Bool
            var withheldWithAnother: Bool
            var withheldFigures: Figures
            @ScoreJSON.Null var overall: Summary?
            var dimensions: [String: Summary]
            var levels: [String: Int]
            var questionSuccess: [String: Double]
            var tallies: [String: TallyEntry]

            enum CodingKeys: String, CodingKey {
                case key
                case label
                case organisations
                case respondents
                case incomplete
                case withheld
                case withheldWithAnother = "withheld_with_another"
                case withheldFigures = "withheld_figures"
                case overall
                case dimensions
                case levels
                case questionSuccess = "question_success"
                case tallies
            }
        }
        struct Figures: Encodable {
            var dimensions: [String]
            var questionSuccess: [String]
            var tallies: [String]

            enum CodingKeys: String, CodingKey {
                case dimensions
                case questionSuccess = "question_success"
                case tallies
            }
        }
        struct TallyEntry: Encodable {
            var answered: Int
            var counts: [String: Int]
            var shares: [String: Double]
        }
        let document = Document(
            schema: Self.schema, campaign: campaign, grouping: aggregate.grouping.rawValue,
            minimumGroupSize: aggregate.minimumGroupSize, language: lang, dimensions: questionnaire.dimensions.map(\.id),
            questions: questionnaire.questions.map(\.id),
            groups: aggregate.groups.map { group in
                var dimensions: [String: Summary] = [:]
                for (dimension, summary) in zip(questionnaire.dimensions, group.dimensions) {
                    if let summary { dimensions[dimension.id] = rounded(summary) }
                }
                var success: [String: Double] = [:]
                for (question, rate) in zip(questionnaire.questions, group.questionSuccess) {
                    if let rate { success[question.id] = NumberText.round(rate, decimals: 4) }
                }
                var tallies: [String: TallyEntry] = [:]
                for tally in group.tallies {
                    guard let question = questionnaire.questions.element(at: tally.question) else { continue }
                    var counts: [String: Int] = [:]
                    var shares: [String: Double] = [:]
                    for (option, (count, share)) in zip(question.options, zip(tally.counts, tally.shares)) {
                        counts[option.id] = count
                        shares[option.id] = NumberText.round(share, decimals: 4)
                    }
                    tallies[question.id] = TallyEntry(answered: tally.answered, counts: counts, shares: shares)
                }
                return Group(
                    key: group.key, label: groupLabel(group.key), organisations: group.organisations,
                    respondents: group.respondents, incomplete: group.withheld ? nil : group.incomplete,
                    withheld: group.withheld, withheldWithAnother: group.withheldWithAnother,
                    withheldFigures: Figures(
                        dimensions: questionnaire.dimensions.indices.filter { group.withheldFigures.dimensions.contains($0) }
                            .map { questionnaire.dimensions[$0].id },
                        questionSuccess: questionnaire.questions.indices.filter {
                            group.withheldFigures.questions.contains($0)
                        }.map { questionnaire.questions[$0].id },
                        tallies: questionnaire.questions.indices.filter { group.withheldFigures.tallies.contains($0) }
                            .map { questionnaire.questions[$0].id }),
                    overall: group.overall.map(rounded),
                    dimensions: dimensions, levels: group.levels, questionSuccess: success, tallies: tallies)
            })
        return try JSONOutput.encode(document, language: language)
    }

    private func rounded(_ s: Summary) -> Summary {
        Summary(
            count: s.count, mean: NumberText.round(s.mean), median: NumberText.round(s.median),
            lowerQuartile: NumberText.round(s.lowerQuartile), upperQuartile: NumberText.round(s.upperQuartile),
            minimum: NumberText.round(s.minimum), maximum: NumberText.round(s.maximum))
    }

    // MARK: CSV

    /// One line per figure: group, indicator (overall, a dimension, a question, a level, question:option),
    /// statistic and value — the shape spreadsheets and charting tools pivot.
    func csv() -> String {
        AggregateCSV(aggregate: aggregate, questionnaire: questionnaire).text()
    }
}
