import DiagnosticCore
import Foundation
import GRDB

extension CampaignDatabase {
    /// Calls `body` with the respondents of each organisation of a campaign, one organisation at a
    /// time, in organisation order, so a region's campaign is read without holding it in memory.
    public func forEachOrganisation(
        campaign: CampaignInfo, questionnaire: Questionnaire, only organisationKeys: Set<String>? = nil,
        _ body: ([CampaignEntry]) throws -> Void
    ) throws {
        let dimensionCount = questionnaire.dimensions.count
        let questionCount = questionnaire.questions.count
        do {
            try writer.read { db in
                let rows = try Row.fetchCursor(
                    db, sql: """
                        SELECT r.id, o.key, o.name, o.code, r.typology, r.departement, r.respondent_key, r.role,
                            s.overall, s.overall_level, s.answered, s.asked, s.dimensions, s.questions
                        FROM response r JOIN organisation o ON o.id = r.organisation_id
                        JOIN response_score s ON s.response_id = r.id
                        WHERE r.campaign_id = ? ORDER BY r.organisation_id, r.id
                        """, arguments: [campaign.id])
                var group: [CampaignEntry] = []
                func flush() throws {
                    if !group.isEmpty { try body(group) }
                    group.removeAll(keepingCapacity: true)
                }
                while let row = try rows.next() {
                    let responseID: Int64 = row[0]
                    let key: String = row[1]
                    if let only = organisationKeys, !only.contains(key) { continue }
                    if let last = group.last, last.organisationKey != key { try flush() }
                    guard let dimensions = ResultPacking.unpackDimensions(row[12], count: dimensionCount),
                        let questions = ResultPacking.unpack(row[13], count: questionCount)
                    else {
                        throw StoreError(.corruptResult(response: responseID), path: path)
                    }
                    group.append(CampaignEntry(
                        organisationKey: key, organisationName: row[2], organisationCode: row[3], typology: row[4],
                        departement: row[5], respondentKey: row[6], role: row[7],
                        result: RespondentResult(
                            overall: row[8], overallLevel: row[9], answered: row[10], asked: row[11], dimensions: dimensions,
                            questions: questions)))
                }
                try flush()
            }
        } catch let error as StoreError {
            throw error
        } catch let error as DatabaseError {
            throw StoreError(Self.reason(error), path: path)
        }
    }

    /// The aggregate of a campaign, organisations combined, by `grouping`.
    public func aggregate(
        campaign: CampaignInfo, questionnaire: Questionnaire, grouping: Grouping, minimumGroupSize: Int
    ) throws -> CampaignAggregate {
        var aggregator = CampaignAggregator(questionnaire: questionnaire, grouping: grouping, minimumGroupSize: minimumGroupSize)
        try forEachOrganisation(campaign: campaign, questionnaire: questionnaire) { entries in
            if let profile = OrganisationProfile(entries: entries, questionnaire: questionnaire) { aggregator.add(profile) }
        }
        return aggregator.result()
    }

    /// Every organisation's combined scores, for percentiles.
    public func summaries(campaign: CampaignInfo, questionnaire: Questionnaire) throws -> [OrganisationSummary] {
        var summaries: [OrganisationSummary] = []
        try forEachOrganisation(campaign: campaign, questionnaire: questionnaire) { entries in
            if let profile = OrganisationProfile(entries: entries, questionnaire: questionnaire) {
                summaries.append(OrganisationSummary(profile))
            }
        }
        return summaries
    }

    /// The organisation a user names by official code, key or name (accents and case ignored).
    public func organisationKey(matching text: String, campaign: CampaignInfo) throws(StoreError) -> String {
        let candidates = try read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT DISTINCT o.key, o.name, o.code FROM organisation o JOIN response r ON r.organisation_id = o.id
                    WHERE r.campaign_id = ? ORDER BY o.name
                    """, arguments: [campaign.id]
            ).map { (key: $0["key"] as String, name: $0["name"] as String, code: $0["code"] as String?) }
        }
        if let exact = candidates.first(where: { $0.key == text || $0.code == text }) { return exact.key }
        let wanted = RespondentIdentity.normalised(text)
        let named = candidates.filter { RespondentIdentity.normalised($0.name) == wanted }
        if named.count == 1 { return named[0].key }
        if named.count > 1 {
            throw StoreError(.ambiguousOrganisation(text, matches: named.map { "\($0.name) (\($0.code ?? $0.key))" }), path: path)
        }
        let suggestion = ResponseChecker.closest(to: text, among: candidates.map(\.name))
        throw StoreError(.unknownOrganisation(text, suggestion: suggestion), path: path)
    }
}
