import DiagnosticCore
import Foundation

/// What commands, pipelines and (later) a server need of a campaign store: campaigns with their
/// questionnaires, the responses and results of each organisation, their targets and followed
/// actions, and an import of a batch in one transaction.
///
/// `CampaignDatabase` (SQLite, one file) is today's implementation. Another store (a server
/// database) implements the requirements without a default; those with one (`profile`,
/// `summaries`, `aggregate`, `plan(of:)`, `earlierCampaigns`) follow from the others, and a store
/// may do them faster, as the SQLite one does. Errors are `StoreError`s, with `path` saying where
/// the store is.
public protocol CampaignStore: Sendable {
    /// Where the store is, for messages: a file, or `nil` for one in memory.
    var path: String? { get }

    // MARK: Campaigns

    /// Every campaign with its questionnaire and counts, by name.
    func campaigns() throws(StoreError) -> [CampaignInfo]

    /// The campaign named `name`, with the questionnaire text it uses; an unknown name is
    /// `StoreError.Reason.unknownCampaign` with the known names.
    func campaign(named name: String) throws(StoreError) -> (campaign: CampaignInfo, questionnaireText: String)

    /// The campaigns in which the organisation answered, latest first.
    func campaigns(of organisationKey: String) throws(StoreError) -> [CampaignInfo]

    /// The campaigns before `campaign` in which the organisation answered, latest first.
    func earlierCampaigns(than campaign: CampaignInfo, organisationKey: String) throws(StoreError) -> [CampaignInfo]

    // MARK: Organisations and responses

    /// The organisation a user names by official code, key or name, among every organisation stored
    /// (`OrganisationRef.find`), as the latest import named it.
    func organisation(matching text: String) throws(StoreError) -> OrganisationRef

    /// The key of the organisation a user names by official code, key or name, among those of
    /// `campaign` (`OrganisationRef.find`).
    func organisationKey(matching text: String, campaign: CampaignInfo) throws(StoreError) -> String

    /// Calls `body` with the respondents of each organisation of a campaign (only those of
    /// `organisationKeys` when given), one organisation at a time: organisations in the order the
    /// store first met them, respondents by respondent key. Each entry names the organisation as
    /// that response did.
    func forEachOrganisation(
        campaign: CampaignInfo, questionnaire: Questionnaire, only organisationKeys: Set<String>?,
        _ body: ([CampaignEntry]) throws -> Void
    ) throws

    /// One organisation's combined profile in a campaign, or `nil` when it did not answer it.
    func profile(of organisationKey: String, campaign: CampaignInfo, questionnaire: Questionnaire) throws
        -> OrganisationProfile?

    /// The summary of every organisation of a campaign with a profile, in `forEachOrganisation`'s order.
    func summaries(campaign: CampaignInfo, questionnaire: Questionnaire) throws -> [OrganisationSummary]

    /// The aggregate of a campaign, organisations combined, by `grouping`.
    func aggregate(
        campaign: CampaignInfo, questionnaire: Questionnaire, grouping: Grouping, minimumGroupSize: Int
    ) throws -> CampaignAggregate

    /// The stored profile and answers of the respondents of a campaign (of some organisations when
    /// `organisationKeys` is given), in `forEachOrganisation`'s order.
    func storedResponses(campaign: CampaignInfo, organisationKeys: Set<String>?) throws(StoreError) -> [StoredResponse]

    // MARK: Targets and followed actions

    /// The targets and followed actions stored for one organisation.
    func plan(of organisationKey: String) throws(StoreError) -> PlanRecord

    /// The targets and followed actions stored for some organisations (all when `keys` is nil), by key.
    func plans(of keys: Set<String>?) throws(StoreError) -> [String: PlanRecord]

    /// Sets target levels (replacing those of the same dimensions) and removes the targets of
    /// `clearing`, in one transaction.
    func setTargets(
        of organisationKey: String, _ targets: [String: String], clearing: [String], source: String, at now: Date
    ) throws(StoreError)

    /// Records actions as followed (or, with `forget`, removes them), in one transaction.
    func recordFollowed(
        of organisationKey: String, _ actions: [String], forget: Bool, source: String, at now: Date
    ) throws(StoreError)

    // MARK: Invitations

    /// Stores `invitations` with their tokens (`InvitationToken.make`) for campaign `name` (created
    /// with `questionnaireText` if new), in one transaction. Only the tokens' hashes are stored.
    func invite(
        _ invitations: [(invitation: Invitation, token: String)], campaign name: String, period: String?,
        questionnaire: Questionnaire, questionnaireText: String, now: Date
    ) throws(StoreError)

    /// The invitation a link's token opens, revoked or not; `nil` for a token no invitation has.
    func invitation(token: String) throws(StoreError) -> StoredInvitation?

    /// The invitations of a campaign, in the order they were made.
    func invitations(campaign: CampaignInfo) throws(StoreError) -> [StoredInvitation]

    /// Revokes the invitation of a link's token (its answers stay); returns it, `nil` for a token
    /// no invitation has. Revoking twice keeps the first time.
    func revokeInvitation(token: String, now: Date) throws(StoreError) -> StoredInvitation?

    // MARK: Import

    /// Runs an import into campaign `name` (created with `questionnaireText` if new) in one transaction.
    ///
    /// `body` stores entries through the batch and returns whether to commit; a dry run or an
    /// error leaves the store exactly as it was. An existing campaign keeps its questionnaire: a
    /// different text is `StoreError.Reason.campaignQuestionnaireDiffers`.
    func importing(
        campaign name: String, period: String?, questionnaire: Questionnaire, questionnaireText: String, now: Date,
        body: (any ImportBatch) throws -> Bool
    ) throws -> ImportOutcome
}

/// The responses of one import, stored as they come inside the import's transaction.
public protocol ImportBatch: AnyObject {
    /// Stores one respondent's response, results, targets and followed actions, replacing the same
    /// respondent's earlier response in the campaign.
    func store(_ entry: ImportEntry) throws
    /// Respondents added so far.
    var inserted: Int { get }
    /// Respondents replaced so far.
    var updated: Int { get }
}

extension CampaignStore {
    /// Every organisation of a campaign, one at a time.
    public func forEachOrganisation(
        campaign: CampaignInfo, questionnaire: Questionnaire, _ body: ([CampaignEntry]) throws -> Void
    ) throws {
        try forEachOrganisation(campaign: campaign, questionnaire: questionnaire, only: nil, body)
    }

    /// One organisation's profile, from `forEachOrganisation`.
    public func profile(of organisationKey: String, campaign: CampaignInfo, questionnaire: Questionnaire) throws
        -> OrganisationProfile?
    {
        var found: OrganisationProfile?
        try forEachOrganisation(campaign: campaign, questionnaire: questionnaire, only: [organisationKey]) { entries in
            found = OrganisationProfile(entries: entries, questionnaire: questionnaire)
        }
        return found
    }

    /// The summaries, from `forEachOrganisation`.
    public func summaries(campaign: CampaignInfo, questionnaire: Questionnaire) throws -> [OrganisationSummary] {
        var summaries: [OrganisationSummary] = []
        try forEachOrganisation(campaign: campaign, questionnaire: questionnaire, only: nil) { entries in
            if let profile = OrganisationProfile(entries: entries, questionnaire: questionnaire) {
                summaries.append(OrganisationSummary(profile))
            }
        }
        return summaries
    }

    /// The aggregate, from `forEachOrganisation`.
    public func aggregate(
        campaign: CampaignInfo, questionnaire: Questionnaire, grouping: Grouping, minimumGroupSize: Int
    ) throws -> CampaignAggregate {
        var aggregator = CampaignAggregator(questionnaire: questionnaire, grouping: grouping, minimumGroupSize: minimumGroupSize)
        try forEachOrganisation(campaign: campaign, questionnaire: questionnaire, only: nil) { entries in
            if let profile = OrganisationProfile(entries: entries, questionnaire: questionnaire) { aggregator.add(profile) }
        }
        return aggregator.result()
    }

    /// The earlier campaigns, from `campaigns(of:)`.
    public func earlierCampaigns(than campaign: CampaignInfo, organisationKey: String) throws(StoreError) -> [CampaignInfo] {
        try campaigns(of: organisationKey).filter { ($0.createdAt, $0.id) < (campaign.createdAt, campaign.id) }
    }

    /// One organisation's plan, from `plans(of:)`.
    public func plan(of organisationKey: String) throws(StoreError) -> PlanRecord {
        try plans(of: [organisationKey])[organisationKey] ?? PlanRecord(targets: [], followed: [])
    }

    /// Sets targets now.
    public func setTargets(
        of organisationKey: String, _ targets: [String: String], clearing: [String] = [], source: String
    ) throws(StoreError) {
        try setTargets(of: organisationKey, targets, clearing: clearing, source: source, at: Date())
    }

    /// Records followed actions now.
    public func recordFollowed(
        of organisationKey: String, _ actions: [String], forget: Bool = false, source: String
    ) throws(StoreError) {
        try recordFollowed(of: organisationKey, actions, forget: forget, source: source, at: Date())
    }

    /// Imports now.
    public func importing(
        campaign name: String, period: String?, questionnaire: Questionnaire, questionnaireText: String,
        body: (any ImportBatch) throws -> Bool
    ) throws -> ImportOutcome {
        try importing(
            campaign: name, period: period, questionnaire: questionnaire, questionnaireText: questionnaireText, now: Date(),
            body: body)
    }
}
