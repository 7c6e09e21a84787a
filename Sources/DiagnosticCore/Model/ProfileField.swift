/// A field of the respondent profile: organisation name, official code, typology, population...
public struct ProfileField: Sendable, Hashable, Identifiable {
    /// Identifier used in response files and conditions, e.g. `population`.
    public var id: String
    /// Human name.
    public var label: LocalizedText
    /// Optional help shown in templates.
    public var help: LocalizedText?
    /// What kind of value it holds.
    public var kind: ProfileFieldKind
    /// Whether a response must give it.
    public var required: Bool
    /// Offered values of a `choice` field.
    public var options: [AnswerOption]
    /// Whether the value is personal (a name, an e-mail) and must stay out of published data.
    public var personal: Bool
    /// The id of a file of names for the field's codes (`fr-departements`: "57" is "Moselle"), if any.
    public var namesID: String?
    /// The names of the field's codes, once that file is read (reports show "Moselle (57)").
    public var valueNames: [String: String]

    /// Creates a profile field.
    public init(
        id: String, label: LocalizedText, help: LocalizedText? = nil, kind: ProfileFieldKind,
        required: Bool = false, options: [AnswerOption] = [], personal: Bool = false, namesID: String? = nil,
        valueNames: [String: String] = [:]
    ) {
        self.id = id
        self.label = label
        self.help = help
        self.kind = kind
        self.required = required
        self.options = options
        self.personal = personal
        self.namesID = namesID
        self.valueNames = valueNames
    }

    /// A code with its name when one is known: "Moselle (57)"; the code alone otherwise.
    public func named(_ code: String) -> String {
        valueNames[code].map { "\($0) (\(code))" } ?? code
    }
}

/// The kind of value a profile field holds.
public enum ProfileFieldKind: String, Sendable, Hashable, CaseIterable {
    /// Free text, e.g. the organisation name.
    case text
    /// A whole number, e.g. population.
    case integer
    /// A decimal number.
    case number
    /// One of the field's options.
    case choice
    /// One of the questionnaire's typologies.
    case typology
}
