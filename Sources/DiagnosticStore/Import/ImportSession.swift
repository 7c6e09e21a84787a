import DiagnosticCore
import Foundation
import GRDB

/// One respondent to store: who, what they answered (as JSON), where it came from, and its scores.
public struct ImportEntry: Sendable {
    /// Organisation and respondent.
    public var identity: RespondentIdentity
    /// Profile values as JSON.
    public var profileJSON: String
    /// Answers as JSON.
    public var answersJSON: String
    /// Where it came from, e.g. `export.csv:12`.
    public var source: String
    /// Scores.
    public var result: RespondentResult
    /// Target levels the response file sets for its organisation (dimension → level).
    public var targets: [String: String]
    /// Support actions the response file says were followed.
    public var followedActions: [String]

    /// Builds the entry of a checked, scored response.
    public init(response: Response, identity: RespondentIdentity, card: ScoreCard, questionnaire: Questionnaire, source: String) {
        self.identity = identity
        profileJSON = JSONText.profile(response.profile)
        answersJSON = JSONText.answers(card.questions.lazy.compactMap { score in score.answer.map { (score.id, $0) } })
        self.source = source
        result = RespondentResult(card: card, questionnaire: questionnaire)
        targets = response.targets
        followedActions = response.followedActions
    }
}

/// Writes the respondents of one import into one campaign, inside the import's single transaction.
public final class ImportSession {
    let db: Database
    let campaignID: Int64
    let now: String
    private var organisations: [String: Int64] = [:]
    private var existing: [String: Int64] = [:]
    /// Respondents added to the campaign.
    public private(set) var inserted = 0
    /// Respondents already in the campaign, replaced by their new answers.
    public private(set) var updated = 0

    init(db: Database, campaignID: Int64, now: String) throws {
        self.db = db
        self.campaignID = campaignID
        self.now = now
        let rows = try Row.fetchCursor(
            db,
            sql: """
                SELECT r.id, o.key, r.respondent_key FROM response r JOIN organisation o ON o.id = r.organisation_id
                WHERE r.campaign_id = ?
                """, arguments: [campaignID])
        while let row = try rows.next() {
            let key: String = row[1]
            let respondent: String = row[2]
            existing[key + "\u{1F}" + respondent] = row[0]
        }
    }

    /// Stores one respondent, replacing the same respondent's earlier answers in this campaign.
    public func store(_ entry: ImportEntry) throws {
        let identity = entry.identity
        let organisationID = try organisation(identity)
        if !entry.targets.isEmpty || !entry.followedActions.isEmpty { try storePlan(entry, organisationID: organisationID) }
        let key = identity.organisationKey + "\u{1F}" + identity.respondentKey
        let responseArguments: StatementArguments = [
            identity.respondentName, identity.email, identity.role, identity.viewpoint, identity.typology,
            identity.population, identity.agents, identity.departement, entry.profileJSON, entry.answersJSON,
            entry.source, now,
        ]
        let responseID: Int64
        if let id = existing[key] {
            let update = try db.cachedStatement(
                sql: """
                    UPDATE response SET respondent_name = ?, email = ?, role = ?, viewpoint = ?, typology = ?, population = ?,
                        agents = ?, departement = ?, profile = ?, answers = ?, source = ?, imported_at = ? WHERE id = ?
                    """)
            update.setUncheckedArguments(responseArguments + [id])
            try update.execute()
            responseID = id
            updated += 1
        } else {
            let insert = try db.cachedStatement(
                sql: """
                    INSERT INTO response (respondent_name, email, role, viewpoint, typology, population, agents, departement,
                        profile, answers, source, imported_at, campaign_id, organisation_id, respondent_key)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """)
            insert.setUncheckedArguments(responseArguments + [campaignID, organisationID, identity.respondentKey])
            try insert.execute()
            responseID = db.lastInsertedRowID
            existing[key] = responseID
            inserted += 1
        }
        let result = entry.result
        let score = try db.cachedStatement(
            sql: """
                INSERT OR REPLACE INTO response_score (response_id, overall, overall_level, answered, asked, dimensions, questions)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """)
        // The arguments are ours and match the statement: GRDB's per-call checks can be skipped.
        score.setUncheckedArguments([
            responseID, result.overall, result.overallLevel, result.answered, result.asked,
            ResultPacking.pack(result.dimensions), ResultPacking.pack(result.questions),
        ])
        try score.execute()
    }

    private func organisation(_ identity: RespondentIdentity) throws -> Int64 {
        if let id = organisations[identity.organisationKey] {
            return id
        }
        let statement = try db.cachedStatement(
            sql: """
                INSERT INTO organisation (key, name, code, typology, population, agents, departement) VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (key) DO UPDATE SET name = excluded.name, code = excluded.code, typology = excluded.typology,
                    population = coalesce(excluded.population, population), agents = coalesce(excluded.agents, agents),
                    departement = coalesce(excluded.departement, departement)
                RETURNING id
                """)
        let id =
            try Int64.fetchOne(
                statement,
                arguments: [
                    identity.organisationKey, identity.organisationName, identity.code, identity.typology,
                    identity.population, identity.agents, identity.departement,
                ]) ?? 0
        organisations[identity.organisationKey] = id
        return id
    }
}

/// What an import did.
public struct ImportOutcome: Sendable, Hashable {
    /// Creates an outcome.
    public init(inserted: Int, updated: Int, committed: Bool) {
        self.inserted = inserted
        self.updated = updated
        self.committed = committed
    }

    /// Respondents added.
    public var inserted: Int
    /// Respondents replaced.
    public var updated: Int
    /// Whether the transaction was committed (false for a dry run or after an error).
    public var committed: Bool
}

extension CampaignDatabase {
    /// Runs an import into campaign `name` (created with `questionnaireText` if new) in one transaction.
    ///
    /// `body` stores entries through the session and returns whether to commit; a dry run or an
    /// error leaves the database exactly as it was.
    public func importing(
        campaign name: String, period: String?, questionnaire: Questionnaire, questionnaireText: String,
        now: Date = Date(), body: (ImportSession) throws -> Bool
    ) throws -> ImportOutcome {
        let timestamp = ISO8601DateFormatter().string(from: now)
        var outcome = ImportOutcome(inserted: 0, updated: 0, committed: false)
        do {
            try writer.inTransaction { db in
                let campaignID = try campaign(
                    db, name: name, period: period, questionnaire: questionnaire, questionnaireText: questionnaireText,
                    now: timestamp)
                let session = try ImportSession(db: db, campaignID: campaignID, now: timestamp)
                let commit = try body(session)
                outcome = ImportOutcome(inserted: session.inserted, updated: session.updated, committed: commit)
                return commit ? .commit : .rollback
            }
        } catch let error as StoreError {
            throw error
        } catch let error as DatabaseError {
            throw StoreError(Self.reason(error), path: path)
        }
        return outcome
    }
}
