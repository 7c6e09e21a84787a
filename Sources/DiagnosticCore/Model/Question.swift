/// One question of a questionnaire, scored or not.
public struct Question: Sendable, Hashable, Identifiable {
    /// Identifier used in response files, e.g. `pil-referent`.
    public var id: String
    /// The question as asked.
    public var label: LocalizedText
    /// Plain-words help for non-specialists.
    public var help: LocalizedText?
    /// The dimension a scored question counts in.
    public var dimension: String?
    /// The section an unscored question belongs to (motivations, problems...).
    public var section: String?
    /// What the question looks at (e.g. publishing or using open data).
    public var aspect: String?
    /// The kind of answer expected.
    public var kind: AnswerKind
    /// Whether the answer earns points.
    public var scored: Bool
    /// Maximum points of a scored question (0 for unscored ones).
    public var weight: Double
    /// Options of yes/no, single and multiple choice questions.
    public var options: [AnswerOption]
    /// Range and points of a scale question.
    public var scale: ScaleSpec?
    /// Bounds and points of a number question.
    public var number: NumberSpec?
    /// Typologies or families the question is asked to; `nil` means all.
    public var appliesTo: [String]?
    /// A condition on the profile (e.g. population) for the question to apply.
    public var appliesWhen: Condition?
    /// A condition on earlier answers for the question to be shown.
    public var shownWhen: Condition?
    /// What a question hidden by `shownWhen` counts for.
    public var whenHidden: UnansweredRule
    /// Weights overriding `weight` for some typologies or families (typology first).
    public var weightOverrides: [String: Double]
    /// The special answers ("not applicable", "don't know") this question offers, and their scoring.
    public var specialAnswers: [SpecialAnswerKind: SpecialScoring]

    /// Creates a question.
    public init(
        id: String, label: LocalizedText, help: LocalizedText? = nil, dimension: String? = nil,
        section: String? = nil, aspect: String? = nil, kind: AnswerKind, scored: Bool = true,
        weight: Double = 0, options: [AnswerOption] = [], scale: ScaleSpec? = nil, number: NumberSpec? = nil,
        appliesTo: [String]? = nil, appliesWhen: Condition? = nil, shownWhen: Condition? = nil,
        whenHidden: UnansweredRule = .zero, weightOverrides: [String: Double] = [:],
        specialAnswers: [SpecialAnswerKind: SpecialScoring] = [:]
    ) {
        self.id = id
        self.label = label
        self.help = help
        self.dimension = dimension
        self.section = section
        self.aspect = aspect
        self.kind = kind
        self.scored = scored
        self.weight = weight
        self.options = options
        self.scale = scale
        self.number = number
        self.appliesTo = appliesTo
        self.appliesWhen = appliesWhen
        self.shownWhen = shownWhen
        self.whenHidden = whenHidden
        self.weightOverrides = weightOverrides
        self.specialAnswers = specialAnswers
    }

    /// The option with this id, if any.
    public func option(_ id: String) -> AnswerOption? { options.first { $0.id == id } }

    /// The weight that applies to a respondent of `typology` (typology override, then family, then base).
    public func weight(for typology: Typology) -> Double {
        guard scored else { return 0 }
        return weightOverrides[typology.id] ?? weightOverrides[typology.family] ?? weight
    }

    /// Whether the question is asked to a respondent of `typology`, before any profile condition.
    public func isAsked(to typology: Typology) -> Bool {
        appliesTo.map { $0.contains(where: typology.matches) } ?? true
    }
}

/// The kind of answer a question expects.
public enum AnswerKind: String, Sendable, Hashable, CaseIterable {
    /// "yes" or "no".
    case yesNo = "yes_no"
    /// One option.
    case single
    /// Any number of options.
    case multiple
    /// A whole number on a scale, e.g. 0–4.
    case scale
    /// A number, e.g. a count of datasets.
    case number
    /// Free text (never scored).
    case text

    /// Whether answers are option ids.
    public var hasOptions: Bool { self == .yesNo || self == .single || self == .multiple }
}

/// An answer option, with the points it earns in a scored question.
public struct AnswerOption: Sendable, Hashable, Identifiable {
    /// Identifier used in response files.
    public var id: String
    /// Human label.
    public var label: LocalizedText
    /// Points earned (a share of the question weight); `nil` in unscored questions.
    public var points: Double?
    /// In a multiple choice, an option that cannot be combined with others (e.g. "none").
    public var exclusive: Bool

    /// Creates an option.
    public init(id: String, label: LocalizedText, points: Double? = nil, exclusive: Bool = false) {
        self.id = id
        self.label = label
        self.points = points
        self.exclusive = exclusive
    }
}

/// A 0–N scale: bounds, optional labels of some values, and optional explicit points per value.
public struct ScaleSpec: Sendable, Hashable {
    /// Lowest value.
    public var minimum: Int
    /// Highest value.
    public var maximum: Int
    /// Labels of some values (typically both ends).
    public var labels: [Int: LocalizedText]
    /// Points of each value from `minimum` to `maximum`; `nil` means linear from 0 to the weight.
    public var points: [Double]?

    /// Creates a scale.
    public init(minimum: Int, maximum: Int, labels: [Int: LocalizedText] = [:], points: [Double]? = nil) {
        self.minimum = minimum
        self.maximum = maximum
        self.labels = labels
        self.points = points
    }

    /// Points a value earns, for a question of `weight`.
    public func points(for value: Int, weight: Double) -> Double {
        if let points {
            let index = value - minimum
            return points.indices.contains(index) ? points[index] : 0
        }
        guard maximum > minimum else { return 0 }
        return weight * Double(value - minimum) / Double(maximum - minimum)
    }
}

/// A number question: optional bounds and the bands that turn a value into points.
public struct NumberSpec: Sendable, Hashable {
    /// Unit shown after the value (e.g. "jeux de données").
    public var unit: LocalizedText?
    /// Lowest acceptable value.
    public var minimum: Double?
    /// Highest acceptable value.
    public var maximum: Double?
    /// Bands by increasing lower bound; a value earns the points of the last band it reaches.
    public var bands: [NumberBand]

    /// Creates a number specification.
    public init(unit: LocalizedText? = nil, minimum: Double? = nil, maximum: Double? = nil, bands: [NumberBand] = []) {
        self.unit = unit
        self.minimum = minimum
        self.maximum = maximum
        self.bands = bands
    }

    /// Points a value earns: those of the last band whose lower bound it reaches, else 0.
    public func points(for value: Double) -> Double {
        bands.last { value >= $0.minimum }?.points ?? 0
    }
}

/// A band of a number question: from `minimum` upwards, the value earns `points`.
public struct NumberBand: Sendable, Hashable {
    /// Lower bound (inclusive).
    public var minimum: Double
    /// Points earned.
    public var points: Double
    /// Creates a band.
    public init(minimum: Double, points: Double) {
        self.minimum = minimum
        self.points = points
    }
}
