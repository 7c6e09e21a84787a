import DiagnosticCore

/// A located problem in a definition or response file, printed like a compiler diagnostic.
public struct Diagnostic: Sendable, Hashable, Error {
    /// The file, as the user named it.
    public var file: String
    /// 1-based line, when known.
    public var line: Int?
    /// 1-based column, when known.
    public var column: Int?
    /// Error or warning.
    public var severity: Severity
    /// What is wrong.
    public var message: DefinitionMessage

    /// Creates a diagnostic.
    public init(file: String, line: Int?, column: Int?, severity: Severity = .error, _ message: DefinitionMessage) {
        self.file = file
        self.line = line
        self.column = column
        self.severity = severity
        self.message = message
    }

    /// `file:line:column: error: message`, the message in `language`.
    ///
    /// The words `error` and `warning` stay in English in both languages so editors and CI can parse them.
    public func rendered(_ language: Language) -> String {
        var location = file
        if let line {
            location += ":\(line)"
            if let column { location += ":\(column)" }
        }
        return "\(location): \(severity.rawValue): \(message.text(language))"
    }
}

/// Collects diagnostics while a file is read, so every problem is reported, not just the first.
final class DiagnosticSink {
    let file: String
    private(set) var diagnostics: [Diagnostic] = []

    init(file: String) {
        self.file = file
    }

    var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    func report(_ message: DefinitionMessage, at position: Position?, severity: Severity = .error) {
        diagnostics.append(
            Diagnostic(
                file: file, line: position?.line, column: position?.column, severity: severity, message))
    }

    func warn(_ message: DefinitionMessage, at position: Position?) {
        report(message, at: position, severity: .warning)
    }

    /// Diagnostics sorted by position, errors and warnings interleaved as they appear in the file.
    var sorted: [Diagnostic] {
        diagnostics.enumerated().sorted { a, b in
            let la = (a.element.line ?? 0, a.element.column ?? 0)
            let lb = (b.element.line ?? 0, b.element.column ?? 0)
            return la != lb ? la < lb : a.offset < b.offset
        }.map(\.element)
    }
}

/// A 1-based line and column in a file.
public struct Position: Sendable, Hashable, CustomStringConvertible {
    /// 1-based line.
    public var line: Int
    /// 1-based column.
    public var column: Int

    /// Creates a position.
    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    /// `line:column`.
    public var description: String { "\(line):\(column)" }
}
