/// A scored dimension of maturity, e.g. "Stratégie et gouvernance".
public struct Dimension: Sendable, Hashable, Identifiable {
    /// Identifier used by questions.
    public var id: String
    /// Human name.
    public var label: LocalizedText
    /// Optional short name (e.g. "Piloter") for charts and tables.
    public var shortLabel: LocalizedText?
    /// What the dimension measures.
    public var description: LocalizedText?
    /// Weight of the dimension in the overall score.
    public var weight: Double
    /// Level thresholds for this dimension, when they differ from the questionnaire's.
    public var levels: [MaturityLevel]?

    /// Creates a dimension.
    public init(
        id: String, label: LocalizedText, shortLabel: LocalizedText? = nil,
        description: LocalizedText? = nil, weight: Double = 1, levels: [MaturityLevel]? = nil
    ) {
        self.id = id
        self.label = label
        self.shortLabel = shortLabel
        self.description = description
        self.weight = weight
        self.levels = levels
    }
}

/// A named maturity level that starts at a score threshold (0–100).
public struct MaturityLevel: Sendable, Hashable, Identifiable {
    /// Identifier, e.g. `structure`.
    public var id: String
    /// Human name.
    public var label: LocalizedText
    /// What an organisation at this level typically does.
    public var description: LocalizedText?
    /// Lowest score (inclusive, 0–100) at which the level is reached.
    public var minimum: Double

    /// The longest id, in UTF-8 bytes, a level may have: results store it in one byte of length.
    public static let maximumIDBytes = 255

    /// Creates a level.
    public init(id: String, label: LocalizedText, description: LocalizedText? = nil, minimum: Double) {
        self.id = id
        self.label = label
        self.description = description
        self.minimum = minimum
    }

    /// The highest level of `levels` (sorted by increasing minimum) whose minimum `score` reaches.
    public static func level(for score: Double, in levels: [MaturityLevel]) -> MaturityLevel? {
        levels.last { score >= $0.minimum } ?? levels.first
    }
}
