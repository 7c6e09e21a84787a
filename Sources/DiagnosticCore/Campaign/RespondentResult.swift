/// One respondent's scored results in the compact form campaigns store, combine and aggregate.
///
/// `dimensions` and `questions` follow the questionnaire's order, so results of one campaign line up.
public struct RespondentResult: Sendable, Hashable {
    /// Overall score (0–100), `nil` when nothing could be scored.
    public var overall: Double?
    /// Id of the overall level.
    public var overallLevel: String?
    /// Questions answered.
    public var answered: Int
    /// Questions shown.
    public var asked: Int
    /// One entry per dimension of the questionnaire.
    public var dimensions: [DimensionResult]
    /// One entry per question of the questionnaire.
    public var questions: [QuestionResult]

    /// Creates a result.
    public init(
        overall: Double?, overallLevel: String?, answered: Int, asked: Int, dimensions: [DimensionResult],
        questions: [QuestionResult]
    ) {
        self.overall = overall
        self.overallLevel = overallLevel
        self.answered = answered
        self.asked = asked
        self.dimensions = dimensions
        self.questions = questions
    }

    /// The compact form of a score card.
    public init(card: ScoreCard, questionnaire: Questionnaire) {
        overall = card.overall.score
        overallLevel = card.overall.level?.id
        answered = card.completeness.answered
        asked = card.completeness.asked
        dimensions = card.dimensions.map(DimensionResult.init)
        // The card lists the questions that apply, in questionnaire order: walk both together.
        var next = card.questions.startIndex
        questions = questionnaire.questions.map { question in
            guard next < card.questions.endIndex, card.questions[next].id == question.id else {
                return QuestionResult(state: .notApplicable)
            }
            let score = card.questions[next]
            next += 1
            return QuestionResult(
                state: QuestionResult.State(score.status), points: score.points, maximum: score.maximum, counted: score.counted,
                selections: score.selections)
        }
    }
}

extension RespondentResult {
    /// The scored questions asked and answered, read from the questions' states.
    public func scoredCompleteness(in questionnaire: Questionnaire) -> ScoredCompleteness {
        var counts = ScoredCompleteness(answered: 0, asked: 0)
        for (question, result) in zip(questionnaire.questions, questions) where question.scored {
            switch result.state {
            case .notApplicable, .hidden: continue
            case .unanswered: counts.asked += 1
            case .answered, .answeredNotApplicable, .dontKnow:
                counts.asked += 1
                counts.answered += 1
            }
        }
        return counts
    }

    /// Whether enough scored questions are answered for the respondent to count in scores and levels.
    public func isSufficient(in questionnaire: Questionnaire) -> Bool {
        scoredCompleteness(in: questionnaire).isSufficient(questionnaire.scoring.minimumCompleteness)
    }
}

/// One dimension's result.
public struct DimensionResult: Sendable, Hashable {
    /// Score 0–100, `nil` when not assessed.
    public var score: Double?
    /// Level id.
    public var level: String?
    /// Points earned.
    public var points: Double
    /// Points possible.
    public var maximum: Double

    /// Creates a dimension result.
    public init(score: Double?, level: String?, points: Double, maximum: Double) {
        self.score = score
        self.level = level
        self.points = points
        self.maximum = maximum
    }

    /// The compact form of a dimension's score.
    public init(_ score: DimensionScore) {
        self.init(score: score.score, level: score.level?.id, points: score.points, maximum: score.maximum)
    }
}

/// One question's result.
public struct QuestionResult: Sendable, Hashable {
    /// What happened to the question.
    public enum State: UInt8, Sendable, Hashable, CaseIterable {
        /// Not for this typology or profile.
        case notApplicable = 0
        /// A follow-up not shown.
        case hidden = 1
        /// Shown, not answered.
        case unanswered = 2
        /// Answered with one of its own values.
        case answered = 3
        /// Answered "not applicable".
        case answeredNotApplicable = 4
        /// Answered "don't know".
        case dontKnow = 5

        /// The state of a question scored with `status`.
        public init(_ status: QuestionStatus) {
            self =
                switch status {
                case .answered: .answered
                case .special(.notApplicable): .answeredNotApplicable
                case .special(.dontKnow): .dontKnow
                case .unanswered: .unanswered
                case .hidden: .hidden
                }
        }

        /// Whether the respondent gave an answer.
        public var isAnswer: Bool { self == .answered || self == .answeredNotApplicable || self == .dontKnow }
    }

    /// What happened to the question.
    public var state: State
    /// Points earned.
    public var points: Double
    /// Points possible as counted (0 when the question does not count).
    public var maximum: Double
    /// Whether the question counts in its dimension.
    public var counted: Bool
    /// Positions of the options chosen, for choice questions.
    public var selections: [Int]

    /// Creates a question result.
    public init(state: State, points: Double = 0, maximum: Double = 0, counted: Bool = false, selections: [Int] = []) {
        self.state = state
        self.points = points
        self.maximum = maximum
        self.counted = counted
        self.selections = selections
    }

    /// Share of the maximum earned, when the question counts.
    public var ratio: Double? { counted && maximum > 0 ? points / maximum : nil }
}
