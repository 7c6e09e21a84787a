/// A condition on earlier answers or on the respondent profile.
///
/// Used to show a follow-up question only after a given answer, or to apply a question only to
/// some respondents (e.g. the legal open-data obligation above 3,500 inhabitants and 50 agents).
public indirect enum Condition: Sendable, Hashable {
    /// A test on the answer to a question.
    case answer(question: String, test: ConditionTest)
    /// A test on a profile field.
    case profile(field: String, test: ConditionTest)
    /// All conditions hold.
    case all([Condition])
    /// At least one condition holds.
    case any([Condition])
    /// The condition does not hold.
    case not(Condition)

    /// Ids of the questions the condition reads, in order of appearance.
    public var questionReferences: [String] {
        switch self {
        case .answer(let question, _): [question]
        case .profile: []
        case .all(let conditions), .any(let conditions): conditions.flatMap(\.questionReferences)
        case .not(let condition): condition.questionReferences
        }
    }

    /// Whether the condition reads any answer (rather than only the profile).
    public var readsAnswers: Bool { !questionReferences.isEmpty }
}

/// A test applied to an answer or a profile value.
public enum ConditionTest: Sendable, Hashable {
    /// The value is this option id (or text).
    case equals(String)
    /// The value is one of these option ids (or texts); for a typology, ids of typologies or families.
    case oneOf([String])
    /// A multiple-choice answer includes this option.
    case includes(String)
    /// The number is at least this.
    case atLeast(Double)
    /// The number is at most this.
    case atMost(Double)
    /// Any answer was given.
    case answered
}
