import DiagnosticCore
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Why a file cannot be read, in words od4g can say in both languages.
public enum FileProblem: Error, Sendable, Hashable {
    /// Nothing at that path.
    case missing
    /// The file exists but may not be read (permissions).
    case denied
    /// A folder where a file is expected.
    case folder
    /// A device, a pipe or a socket (`/dev/zero`, a FIFO): not a file to read whole.
    case notRegular
    /// Larger than od4g reads for this kind of file.
    case tooLarge(bytes: Int64, limit: Int64)
    /// Anything else, with the system's words, quoted.
    case other(String)

    /// The problem in `language`.
    public func text(_ language: Language) -> String {
        switch self {
        case .missing: language.pick("fichier absent (vérifiez le chemin)", "no such file (check the path)")
        case .denied: language.pick("accès refusé (droits du fichier)", "permission denied (the file's permissions)")
        case .folder: language.pick("c'est un dossier, pas un fichier", "it is a folder, not a file")
        case .notRegular:
            language.pick(
                "ce n'est pas un fichier ordinaire (périphérique, tube ou socket)",
                "not a regular file (a device, pipe or socket)")
        case .tooLarge(let bytes, let limit):
            language.pick(
                "fichier trop grand (\(bytes) octets ; au plus \(limit))", "file too large (\(bytes) bytes; at most \(limit))")
        case .other(let detail):
            language.pick("le système répond : « \(detail) »", "the system says: “\(detail)”")
        }
    }
}

/// Reads files that users name: checked first (a folder, a device or a pipe is refused at once,
/// without blocking or reading for ever), then read whole.
public enum SourceFile {
    /// The largest definition or response file read (YAML, JSON): 64 MiB.
    public static let definitionLimit: Int64 = 64 << 20
    /// The largest table read whole (CSV exports): 4 GiB.
    public static let tableLimit: Int64 = 4 << 30

    /// What stands at `path`, or why it is not a readable file.
    public static func check(_ path: String, limit: Int64) -> FileProblem? {
        var status = stat()
        guard stat(path, &status) == 0 else { return problem(errno) }
        let type = status.st_mode & S_IFMT
        if type == S_IFDIR { return .folder }
        guard type == S_IFREG else { return .notRegular }
        if Int64(status.st_size) > limit { return .tooLarge(bytes: Int64(status.st_size), limit: limit) }
        guard access(path, R_OK) == 0 else { return problem(errno) }
        return nil
    }

    /// The contents of the regular file at `path`, at most `limit` bytes.
    public static func read(_ path: String, limit: Int64) -> Result<Data, FileProblem> {
        if let problem = check(path, limit: limit) { return .failure(problem) }
        do {
            return .success(try Data(contentsOf: URL(fileURLWithPath: path)))
        } catch let error as CocoaError {
            if let posix = error.underlying as? POSIXError { return .failure(problem(posix.code.rawValue)) }
            return .failure(.other(error.localizedDescription))
        } catch {
            return .failure(.other(String(describing: error)))
        }
    }

    static func problem(_ code: Int32) -> FileProblem {
        switch code {
        case ENOENT, ENOTDIR: .missing
        case EACCES, EPERM: .denied
        case EISDIR: .folder
        default: .other(String(cString: strerror(code)))
        }
    }
}
