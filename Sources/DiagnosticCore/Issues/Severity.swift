/// How serious a reported problem is.
public enum Severity: String, Sendable, Hashable, Codable {
    /// The input cannot be used as it is.
    case error
    /// The input is used, but something deserves a look.
    case warning
}
