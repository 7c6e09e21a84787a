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
    public let result: RespondentResult
    /// `result`'s dimensions and questions in their stored form (`ResultPacking`), packed on the
    /// thread that scored them rather than on the one that writes to SQLite.
    /// `nil` when a value does not fit the stored form: storing the entry is then refused.
    let packedDimensions: Data?
    /// `nil` when a value does not fit the stored form: storing the entry is then refused.
    let packedQuestions: Data?
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
        packedDimensions = ResultPacking.pack(result.dimensions)
        packedQuestions = ResultPacking.pack(result.questions)
        targets = response.targets
        followedActions = response.followedActions
    }

    /// An entry from its parts, for a store that receives responses already checked and scored;
    /// the results are packed here, as for the other entries.
    public init(
        identity: RespondentIdentity, profileJSON: String, answersJSON: String, source: String, result: RespondentResult,
        targets: [String: String] = [:], followedActions: [String] = []
    ) {
        self.identity = identity
        self.profileJSON = profileJSON
        self.answersJSON = answersJSON
        self.source = source
        self.result = result
        packedDimensions = ResultPacking.pack(result.dimensions)
        packedQuestions = ResultPacking.pack(result.questions)
        self.targets = targets
        self.followedActions = followedActions
    }

    /// Builds the entry of a row the compiled import path checked (`PositionalResponse`), with its
    /// result (`Scorer.result`): the same entry as for the same answers checked and scored one by one.
    /// `json` holds the questionnaire's JSON fragments, worked out once per import.
    public init(
        response: PositionalResponse, identity: RespondentIdentity, result: RespondentResult, questionnaire: Questionnaire,
        json: CompiledJSON, source: String
    ) {
        self.identity = identity
        profileJSON = json.profile(response.profile)
        // Every answer of a clean response is to a question asked, so the score card would list them all, in this order.
        answersJSON = json.answers(response, result: result, questionnaire: questionnaire)
        self.source = source
        self.result = result
        packedDimensions = ResultPacking.pack(result.dimensions)
        packedQuestions = ResultPacking.pack(result.questions)
        targets = [:]
        followedActions = []
    }
}

/// Writes the respondents of one import into one campaign, inside the import's single transaction.
public final class ImportSession: ImportBatch {
    let db: Database
    let campaignID: Int64
    let now: String
    /// The database file, for messages.
    let path: String?
    /// Organisations already in the database, by key: read once, so that storing a respondent
    /// never asks SQLite whether its organisation exists.
    private var known: [String: Int64] = [:]
    /// Organisations written by this import, by key.
    private var organisations: [String: Int64] = [:]
    private var existing: [String: Int64] = [:]
    /// Respondents added to the campaign.
    public private(set) var inserted = 0
    /// Respondents already in the campaign, replaced by their new answers.
    public private(set) var updated = 0

    /// A session storing into campaign `campaignID`; with `only`, it stores that one respondent and
    /// looks up only their own rows (a web save), not the whole campaign's (an import).
    init(db: Database, campaignID: Int64, now: String, path: String?, only: RespondentIdentity? = nil) throws {
        self.db = db
        self.campaignID = campaignID
        self.now = now
        self.path = path
        // Cached: a server runs the same two lookups on every save.
        let rows = try Row.fetchCursor(
            db.cachedStatement(
                sql: """
                    SELECT r.id, o.key, r.respondent_key FROM response r JOIN organisation o ON o.id = r.organisation_id
                    WHERE r.campaign_id = ?\(only == nil ? "" : " AND o.key = ? AND r.respondent_key = ?")
                    """),
            arguments: only.map { [campaignID, $0.organisationKey, $0.respondentKey] } ?? [campaignID])
        while let row = try rows.next() {
            let key: String = try row.value(at: 1, "organisation.key", of: "response", path: path)
            let respondent: String = try row.value(at: 2, "respondent_key", of: "response", path: path)
            existing[key + "\u{1F}" + respondent] = try row.value(at: 0, "id", of: "response", path: path)
        }
        let organisationRows = try Row.fetchCursor(
            db.cachedStatement(sql: "SELECT id, key FROM organisation" + (only == nil ? "" : " WHERE key = ?")),
            arguments: only.map { [$0.organisationKey] } ?? [])
        while let row = try organisationRows.next() {
            known[try row.value(at: 1, "key", of: "organisation", path: path)] = try row.value(
                at: 0, "id", of: "organisation", path: path)
        }
    }

    /// The statements a respondent may run.
    private enum Kind {
        case insertResponse, updateResponse, storeScore, insertOrganisation, updateOrganisation

        var sql: String {
            switch self {
            case .insertResponse:
                """
                INSERT INTO response (respondent_name, email, role, viewpoint, typology, population, agents, departement,
                    profile, answers, source, imported_at, campaign_id, organisation_id, respondent_key)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
            case .updateResponse:
                """
                UPDATE response SET respondent_name = ?, email = ?, role = ?, viewpoint = ?, typology = ?, population = ?,
                    agents = ?, departement = ?, profile = ?, answers = ?, source = ?, imported_at = ? WHERE id = ?
                """
            case .storeScore:
                """
                INSERT OR REPLACE INTO response_score (response_id, overall, overall_level, answered, asked, dimensions, questions)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """
            case .insertOrganisation:
                """
                INSERT INTO organisation (key, name, code, typology, population, agents, departement)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """
            case .updateOrganisation:
                """
                UPDATE organisation SET name = ?, code = ?, typology = ?, population = coalesce(?, population),
                    agents = coalesce(?, agents), departement = coalesce(?, departement)
                WHERE id = ?
                """
            }
        }
    }

    /// The statements run so far, each prepared the first time it is needed (a web save, which
    /// stores one respondent, prepares two or three of the five), finalized by `close()`.
    private var statements: [Kind: RawStatement] = [:]

    /// Finalizes the prepared statements; the session stores nothing more.
    func close() {
        statements = [:]
    }

    private func statement(_ kind: Kind) throws -> RawStatement {
        if let statement = statements[kind] { return statement }
        let made = try RawStatement(db, sql: kind.sql)
        statements[kind] = made
        return made
    }

    /// Stores one respondent, replacing the same respondent's earlier answers in this campaign.
    public func store(_ entry: ImportEntry) throws {
        guard let packedDimensions = entry.packedDimensions, let packedQuestions = entry.packedQuestions else {
            throw StoreError(.resultTooLarge(source: entry.source), path: path)
        }
        let identity = entry.identity
        let organisationID = try organisation(identity)
        if !entry.targets.isEmpty || !entry.followedActions.isEmpty { try storePlan(entry, organisationID: organisationID) }
        let key = identity.combinedKey
        let existingID = existing[key]
        let statement = try self.statement(existingID == nil ? .insertResponse : .updateResponse)
        statement.bind(1, identity.respondentName)
        statement.bind(2, identity.email)
        statement.bind(3, identity.role)
        statement.bind(4, identity.viewpoint)
        statement.bind(5, identity.typology)
        statement.bind(6, identity.population)
        statement.bind(7, identity.agents)
        statement.bind(8, identity.departement)
        statement.bind(9, entry.profileJSON)
        statement.bind(10, entry.answersJSON)
        statement.bind(11, entry.source)
        statement.bind(12, now)
        let responseID: Int64
        if let id = existingID {
            statement.bind(13, id)
            try statement.execute()
            responseID = id
            updated += 1
        } else {
            statement.bind(13, campaignID)
            statement.bind(14, organisationID)
            statement.bind(15, identity.respondentKey)
            try statement.execute()
            responseID = db.lastInsertedRowID
            existing[key] = responseID
            inserted += 1
        }
        let result = entry.result
        let score = try self.statement(.storeScore)
        score.bind(1, responseID)
        score.bind(2, result.overall)
        score.bind(3, result.overallLevel)
        score.bind(4, Int64(result.answered))
        score.bind(5, Int64(result.asked))
        score.bind(6, packedDimensions)
        score.bind(7, packedQuestions)
        try score.execute()
    }

    /// The id of the respondent's organisation: added when new; otherwise brought up to date the
    /// first time this import meets it (name, code and typology as given; population, agents and
    /// département kept when the respondent leaves them out).
    private func organisation(_ identity: RespondentIdentity) throws -> Int64 {
        if let id = organisations[identity.organisationKey] {
            return id
        }
        let id: Int64
        if let existing = known[identity.organisationKey] {
            let update = try statement(.updateOrganisation)
            bindOrganisation(identity, to: update, from: 1)
            update.bind(7, existing)
            try update.execute()
            id = existing
        } else {
            let insert = try statement(.insertOrganisation)
            insert.bind(1, identity.organisationKey)
            bindOrganisation(identity, to: insert, from: 2)
            try insert.execute()
            id = db.lastInsertedRowID
        }
        organisations[identity.organisationKey] = id
        return id
    }

    /// Binds the organisation's name, code, typology, population, agents and département, in that
    /// order, from parameter `first`.
    private func bindOrganisation(_ identity: RespondentIdentity, to statement: RawStatement, from first: Int32) {
        statement.bind(first, identity.organisationName)
        statement.bind(first + 1, identity.code)
        statement.bind(first + 2, identity.typology)
        statement.bind(first + 3, identity.population)
        statement.bind(first + 4, identity.agents)
        statement.bind(first + 5, identity.departement)
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
        now: Date, body: (any ImportBatch) throws -> Bool
    ) throws -> ImportOutcome {
        let timestamp = ISO8601DateFormatter().string(from: now)
        var outcome = ImportOutcome(inserted: 0, updated: 0, committed: false)
        // The first import into a new database holds no campaign anyone reads yet: it goes through
        // the rollback journal, which writes each page once (WAL writes it to the log, then again
        // into the file: a second for 100,000 responses); the file is in WAL mode once it holds data.
        // A server's database (concurrent readers) stays in WAL mode: its readers need it.
        let pooled = writer is DatabasePool
        let fresh =
            try !pooled && campaigns().isEmpty && (try? read { db in try OrganisationRecord.fetchCount(db) }) == 0
        try prepareForWriting(journal: fresh ? "DELETE" : "WAL")
        defer { if fresh { try? setJournal("WAL") } }
        do {
            // IMMEDIATE: the write lock is taken (or waited for) before any work, so a second
            // writer waits at the start instead of failing after reading the whole file.
            try writer.writeWithoutTransaction { db in
                try db.inTransaction(.immediate) {
                    if let path { WriterNote.write(for: path, activity: Self.activity) }
                    defer { if let path { WriterNote.remove(for: path) } }
                    let campaignID = try campaign(
                        db, name: name, period: period, questionnaire: questionnaire, questionnaireText: questionnaireText,
                        now: timestamp)
                    let session = try ImportSession(db: db, campaignID: campaignID, now: timestamp, path: path)
                    defer { session.close() }
                    let commit = try body(session)
                    outcome = ImportOutcome(inserted: session.inserted, updated: session.updated, committed: commit)
                    return commit ? .commit : .rollback
                }
            }
        } catch let error as StoreError {
            throw error
        } catch let error as DatabaseError {
            throw StoreError(Self.reason(error, path: path, wait: wait), path: path)
        }
        return outcome
    }
}
