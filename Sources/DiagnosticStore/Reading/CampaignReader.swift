import DiagnosticCore
import Foundation
import GRDB

extension CampaignDatabase {
    /// ` AND o.key IN (…)` with its arguments for a few organisations, so reading one organisation
    /// does not scan the whole campaign; nothing for all organisations, or for so many keys that
    /// the callers' own filter is simpler (they filter by key as well).
    static func organisationFilter(_ keys: Set<String>?) -> (sql: String, arguments: StatementArguments, keys: [String]) {
        guard let keys, keys.count <= 500 else { return ("", [], []) }
        let sorted = keys.sorted()
        return (
            " AND o.key IN (" + Array(repeating: "?", count: keys.count).joined(separator: ", ") + ")",
            StatementArguments(sorted), sorted
        )
    }

    /// Calls `body` with the respondents of each organisation of a campaign, one organisation at a
    /// time, in organisation order, so a region's campaign is read without holding it in memory.
    public func forEachOrganisation(
        campaign: CampaignInfo, questionnaire: Questionnaire, only organisationKeys: Set<String>?,
        _ body: ([CampaignEntry]) throws -> Void
    ) throws {
        try forEachBatch(
            campaign: campaign, questionnaire: questionnaire, only: organisationKeys, transform: { $0 },
            { batch in for group in batch { try body(group) } })
    }

    /// Reads organisations in batches and turns each into `T` on every core (decoding the stored
    /// results is most of the work), then hands the batch to `body` in organisation order.
    func forEachBatch<T: Sendable>(
        campaign: CampaignInfo, questionnaire: Questionnaire, only organisationKeys: Set<String>? = nil,
        transform: @escaping @Sendable ([CampaignEntry]) -> T, _ body: ([T]) throws -> Void
    ) throws {
        let dimensionCount = questionnaire.dimensions.count
        let questionCount = questionnaire.questions.count
        let path = self.path
        let filter = Self.organisationFilter(organisationKeys)
        do {
            try writer.read { db in
                // Read through SQLite's C interface: a region's campaign is a hundred thousand rows,
                // and GRDB's rows and conversions cost as much as SQLite's own reading.
                let rows = try RawStatement(
                    db,
                    sql: """
                        SELECT r.id, o.key,
                            -- the name and code as this response gave them: a later campaign may rename the organisation
                            CASE json_type(r.profile, '$.organisation') WHEN 'text' THEN json_extract(r.profile, '$.organisation') ELSE o.name END,
                            CASE json_type(r.profile, '$.code') WHEN 'text' THEN json_extract(r.profile, '$.code') ELSE o.code END,
                            r.typology, r.departement, r.respondent_key, r.role,
                            s.overall, s.overall_level, s.answered, s.asked, s.dimensions, s.questions
                        FROM response r JOIN organisation o ON o.id = r.organisation_id
                        JOIN response_score s ON s.response_id = r.id
                        WHERE r.campaign_id = ?\(filter.sql)
                        ORDER BY r.campaign_id, r.organisation_id, r.respondent_key -- the unique index order: no sort
                        """)
                rows.bind(1, campaign.id)
                for (offset, key) in filter.keys.enumerated() { rows.bind(Int32(offset + 2), key) }
                var groups: [[StoredRow]] = []
                var rowCount = 0
                // A batch is decoded on every core while the next one is read; `body` takes them in order.
                var pending: (done: DispatchGroup, results: Slots<Result<T, StoreError>>)?
                defer { pending?.done.wait() }
                func handOver() throws {
                    guard let (done, results) = pending else { return }
                    done.wait()
                    pending = nil
                    let values = try results.values.map { try $0.get() }
                    try body(values)
                    // The batch is freed on another thread: freeing is a sixth of this thread's work.
                    DispatchQueue.global().async { withExtendedLifetime((values, results)) {} }
                }
                func flush() throws {
                    guard !groups.isEmpty else { return }
                    let batch = groups
                    let results = Slots(count: batch.count, value: Result<T, StoreError>.failure(StoreError(.sqlite(""))))
                    let done = DispatchGroup()
                    DispatchQueue.global().async(group: done) {
                        DispatchQueue.concurrentPerform(iterations: batch.count) { index in
                            do throws(StoreError) {
                                let entries = try batch[index].map {
                                    row throws(StoreError) in
                                    try row.entry(dimensions: dimensionCount, questions: questionCount, path: path)
                                }
                                results[index] = .success(transform(entries))
                            } catch {
                                results[index] = .failure(error)
                            }
                        }
                    }
                    try handOver()
                    pending = (done, results)
                    groups.removeAll(keepingCapacity: true)
                    rowCount = 0
                }
                while try rows.step() {
                    let key = rows.text(1) ?? ""
                    if let only = organisationKeys, !only.contains(key) { continue }
                    let stored = StoredRow(
                        id: rows.int64(0), key: key, name: rows.text(2) ?? "", code: rows.text(3), typology: rows.text(4) ?? "",
                        departement: rows.text(5), respondentKey: rows.text(6) ?? "", role: rows.text(7),
                        overall: rows.double(8), overallLevel: rows.text(9), answered: Int(rows.int64(10)),
                        asked: Int(rows.int64(11)), dimensions: rows.data(12), questions: rows.data(13))
                    if let last = groups.last?.last, last.key == key {
                        groups[groups.count - 1].append(stored)
                    } else {
                        if rowCount >= 512 { try flush() }
                        groups.append([stored])
                    }
                    rowCount += 1
                }
                try flush()
                try handOver()
            }
        } catch let error as StoreError {
            throw error
        } catch let error as DatabaseError {
            throw StoreError(Self.reason(error, path: path, wait: wait), path: path)
        }
    }

    /// The aggregate of a campaign, organisations combined, by `grouping`.
    public func aggregate(
        campaign: CampaignInfo, questionnaire: Questionnaire, grouping: Grouping, minimumGroupSize: Int
    ) throws -> CampaignAggregate {
        var aggregator = CampaignAggregator(questionnaire: questionnaire, grouping: grouping, minimumGroupSize: minimumGroupSize)
        try forEachBatch(campaign: campaign, questionnaire: questionnaire) {
            OrganisationProfile(entries: $0, questionnaire: questionnaire)
        } _: { profiles in
            for profile in profiles { if let profile { aggregator.add(profile) } }
        }
        return aggregator.result()
    }

    /// Every organisation's combined scores, for percentiles.
    public func summaries(campaign: CampaignInfo, questionnaire: Questionnaire) throws -> [OrganisationSummary] {
        var summaries: [OrganisationSummary] = []
        try forEachBatch(campaign: campaign, questionnaire: questionnaire) {
            OrganisationProfile(entries: $0, questionnaire: questionnaire).map(OrganisationSummary.init)
        } _: { batch in
            summaries += batch.compactMap { $0 }
        }
        return summaries
    }

    /// The organisation a user names by official code, key or name (accents and case ignored).
    public func organisationKey(matching text: String, campaign: CampaignInfo) throws(StoreError) -> String {
        let candidates = try read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT DISTINCT o.key, o.name, o.code, o.typology, o.departement FROM organisation o
                    JOIN response r ON r.organisation_id = o.id WHERE r.campaign_id = ? ORDER BY o.name, o.key
                    """, arguments: [campaign.id]
            ).map { row throws(StoreError) in try OrganisationRef(row: row, path: path) }
        }
        return try OrganisationRef.find(text, among: candidates, path: path).key
    }
}

/// One stored respondent as read, before its packed results are decoded.
struct StoredRow: Sendable {
    var id: Int64
    var key: String
    var name: String
    var code: String?
    var typology: String
    var departement: String?
    var respondentKey: String
    var role: String?
    var overall: Double?
    var overallLevel: String?
    var answered: Int
    var asked: Int
    var dimensions: Data
    var questions: Data

    func entry(dimensions dimensionCount: Int, questions questionCount: Int, path: String?) throws(StoreError) -> CampaignEntry {
        // Counts and scores another program could have changed (the schema's checks can be switched off).
        guard answered >= 0, asked >= answered, overall.map({ $0.isFinite && (0...100).contains($0) }) ?? true else {
            throw StoreError(.corruptResult(response: id), path: path)
        }
        guard let dimensionResults = ResultPacking.unpackDimensions(dimensions, count: dimensionCount),
            let questionResults = ResultPacking.unpack(questions, count: questionCount)
        else { throw StoreError(.corruptResult(response: id), path: path) }
        return CampaignEntry(
            organisationKey: key, organisationName: name, organisationCode: code, typology: typology,
            departement: departement, respondentKey: respondentKey, role: role,
            result: RespondentResult(
                overall: overall, overallLevel: overallLevel, answered: answered, asked: asked, dimensions: dimensionResults,
                questions: questionResults))
    }
}

/// One respondent's stored profile and answers (JSON), to rebuild their response.
public struct StoredResponse: Sendable, Hashable {
    /// Organisation key.
    public var organisationKey: String
    /// Respondent key.
    public var respondentKey: String
    /// Role, when given.
    public var role: String?
    /// Profile values as JSON.
    public var profileJSON: String
    /// Answers as JSON.
    public var answersJSON: String

    /// Creates a stored response.
    public init(organisationKey: String, respondentKey: String, role: String?, profileJSON: String, answersJSON: String) {
        self.organisationKey = organisationKey
        self.respondentKey = respondentKey
        self.role = role
        self.profileJSON = profileJSON
        self.answersJSON = answersJSON
    }
}

extension CampaignDatabase {
    /// The stored responses of some organisations of a campaign (all when `organisationKeys` is nil),
    /// by organisation then respondent.
    public func storedResponses(campaign: CampaignInfo, organisationKeys: Set<String>?) throws(StoreError) -> [StoredResponse] {
        let filter = Self.organisationFilter(organisationKeys)
        return try read { db in
            let sql = """
                SELECT o.key, r.respondent_key, r.role, r.profile, r.answers
                FROM response r JOIN organisation o ON o.id = r.organisation_id
                WHERE r.campaign_id = ?\(filter.sql) ORDER BY r.campaign_id, r.organisation_id, r.respondent_key
                """
            // Cached for one organisation, what a web request reads each time (one statement per
            // count of keys otherwise, which would fill the cache).
            let statement = try filter.keys.count == 1 ? db.cachedStatement(sql: sql) : db.makeStatement(sql: sql)
            let rows = try Row.fetchCursor(statement, arguments: [campaign.id] + filter.arguments)
            var result: [StoredResponse] = []
            while let row = try rows.next() {
                let key: String = try row.value(at: 0, "organisation.key", of: "response", path: path)
                if let organisationKeys, !organisationKeys.contains(key) { continue }
                result.append(
                    StoredResponse(
                        organisationKey: key, respondentKey: try row.value(at: 1, "respondent_key", of: "response", path: path),
                        role: try row.value(at: 2, "role", of: "response", path: path),
                        profileJSON: try row.value(at: 3, "profile", of: "response", path: path),
                        answersJSON: try row.value(at: 4, "answers", of: "response", path: path)))
            }
            return result
        }
    }
}
