import DiagnosticCore
import Foundation

#if canImport(Glibc)
    import Glibc

    private let systemWrite = Glibc.write
#elseif canImport(Darwin)
    import Darwin

    private let systemWrite = Darwin.write
#endif

/// The files commands write (`--output`): one way to write them and one message when they cannot be.
///
/// A file is written whole under a temporary name, then renamed into place: a reader (or a user
/// after a crash or a kill) only ever sees the earlier file or the complete new one. A temporary
/// file a killed run left behind has a name the next run recognises and removes.
enum OutputFile {
    /// The error when `path` cannot be written.
    static func cannotWrite(_ path: String, _ language: Language) -> CommandFailure {
        CommandFailure(status: 1, message: language.pick("error: impossible d'écrire \(path)", "error: cannot write \(path)"))
    }

    /// The suffix of files being written.
    static let partialSuffix = ".od4g-partial"

    /// The temporary name of `path` while it is written: hidden, beside it.
    static func partial(_ path: String) -> String {
        let url = URL(fileURLWithPath: path)
        return url.deletingLastPathComponent().appendingPathComponent("." + url.lastPathComponent + partialSuffix).path
    }

    /// Writes `text` to `path`, replacing any file there atomically.
    static func write(_ text: String, to path: String, language: Language) throws {
        guard write(Data(text.utf8), to: path, staging: partial(path)) else { throw cannotWrite(path, language) }
    }

    /// Writes `bytes` to `staging` (removing what an earlier run left there), then renames it to
    /// `path`; `false` when either step fails (nothing is left at `staging` then).
    static func write(_ bytes: Data, to path: String, staging: String, stagingIsFresh: Bool = false) -> Bool {
        // A staging folder made for this run holds nothing to clear.
        if !stagingIsFresh { unlink(staging) }
        // O_EXCL: never follows a symbolic link; mode 0666 less the umask, as FileManager gives.
        let descriptor = open(staging, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else { return false }
        let written = bytes.withUnsafeBytes { buffer -> Bool in
            guard let base = buffer.baseAddress else { return true }
            var offset = 0
            while offset < buffer.count {
                let count = systemWrite(descriptor, base + offset, buffer.count - offset)
                if count < 0, errno == EINTR { continue }
                guard count > 0 else { return false }
                offset += count
            }
            return true
        }
        guard close(descriptor) == 0, written, rename(staging, path) == 0 else {
            unlink(staging)
            return false
        }
        return true
    }
}
