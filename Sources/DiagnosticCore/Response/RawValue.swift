import Foundation

/// A value as it stands in a response file or a form export, before it is checked against the questionnaire.
public enum RawValue: Sendable, Hashable {
    /// One value, e.g. `yes`, `3`, `Commune de Moyenvic`.
    case scalar(String)
    /// A list of values, e.g. the options of a multiple choice.
    case list([String])
    /// Values by key, e.g. the option chosen in each row of a grid.
    case mapping([String: String])

    /// Whether the value says nothing (empty text or empty list).
    public var isEmpty: Bool {
        switch self {
        case .scalar(let text): text.trimmed.isEmpty
        case .list(let items): items.isEmpty
        case .mapping(let values): values.values.allSatisfy { $0.trimmed.isEmpty }
        }
    }

    /// How the value reads in an error message.
    public var display: String {
        switch self {
        case .scalar(let text): text
        case .list(let items): "[" + items.joined(separator: ", ") + "]"
        case .mapping(let values):
            "{" + values.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", ") + "}"
        }
    }
}
