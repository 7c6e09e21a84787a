/// A response as read from a file or a form export, before it is checked against the questionnaire.
public struct RawResponse: Sendable, Hashable {
    /// Questionnaire id the response names, if any.
    public var questionnaireID: String?
    /// Questionnaire version the response names, if any.
    public var questionnaireVersion: String?
    /// Profile values in the order given.
    public var profile: [(field: String, value: RawValue)]
    /// Answers in the order given.
    public var answers: [RawAnswer]
    /// Target levels by dimension, as written.
    public var targets: [(dimension: String, level: String)] = []
    /// Support actions already followed, as written.
    public var followedActions: [String] = []

    /// Creates a raw response.
    public init(
        questionnaireID: String? = nil, questionnaireVersion: String? = nil,
        profile: [(field: String, value: RawValue)], answers: [RawAnswer]
    ) {
        self.questionnaireID = questionnaireID
        self.questionnaireVersion = questionnaireVersion
        self.profile = profile
        self.answers = answers
    }

    /// Compares field by field (tuples are not `Hashable`).
    public static func == (lhs: RawResponse, rhs: RawResponse) -> Bool {
        lhs.questionnaireID == rhs.questionnaireID && lhs.questionnaireVersion == rhs.questionnaireVersion
            && lhs.profile.map(\.field) == rhs.profile.map(\.field)
            && lhs.profile.map(\.value) == rhs.profile.map(\.value) && lhs.answers == rhs.answers
            && lhs.targets.map(\.dimension) == rhs.targets.map(\.dimension)
            && lhs.targets.map(\.level) == rhs.targets.map(\.level)
            && lhs.followedActions == rhs.followedActions
    }

    /// Hashes field by field.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(questionnaireID)
        hasher.combine(questionnaireVersion)
        for entry in profile {
            hasher.combine(entry.field)
            hasher.combine(entry.value)
        }
        hasher.combine(answers)
        hasher.combine(followedActions)
    }
}

/// One answer as read, with what backs it.
public struct RawAnswer: Sendable, Hashable {
    /// The question id as written.
    public var questionID: String
    /// The value as written.
    public var value: RawValue
    /// Justification, if any.
    public var justification: String?
    /// Evidence links, if any.
    public var evidence: [String]
    /// Confidence, if given.
    public var confidence: Confidence?

    /// Creates a raw answer.
    public init(
        questionID: String, value: RawValue, justification: String? = nil, evidence: [String] = [],
        confidence: Confidence? = nil
    ) {
        self.questionID = questionID
        self.value = value
        self.justification = justification
        self.evidence = evidence
        self.confidence = confidence
    }
}
