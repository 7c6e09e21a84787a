/// One organisation's scores as recommendations see them: one respondent's score card, or the
/// mean over several respondents (as in `OrganisationProfile`).
///
/// Dimension scores and maxima, and the points still missing on each question, are means over the
/// respondents where they count, so a single respondent's view is exactly their score card.
struct ScoreView {
    let questionnaire: Questionnaire
    let typology: Typology
    /// Mean dimension score by dimension id (absent when no respondent has one).
    private(set) var scores: [String: Double] = [:]
    /// Mean dimension maximum (points) by dimension id.
    private(set) var maxima: [String: Double] = [:]
    /// Mean points still missing per counted question, with its dimension.
    private(set) var lost: [String: (dimension: String, points: Double)] = [:]
    /// Overall score points one point of each dimension is worth.
    private(set) var perPoint: [String: Double] = [:]

    init(questionnaire: Questionnaire, typology: Typology, cards: [ScoreCard]) {
        self.questionnaire = questionnaire
        self.typology = typology
        var weights: [String: Double] = [:]
        for dimension in questionnaire.dimensions {
            let results = cards.compactMap { $0.dimension(dimension.id) }
            if let mean = Statistics.mean(results.compactMap(\.score)) { scores[dimension.id] = mean }
            maxima[dimension.id] = Statistics.mean(results.map(\.maximum)) ?? 0
            weights[dimension.id] = results.first?.weight ?? dimension.weight
        }
        var byQuestion: [String: (dimension: String, total: Double, count: Int)] = [:]
        for card in cards {
            for question in card.questions where question.counted {
                guard let dimension = question.dimension else { continue }
                let known = byQuestion[question.id] ?? (dimension, 0, 0)
                byQuestion[question.id] = (dimension, known.total + question.lost, known.count + 1)
            }
        }
        for (id, entry) in byQuestion { lost[id] = (entry.dimension, entry.total / Double(entry.count)) }
        switch cards.first?.rules.overall ?? .weightedMean {
        case .weightedMean:
            let weight = scores.keys.map { weights[$0] ?? 0 }.reduce(0, +)
            for (id, maximum) in maxima where maximum > 0 && weight > 0 {
                perPoint[id] = 100 / maximum * (weights[id] ?? 0) / weight
            }
        case .totalPoints:
            let maximum = maxima.values.reduce(0, +)
            for id in maxima.keys where maximum > 0 { perPoint[id] = 100 / maximum }
        }
    }

    /// The score thresholds that apply to a dimension.
    func threshold(dimension: String, level: String) -> Double? {
        questionnaire.threshold(ofLevel: level, dimension: dimension, typology: typology)
    }

    /// The level reached in a dimension, `nil` when it is not scored.
    func level(of dimension: String) -> String? {
        guard let score = scores[dimension] else { return nil }
        return MaturityLevel.level(for: score, in: questionnaire.levels(forDimension: dimension, typology: typology))?.id
    }

    /// Whether the score in `dimension` is below the threshold of `level` (or not scored).
    func isBelow(dimension: String, level: String) -> Bool {
        guard let score = scores[dimension] else { return true }
        guard let threshold = threshold(dimension: dimension, level: level) else { return false }
        return score < threshold
    }

    /// Points the questions can still earn in `dimension`, each question counted once.
    func recoverable(_ questions: some Sequence<String>, in dimension: String) -> Double {
        Set(questions).sorted().compactMap { id -> Double? in
            guard let entry = lost[id], entry.dimension == dimension else { return nil }
            return entry.points
        }.reduce(0, +)
    }

    /// Points still missing on the action's questions, in overall score points: its expected gain.
    func gain(of action: SupportAction) -> Double {
        Set(action.questions).sorted().compactMap { id -> Double? in
            guard let entry = lost[id] else { return nil }
            return entry.points * (perPoint[entry.dimension] ?? 0)
        }.reduce(0, +)
    }
}
