/// A text given in several languages, keyed by language code ("fr", "en", ...).
///
/// French is the reference language of the OD4Growth diagnostic: it is always present in a
/// validated definition and is the fallback when a requested language is missing.
public struct LocalizedText: Sendable, Hashable, Codable {
    /// The reference language, always present in validated definitions.
    public static let referenceLanguage = "fr"

    /// The translations, keyed by language code.
    public var translations: [String: String]

    /// Creates a text from its translations.
    public init(_ translations: [String: String]) {
        self.translations = translations
    }

    /// Creates a text from a French and an optional English version.
    public init(fr: String, en: String? = nil) {
        var values = ["fr": fr]
        if let en { values["en"] = en }
        self.translations = values
    }

    /// The text in `language`, falling back to French, then to any translation.
    public func resolved(_ language: String) -> String {
        translations[language]
            ?? translations[Self.referenceLanguage]
            ?? translations.sorted { $0.key < $1.key }.first?.value
            ?? ""
    }

    /// Codable as a plain `{language: text}` object.
    public init(from decoder: Decoder) throws {
        translations = try decoder.singleValueContainer().decode([String: String].self)
    }

    /// Codable as a plain `{language: text}` object.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(translations)
    }
}
