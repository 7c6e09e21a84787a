/// One question of a questionnaire, scored or not.
///
/// A value type whose fields live in one shared box, copied only when a copy is changed: scoring
/// walks every question of every response, and copying a question is then one reference, not twenty.
public struct Question: Sendable, Hashable, Identifiable {
    /// The most options a choice question may offer: results store a chosen option's position in two bytes.
    public static let maximumOptions = 65_536
    /// The most options a multiple-choice question may offer: results store how many were chosen in one byte.
    public static let maximumChosenOptions = 255

    /// The fields, compared and hashed as a whole.
    struct Fields: Sendable, Hashable {
        var id: String
        var label: LocalizedText
        var help: LocalizedText?
        var dimension: String?
        var section: String?
        var aspect: String?
        var kind: AnswerKind
        var scored: Bool
        var weight: Double
        var options: [AnswerOption]
        var rows: [AnswerRow]
        var scale: ScaleSpec?
        var number: NumberSpec?
        var appliesTo: [String]?
        var appliesWhen: Condition?
        var shownWhen: Condition?
        var whenHidden: UnansweredRule
        var weightOverrides: [String: Double]
        var specialAnswers: [SpecialAnswerKind: SpecialScoring]
    }

    /// The box, never changed once made (so it is `Sendable` as the compiler checks it, not by
    /// promise): a change to a question makes a new box. Questions are changed while loading and
    /// read ever after, by every thread of an import.
    final class Storage: Sendable {
        let fields: Fields
        init(_ fields: Fields) { self.fields = fields }
    }

    private var storage: Storage

    /// Changes the fields: a new box (questions are changed while loading, read ever after).
    private mutating func change(_ body: (inout Fields) -> Void) {
        var fields = storage.fields
        body(&fields)
        storage = Storage(fields)
    }

    /// Questions are equal when their fields are.
    public static func == (lhs: Question, rhs: Question) -> Bool {
        lhs.storage === rhs.storage || lhs.storage.fields == rhs.storage.fields
    }

    /// Hashes the fields.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(storage.fields)
    }

    /// Identifier used in response files, e.g. `pil-referent`.
    public var id: String {
        get { storage.fields.id }
        set { change { $0.id = newValue } }
    }
    /// The question as asked.
    public var label: LocalizedText {
        get { storage.fields.label }
        set { change { $0.label = newValue } }
    }
    /// Plain-words help for non-specialists.
    public var help: LocalizedText? {
        get { storage.fields.help }
        set { change { $0.help = newValue } }
    }
    /// The dimension a scored question counts in.
    public var dimension: String? {
        get { storage.fields.dimension }
        set { change { $0.dimension = newValue } }
    }
    /// The section an unscored question belongs to (motivations, problems...).
    public var section: String? {
        get { storage.fields.section }
        set { change { $0.section = newValue } }
    }
    /// What the question looks at (e.g. publishing or using open data).
    public var aspect: String? {
        get { storage.fields.aspect }
        set { change { $0.aspect = newValue } }
    }
    /// The kind of answer expected.
    public var kind: AnswerKind {
        get { storage.fields.kind }
        set { change { $0.kind = newValue } }
    }
    /// Whether the answer earns points.
    public var scored: Bool {
        get { storage.fields.scored }
        set { change { $0.scored = newValue } }
    }
    /// Maximum points of a scored question (0 for unscored ones).
    public var weight: Double {
        get { storage.fields.weight }
        set { change { $0.weight = newValue } }
    }
    /// Options of yes/no, single and multiple choice questions.
    public var options: [AnswerOption] {
        get { storage.fields.options }
        set { change { $0.options = newValue } }
    }
    /// Rows of a grid question, each answered with one of `options`.
    public var rows: [AnswerRow] {
        get { storage.fields.rows }
        set { change { $0.rows = newValue } }
    }
    /// Range and points of a scale question.
    public var scale: ScaleSpec? {
        get { storage.fields.scale }
        set { change { $0.scale = newValue } }
    }
    /// Bounds and points of a number question.
    public var number: NumberSpec? {
        get { storage.fields.number }
        set { change { $0.number = newValue } }
    }
    /// Typologies or families the question is asked to; `nil` means all.
    public var appliesTo: [String]? {
        get { storage.fields.appliesTo }
        set { change { $0.appliesTo = newValue } }
    }
    /// A condition on the profile (e.g. population) for the question to apply.
    public var appliesWhen: Condition? {
        get { storage.fields.appliesWhen }
        set { change { $0.appliesWhen = newValue } }
    }
    /// A condition on earlier answers for the question to be shown.
    public var shownWhen: Condition? {
        get { storage.fields.shownWhen }
        set { change { $0.shownWhen = newValue } }
    }
    /// What a question hidden by `shownWhen` counts for.
    public var whenHidden: UnansweredRule {
        get { storage.fields.whenHidden }
        set { change { $0.whenHidden = newValue } }
    }
    /// Weights overriding `weight` for some typologies or families (typology first).
    public var weightOverrides: [String: Double] {
        get { storage.fields.weightOverrides }
        set { change { $0.weightOverrides = newValue } }
    }
    /// The special answers ("not applicable", "don't know") this question offers, and their scoring.
    public var specialAnswers: [SpecialAnswerKind: SpecialScoring] {
        get { storage.fields.specialAnswers }
        set { change { $0.specialAnswers = newValue } }
    }

    /// Creates a question.
    public init(
        id: String, label: LocalizedText, help: LocalizedText? = nil, dimension: String? = nil,
        section: String? = nil, aspect: String? = nil, kind: AnswerKind, scored: Bool = true,
        weight: Double = 0, options: [AnswerOption] = [], rows: [AnswerRow] = [], scale: ScaleSpec? = nil,
        number: NumberSpec? = nil,
        appliesTo: [String]? = nil, appliesWhen: Condition? = nil, shownWhen: Condition? = nil,
        whenHidden: UnansweredRule = .zero, weightOverrides: [String: Double] = [:],
        specialAnswers: [SpecialAnswerKind: SpecialScoring] = [:]
    ) {
        storage = Storage(
            Fields(
                id: id,
                label: label,
                help: help,
                dimension: dimension,
                section: section,
                aspect: aspect,
                kind: kind,
                scored: scored,
                weight: weight,
                options: options,
                rows: rows,
                scale: scale,
                number: number,
                appliesTo: appliesTo,
                appliesWhen: appliesWhen,
                shownWhen: shownWhen,
                whenHidden: whenHidden,
                weightOverrides: weightOverrides,
                specialAnswers: specialAnswers))
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
    /// A table of rows sharing one set of options, each row answered with one option.
    case grid
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

    /// The most steps a scale may have from its minimum to its maximum (101 values).
    public static let maximumSteps = 100

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
