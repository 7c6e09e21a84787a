import DiagnosticCore

/// The terminal profile of a score card: overall level, a bar per dimension, highlights, gaps, detail.
struct ScoreText {
    let questionnaire: Questionnaire
    let response: Response
    let card: ScoreCard
    let language: Language

    static let barWidth = 20
    private var lang: String { language.rawValue }
    private var words: AnswerText { AnswerText(questionnaire: questionnaire, language: language) }

    func render() -> String {
        var lines: [String] = []
        lines += header()
        // Too few answers: no level, and no table of dimensions or strengths pretending to say where it stands.
        if card.isSufficient {
            lines += [""] + dimensionTable()
            lines += [""] + highlights()
        }
        lines += gaps()
        lines += [""] + detail()
        return lines.joined(separator: "\n")
    }

    private func number(_ value: Double, _ decimals: Int = 1) -> String {
        NumberText.format(value, decimals: decimals, language: language)
    }

    private func levelName(_ level: MaturityLevel?) -> String {
        level?.label.resolved(lang) ?? "—"
    }

    private func header() -> [String] {
        let l = language
        var lines = [
            l.pick("Profil de maturité open data", "Open-data maturity profile")
                + " — \(questionnaire.title.resolved(lang)) (\(questionnaire.id) \(questionnaire.version))"
        ]
        if let name = words.organisationName(response) {
            lines.append(l.pick("Organisation : ", "Organisation: ") + name)
        }
        let family = questionnaire.family(card.typology.family)?.label.resolved(lang) ?? card.typology.family
        lines.append(l.pick("Typologie : ", "Typology: ") + card.typology.label.resolved(lang) + " (\(family))")
        let facts = questionnaire.profileFields.filter { field in
            !field.personal && field.kind != .typology && field.id != "organisation" && response.profile[field.id] != nil
        }.compactMap { field in
            response.profile[field.id].map { field.label.resolved(lang) + l.pick(" : ", ": ") + words.describe($0, of: field) }
        }
        lines += facts.map { "  " + $0 }
        lines.append("")
        if !card.isSufficient {
            lines.append(card.scoredCompleteness.incompleteVerdict(minimum: card.rules.minimumCompleteness, language: l))
        } else if let score = card.overall.score {
            lines.append(
                l.pick("Score global : ", "Overall score: ") + number(score) + " / 100 — "
                    + l.pick("niveau ", "level ") + levelName(card.overall.level))
        } else {
            lines.append(
                l.pick(
                    "Score global : non calculable (aucune question notée)",
                    "Overall score: cannot be computed (no scored question)"))
        }
        if card.isSufficient { lines.append(l.pick("  Calcul : ", "  Method: ") + overallRule()) }
        let c = card.completeness
        lines.append(
            l.pick("Complétude : ", "Completeness: ")
                + l.pick(
                    "\(c.answered) réponses sur \(c.asked) questions posées (\(number(100 * c.ratio, 0)) %)",
                    "\(c.answered) answers to \(c.asked) questions asked (\(number(100 * c.ratio, 0))%)"))
        return lines
    }

    private func overallRule() -> String {
        switch card.rules.overall {
        case .weightedMean:
            language.pick(
                "moyenne des scores de dimension pondérée par leur poids",
                "mean of the dimension scores weighted by their weights")
        case .totalPoints:
            language.pick(
                "total des points obtenus sur total des points possibles", "total points earned over total points possible")
        }
    }

    private func dimensionTable() -> [String] {
        let l = language
        let nameWidth = min(34, max(12, questionnaire.dimensions.map { $0.label.resolved(lang).count }.max() ?? 12))
        var lines = [
            fitted("Dimension", nameWidth, pad: true) + "  "
                + fitted("", Self.barWidth, pad: true) + "  "
                + l.pick("Score  Niveau          Points", "Score  Level           Points")
        ]
        for score in card.dimensions {
            let label = questionnaire.dimension(score.id)?.label.resolved(lang) ?? score.id
            let prefix = fitted(label, nameWidth, pad: true) + "  "
            guard let value = score.score else {
                lines.append(
                    prefix + fitted(l.pick("non évaluée (aucune question comptée)", "not assessed (no question counted)"), 40))
                continue
            }
            let share = value.isFinite ? min(1, max(0, value / 100)) : 0
            let filled = Int((share * Double(Self.barWidth)).rounded())
            let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: Self.barWidth - filled)
            let shown = number(value)
            lines.append(
                prefix + bar + "  " + String(repeating: " ", count: max(0, 5 - shown.count)) + shown
                    + "  " + fitted(levelName(score.level), 14, pad: true)
                    + "  " + number(score.points) + " / " + number(score.maximum) + " pts")
        }
        return lines
    }

    private func questionLine(_ id: String) -> String {
        let label = questionnaire.question(id)?.label.resolved(lang) ?? id
        let score = card.question(id)
        let points = score.flatMap { $0.scored ? "  \(number($0.points)) / \(number($0.maximum))" : nil } ?? ""
        return "  - \(id) — \(fitted(label, 70))\(points)"
    }

    private func highlights() -> [String] {
        let l = language
        var lines = [l.pick("Points forts", "Strengths")]
        lines += card.strengths.isEmpty ? ["  " + l.pick("(aucun)", "(none)")] : card.strengths.map(questionLine)
        lines.append(l.pick("Points faibles (le plus de points perdus)", "Weaknesses (most points lost)"))
        lines += card.weaknesses.isEmpty ? ["  " + l.pick("(aucun)", "(none)")] : card.weaknesses.map(questionLine)
        return lines
    }

    private func gaps() -> [String] {
        let l = language
        var lines: [String] = []
        if !card.unanswered.isEmpty {
            let rule =
                switch card.rules.unanswered {
                case .zero:
                    l.pick(
                        "comptées 0 point, leur poids reste dans le maximum",
                        "counted as 0 points, their weight stays in the maximum")
                case .excluded:
                    l.pick("retirées du calcul (ni points ni maximum)", "left out of the score (no points, no maximum)")
                }
            lines += [
                "",
                l.pick(
                    "Questions sans réponse (\(card.unanswered.count)) — règle pour les questions notées : ",
                    "Unanswered questions (\(card.unanswered.count)) — rule for scored questions: ") + rule,
            ]
            lines += card.unanswered.map(questionLine)
        }
        let unsure = card.questions.filter { $0.answer?.confidence == .unsure }.map(\.id)
        if !unsure.isEmpty {
            lines += [
                "", l.pick("Réponses incertaines, à vérifier (\(unsure.count))", "Unsure answers, to check (\(unsure.count))"),
            ]
            lines += unsure.map(questionLine)
        }
        return lines
    }

    private func detail() -> [String] {
        let l = language
        var lines = [l.pick("Détail par question", "Detail by question")]
        for dimension in questionnaire.dimensions {
            let members = card.questions.filter { $0.scored && $0.dimension == dimension.id }
            guard !members.isEmpty else { continue }
            lines.append("  [\(dimension.label.resolved(lang))]")
            lines += members.map(detailLine)
        }
        let unscored = card.questions.filter { !$0.scored && $0.answer != nil }
        if !unscored.isEmpty {
            lines.append("  [" + l.pick("Questions non notées", "Unscored questions") + "]")
            lines += unscored.map(detailLine)
        }
        return lines
    }

    private func detailLine(_ score: QuestionScore) -> String {
        let l = language
        guard let question = questionnaire.question(score.id) else { return "" }
        let answer: String
        switch score.status {
        case .unanswered: answer = l.pick("(sans réponse)", "(no answer)")
        case .hidden: answer = l.pick("(non posée : condition non remplie)", "(not asked: condition not met)")
        default: answer = score.answer.map { words.describe($0.value, of: question) } ?? ""
        }
        let unsure = score.answer?.confidence == .unsure ? " ?" : ""
        var points = ""
        if score.scored {
            points = score.counted ? "\(number(score.points)) / \(number(score.maximum))" : l.pick("hors calcul", "not counted")
        }
        let idWidth = min(24, card.questions.map(\.id.count).max() ?? 12)
        return "    " + fitted(score.id, idWidth, pad: true) + "  " + fitted(answer + unsure, 44, pad: true) + "  " + points
    }
}
