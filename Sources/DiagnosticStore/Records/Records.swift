import GRDB

/// A stored questionnaire: the exact text a campaign used, and its SHA-256.
public struct QuestionnaireRecord: Codable, FetchableRecord, MutablePersistableRecord, Sendable, Hashable {
    /// Table name.
    public static let databaseTableName = "questionnaire"
    /// Row id.
    public var id: Int64?
    /// Questionnaire id (`od4growth`).
    public var code: String
    /// Questionnaire version.
    public var version: String
    /// SHA-256 of `content`, hexadecimal.
    public var sha256: String
    /// The file's text.
    public var content: String
    /// When it was stored (ISO 8601).
    public var storedAt: String

    enum CodingKeys: String, CodingKey {
        case id, code, version, sha256, content
        case storedAt = "stored_at"
    }

    /// Keeps the row id after insertion.
    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

/// A campaign: a named diagnostic round with its questionnaire.
public struct CampaignRecord: Codable, FetchableRecord, MutablePersistableRecord, Sendable, Hashable {
    /// Table name.
    public static let databaseTableName = "campaign"
    /// Row id.
    public var id: Int64?
    /// Unique name, e.g. `grand-est-2025`.
    public var name: String
    /// Free period label, e.g. `2025-S1`.
    public var period: String?
    /// The questionnaire row.
    public var questionnaireID: Int64
    /// When it was created (ISO 8601).
    public var createdAt: String

    enum CodingKeys: String, CodingKey {
        case id, name, period
        case questionnaireID = "questionnaire_id"
        case createdAt = "created_at"
    }

    /// Keeps the row id after insertion.
    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}
