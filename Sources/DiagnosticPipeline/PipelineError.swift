import DiagnosticCore

/// A problem that stops a pipeline, with a message saying which file and why.
public struct PipelineError: Error, Sendable, Hashable {
    /// Why.
    public enum Reason: Sendable, Hashable {
        /// A file could not be written (its path).
        case cannotWrite(String)
    }

    /// Why.
    public var reason: Reason

    /// Creates an error.
    public init(_ reason: Reason) {
        self.reason = reason
    }

    /// The message in `language`, without the leading "error:".
    public func message(_ language: Language) -> String {
        switch reason {
        case .cannotWrite(let path):
            return language.pick("impossible d'écrire \(path)", "cannot write \(path)")
        }
    }
}
