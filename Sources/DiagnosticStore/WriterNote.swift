import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A note beside the database (`<db>.od4g-writer`) saying which od4g command is writing to it, so
/// that a second writer kept waiting can say what holds the database. A note whose process is gone
/// (killed) is ignored.
struct WriterNote: Sendable, Hashable {
    /// The command, as `CampaignDatabase.activity` names it ("od4g import").
    var activity: String
    /// Its process.
    var process: Int32
    /// When it started writing (ISO 8601).
    var started: String

    static func path(for database: String) -> String { database + ".od4g-writer" }

    /// Writes this process's note for `database` (best effort: the note only improves a message).
    static func write(for database: String, activity: String) {
        let note = WriterNote(activity: activity, process: getpid(), started: ISO8601DateFormatter().string(from: Date()))
        let text = "\(note.process)\n\(note.started)\n\(note.activity)\n"
        try? Data(text.utf8).write(to: URL(fileURLWithPath: path(for: database)), options: .atomic)
    }

    /// Removes this process's note (another process's note is left alone).
    static func remove(for database: String) {
        if read(for: database)?.process == getpid() { unlink(path(for: database)) }
    }

    /// The note of a process still running, if any.
    static func read(for database: String) -> WriterNote? {
        guard let data = FileManager.default.contents(atPath: path(for: database)), data.count < 4096 else { return nil }
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.count >= 3, let process = Int32(lines[0]), process > 0 else { return nil }
        // kill(pid, 0) asks whether the process exists without signalling it.
        guard kill(process, 0) == 0 || errno == EPERM else { return nil }
        return WriterNote(activity: String(lines[2].prefix(200)), process: process, started: String(lines[1].prefix(40)))
    }
}
