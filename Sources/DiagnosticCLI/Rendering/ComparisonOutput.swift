import DiagnosticCore
import Foundation

/// Renders the three comparisons as terminal text or JSON (`od4g-compare/1`).
enum ComparisonOutput {
    struct Context {
        let questionnaire: Questionnaire
        let language: Language
        let campaigns: [String]
    }

    case position(Context, OrganisationProfile, PeerPosition)
    case sideBySide(Context, [OrganisationProfile])
    case change(Context, OrganisationProfile, CampaignChange)

    static let schema = "od4g-compare/1"

    private var context: Context {
        switch self {
        case .position(let context, _, _), .sideBySide(let context, _), .change(let context, _, _): context
        }
    }

    private func number(_ value: Double?, _ decimals: Int = 1) -> String {
        value.map { NumberText.format($0, decimals: decimals, language: context.language) } ?? "—"
    }

    /// The change as the difference of the two figures shown.
    private func signed(from before: Double?, to after: Double?) -> String {
        guard let before, let after else { return "—" }
        let difference = NumberText.displayedDifference(from: before, to: after)
        return (difference > 0 ? "+" : "") + number(difference)
    }

    private func cell(_ text: String, _ width: Int) -> String {
        String(repeating: " ", count: max(0, width - text.count)) + text
    }

    private func dimensionName(_ index: Int?) -> String {
        let lang = context.language.rawValue
        guard let index else { return context.language.pick("Score global", "Overall score") }
        return context.questionnaire.dimensions.element(at: index)?.label.resolved(lang) ?? "?"
    }

    private func identity(_ profile: OrganisationProfile) -> String {
        let lang = context.language.rawValue
        return "\(profile.name) — \(profile.typology.label.resolved(lang))" + (profile.code.map { " (\($0))" } ?? "")
            + context.language.pick(
                " — \(profile.respondents.count) répondant(s)", " — \(profile.respondents.count) respondent(s)")
    }

    /// How far an organisation's respondents disagree: spread per dimension, questions answered differently.
    private func disagreement(_ profile: OrganisationProfile) -> [String] {
        guard profile.respondents.count > 1 else { return [] }
        let l = context.language
        let who = RespondentLabel.labels(
            roles: profile.respondents.map(\.role), questionnaire: context.questionnaire, language: l
        ).joined(separator: ", ")
        var lines = [
            "",
            l.pick(
                "\(profile.name) : écart entre ses \(profile.respondents.count) répondants (\(who))",
                "\(profile.name): gap between its \(profile.respondents.count) respondents (\(who))"),
        ]
        for (index, spread) in profile.dimensionSpread.enumerated() {
            guard let spread else { continue }
            lines.append(
                "  " + fitted(dimensionName(index), 30, pad: true) + l.pick(" écart ", " spread ") + number(spread) + " pts")
        }
        let questions = profile.disagreements.compactMap { context.questionnaire.questions.element(at: $0)?.id }
        lines.append(
            "  " + l.pick("Réponses différentes : ", "Different answers: ")
                + (questions.isEmpty ? "—" : questions.joined(separator: ", ")))
        return lines
    }

    func text() -> String {
        let l = context.language
        var lines: [String] = []
        switch self {
        case .position(_, let profile, let position):
            lines.append(
                identity(profile) + l.pick(" — campagne « \(context.campaigns[0]) »", " — campaign '\(context.campaigns[0])'"))
            lines.append(
                l.pick(
                    "Pairs : \(position.typologyCount) de la même typologie, \(position.campaignCount) dans la campagne (percentile : part des organisations en dessous, la moitié des ex æquo comptée)",
                    "Peers: \(position.typologyCount) of the same typology, \(position.campaignCount) in the campaign (percentile: share of organisations below, half the ties counted)"
                ))
            if position.typologyWithheld {
                lines.append(
                    l.pick(
                        "(typologie : moins de \(position.minimumGroupSize) organisations avec un score, médiane et percentile masqués)",
                        "(typology: fewer than \(position.minimumGroupSize) organisations with a score, median and percentile withheld)"
                    ))
            }
            lines.append(
                String(repeating: " ", count: 30)
                    + l.pick(
                        "   score  médiane typo  percentile   médiane camp.  percentile",
                        "   score  typo median   percentile   campaign med.  percentile"))
            for line in position.lines {
                lines.append(
                    fitted(dimensionName(line.dimension), 30, pad: true) + cell(number(line.score), 8)
                        + cell(number(line.typologyMedian), 14) + cell(number(line.typologyPercentile, 0), 12)
                        + cell(number(line.campaignMedian), 16) + cell(number(line.campaignPercentile, 0), 12))
            }
            lines += disagreement(profile)
        case .sideBySide(_, let profiles):
            lines.append(l.pick("Campagne « \(context.campaigns[0]) »", "Campaign '\(context.campaigns[0])'"))
            for (index, profile) in profiles.enumerated() { lines.append("  [\(index + 1)] " + identity(profile)) }
            lines.append(fitted("", 30, pad: true) + profiles.indices.map { cell("[\($0 + 1)]", 10) }.joined())
            lines.append(fitted(dimensionName(nil), 30, pad: true) + profiles.map { cell(number($0.overall), 10) }.joined())
            for index in context.questionnaire.dimensions.indices {
                lines.append(
                    fitted(dimensionName(index), 30, pad: true)
                        + profiles.map { cell(number($0.dimensions.element(at: index) ?? nil), 10) }.joined())
            }
            lines.append(
                fitted(l.pick("Niveau", "Level"), 30, pad: true)
                    + profiles.map { cell(fitted($0.level?.label.resolved(l.rawValue) ?? "—", 9), 10) }.joined())
            lines.append("")
            lines.append(l.pick("Part des points obtenus par question (%)", "Share of points earned per question (%)"))
            for (index, question) in context.questionnaire.questions.enumerated() where question.scored {
                lines.append(
                    fitted(question.id, 30, pad: true)
                        + profiles.map { profile in
                            cell((profile.questionRatios.element(at: index) ?? nil).map { number(100 * $0, 0) } ?? "—", 10)
                        }.joined())
            }
            for profile in profiles { lines += disagreement(profile) }
        case .change(_, let profile, let change):
            lines.append(identity(profile))
            lines.append(
                l.pick(
                    "Évolution de « \(context.campaigns[0]) » à « \(context.campaigns[1]) »",
                    "Change from '\(context.campaigns[0])' to '\(context.campaigns[1])'"))
            lines.append(fitted("", 30, pad: true) + l.pick("   avant    après   écart", "  before    after   change"))
            for item in [change.overall] + change.dimensions {
                let name =
                    item.id == "*"
                    ? dimensionName(nil) : context.questionnaire.dimension(item.id)?.label.resolved(l.rawValue) ?? item.id
                lines.append(
                    fitted(name, 30, pad: true) + cell(number(item.before), 8) + cell(number(item.after), 9)
                        + cell(signed(from: item.before, to: item.after), 8))
            }
            let moved = change.questions.filter { $0.answerChanged }
            lines.append("")
            lines.append(
                l.pick(
                    "Questions dont la réponse a changé (\(moved.count)) — part des points avant → après",
                    "Questions whose answer changed (\(moved.count)) — share of points before → after"))
            for question in moved {
                let before = question.before.map { number(100 * $0, 0) + " %" } ?? "—"
                let after = question.after.map { number(100 * $0, 0) + " %" } ?? "—"
                lines.append(
                    "  " + fitted(question.id, 28, pad: true) + cell(before, 7) + " → " + cell(after, 6) + "  "
                        + question.effectText(l))
            }
        }
        return lines.joined(separator: "\n")
    }

    func json() throws -> String {
        try JSONOutput.encode(document(), language: context.language)
    }

    private struct Organisation: Encodable {
        var key: String
        var name: String
        var code: String?
        var typology: String
        var respondents: Int
        var overall: Double?
        var level: String?
        var dimensions: [String: Double]
        var dimensionSpread: [String: Double]
        var questionShare: [String: Double]
        var disagreements: [String]

        enum CodingKeys: String, CodingKey {
            case key
            case name
            case code
            case typology
            case respondents
            case overall
            case level
            case dimensions
            case dimensionSpread = "dimension_spread"
            case questionShare = "question_share"
            case disagreements
        }
    }

    private struct Line: Encodable {
        var indicator: String
        var score: Double?
        var typologyMedian: Double?
        var typologyPercentile: Double?
        var campaignMedian: Double?
        var campaignPercentile: Double?

        enum CodingKeys: String, CodingKey {
            case indicator
            case score
            case typologyMedian = "typology_median"
            case typologyPercentile = "typology_percentile"
            case campaignMedian = "campaign_median"
            case campaignPercentile = "campaign_percentile"
        }
    }

    private struct ChangeLine: Encodable {
        var indicator: String
        var before: Double?
        var after: Double?
        var delta: Double?
        var answerChanged: Bool?

        enum CodingKeys: String, CodingKey {
            case indicator
            case before
            case after
            case delta
            case answerChanged = "answer_changed"
        }
    }

    private struct Document: Encodable {
        var schema: String
        var kind: String
        var campaigns: [String]
        var organisations: [Organisation]
        var position: [Line]?
        var peers: [String: Int]?
        var change: [ChangeLine]?
    }

    private func round(_ value: Double?) -> Double? { value.map { NumberText.round($0) } }

    private func organisation(_ profile: OrganisationProfile) -> Organisation {
        let questionnaire = context.questionnaire
        var dimensions: [String: Double] = [:]
        var spread: [String: Double] = [:]
        for (index, dimension) in questionnaire.dimensions.enumerated() {
            if let score = profile.dimensions.element(at: index) ?? nil { dimensions[dimension.id] = NumberText.round(score) }
            if let value = profile.dimensionSpread.element(at: index) ?? nil { spread[dimension.id] = NumberText.round(value) }
        }
        var shares: [String: Double] = [:]
        for (index, question) in questionnaire.questions.enumerated() {
            if let share = profile.questionRatios.element(at: index) ?? nil {
                shares[question.id] = NumberText.round(share, decimals: 4)
            }
        }
        return Organisation(
            key: profile.key, name: profile.name, code: profile.code, typology: profile.typology.id,
            respondents: profile.respondents.count, overall: round(profile.overall), level: profile.level?.id,
            dimensions: dimensions, dimensionSpread: spread, questionShare: shares,
            disagreements: profile.disagreements.compactMap { questionnaire.questions.element(at: $0)?.id })
    }

    private func document() -> Document {
        switch self {
        case .position(let context, let profile, let position):
            return Document(
                schema: Self.schema, kind: "position", campaigns: context.campaigns, organisations: [organisation(profile)],
                position: position.lines.map { line in
                    Line(
                        indicator: line.dimension.flatMap { context.questionnaire.dimensions.element(at: $0)?.id } ?? "overall",
                        score: round(line.score), typologyMedian: round(line.typologyMedian),
                        typologyPercentile: round(line.typologyPercentile), campaignMedian: round(line.campaignMedian),
                        campaignPercentile: round(line.campaignPercentile))
                },
                peers: ["typology": position.typologyCount, "campaign": position.campaignCount], change: nil)
        case .sideBySide(let context, let profiles):
            return Document(
                schema: Self.schema, kind: "side_by_side", campaigns: context.campaigns,
                organisations: profiles.map(organisation),
                position: nil, peers: nil, change: nil)
        case .change(let context, let profile, let change):
            let dimensions = ([change.overall] + change.dimensions).map {
                ChangeLine(
                    indicator: $0.id == "*" ? "overall" : $0.id, before: round($0.before), after: round($0.after),
                    delta: round($0.delta), answerChanged: nil)
            }
            let questions = change.questions.map {
                ChangeLine(
                    indicator: $0.id, before: $0.before.map { NumberText.round($0, decimals: 4) },
                    after: $0.after.map { NumberText.round($0, decimals: 4) },
                    delta: $0.delta.map { NumberText.round($0, decimals: 4) }, answerChanged: $0.answerChanged)
            }
            return Document(
                schema: Self.schema, kind: "change", campaigns: context.campaigns, organisations: [organisation(profile)],
                position: nil, peers: nil, change: dimensions + questions)
        }
    }
}
