/// The two answers outside a question's own options.
public enum SpecialAnswerKind: String, Sendable, Hashable, CaseIterable, Codable, Comparable {
    /// "Not applicable": the question does not concern the respondent.
    case notApplicable = "not_applicable"
    /// "Don't know".
    case dontKnow = "dont_know"

    /// Orders kinds as declared in the enum.
    public static func < (lhs: Self, rhs: Self) -> Bool {
        lhs.rank < rhs.rank
    }

    private var rank: Int {
        switch self {
        case .notApplicable: 0
        case .dontKnow: 1
        }
    }
}

/// What a special answer is worth.
public enum SpecialScoring: Sendable, Hashable {
    /// The question is left out of both points and maximum.
    case excluded
    /// 0 points, weight kept in the maximum.
    case zero
    /// All the question's points (the EU ODM does so for "not applicable" on some questions).
    case full
    /// A given number of points, in the question's base weight.
    case points(Double)
}

/// A special answer as the questionnaire declares it: label, default scoring, and where it is offered.
public struct SpecialAnswer: Sendable, Hashable {
    /// Which special answer.
    public var kind: SpecialAnswerKind
    /// Its label.
    public var label: LocalizedText
    /// Scoring used where a question offers it without saying how it scores.
    public var scoring: SpecialScoring
    /// Whether every scored question offers it unless the question says otherwise.
    public var offeredByDefault: Bool

    /// Creates a special answer.
    public init(kind: SpecialAnswerKind, label: LocalizedText, scoring: SpecialScoring, offeredByDefault: Bool) {
        self.kind = kind
        self.label = label
        self.scoring = scoring
        self.offeredByDefault = offeredByDefault
    }
}
