/// A maturity questionnaire: dimensions, questions, typologies, levels and scoring rules.
///
/// Built from a definition file by `DiagnosticDefinitions`; scoring assumes it was validated there.
public struct Questionnaire: Sendable, Hashable {
    /// The largest weight, or number of points, a questionnaire may give: large enough for any
    /// real scoring grid, small enough that sums and ratios of scores stay exact and finite.
    public static let maximumWeight = 1_000_000.0

    /// Stable identifier of the model, e.g. `od4growth`.
    public var id: String
    /// Version of the model, e.g. `1.0`.
    public var version: String
    /// Title shown to respondents.
    public var title: LocalizedText
    /// Optional presentation of the questionnaire.
    public var description: LocalizedText?
    /// Languages every text is expected in; French always comes first.
    public var languages: [String]
    /// How unanswered questions and the overall score are computed.
    public var scoring: ScoringRules
    /// Default maturity levels, used for dimensions and for the overall score.
    public var levels: [MaturityLevel]
    /// Tags that say what a question looks at (e.g. publishing or using open data).
    public var aspects: [Aspect]
    /// The scored dimensions.
    public var dimensions: [Dimension]
    /// Groups of unscored questions (motivations, uses, data sources, problems...).
    public var sections: [Section]
    /// Families of respondent types (EPCI groups several kinds of intercommunality).
    public var typologyFamilies: [TypologyFamily]
    /// The respondent types.
    public var typologies: [Typology]
    /// Fields describing the respondent and its organisation.
    public var profileFields: [ProfileField]
    /// Labels for the yes/no answers of yes/no questions.
    public var yesNoLabels: YesNoLabels
    /// "Not applicable" and "don't know" answers: labels and default scoring.
    public var specialAnswers: [SpecialAnswer]
    /// How `od4g simulate` draws organisations for this questionnaire (its simulation file), if known.
    public var simulation: SimulationProfile?
    /// Questions in the order they are asked.
    public var questions: [Question] {
        didSet { questionIndex = QuestionIndex(questions) }
    }
    /// Where each question id stands in `questions`, so lookups by id stay fast on large imports;
    /// made anew whenever `questions` changes, so its identity also tells one version of the
    /// questions from another (`Signature`).
    private var questionIndex: QuestionIndex

    /// Question positions by id, in a box that is never changed once made.
    final class QuestionIndex: Sendable, Hashable {
        let positions: [String: Int]

        init(_ questions: [Question]) {
            var positions: [String: Int] = [:]
            for (index, question) in questions.enumerated() where positions[question.id] == nil {
                positions[question.id] = index
            }
            self.positions = positions
        }

        static func == (lhs: QuestionIndex, rhs: QuestionIndex) -> Bool { lhs === rhs || lhs.positions == rhs.positions }
        func hash(into hasher: inout Hasher) { hasher.combine(positions) }
    }

    /// Creates a questionnaire.
    public init(
        id: String, version: String, title: LocalizedText, description: LocalizedText? = nil,
        languages: [String] = ["fr"], scoring: ScoringRules = ScoringRules(), levels: [MaturityLevel],
        aspects: [Aspect] = [], dimensions: [Dimension], sections: [Section] = [],
        typologyFamilies: [TypologyFamily], typologies: [Typology], profileFields: [ProfileField],
        yesNoLabels: YesNoLabels = YesNoLabels(), specialAnswers: [SpecialAnswer] = [],
        questions: [Question]
    ) {
        self.id = id
        self.version = version
        self.title = title
        self.description = description
        self.languages = languages
        self.scoring = scoring
        self.levels = levels
        self.aspects = aspects
        self.dimensions = dimensions
        self.sections = sections
        self.typologyFamilies = typologyFamilies
        self.typologies = typologies
        self.profileFields = profileFields
        self.yesNoLabels = yesNoLabels
        self.specialAnswers = specialAnswers
        self.questions = questions
        self.questionIndex = QuestionIndex(questions)
    }

    /// The question with this id, if any.
    public func question(_ id: String) -> Question? { questionIndex.positions[id].map { questions[$0] } }
    /// The position of the question with this id in `questions`, if any.
    public func questionIndex(_ id: String) -> Int? { questionIndex.positions[id] }
    /// The dimension with this id, if any.
    public func dimension(_ id: String) -> Dimension? { dimensions.first { $0.id == id } }
    /// The typology with this id, if any.
    public func typology(_ id: String) -> Typology? { typologies.first { $0.id == id } }
    /// The typology family with this id, if any.
    public func family(_ id: String) -> TypologyFamily? { typologyFamilies.first { $0.id == id } }
    /// The section with this id, if any.
    public func section(_ id: String) -> Section? { sections.first { $0.id == id } }
    /// The profile field with this id, if any.
    public func profileField(_ id: String) -> ProfileField? { profileFields.first { $0.id == id } }
    /// The special answer of this kind, if the questionnaire declares it.
    public func specialAnswer(_ kind: SpecialAnswerKind) -> SpecialAnswer? {
        specialAnswers.first { $0.kind == kind }
    }
    /// Level thresholds of a dimension for a typology: the typology's, else the dimension's, else the questionnaire's.
    public func levels(forDimension id: String, typology: Typology) -> [MaturityLevel] {
        typology.levels ?? dimension(id)?.levels ?? levels
    }

    /// The level `id` among those that apply to dimension `dimension` for `typology`, if it is one.
    public func level(_ id: String, forDimension dimension: String, typology: Typology) -> MaturityLevel? {
        levels(forDimension: dimension, typology: typology).first { $0.id == id }
    }

    /// The score at which `level` starts in a dimension, for a typology (`nil` for an unknown level).
    public func threshold(ofLevel level: String, dimension id: String, typology: Typology) -> Double? {
        (self.level(level, forDimension: id, typology: typology) ?? levels.first { $0.id == level })?.minimum
    }

    /// Level thresholds of the overall score for a typology: the typology's, else the questionnaire's.
    public func overallLevels(typology: Typology) -> [MaturityLevel] {
        typology.levels ?? levels
    }

    /// Identifies one version of a questionnaire's questions, for caches: copies of a questionnaire
    /// share it until their questions change (any change to `questions`, down to one field of one
    /// question, makes a new question index).
    ///
    /// It holds the index, so that its identity cannot be reused while the signature lives.
    struct Signature: Sendable {
        let index: QuestionIndex

        func matches(_ other: Signature) -> Bool { index === other.index }
    }

    /// The signature of this questionnaire value.
    var signature: Signature { Signature(index: questionIndex) }

    /// The profile field that holds the respondent's typology.
    public var typologyField: ProfileField? { profileFields.first { $0.kind == .typology } }
}

/// Rules of the score computation that the questionnaire author chooses.
public struct ScoringRules: Sendable, Hashable {
    /// What an applicable question left unanswered counts for.
    public var unanswered: UnansweredRule
    /// How the overall score is derived.
    public var overall: OverallRule
    /// The share (per cent) of the scored questions asked that must be answered for a diagnostic
    /// to give levels and a plan; below it the diagnostic says it is incomplete.
    public var minimumCompleteness: Double

    /// The default minimum completeness: half the scored questions asked.
    public static let defaultMinimumCompleteness = 50.0

    /// Creates scoring rules.
    public init(
        unanswered: UnansweredRule = .zero, overall: OverallRule = .weightedMean,
        minimumCompleteness: Double = ScoringRules.defaultMinimumCompleteness
    ) {
        self.unanswered = unanswered
        self.overall = overall
        self.minimumCompleteness = minimumCompleteness
    }
}

/// What an applicable question left unanswered counts for.
public enum UnansweredRule: String, Sendable, Hashable, Codable, CaseIterable {
    /// It earns 0 points and its weight stays in the maximum.
    case zero
    /// It is left out of both points and maximum.
    case excluded
}

/// How the overall score is derived from the dimensions.
public enum OverallRule: String, Sendable, Hashable, Codable, CaseIterable {
    /// Weighted mean of the dimension scores, by dimension weight.
    case weightedMean = "weighted_mean"
    /// All points earned over all points possible, across dimensions.
    case totalPoints = "total_points"
}

/// A tag that says what a question looks at, e.g. publishing or using open data.
public struct Aspect: Sendable, Hashable, Identifiable {
    /// Identifier used by questions.
    public var id: String
    /// Human name.
    public var label: LocalizedText
    /// Creates an aspect.
    public init(id: String, label: LocalizedText) {
        self.id = id
        self.label = label
    }
}

/// A group of unscored questions, e.g. motivations or problems met.
public struct Section: Sendable, Hashable, Identifiable {
    /// Identifier used by questions.
    public var id: String
    /// Human name.
    public var label: LocalizedText
    /// Optional explanation.
    public var description: LocalizedText?
    /// Creates a section.
    public init(id: String, label: LocalizedText, description: LocalizedText? = nil) {
        self.id = id
        self.label = label
        self.description = description
    }
}

/// Labels of the two answers of a yes/no question.
public struct YesNoLabels: Sendable, Hashable {
    /// Label of "yes".
    public var yes: LocalizedText
    /// Label of "no".
    public var no: LocalizedText
    /// Creates yes/no labels.
    public init(
        yes: LocalizedText = LocalizedText(fr: "Oui", en: "Yes"),
        no: LocalizedText = LocalizedText(fr: "Non", en: "No")
    ) {
        self.yes = yes
        self.no = no
    }
}
