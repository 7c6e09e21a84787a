/// A message of one kind of answer, in its own words: each kind's unit makes its messages
/// (`ScaleDefinition.Message`, `GridKind.Message`…), as swift-format's rules make their findings.
public struct KindMessage: Sendable, Hashable {
    /// In French.
    public let french: String
    /// In English.
    public let english: String

    /// Creates a message.
    public init(french: String, english: String) {
        self.french = french
        self.english = english
    }
}
