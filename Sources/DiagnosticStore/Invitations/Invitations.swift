import Crypto
import DiagnosticCore
import Foundation
import GRDB

/// An invitation as stored: only the token's SHA-256 is kept, so the database never holds a link.
public struct StoredInvitation: Sendable, Hashable {
    /// Row id.
    public var id: Int64
    /// The campaign's row id.
    public var campaignID: Int64
    /// Who is invited.
    public var invitation: Invitation
    /// When it was made (ISO 8601).
    public var createdAt: String
    /// When it was revoked, if it was.
    public var revokedAt: String?
    /// What the respondent did with it: when they first and last saved answers, when they last
    /// submitted, and how many times (the version of their answers).
    public var progress: InvitationProgress
    /// The invitation sent in its place when it was re-sent.
    public var replacedBy: Int64?

    /// Creates a stored invitation.
    public init(
        id: Int64, campaignID: Int64, invitation: Invitation, createdAt: String, revokedAt: String?,
        progress: InvitationProgress = InvitationProgress(), replacedBy: Int64? = nil
    ) {
        self.id = id
        self.campaignID = campaignID
        self.invitation = invitation
        self.createdAt = createdAt
        self.revokedAt = revokedAt
        self.progress = progress
        self.replacedBy = replacedBy
    }
}

/// What a respondent did with their link.
public struct InvitationProgress: Sendable, Hashable {
    /// When answers were first saved (ISO 8601).
    public var firstSavedAt: String?
    /// When answers were last saved.
    public var savedAt: String?
    /// When they were last submitted.
    public var submittedAt: String?
    /// How many times they were submitted: the version of the answers, 0 before the first submission.
    public var version: Int

    /// Creates a progress.
    public init(firstSavedAt: String? = nil, savedAt: String? = nil, submittedAt: String? = nil, version: Int = 0) {
        self.firstSavedAt = firstSavedAt
        self.savedAt = savedAt
        self.submittedAt = submittedAt
        self.version = version
    }

    /// Where the respondent is: not started, started (saved, not submitted since), or submitted.
    public var stage: Stage {
        guard let savedAt else { return .notStarted }
        guard let submittedAt, submittedAt >= savedAt else { return .started }
        return .submitted
    }

    /// Where a respondent is.
    public enum Stage: String, Sendable, Hashable, CaseIterable {
        case notStarted = "not-started"
        case started, submitted
    }
}

/// The secret of a private link: 256 random bits, written in base64url (43 characters).
public enum InvitationToken {
    /// A new token from the system's secure generator.
    public static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    /// What the store keeps and looks up: the token's SHA-256, hexadecimal. Looking a token up by
    /// its hash compares hashes, never the secret itself, so the time taken says nothing of it.
    public static func hash(_ token: String) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var hex: [UInt8] = []
        hex.reserveCapacity(64)
        for byte in SHA256.hash(data: Data(token.utf8)) {
            hex.append(digits[Int(byte >> 4)])
            hex.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: hex, as: UTF8.self)
    }

    /// Whether `text` has a token's form (43 base64url characters), checked before any lookup.
    public static func isWellFormed(_ text: String) -> Bool {
        text.utf8.count == 43
            && text.utf8.allSatisfy { byte in
                (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || byte == 0x2D
                    || byte == 0x5F
            }
    }
}

/// An invitation row.
public struct InvitationRecord: Codable, FetchableRecord, MutablePersistableRecord, Sendable, Hashable {
    /// Table name.
    public static let databaseTableName = "invitation"
    /// Row id.
    public var id: Int64?
    /// The campaign row.
    public var campaignID: Int64
    /// SHA-256 of the link's token (`InvitationToken.hash`).
    public var tokenSHA256: String
    /// Organisation name.
    public var organisation: String
    /// Official code.
    public var code: String?
    /// Typology id.
    public var typology: String
    /// Inhabitants.
    public var population: Double?
    /// Staff.
    public var agents: Double?
    /// Département code.
    public var departement: String?
    /// Where the link is sent.
    public var email: String?
    /// When it was made (ISO 8601).
    public var createdAt: String
    /// When it was revoked (ISO 8601).
    public var revokedAt: String?
    /// When answers were first saved.
    public var firstSavedAt: String?
    /// When answers were last saved.
    public var savedAt: String?
    /// When they were last submitted.
    public var submittedAt: String?
    /// How many times they were submitted.
    public var version: Int = 0
    /// The invitation re-sent in its place.
    public var replacedBy: Int64?

    enum CodingKeys: String, CodingKey {
        case id, organisation, code, typology, population, agents, departement, email, version
        case campaignID = "campaign_id"
        case tokenSHA256 = "token_sha256"
        case createdAt = "created_at"
        case revokedAt = "revoked_at"
        case firstSavedAt = "first_saved_at"
        case savedAt = "saved_at"
        case submittedAt = "submitted_at"
        case replacedBy = "replaced_by"
    }

    /// The table's columns, for queries.
    public enum Columns {
        /// Row id.
        public static let id = Column(CodingKeys.id)
        /// The campaign row.
        public static let campaignID = Column(CodingKeys.campaignID)
        /// SHA-256 of the token.
        public static let tokenSHA256 = Column(CodingKeys.tokenSHA256)
        /// Organisation name.
        public static let organisation = Column(CodingKeys.organisation)
        /// When it was made.
        public static let createdAt = Column(CodingKeys.createdAt)
        /// When it was revoked.
        public static let revokedAt = Column(CodingKeys.revokedAt)
    }

    /// Keeps the row id after insertion.
    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    var stored: StoredInvitation {
        StoredInvitation(
            id: id ?? 0, campaignID: campaignID,
            invitation: Invitation(
                organisation: organisation, code: code, typology: typology, population: population, agents: agents,
                departement: departement, email: email),
            createdAt: createdAt, revokedAt: revokedAt,
            progress: InvitationProgress(
                firstSavedAt: firstSavedAt, savedAt: savedAt, submittedAt: submittedAt, version: version),
            replacedBy: replacedBy)
    }
}

extension CampaignDatabase {
    /// Stores `invitations` with their tokens for campaign `name` (created with `questionnaireText`
    /// if new), in one transaction. Only the tokens' hashes are kept.
    public func invite(
        _ invitations: [(invitation: Invitation, token: String)], campaign name: String, period: String?,
        questionnaire: Questionnaire, questionnaireText: String, now: Date
    ) throws(StoreError) {
        let timestamp = ISO8601DateFormatter().string(from: now)
        try write { db in
            let campaignID = try campaign(
                db, name: name, period: period, questionnaire: questionnaire, questionnaireText: questionnaireText,
                now: timestamp)
            for (invitation, token) in invitations {
                var record = InvitationRecord(
                    id: nil, campaignID: campaignID, tokenSHA256: InvitationToken.hash(token),
                    organisation: invitation.organisation, code: invitation.code, typology: invitation.typology,
                    population: invitation.population, agents: invitation.agents, departement: invitation.departement,
                    email: invitation.email, createdAt: timestamp, revokedAt: nil)
                try record.insert(db)
            }
        }
    }

    /// The invitation a link's token opens, revoked or not; `nil` for a token no invitation has.
    public func invitation(token: String) throws(StoreError) -> StoredInvitation? {
        guard InvitationToken.isWellFormed(token) else { return nil }
        return try read { db in
            // Cached on each reader's connection: every request of a respondent opens their link.
            try InvitationRecord.fetchOne(
                db.cachedStatement(sql: "SELECT * FROM invitation WHERE token_sha256 = ?"),
                arguments: [InvitationToken.hash(token)])?.stored
        }
    }

    /// Revokes the invitation of a link's token (its answers stay); `nil` for a token no invitation has.
    public func revokeInvitation(token: String, now: Date) throws(StoreError) -> StoredInvitation? {
        guard InvitationToken.isWellFormed(token) else { return nil }
        let timestamp = ISO8601DateFormatter().string(from: now)
        return try write { db in
            guard
                var record = try InvitationRecord.filter(InvitationRecord.Columns.tokenSHA256 == InvitationToken.hash(token))
                    .fetchOne(db)
            else { return nil }
            if record.revokedAt == nil {
                record.revokedAt = timestamp
                try record.update(db)
            }
            return record.stored
        }
    }

    /// The invitations of a campaign, in the order they were made.
    public func invitations(campaign: CampaignInfo) throws(StoreError) -> [StoredInvitation] {
        try read { db in
            try InvitationRecord.filter(InvitationRecord.Columns.campaignID == campaign.id)
                .order(InvitationRecord.Columns.id).fetchAll(db).map(\.stored)
        }
    }
}
