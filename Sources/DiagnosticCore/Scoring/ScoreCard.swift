/// The scored profile of one response: per question, per dimension, overall, and completeness.
public struct ScoreCard: Sendable, Hashable {
    /// Questionnaire id and version used.
    public var questionnaireID: String
    /// Questionnaire version used.
    public var questionnaireVersion: String
    /// The respondent's typology.
    public var typology: Typology
    /// The rules applied (stated in every output).
    public var rules: ScoringRules
    /// Every question that applies to the respondent, in questionnaire order.
    public var questions: [QuestionScore]
    /// One entry per dimension, in questionnaire order.
    public var dimensions: [DimensionScore]
    /// Overall score (0–100) and level; `nil` score when nothing could be scored.
    public var overall: OverallScore
    /// Answered over applicable questions.
    public var completeness: Completeness
    /// Up to three questions where the respondent scores best.
    public var strengths: [String]
    /// Up to three questions where the most points are lost.
    public var weaknesses: [String]
    /// Applicable, shown questions left unanswered, in questionnaire order.
    public var unanswered: [String]
    /// Questions of the questionnaire that do not apply to this respondent.
    public var notApplicable: [String]

    /// The score of one question, if it applies.
    public func question(_ id: String) -> QuestionScore? { questions.first { $0.id == id } }
    /// The score of one dimension.
    public func dimension(_ id: String) -> DimensionScore? { dimensions.first { $0.id == id } }
}

/// How one question counted.
public struct QuestionScore: Sendable, Hashable, Identifiable {
    /// The question id.
    public var id: String
    /// Its dimension, for scored questions.
    public var dimension: String?
    /// Whether it is scored.
    public var scored: Bool
    /// What happened to it.
    public var status: QuestionStatus
    /// The answer given, if any.
    public var answer: Answer?
    /// Points earned.
    public var points: Double
    /// Points possible as counted in the dimension (0 when left out).
    public var maximum: Double
    /// The weight that applies to this respondent's typology.
    public var weight: Double
    /// Whether the question counts in its dimension's points and maximum.
    public var counted: Bool
    /// Positions of the options chosen, for a choice question answered (empty otherwise).
    public var selections: [Int]

    /// Share of the maximum earned, when the question counts.
    public var ratio: Double? { counted && maximum > 0 ? points / maximum : nil }
    /// Points possible but not earned.
    public var lost: Double { counted ? maximum - points : 0 }
}

/// What happened to a question in the score.
public enum QuestionStatus: Sendable, Hashable {
    /// Answered with one of its own values.
    case answered
    /// Answered "not applicable" or "don't know".
    case special(SpecialAnswerKind)
    /// Asked, not answered.
    case unanswered
    /// A follow-up not shown, because the earlier answer it depends on was not given.
    case hidden

    /// A stable name for machine-readable output.
    public var code: String {
        switch self {
        case .answered: "answered"
        case .special(let kind): kind.rawValue
        case .unanswered: "unanswered"
        case .hidden: "hidden"
        }
    }
}

/// The score of one dimension.
public struct DimensionScore: Sendable, Hashable, Identifiable {
    /// The dimension id.
    public var id: String
    /// Points earned over the counted questions.
    public var points: Double
    /// Points possible over the counted questions.
    public var maximum: Double
    /// 100 × points / maximum; `nil` when no question counts (not assessed).
    public var score: Double?
    /// The level reached, when scored.
    public var level: MaturityLevel?
    /// Weight in the overall score for this typology.
    public var weight: Double
    /// Scored questions shown to the respondent.
    public var asked: Int
    /// Scored questions answered (including special answers).
    public var answered: Int
}

/// The overall score and level.
public struct OverallScore: Sendable, Hashable {
    /// Score 0–100, `nil` when no dimension could be scored.
    public var score: Double?
    /// The level reached.
    public var level: MaturityLevel?
}

/// How many applicable questions were answered.
public struct Completeness: Sendable, Hashable {
    /// Questions answered (special answers count).
    public var answered: Int
    /// Questions shown to the respondent (scored and unscored).
    public var asked: Int
    /// answered / asked, 1 when nothing is asked.
    public var ratio: Double { asked == 0 ? 1 : Double(answered) / Double(asked) }
}

/// How many of the scored questions asked were answered: a diagnostic needs enough of them
/// (`ScoringRules.minimumCompleteness`) to give levels and a plan.
public struct ScoredCompleteness: Sendable, Hashable {
    /// Scored questions answered (special answers count).
    public var answered: Int
    /// Scored questions shown to the respondent.
    public var asked: Int

    /// Creates a count.
    public init(answered: Int, asked: Int) {
        self.answered = answered
        self.asked = asked
    }

    /// answered / asked in per cent, 0 when nothing is asked.
    public var percent: Double { asked == 0 ? 0 : 100 * Double(answered) / Double(asked) }

    /// Whether at least `minimum` per cent of the scored questions asked are answered (and some are asked).
    public func isSufficient(_ minimum: Double) -> Bool {
        asked > 0 && Double(answered) * 100 >= minimum * Double(asked)
    }

    /// The fewest answers that would make it sufficient.
    public func needed(_ minimum: Double) -> Int { Int((minimum * Double(asked) / 100).rounded(.up)) }
}

extension ScoreCard {
    /// The scored questions asked and answered.
    public var scoredCompleteness: ScoredCompleteness {
        let asked = questions.filter { $0.scored && $0.status != .hidden }
        return ScoredCompleteness(answered: asked.filter { $0.status != .unanswered }.count, asked: asked.count)
    }

    /// Whether enough scored questions are answered for levels and a plan.
    public var isSufficient: Bool { scoredCompleteness.isSufficient(rules.minimumCompleteness) }
}
