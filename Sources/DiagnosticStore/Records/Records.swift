import Foundation
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

    /// The table's columns, for queries.
    public enum Columns {
        /// Row id.
        public static let id = Column(CodingKeys.id)
        /// Questionnaire id.
        public static let code = Column(CodingKeys.code)
        /// Questionnaire version.
        public static let version = Column(CodingKeys.version)
        /// SHA-256 of the text.
        public static let sha256 = Column(CodingKeys.sha256)
        /// The text.
        public static let content = Column(CodingKeys.content)
        /// When it was stored.
        public static let storedAt = Column(CodingKeys.storedAt)
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

    /// The table's columns, for queries.
    public enum Columns {
        /// Row id.
        public static let id = Column(CodingKeys.id)
        /// Unique name.
        public static let name = Column(CodingKeys.name)
        /// Period label.
        public static let period = Column(CodingKeys.period)
        /// The questionnaire row.
        public static let questionnaireID = Column(CodingKeys.questionnaireID)
        /// When it was created.
        public static let createdAt = Column(CodingKeys.createdAt)
    }

    /// Keeps the row id after insertion.
    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

/// An organisation: one row per organisation key, across campaigns, as its latest import named it.
public struct OrganisationRecord: Codable, FetchableRecord, MutablePersistableRecord, Sendable, Hashable {
    /// Table name.
    public static let databaseTableName = "organisation"
    /// Row id.
    public var id: Int64?
    /// Unique key (`RespondentIdentity.organisationKey`).
    public var key: String
    /// Name.
    public var name: String
    /// Official code (SIREN), when known.
    public var code: String?
    /// Typology id.
    public var typology: String
    /// Inhabitants.
    public var population: Double?
    /// Staff.
    public var agents: Double?
    /// Département code.
    public var departement: String?

    /// The table's columns, for queries.
    public enum Columns {
        /// Row id.
        public static let id = Column(CodingKeys.id)
        /// Unique key.
        public static let key = Column(CodingKeys.key)
        /// Name.
        public static let name = Column(CodingKeys.name)
        /// Official code.
        public static let code = Column(CodingKeys.code)
        /// Typology id.
        public static let typology = Column(CodingKeys.typology)
        /// Inhabitants.
        public static let population = Column(CodingKeys.population)
        /// Staff.
        public static let agents = Column(CodingKeys.agents)
        /// Département code.
        public static let departement = Column(CodingKeys.departement)
    }

    /// Keeps the row id after insertion.
    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

/// One respondent's response in a campaign: who, their profile and answers as JSON, and where it came from.
public struct ResponseRecord: Codable, FetchableRecord, MutablePersistableRecord, Sendable, Hashable {
    /// Table name.
    public static let databaseTableName = "response"
    /// Row id.
    public var id: Int64?
    /// The campaign row.
    public var campaignID: Int64
    /// The organisation row.
    public var organisationID: Int64
    /// Respondent key, unique within the organisation and campaign.
    public var respondentKey: String
    /// Respondent's name, when given.
    public var respondentName: String?
    /// Respondent's e-mail, when given.
    public var email: String?
    /// Role, when given.
    public var role: String?
    /// Viewpoint, when given.
    public var viewpoint: String?
    /// Typology id.
    public var typology: String
    /// Inhabitants.
    public var population: Double?
    /// Staff.
    public var agents: Double?
    /// Département code.
    public var departement: String?
    /// Profile values as JSON.
    public var profile: String
    /// Answers as JSON.
    public var answers: String
    /// The file (and row) the response came from.
    public var source: String
    /// When it was imported (ISO 8601).
    public var importedAt: String

    enum CodingKeys: String, CodingKey {
        case id, email, role, viewpoint, typology, population, agents, departement, profile, answers, source
        case campaignID = "campaign_id"
        case organisationID = "organisation_id"
        case respondentKey = "respondent_key"
        case respondentName = "respondent_name"
        case importedAt = "imported_at"
    }

    /// The table's columns, for queries.
    public enum Columns {
        /// Row id.
        public static let id = Column(CodingKeys.id)
        /// The campaign row.
        public static let campaignID = Column(CodingKeys.campaignID)
        /// The organisation row.
        public static let organisationID = Column(CodingKeys.organisationID)
        /// Respondent key.
        public static let respondentKey = Column(CodingKeys.respondentKey)
        /// Role.
        public static let role = Column(CodingKeys.role)
        /// Typology id.
        public static let typology = Column(CodingKeys.typology)
        /// Département code.
        public static let departement = Column(CodingKeys.departement)
        /// Profile values as JSON.
        public static let profile = Column(CodingKeys.profile)
        /// Answers as JSON.
        public static let answers = Column(CodingKeys.answers)
        /// Where it came from.
        public static let source = Column(CodingKeys.source)
    }

    /// Keeps the row id after insertion.
    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

/// A response's results, as scored when it was imported; `dimensions` and `questions` are packed
/// (`ResultPacking`).
public struct ResponseScoreRecord: Codable, FetchableRecord, PersistableRecord, Sendable, Hashable {
    /// Table name.
    public static let databaseTableName = "response_score"
    /// The response row.
    public var responseID: Int64
    /// Overall score, 0 to 100, when scored.
    public var overall: Double?
    /// Overall level id, when scored.
    public var overallLevel: String?
    /// Questions answered.
    public var answered: Int
    /// Questions asked.
    public var asked: Int
    /// Packed dimension results.
    public var dimensions: Data
    /// Packed question results.
    public var questions: Data

    enum CodingKeys: String, CodingKey {
        case overall, answered, asked, dimensions, questions
        case responseID = "response_id"
        case overallLevel = "overall_level"
    }

    /// The table's columns, for queries.
    public enum Columns {
        /// The response row.
        public static let responseID = Column(CodingKeys.responseID)
        /// Overall score.
        public static let overall = Column(CodingKeys.overall)
        /// Overall level id.
        public static let overallLevel = Column(CodingKeys.overallLevel)
        /// Questions answered.
        public static let answered = Column(CodingKeys.answered)
        /// Questions asked.
        public static let asked = Column(CodingKeys.asked)
        /// Packed dimension results.
        public static let dimensions = Column(CodingKeys.dimensions)
        /// Packed question results.
        public static let questions = Column(CodingKeys.questions)
    }
}

/// A target level an organisation set for one dimension.
public struct TargetRecord: Codable, FetchableRecord, PersistableRecord, Sendable, Hashable {
    /// Table name.
    public static let databaseTableName = "target"
    /// The organisation row.
    public var organisationID: Int64
    /// Dimension id.
    public var dimension: String
    /// Level id.
    public var level: String
    /// When it was set (ISO 8601).
    public var setAt: String
    /// Who set it: a command or a response file.
    public var source: String

    enum CodingKeys: String, CodingKey {
        case dimension, level, source
        case organisationID = "organisation_id"
        case setAt = "set_at"
    }

    /// The table's columns, for queries.
    public enum Columns {
        /// The organisation row.
        public static let organisationID = Column(CodingKeys.organisationID)
        /// Dimension id.
        public static let dimension = Column(CodingKeys.dimension)
        /// Level id.
        public static let level = Column(CodingKeys.level)
        /// When it was set.
        public static let setAt = Column(CodingKeys.setAt)
        /// Who set it.
        public static let source = Column(CodingKeys.source)
    }
}

/// A support action an organisation follows already.
public struct FollowedActionRecord: Codable, FetchableRecord, PersistableRecord, Sendable, Hashable {
    /// Table name.
    public static let databaseTableName = "followed_action"
    /// The organisation row.
    public var organisationID: Int64
    /// Action id.
    public var action: String
    /// When it was recorded (ISO 8601).
    public var recordedAt: String
    /// Who recorded it: a command or a response file.
    public var source: String

    enum CodingKeys: String, CodingKey {
        case action, source
        case organisationID = "organisation_id"
        case recordedAt = "recorded_at"
    }

    /// The table's columns, for queries.
    public enum Columns {
        /// The organisation row.
        public static let organisationID = Column(CodingKeys.organisationID)
        /// Action id.
        public static let action = Column(CodingKeys.action)
        /// When it was recorded.
        public static let recordedAt = Column(CodingKeys.recordedAt)
        /// Who recorded it.
        public static let source = Column(CodingKeys.source)
    }
}
