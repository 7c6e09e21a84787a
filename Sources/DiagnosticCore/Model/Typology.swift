/// A family of respondent types, e.g. EPCI for all intercommunalities.
public struct TypologyFamily: Sendable, Hashable, Identifiable {
    /// Identifier, e.g. `epci`.
    public var id: String
    /// Human name.
    public var label: LocalizedText
    /// Creates a family.
    public init(id: String, label: LocalizedText) {
        self.id = id
        self.label = label
    }
}

/// A respondent type, e.g. communauté de communes, with the rules specific to it.
public struct Typology: Sendable, Hashable, Identifiable {
    /// Identifier, e.g. `cc`.
    public var id: String
    /// The family it belongs to.
    public var family: String
    /// Human name.
    public var label: LocalizedText
    /// Weights of dimensions for this typology, overriding the dimensions' own.
    public var dimensionWeights: [String: Double]
    /// Level thresholds for this typology, overriding the questionnaire's and the dimensions'.
    public var levels: [MaturityLevel]?

    /// Creates a typology.
    public init(
        id: String, family: String, label: LocalizedText, dimensionWeights: [String: Double] = [:],
        levels: [MaturityLevel]? = nil
    ) {
        self.id = id
        self.family = family
        self.label = label
        self.dimensionWeights = dimensionWeights
        self.levels = levels
    }

    /// Whether `reference` names this typology or its family.
    public func matches(_ reference: String) -> Bool {
        reference == id || reference == family
    }
}
