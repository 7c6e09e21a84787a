import Foundation

/// Where commands write: standard output and standard error, or buffers in tests.
public final class Console: @unchecked Sendable {
    private let lock = NSLock()
    private let writeOut: @Sendable (String) -> Void
    private let writeErr: @Sendable (String) -> Void

    /// The console of the current task: the process's own unless a caller (a test) binds another.
    @TaskLocal public static var current = Console.standard

    /// The process's standard output and error.
    public static let standard = Console(
        out: { FileHandle.standardOutput.write(Data($0.utf8)) },
        err: { FileHandle.standardError.write(Data($0.utf8)) })

    /// Creates a console writing through the given functions.
    public init(out: @escaping @Sendable (String) -> Void, err: @escaping @Sendable (String) -> Void) {
        self.writeOut = out
        self.writeErr = err
    }

    /// Writes a line to standard output.
    public func print(_ text: String) {
        lock.withLock { writeOut(text + "\n") }
    }

    /// Writes a line to standard error.
    public func error(_ text: String) {
        lock.withLock { writeErr(text + "\n") }
    }
}

/// A console that keeps what is written, for tests and for callers that post-process output.
public final class CapturedConsole: @unchecked Sendable {
    private let lock = NSLock()
    private var outText = ""
    private var errText = ""

    /// Creates an empty capture.
    public init() {}

    /// The console to bind to `Console.current`.
    public var console: Console {
        Console(
            out: { [self] text in lock.withLock { outText += text } },
            err: { [self] text in lock.withLock { errText += text } })
    }

    /// Everything written to standard output.
    public var out: String { lock.withLock { outText } }
    /// Everything written to standard error.
    public var err: String { lock.withLock { errText } }
}
