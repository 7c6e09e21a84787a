/// What loading a file gives: the value when it has no error, and every diagnostic found.
public struct LoadResult<Value: Sendable>: Sendable {
    /// The loaded value; `nil` when any error was found.
    public var value: Value?
    /// Every error and warning, in file order.
    public var diagnostics: [Diagnostic]

    /// Creates a result.
    public init(value: Value?, diagnostics: [Diagnostic]) {
        self.value = value
        self.diagnostics = diagnostics
    }

    /// Only the errors.
    public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
    /// Only the warnings.
    public var warnings: [Diagnostic] { diagnostics.filter { $0.severity == .warning } }
}
