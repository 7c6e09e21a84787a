import ArgumentParser
import DiagnosticStore

/// Runs `od4g` with arguments and returns its exit status; `main` and the tests both call it.
public enum CommandLineRunner {
    /// Parses `arguments` (without the program name), runs the command, and returns the exit status.
    public static func run(_ arguments: [String], console: Console = .standard) -> Int32 {
        Console.$current.withValue(console) {
            do {
                var command = try Od4g.parseAsRoot(arguments)
                do {
                    try command.run()
                } catch let error as StoreError {
                    throw error.failure((command as? LocalizedCommand)?.common.language ?? CommonOptions.defaultLanguage)
                }
                return 0
            } catch let failure as CommandFailure {
                if let message = failure.message { console.error(message) }
                return failure.status
            } catch {
                let message = Od4g.fullMessage(for: error)
                let status = Od4g.exitCode(for: error).rawValue
                if !message.isEmpty {
                    if status == 0 { console.print(message) } else { console.error(message) }
                }
                return status
            }
        }
    }
}

/// Ends a command with a non-zero status after it has printed its diagnostics.
struct CommandFailure: Error {
    /// Exit status: 1 for bad or missing data (usage errors are reported by ArgumentParser with 64).
    var status: Int32
    /// A last message, when the diagnostics were not printed already.
    var message: String?

    /// Bad data: the diagnostics were printed.
    static let invalidData = CommandFailure(status: 1, message: nil)
}
