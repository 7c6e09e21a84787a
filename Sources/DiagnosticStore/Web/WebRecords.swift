import Foundation
import GRDB

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An advisor's account, as the web console reads it.
public struct Advisor: Sendable, Hashable {
    /// Row id.
    public var id: Int64
    /// Login name.
    public var name: String
    /// The password's bcrypt hash.
    public var passwordHash: String
    /// `advisor` (sees every campaign) or `admin` (the same for now; accounts are managed with `od4g user`).
    public var role: String
}

extension CampaignDatabase {
    // MARK: Opening and closing campaigns

    /// Closes (`closed: true`) or opens campaign `name` again; a closed campaign's answers no
    /// longer change (web saves and imports are refused). Returns the campaign as it now is.
    public func setCampaign(_ name: String, closed: Bool, now: Date) throws(StoreError) -> CampaignInfo {
        let (info, _) = try campaign(named: name)
        try write { db in
            if closed {
                try db.execute(
                    sql: "UPDATE campaign SET closed_at = ? WHERE id = ? AND closed_at IS NULL",
                    arguments: [Self.isoTime(now), info.id])
            } else {
                try db.execute(sql: "UPDATE campaign SET closed_at = NULL WHERE id = ?", arguments: [info.id])
            }
        }
        return try campaign(named: name).campaign
    }

    // MARK: What respondents did with their links

    /// Revokes invitation `id` (its answers stay); `nil` when there is no such invitation.
    @discardableResult
    public func revokeInvitation(id: Int64, now: Date) throws(StoreError) -> StoredInvitation? {
        let timestamp = Self.isoTime(now)
        return try write { db in
            try db.execute(
                sql: "UPDATE invitation SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL", arguments: [timestamp, id])
            return try InvitationRecord.fetchOne(db, key: id)?.stored
        }
    }

    /// Stores a respondent's answers given through invitation `invitation` (replacing their earlier
    /// ones) and notes the save, and the submission when `submitted`, in one transaction that looks
    /// up this respondent's rows only: a save costs the same in a campaign of ten or of a hundred
    /// thousand responses. Refused when the campaign is closed.
    public func storeWebSave(
        _ entry: ImportEntry, campaign: CampaignInfo, invitation: Int64, submitted: Bool, now: Date
    ) throws(StoreError) -> InvitationProgress? {
        let timestamp = Self.isoTime(now)
        let precise = Self.isoTime(now, precise: true)
        return try write(note: false) { db in
            guard
                let row = try Row.fetchOne(
                    db.cachedStatement(sql: "SELECT closed_at FROM campaign WHERE id = ?"), arguments: [campaign.id])
            else { throw StoreError(.unknownCampaign(campaign.name, known: []), path: path) }
            let closed: String? = try row.value("closed_at", of: "campaign", path: path)
            guard closed == nil else { throw StoreError(.campaignClosed(campaign.name), path: path) }
            let session = try ImportSession(db: db, campaignID: campaign.id, now: timestamp, path: path, only: entry.identity)
            defer { session.close() }
            try session.store(entry)
            // Statements cached on the writer's connection: compiling them was a third of a save's work.
            try db.cachedStatement(
                sql: """
                    UPDATE invitation SET first_saved_at = coalesce(first_saved_at, ?1), saved_at = ?1,
                        submitted_at = CASE WHEN ?2 THEN ?1 ELSE submitted_at END,
                        version = version + (CASE WHEN ?2 THEN 1 ELSE 0 END)
                    WHERE id = ?3
                    """
            ).execute(arguments: [precise, submitted, invitation])
            return try InvitationRecord.fetchOne(
                db.cachedStatement(sql: "SELECT * FROM invitation WHERE id = ?"), arguments: [invitation])?.stored.progress
        }
    }

    /// The invitation of row `id`.
    public func invitation(id: Int64) throws(StoreError) -> StoredInvitation? {
        try read { db in try InvitationRecord.fetchOne(db, key: id)?.stored }
    }

    /// Re-sends invitation `id`: revokes it (if it is not already) and makes a new one for the same
    /// organisation and respondent, with `token`; their answers stay theirs (the same identity).
    /// `nil` when there is no such invitation.
    public func resendInvitation(id: Int64, token: String, now: Date) throws(StoreError) -> StoredInvitation? {
        let timestamp = Self.isoTime(now)
        return try write { db in
            guard var old = try InvitationRecord.fetchOne(db, key: id) else { return nil }
            if let closed = try String.fetchOne(
                db, sql: "SELECT name FROM campaign WHERE id = ? AND closed_at IS NOT NULL", arguments: [old.campaignID])
            {
                throw StoreError(.campaignClosed(closed), path: path)
            }
            var new = old
            new.id = nil
            new.tokenSHA256 = InvitationToken.hash(token)
            new.createdAt = timestamp
            new.revokedAt = nil
            new.replacedBy = nil
            try new.insert(db)
            old.revokedAt = old.revokedAt ?? timestamp
            old.replacedBy = new.id
            try old.update(db)
            return new.stored
        }
    }

    /// `date` in UTC as ISO 8601 (`2026-12-02T19:38:53Z`, with milliseconds when `precise`),
    /// written by hand: an `ISO8601DateFormatter` made per request cost a tenth of a web save.
    static func isoTime(_ date: Date, precise: Bool = false) -> String {
        // Milliseconds rounded, as Foundation's formatter does (0.123 is 0.12299… in binary).
        let milliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded())
        var seconds = time_t(milliseconds >= 0 ? milliseconds / 1000 : (milliseconds - 999) / 1000)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        var text = "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))T"
        text += "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec))"
        if precise {
            let fraction = String(milliseconds - Int64(seconds) * 1000)
            text += "." + String(repeating: "0", count: 3 - fraction.count) + fraction
        }
        return text + "Z"
    }

    // MARK: Advisors' accounts and sessions

    /// Adds an advisor's account with a password hash already made (bcrypt).
    public func addAdvisor(name: String, passwordHash: String, role: String, now: Date) throws(StoreError) {
        try write { db in
            guard try Int.fetchOne(db, sql: "SELECT count(*) FROM advisor WHERE name = ?", arguments: [name]) == 0 else {
                throw StoreError(.advisorExists(name), path: path)
            }
            try db.execute(
                sql: "INSERT INTO advisor (name, password_hash, role, created_at) VALUES (?, ?, ?, ?)",
                arguments: [name, passwordHash, role, Self.isoTime(now)])
        }
    }

    /// Replaces advisor `name`'s password hash and ends their sessions.
    public func setAdvisorPassword(name: String, passwordHash: String) throws(StoreError) {
        try write { db in
            guard let id = try Int64.fetchOne(db, sql: "SELECT id FROM advisor WHERE name = ?", arguments: [name]) else {
                throw StoreError(.unknownAdvisor(name), path: path)
            }
            try db.execute(sql: "UPDATE advisor SET password_hash = ? WHERE id = ?", arguments: [passwordHash, id])
            try db.execute(sql: "DELETE FROM advisor_session WHERE advisor_id = ?", arguments: [id])
        }
    }

    /// The account called `name`, if there is one.
    public func advisor(named name: String) throws(StoreError) -> Advisor? {
        try read { db in
            try Row.fetchOne(db, sql: "SELECT id, name, password_hash, role FROM advisor WHERE name = ?", arguments: [name])
                .map { row throws(StoreError) in try advisor(row) }
        }
    }

    /// Every account, by name.
    public func advisors() throws(StoreError) -> [Advisor] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT id, name, password_hash, role FROM advisor ORDER BY name").map {
                row throws(StoreError) in try advisor(row)
            }
        }
    }

    private func advisor(_ row: Row) throws(StoreError) -> Advisor {
        Advisor(
            id: try row.value("id", of: "advisor", path: path), name: try row.value("name", of: "advisor", path: path),
            passwordHash: try row.value("password_hash", of: "advisor", path: path),
            role: try row.value("role", of: "advisor", path: path))
    }

    /// Opens a session for advisor `id` under `token` (only its hash is kept), until `expires`.
    public func openSession(token: String, advisor id: Int64, now: Date, expires: Date) throws(StoreError) {
        // Written as `session(token:now:)` compares them: the same writer for both.
        let (time, end) = (Self.isoTime(now), Self.isoTime(expires))
        try write(note: false) { db in
            try db.execute(sql: "DELETE FROM advisor_session WHERE expires_at <= ?", arguments: [time])
            try db.execute(
                sql: "INSERT INTO advisor_session (token_sha256, advisor_id, created_at, expires_at) VALUES (?, ?, ?, ?)",
                arguments: [InvitationToken.hash(token), id, time, end])
        }
    }

    /// The advisor whose session `token` opens, while it has not expired.
    public func session(token: String, now: Date) throws(StoreError) -> Advisor? {
        guard InvitationToken.isWellFormed(token) else { return nil }
        let time = Self.isoTime(now)
        return try read { db in
            try Row.fetchOne(
                db,
                sql: """
                    SELECT a.id, a.name, a.password_hash, a.role FROM advisor_session s JOIN advisor a ON a.id = s.advisor_id
                    WHERE s.token_sha256 = ? AND s.expires_at > ?
                    """, arguments: [InvitationToken.hash(token), time]
            ).map { row throws(StoreError) in try advisor(row) }
        }
    }

    /// Ends session `token`.
    public func closeSession(token: String) throws(StoreError) {
        try write { db in
            try db.execute(sql: "DELETE FROM advisor_session WHERE token_sha256 = ?", arguments: [InvitationToken.hash(token)])
        }
    }

    /// The server's secret for the forms' anti-forgery tokens: 32 random bytes made once and kept,
    /// so that a page opened before a restart can still be sent after it.
    public func webSecret() throws(StoreError) -> Data {
        if let secret = try read({ db in try Data.fetchOne(db, sql: "SELECT secret FROM web_secret WHERE id = 1") }) {
            return secret
        }
        var generator = SystemRandomNumberGenerator()
        let fresh = Data((0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
        return try write { db in
            try db.execute(sql: "INSERT OR IGNORE INTO web_secret (id, secret) VALUES (1, ?)", arguments: [fresh])
            return try Data.fetchOne(db, sql: "SELECT secret FROM web_secret WHERE id = 1") ?? fresh
        }
    }
}
