/// One respondent's filled-in questionnaire: profile and answers by question id.
public struct Response: Sendable, Hashable {
    /// Id of the questionnaire the response was written for, when the file says it.
    public var questionnaireID: String?
    /// Version of that questionnaire, when the file says it.
    public var questionnaireVersion: String?
    /// Profile values by profile field id.
    public var profile: [String: ProfileValue] {
        didSet { checked = nil }
    }
    /// Answers by question id.
    public var answers: [String: Answer] {
        didSet { checked = nil }
    }

    /// Target levels the organisation sets itself, by dimension id (level ids).
    public var targets: [String: String] = [:]
    /// Support actions the organisation has already followed (action ids).
    public var followedActions: [String] = []

    /// What the checker worked out, by question position, so the scorer need not work it out again.
    struct Checked: Sendable {
        /// The questionnaire it was worked out for.
        let questionnaire: Questionnaire.Signature
        /// The typology it was worked out for.
        let typology: String
        /// Answers by question position.
        let answers: [Answer?]
        /// Visibility by question position.
        let visibility: [Visibility]
    }

    /// Set by `ResponseChecker`; cleared by any change to the profile or the answers.
    var checked: Checked?

    /// Responses are equal when their questionnaire, profile and answers are.
    public static func == (lhs: Response, rhs: Response) -> Bool {
        lhs.questionnaireID == rhs.questionnaireID && lhs.questionnaireVersion == rhs.questionnaireVersion
            && lhs.profile == rhs.profile && lhs.answers == rhs.answers && lhs.targets == rhs.targets
            && lhs.followedActions == rhs.followedActions
    }

    /// Hashes the questionnaire, profile and answers.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(questionnaireID)
        hasher.combine(questionnaireVersion)
        hasher.combine(profile)
        hasher.combine(answers)
        hasher.combine(targets)
        hasher.combine(followedActions)
    }

    /// Creates a response.
    public init(
        questionnaireID: String? = nil, questionnaireVersion: String? = nil,
        profile: [String: ProfileValue], answers: [String: Answer]
    ) {
        self.questionnaireID = questionnaireID
        self.questionnaireVersion = questionnaireVersion
        self.profile = profile
        self.answers = answers
    }

    /// The typology the profile names, if the questionnaire knows it.
    public func typology(in questionnaire: Questionnaire) -> Typology? {
        guard let field = questionnaire.typologyField, case .text(let id)? = profile[field.id] else { return nil }
        return questionnaire.typology(id)
    }
}

/// A profile value: text (names, codes, choices, typology) or number (population, agents).
public enum ProfileValue: Sendable, Hashable {
    /// A text value.
    case text(String)
    /// A numeric value.
    case number(Double)

    /// The value as text, for display and for text comparisons.
    public var text: String {
        switch self {
        case .text(let value): value
        case .number(let value): NumberText.format(value, decimals: 6)
        }
    }

    /// The value as a number, when it is one.
    public var number: Double? {
        if case .number(let value) = self { return value }
        return nil
    }
}

/// One answer: the value, and what backs it (justification, evidence, confidence).
public struct Answer: Sendable, Hashable {
    /// The value given.
    public var value: AnswerValue
    /// Why the respondent answered so, in their words.
    public var justification: String?
    /// Links or references that show it (a portal page, a deliberation...).
    public var evidence: [String]
    /// Whether the respondent is sure of the answer.
    public var confidence: Confidence?

    /// Creates an answer.
    public init(_ value: AnswerValue, justification: String? = nil, evidence: [String] = [], confidence: Confidence? = nil) {
        self.value = value
        self.justification = justification
        self.evidence = evidence
        self.confidence = confidence
    }
}

/// The value of an answer, already checked against its question's kind.
public enum AnswerValue: Sendable, Hashable {
    /// One option id (yes/no and single choice).
    case choice(String)
    /// Option ids of a multiple choice, in the order given.
    case choices([String])
    /// A number or a scale value.
    case number(Double)
    /// Free text.
    case text(String)
    /// The option id chosen in each row of a grid, by row id (rows left out are unanswered).
    case rows([String: String])
    /// "Not applicable" or "don't know".
    case special(SpecialAnswerKind)
}

/// How sure the respondent is of an answer.
public enum Confidence: String, Sendable, Hashable, CaseIterable, Codable {
    /// The respondent knows.
    case sure
    /// The respondent guessed.
    case unsure
}

extension Response {
    /// The answers and each question's visibility by question position, for `typology`: those the
    /// checker worked out when they are for this questionnaire and typology, else computed.
    func positional(in questionnaire: Questionnaire, typology: Typology) -> (answers: [Answer?], visibility: [Visibility]) {
        if let checked, checked.questionnaire.matches(questionnaire.signature), checked.typology == typology.id {
            return (checked.answers, checked.visibility)
        }
        let answers = Visibility.positionalAnswers(self.answers, in: questionnaire)
        return (answers, Visibility.positional(questionnaire, typology: typology, profile: profile, answers: answers))
    }
}
