import DiagnosticCore
import Foundation

/// The files commands write (`--output`): one way to write them and one message when they cannot be.
enum OutputFile {
    /// The error when `path` cannot be written.
    static func cannotWrite(_ path: String, _ language: Language) -> CommandFailure {
        CommandFailure(status: 1, message: language.pick("error: impossible d'écrire \(path)", "error: cannot write \(path)"))
    }

    /// Writes `text` to `path`, replacing any file there atomically.
    static func write(_ text: String, to path: String, language: Language) throws {
        guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8)) else { throw cannotWrite(path, language) }
    }
}
