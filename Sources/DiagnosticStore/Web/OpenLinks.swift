import DiagnosticCore
import Foundation
import GRDB

/// A campaign's open link: whoever has it states their organisation and gets a private link of
/// their own (an invitation), as if the advisor had invited them. Only the token's SHA-256 is kept.
public struct StoredOpenLink: Sendable, Hashable {
    /// Row id.
    public var id: Int64
    /// The campaign's row id.
    public var campaignID: Int64
    /// When it was made (ISO 8601).
    public var createdAt: String
    /// When it was revoked, if it was.
    public var revokedAt: String?

    /// The link of a row of `SELECT id, campaign_id, created_at, revoked_at FROM open_link`.
    init(row: Row) {
        self.init(id: row[0], campaignID: row[1], createdAt: row[2], revokedAt: row[3])
    }

    init(id: Int64, campaignID: Int64, createdAt: String, revokedAt: String?) {
        self.id = id
        self.campaignID = campaignID
        self.createdAt = createdAt
        self.revokedAt = revokedAt
    }
}

/// Why joining a campaign through its open link was refused.
public enum OpenLinkRefusal: Error, Sendable, Hashable {
    /// The open link was revoked.
    case revoked
    /// The campaign is closed.
    case closed
    /// This organisation already has a respondent with this e-mail (or without one): their answers
    /// are theirs, and a second link would open them.
    case taken
}

extension CampaignDatabase {
    /// Makes an open link for campaign `name`, with `token`.
    public func makeOpenLink(campaign name: String, token: String, now: Date) throws(StoreError) -> StoredOpenLink {
        let (info, _) = try campaign(named: name)
        if info.closedAt != nil { throw StoreError(.campaignClosed(name), path: path) }
        let timestamp = Self.isoTime(now)
        return try write { db in
            try db.execute(
                sql: "INSERT INTO open_link (campaign_id, token_sha256, created_at) VALUES (?, ?, ?)",
                arguments: [info.id, InvitationToken.hash(token), timestamp])
            return StoredOpenLink(id: db.lastInsertedRowID, campaignID: info.id, createdAt: timestamp, revokedAt: nil)
        }
    }

    /// The open link `token` is, revoked or not; `nil` for a token no open link has.
    public func openLink(token: String) throws(StoreError) -> StoredOpenLink? {
        guard InvitationToken.isWellFormed(token) else { return nil }
        return try read { db in
            try Row.fetchOne(
                db, sql: "SELECT id, campaign_id, created_at, revoked_at FROM open_link WHERE token_sha256 = ?",
                arguments: [InvitationToken.hash(token)]
            ).map(StoredOpenLink.init(row:))
        }
    }

    /// The open links of campaign `campaign`, oldest first.
    public func openLinks(campaign: CampaignInfo) throws(StoreError) -> [StoredOpenLink] {
        try read { db in
            try Row.fetchAll(
                db, sql: "SELECT id, campaign_id, created_at, revoked_at FROM open_link WHERE campaign_id = ? ORDER BY id",
                arguments: [campaign.id]
            ).map(StoredOpenLink.init(row:))
        }
    }

    /// Revokes the open link `token` (the invitations made through it stay); `nil` for a token no open link has.
    public func revokeOpenLink(token: String, now: Date) throws(StoreError) -> StoredOpenLink? {
        guard InvitationToken.isWellFormed(token) else { return nil }
        let hash = InvitationToken.hash(token)
        try write { db in
            try db.execute(
                sql: "UPDATE open_link SET revoked_at = ? WHERE token_sha256 = ? AND revoked_at IS NULL",
                arguments: [Self.isoTime(now), hash])
        }
        return try openLink(token: token)
    }

    /// Makes an invitation with `token` for `invitation` through open link `link`, unless the link
    /// or its campaign no longer takes any, or `identity` (the organisation and respondent keys an
    /// invitation answers as) finds this respondent already invited or already answering in the
    /// campaign. Checked and written in one transaction.
    public func join(
        _ link: StoredOpenLink, as invitation: Invitation, token: String, now: Date,
        identity: (Invitation) -> (organisation: String, respondent: String)?
    ) throws(StoreError) -> Result<StoredInvitation, OpenLinkRefusal> {
        let timestamp = Self.isoTime(now)
        let wanted = identity(invitation)
        return try write { db in
            guard
                let row = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT l.revoked_at, c.closed_at FROM open_link l JOIN campaign c ON c.id = l.campaign_id
                        WHERE l.id = ?
                        """, arguments: [link.id])
            else { return .failure(.revoked) }
            if (row[0] as String?) != nil { return .failure(.revoked) }
            if (row[1] as String?) != nil { return .failure(.closed) }
            if let wanted {
                let answering = try Int.fetchOne(
                    db,
                    sql: """
                        SELECT count(*) FROM response r JOIN organisation o ON o.id = r.organisation_id
                        WHERE r.campaign_id = ? AND o.key = ? AND r.respondent_key = ?
                        """, arguments: [link.campaignID, wanted.organisation, wanted.respondent])
                if (answering ?? 0) > 0 { return .failure(.taken) }
                let invited = try InvitationRecord.filter(InvitationRecord.Columns.campaignID == link.campaignID)
                    .filter(InvitationRecord.Columns.revokedAt == nil).fetchAll(db)
                if invited.contains(where: { record in
                    identity(record.stored.invitation).map { $0 == wanted } ?? false
                }) {
                    return .failure(.taken)
                }
            }
            var record = InvitationRecord(
                id: nil, campaignID: link.campaignID, tokenSHA256: InvitationToken.hash(token),
                organisation: invitation.organisation, code: invitation.code, typology: invitation.typology,
                population: invitation.population, agents: invitation.agents, departement: invitation.departement,
                email: invitation.email, createdAt: timestamp, revokedAt: nil)
            try record.insert(db)
            return .success(record.stored)
        }
    }
}
