import Crypto
import DiagnosticCore
import Foundation
import GRDB

/// The campaign database: owns the SQLite connection and the migrator (one file, `od4g.sqlite` by default).
public final class CampaignDatabase: Sendable {
    /// The connection.
    let writer: DatabaseQueue
    /// The file, or `nil` in memory.
    public let path: String?

    private init(writer: DatabaseQueue, path: String?) {
        self.writer = writer
        self.path = path
    }

    private static var configuration: Configuration {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(5)
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
    public static func open(path: String) throws(StoreError) -> CampaignDatabase {
        try checkHeader(path)
        let queue: DatabaseQueue
        do {
            queue = try DatabaseQueue(path: path, configuration: configuration)
        } catch {
            throw StoreError(Self.reason(error), path: path)
        }
        let database = CampaignDatabase(writer: queue, path: path)
        try database.migrate()
        return database
    }

    /// A fresh database in memory, for tests.
    public static func inMemory() throws(StoreError) -> CampaignDatabase {
        let database = try translatingErrors(path: nil) {
            CampaignDatabase(writer: try DatabaseQueue(configuration: configuration), path: nil)
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
        try Self.translatingErrors(path: path) { try migrator.migrate(writer) }
    }

    static func reason(_ error: any Error) -> StoreError.Reason {
        if let error = error as? DatabaseError {
            if error.resultCode == .SQLITE_NOTADB { return .notADatabase }
            return .sqlite(error.message ?? "\(error.resultCode)")
        }
        return .sqlite(String(describing: error))
    }

    /// Runs `body`, turning database errors into `StoreError` (a `StoreError` is thrown as it is).
    static func translatingErrors<T>(path: String?, _ body: () throws -> T) throws(StoreError) -> T {
        do {
            return try body()
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(reason(error), path: path)
        }
    }

    /// Runs a read, turning database errors into `StoreError`.
    func read<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        try Self.translatingErrors(path: path) { try writer.read(body) }
    }

    /// Runs a write in one transaction, turning database errors into `StoreError`.
    func write<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        try Self.translatingErrors(path: path) { try writer.write(body) }
    }

    // MARK: Campaigns

    /// Every campaign with its questionnaire and counts, by name.
    public func campaigns() throws(StoreError) -> [CampaignInfo] {
        try read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT c.id, c.name, c.period, c.created_at, q.code, q.version, q.sha256,
                        (SELECT count(*) FROM response r WHERE r.campaign_id = c.id) AS responses,
                        (SELECT count(DISTINCT organisation_id) FROM response r WHERE r.campaign_id = c.id) AS organisations
                    FROM campaign c JOIN questionnaire q ON q.id = c.questionnaire_id ORDER BY c.name
                    """
            ).map { row in
                CampaignInfo(
                    id: row["id"], name: row["name"], period: row["period"], createdAt: row["created_at"],
                    questionnaireID: row["code"], questionnaireVersion: row["version"], questionnaireSHA256: row["sha256"],
                    responses: row["responses"], organisations: row["organisations"])
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
            try String.fetchOne(
                db, sql: "SELECT q.content FROM campaign c JOIN questionnaire q ON q.id = c.questionnaire_id WHERE c.id = ?",
                arguments: [info.id]) ?? ""
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
                "SELECT c.id, q.sha256, q.version FROM campaign c JOIN questionnaire q ON q.id = c.questionnaire_id WHERE c.name = ?",
            arguments: [name])
        {
            let stored: String = row["sha256"]
            guard stored == hash else {
                let storedVersion: String = row["version"]
                throw StoreError(
                    .campaignQuestionnaireDiffers(
                        campaign: name, stored: "\(storedVersion) (sha256 \(stored.prefix(12)))",
                        given: "\(questionnaire.version) (sha256 \(hash.prefix(12)))"),
                    path: path)
            }
            return row["id"]
        }
        var questionnaireID = try Int64.fetchOne(db, sql: "SELECT id FROM questionnaire WHERE sha256 = ?", arguments: [hash])
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
    /// Number of responses.
    public var responses: Int
    /// Number of organisations.
    public var organisations: Int
}
