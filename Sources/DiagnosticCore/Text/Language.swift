/// The languages the user interface speaks: French first, English second.
public enum Language: String, Sendable, CaseIterable, Codable {
    /// French, the default.
    case fr
    /// English.
    case en

    /// Picks one of two texts by language.
    public func pick(_ french: String, _ english: String) -> String {
        self == .fr ? french : english
    }
}
