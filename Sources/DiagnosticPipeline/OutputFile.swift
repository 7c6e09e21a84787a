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
/// after a crash or a kill) only ever sees the earlier file or the complete new one. Temporary
/// names carry the writing process's id, so that two runs never take each other's; a run removes
/// the ones processes that no longer run left behind.
public enum OutputFile {
    /// The error when `path` cannot be written.
    public static func cannotWrite(_ path: String) -> PipelineError {
        PipelineError(.cannotWrite(path))
    }

    /// The suffix of files and folders being written.
    public static let partialSuffix = ".od4g-partial"

    private static let counter = Slots(count: 1, value: 0)

    /// A temporary name for `name`, this process's own: `.name.<pid>-<n>.od4g-partial`, hidden.
    public static func partialName(_ name: String) -> String {
        let number = counter.update(0) { $0 += 1 }
        return ".\(stem(name)).\(getpid())-\(number)\(partialSuffix)"
    }

    /// `name`, cut to 100 bytes (whole characters) so that the temporary name stays within the
    /// 255 bytes a file name may have.
    private static func stem(_ name: String) -> String {
        var stem = ""
        for character in name {
            guard stem.utf8.count + character.utf8.count <= 100 else { break }
            stem.append(character)
        }
        return stem
    }

    /// Removes from `directory` the temporary files and folders for `name` (`partialName`) whose
    /// process no longer runs: what a killed run left. Those of running processes stay.
    public static func removeLeftovers(of name: String, in directory: String) {
        let prefix = ".\(stem(name))."
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
        for entry in entries where entry.hasPrefix(prefix) && entry.hasSuffix(partialSuffix) {
            let middle = entry.dropFirst(prefix.count).dropLast(partialSuffix.count)
            guard let dash = middle.firstIndex(of: "-"), let pid = pid_t(middle[..<dash]),
                Int(middle[dash...].dropFirst()) != nil,
                pid > 0, pid != getpid(), kill(pid, 0) != 0, errno == ESRCH
            else { continue }
            try? FileManager.default.removeItem(atPath: (directory as NSString).appendingPathComponent(entry))
        }
    }

    /// Writes `text` to `path`, replacing any file there atomically.
    public static func write(_ text: String, to path: String, mode: mode_t = 0o666) throws(PipelineError) {
        try write(Data(text.utf8), to: path, mode: mode)
    }

    /// Writes `bytes` to `path`, replacing any file there atomically.
    public static func write(_ bytes: Data, to path: String, mode: mode_t = 0o666) throws(PipelineError) {
        let url = URL(fileURLWithPath: path)
        let (directory, name) = (url.deletingLastPathComponent().path, url.lastPathComponent)
        removeLeftovers(of: name, in: directory)
        let staging = (directory as NSString).appendingPathComponent(partialName(name))
        guard write(bytes, to: path, staging: staging, mode: mode) else { throw cannotWrite(path) }
    }

    /// Writes `bytes` to `staging`, a name of this process's own, then renames it to `path`;
    /// `false` when either step fails (nothing is left at `staging` then).
    public static func write(_ bytes: Data, to path: String, staging: String, mode: mode_t = 0o666) -> Bool {
        // O_EXCL: never follows a symbolic link; `mode` less the umask (0666: as FileManager gives).
        let descriptor = open(staging, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
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
