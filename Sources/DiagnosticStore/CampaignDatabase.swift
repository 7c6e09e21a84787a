import Crypto
import DiagnosticCore
import Foundation
import GRDB

/// The campaign database: owns the SQLite connection and the migrator (one file, `od4g.sqlite` by default).
public final class CampaignDatabase: CampaignStore {
    /// The connection: one for all (a command), or a writer and concurrent readers (a server).
    let writer: any DatabaseWriter
    /// The file, or `nil` in memory.
    public let path: String?
    /// How long a write waits for another writer before giving up, in seconds.
    public let wait: Double

    /// The default wait for another writer.
    public static let defaultWait = 30.0

    /// What this process does with the database, for the note another writer reads ("od4g import").
    @TaskLocal public static var activity = "od4g"

    /// Whether `checkIntegrity` already passed for this connection: one check per command, not per write.
    private let checked = Slots(count: 1, value: false)
    /// The journal mode this connection last set (`setJournal`).
    private let journal = Slots(count: 1, value: "")

    private init(writer: any DatabaseWriter, path: String?, wait: Double) {
        self.writer = writer
        self.path = path
        self.wait = wait
    }

    /// A writer waits `wait` seconds for another. The WAL journal (readers never wait for a writer)
    /// is switched on by the first write (`prepareForWriting`) and stays on in the file: opening a
    /// database to read it never writes to it (GRDB's own WAL set-up writes at every opening).
    private static func configuration(wait: Double) -> Configuration {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(wait)
        configuration.prepareDatabase { db in
            // 64 MB of page cache: a region's import touches the same index pages again and again.
            try db.execute(sql: "PRAGMA cache_size = -65536")
        }
        return configuration
    }

    /// Opens (creating and migrating if needed) the database at `path`.
    ///
    /// A file that is not SQLite, an SQLite file od4g did not create, or one written by a newer od4g
    /// is refused before anything is written to it.
    ///
    /// With `concurrentReads` (a server), reads run on their own connections beside the writer
    /// and never wait for it; the file is put in WAL mode at once (opening it writes to it).
    public static func open(path: String, wait: Double = defaultWait, concurrentReads: Bool = false) throws(StoreError)
        -> CampaignDatabase
    {
        try checkHeader(path)
        let queue: any DatabaseWriter
        do {
            if concurrentReads {
                queue = try DatabasePool(path: path, configuration: configuration(wait: wait))
            } else {
                queue = try DatabaseQueue(path: path, configuration: configuration(wait: wait))
            }
        } catch {
            throw StoreError(Self.reason(error, path: path, wait: wait), path: path)
        }
        let database = CampaignDatabase(writer: queue, path: path, wait: wait)
        try database.migrate()
        return database
    }

    /// Removes the database at `path` with the files SQLite keeps beside it (journal, WAL, shared
    /// memory), for a database an import created in vain; a file that is not there is no error.
    public static func removeFiles(at path: String) {
        for suffix in ["", "-journal", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }

    /// A fresh database in memory, for tests.
    public static func inMemory() throws(StoreError) -> CampaignDatabase {
        let database = try translatingErrors(path: nil) {
            CampaignDatabase(
                writer: try DatabaseQueue(configuration: configuration(wait: defaultWait)), path: nil, wait: defaultWait)
        }
        try database.migrate()
        return database
    }

    /// SQLite files start with this header; an empty file is a new database.
    private static func checkHeader(_ path: String) throws(StoreError) {
        guard let handle = FileHandle(forReadingAtPath: path) else { return }
        defer { try? handle.close() }
        let header = (try? handle.read(upToCount: 16)) ?? Data()
        if !header.isEmpty, header != Data("SQLite format 3\0".utf8) {
            throw StoreError(.notADatabase, path: path)
        }
    }

    private func migrate() throws(StoreError) {
        let migrator = Migrations.migrator
        try read { db in
            let tables = try String.fetchAll(
                db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
            if !tables.isEmpty, !tables.contains("grdb_migrations") {
                throw StoreError(.notAnOd4gDatabase, path: path)
            }
            if tables.contains("grdb_migrations") {
                let applied = try migrator.appliedIdentifiers(db)
                let unknown = applied.subtracting(migrator.migrations).sorted()
                if !unknown.isEmpty { throw StoreError(.newerDatabase(unknown: unknown), path: path) }
            }
        }
        // Only a database that lacks migrations is written to: a reader of an up-to-date database
        // never waits for a writer.
        let pending = try read { db in try !migrator.hasCompletedMigrations(db) }
        guard pending else { return }
        // Migrating writes: a damaged file is refused first (a new, empty file has nothing to check).
        try prepareForWriting()
        try Self.translatingErrors(path: path, wait: wait) { try migrator.migrate(writer) }
    }

    /// What an SQLite error means for the user: a damaged file, a busy database, a full disk, a
    /// read-only file, or SQLite's own words (quoted) for the rest.
    static func reason(_ error: any Error, path: String?, wait: Double) -> StoreError.Reason {
        if let error = error as? DatabaseError {
            switch error.resultCode {
            case .SQLITE_NOTADB: return .notADatabase
            case .SQLITE_CORRUPT: return .corrupt(error.message ?? "database disk image is malformed")
            case .SQLITE_BUSY, .SQLITE_LOCKED:
                let holder = path.flatMap(WriterNote.read).map { "\($0.activity) (pid \($0.process), \($0.started))" }
                return .busy(waited: wait, holder: holder)
            case .SQLITE_FULL: return .diskFull
            case .SQLITE_READONLY: return .readOnly
            case .SQLITE_CANTOPEN: return .cannotOpen(error.message ?? "unable to open database file")
            default: return .sqlite(error.message ?? "\(error.resultCode)")
            }
        }
        return .sqlite(String(describing: error))
    }

    /// Runs `body`, turning database errors into `StoreError` (a `StoreError` is thrown as it is).
    static func translatingErrors<T>(path: String?, wait: Double = defaultWait, _ body: () throws -> T) throws(StoreError) -> T {
        do {
            return try body()
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(reason(error, path: path, wait: wait), path: path)
        }
    }

    /// Runs a read, turning database errors into `StoreError`.
    func read<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        try Self.translatingErrors(path: path, wait: wait) { try writer.read(body) }
    }

    /// Runs a write in one transaction, turning database errors into `StoreError`; a damaged
    /// database is refused before anything is written to it.
    /// A write of a few rows (a web save) leaves no note (`note: false`): the note is for the long
    /// writes of commands, and writing it would cost more than the save.
    func write<T>(note: Bool = true, _ body: (Database) throws -> T) throws(StoreError) -> T {
        try prepareForWriting()
        var result: T?
        return try Self.translatingErrors(path: path, wait: wait) {
            try writer.writeWithoutTransaction { db in
                try db.inTransaction(.immediate) {
                    result = note ? try noting { try body(db) } : try body(db)
                    return .commit
                }
            }
            guard let result else { throw StoreError(.sqlite("write transaction ended without a result"), path: path) }
            return result
        }
    }

    /// Runs `body` (inside a write transaction, once the lock is held) with this process's note
    /// beside the database, for the message of another writer kept waiting.
    func noting<T>(_ body: () throws -> T) rethrows -> T {
        if let path { WriterNote.write(for: path, activity: Self.activity) }
        defer { if let path { WriterNote.remove(for: path) } }
        return try body()
    }

    /// What every write does first: refuse a damaged database, and put the file in WAL mode (kept
    /// in the file, so that readers never wait for this writer nor the next).
    func prepareForWriting(journal: String = "WAL") throws(StoreError) {
        try checkIntegrity()
        try setJournal(journal)
    }

    /// Puts the file in `mode` (`WAL`, or `DELETE` for the first import of a new database).
    /// Set once per mode change, not before every write (a web server writes many small transactions).
    func setJournal(_ mode: String) throws(StoreError) {
        guard path != nil, journal[0] != mode else { return }
        try Self.translatingErrors(path: path, wait: wait) {
            try writer.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA journal_mode = \(mode == "WAL" ? "WAL" : "DELETE")")
                try db.execute(sql: "PRAGMA synchronous = NORMAL")
            }
        }
        journal[0] = mode
    }

    /// Refuses a database SQLite finds damaged (`PRAGMA quick_check`), before it is written to:
    /// writing into damaged pages spreads the damage.
    /// Checked once per opened database: a store of a whole region writes in many transactions.
    func checkIntegrity() throws(StoreError) {
        guard path != nil, !checked[0] else { return }
        let report = try read { db in try String.fetchAll(db, sql: "PRAGMA quick_check(3)") }
        guard report == ["ok"] else {
            let detail = report.joined(separator: " ").split(whereSeparator: \.isNewline).joined(separator: " ")
            throw StoreError(.corrupt(detail), path: path)
        }
        checked[0] = true
    }

    // MARK: Campaigns

    /// Every campaign with its questionnaire and counts, by name.
    public func campaigns() throws(StoreError) -> [CampaignInfo] {
        try campaigns(id: nil, counting: true)
    }

    /// The campaign of row `id`, with its counts of responses and organisations only when
    /// `counting` (they read every response of the campaign: a web request does without, 0 then).
    public func campaign(id: Int64, counting: Bool) throws(StoreError) -> CampaignInfo? {
        try campaigns(id: id, counting: counting).first
    }

    private func campaigns(id: Int64?, counting: Bool) throws(StoreError) -> [CampaignInfo] {
        let counts =
            counting
            ? """
            (SELECT count(*) FROM response r WHERE r.campaign_id = c.id) AS responses,
                (SELECT count(DISTINCT organisation_id) FROM response r WHERE r.campaign_id = c.id) AS organisations
            """ : "0 AS responses, 0 AS organisations"
        return try read { db in
            // Cached: a web request reads its campaign each time.
            try Row.fetchAll(
                db.cachedStatement(
                    sql: """
                        SELECT c.id, c.name, c.period, c.created_at, c.closed_at, q.code, q.version, q.sha256, \(counts)
                        FROM campaign c JOIN questionnaire q ON q.id = c.questionnaire_id
                        \(id == nil ? "" : "WHERE c.id = ?") ORDER BY c.name
                        """), arguments: id.map { [$0] } ?? []
            ).map { row throws(StoreError) in
                func value<V: DatabaseValueConvertible>(_ column: String) throws(StoreError) -> V {
                    try row.value(
                        column, of: ["code", "version", "sha256"].contains(column) ? "questionnaire" : "campaign", path: path)
                }
                return CampaignInfo(
                    id: try value("id"), name: try value("name"), period: try value("period"), createdAt: try value("created_at"),
                    questionnaireID: try value("code"), questionnaireVersion: try value("version"),
                    questionnaireSHA256: try value("sha256"), responses: try value("responses"),
                    organisations: try value("organisations"), closedAt: try value("closed_at"))
            }
        }
    }

    /// The campaign named `name`, with the questionnaire text it uses.
    public func campaign(named name: String) throws(StoreError) -> (campaign: CampaignInfo, questionnaireText: String) {
        let all = try campaigns()
        guard let info = all.first(where: { $0.name == name }) else {
            throw StoreError(.unknownCampaign(name, known: all.map(\.name)), path: path)
        }
        let text = try read { db in
            let row = try Row.fetchOne(
                db,
                sql: "SELECT q.id, q.content FROM campaign c JOIN questionnaire q ON q.id = c.questionnaire_id WHERE c.id = ?",
                arguments: [info.id])
            return try row.map { row throws(StoreError) in try row.value("content", of: "questionnaire", path: path) as String }
                ?? ""
        }
        return (info, text)
    }

    /// SHA-256 of a questionnaire's text, hexadecimal.
    public static func sha256(_ text: String) -> String {
        SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// The campaign `name`, created with `questionnaireText` if it does not exist.
    ///
    /// An existing campaign keeps its questionnaire: a different text is refused.
    func campaign(
        _ db: Database, name: String, period: String?, questionnaire: Questionnaire, questionnaireText: String, now: String
    ) throws -> Int64 {
        let hash = Self.sha256(questionnaireText)
        if let row = try Row.fetchOne(
            db,
            sql:
                "SELECT c.id, c.closed_at, q.sha256, q.version FROM campaign c JOIN questionnaire q ON q.id = c.questionnaire_id WHERE c.name = ?",
            arguments: [name])
        {
            let closed: String? = try row.value("closed_at", of: "campaign", path: path)
            guard closed == nil else { throw StoreError(.campaignClosed(name), path: path) }
            let stored: String = try row.value("sha256", of: "questionnaire", path: path)
            guard stored == hash else {
                let storedVersion: String = try row.value("version", of: "questionnaire", path: path)
                throw StoreError(
                    .campaignQuestionnaireDiffers(
                        campaign: name, stored: "\(storedVersion) (sha256 \(stored.prefix(12)))",
                        given: "\(questionnaire.version) (sha256 \(hash.prefix(12)))"),
                    path: path)
            }
            return try row.value("id", of: "campaign", path: path)
        }
        var questionnaireID = try QuestionnaireRecord.filter(QuestionnaireRecord.Columns.sha256 == hash)
            .select(QuestionnaireRecord.Columns.id, as: Int64.self).fetchOne(db)
        if questionnaireID == nil {
            var record = QuestionnaireRecord(
                id: nil, code: questionnaire.id, version: questionnaire.version, sha256: hash, content: questionnaireText,
                storedAt: now)
            try record.insert(db)
            questionnaireID = record.id
        }
        var campaign = CampaignRecord(id: nil, name: name, period: period, questionnaireID: questionnaireID ?? 0, createdAt: now)
        try campaign.insert(db)
        return campaign.id ?? 0
    }
}

/// A campaign as listed: name, questionnaire and counts.
public struct CampaignInfo: Sendable, Hashable {
    /// Row id.
    public var id: Int64
    /// Name.
    public var name: String
    /// Period label.
    public var period: String?
    /// Creation time (ISO 8601).
    public var createdAt: String
    /// Questionnaire id.
    public var questionnaireID: String
    /// Questionnaire version.
    public var questionnaireVersion: String
    /// Questionnaire SHA-256.
    public var questionnaireSHA256: String
    /// Number of responses (0 when read without counting: `campaign(id:counting:)`).
    public var responses: Int
    /// Number of organisations (0 when read without counting).
    public var organisations: Int
    /// When it was closed (ISO 8601): its answers no longer change; `nil` while it is open.
    public var closedAt: String?

    /// Creates a campaign's description.
    public init(
        id: Int64, name: String, period: String?, createdAt: String, questionnaireID: String, questionnaireVersion: String,
        questionnaireSHA256: String, responses: Int, organisations: Int, closedAt: String? = nil
    ) {
        self.closedAt = closedAt
        self.id = id
        self.name = name
        self.period = period
        self.createdAt = createdAt
        self.questionnaireID = questionnaireID
        self.questionnaireVersion = questionnaireVersion
        self.questionnaireSHA256 = questionnaireSHA256
        self.responses = responses
        self.organisations = organisations
    }
}
