import DiagnosticCore
import DiagnosticDefinitions
import DiagnosticReports
import DiagnosticStore
import Foundation

/// One organisation's plan, with what the outputs say about it.
public struct PlanSubject {
    /// Organisation name, when known.
    public var name: String?
    /// Typology.
    public var typology: Typology
    /// Campaign the answers come from, if any.
    public var campaign: String?
    /// The questionnaire answered.
    public let questionnaire: Questionnaire
    /// The plan, its catalogue and progress.
    public var input: PlanInput

    /// The catalogue the plan's actions come from.
    public var catalogue: ActionCatalogue { input.catalogue }
    /// The plan.
    public var plan: ActionPlan { input.plan }
}

/// Builds plans from response files and campaigns.
public struct PlanInputs {
    /// Where campaigns are read.
    public let source: CampaignSource

    /// The actions of each plan a regional demand counts when no number is given.
    public static let defaultCountedActions = 5

    /// Plans read from `source`.
    public init(source: CampaignSource) {
        self.source = source
    }

    /// The plan of a response file; `extraTargets` (already checked) override the file's.
    public static func plan(
        response input: IndividualInput, catalogue: ActionCatalogue, extraTargets: [String: String], maximum: Int?
    ) -> PlanSubject {
        let respondent = input.respondents[0]
        let targets = respondent.response.targets.merging(extraTargets) { _, given in given }
        let followed = Set(respondent.response.followedActions)
        let recommender = Recommender(questionnaire: input.questionnaire, catalogue: catalogue)
        let plan = recommender.plan(
            response: respondent.response, card: respondent.card, targets: targets, followed: followed, maximum: maximum)
        return PlanSubject(
            name: RespondentIdentity(response: respondent.response, questionnaire: input.questionnaire)?.organisationName,
            typology: respondent.card.typology, campaign: nil, questionnaire: input.questionnaire,
            input: PlanInput(
                catalogue: catalogue, plan: plan, unknownFollowed: followed.filter { catalogue.action($0) == nil }.sorted()))
    }

    /// The plan of an organisation of a campaign, with its stored targets and followed actions,
    /// and its progress since the latest earlier campaign it answered (`change`, asked for only when
    /// there are targets).
    public func plan(
        campaign: LoadedCampaign, key: String, respondents: [IndividualInput.Respondent],
        catalogue: ActionCatalogue, extraTargets: [String: String], maximum: Int?,
        change: () throws -> (campaign: String, change: CampaignChange)?
    ) throws -> PlanSubject {
        let stored: PlanRecord
        stored = try source.database.plan(of: key)
        let targets = stored.targetLevels.merging(extraTargets) { _, given in given }
        let recommender = Recommender(questionnaire: campaign.questionnaire, catalogue: catalogue)
        let plan = recommender.plan(
            respondents: respondents.map { ($0.response, $0.card) }, targets: targets, followed: stored.followedIDs,
            maximum: maximum)
        guard let typology = respondents.first?.card.typology else {
            throw StoreError(.unknownOrganisation(key, suggestion: nil), path: source.database.path)
        }
        let progress = Self.progress(
            targets: targets, change: targets.isEmpty ? nil : try change(), questionnaire: campaign.questionnaire,
            typology: typology)
        let name = respondents.first.flatMap {
            RespondentIdentity(response: $0.response, questionnaire: campaign.questionnaire)?.organisationName
        }
        return PlanSubject(
            name: name, typology: typology, campaign: campaign.info.name, questionnaire: campaign.questionnaire,
            input: PlanInput(
                catalogue: catalogue, plan: plan, progress: progress,
                unknownFollowed: stored.followedIDs.filter { catalogue.action($0) == nil }.sorted()))
    }

    /// The change since `earlier` of the dimensions that have targets, when both are known.
    public static func progress(
        targets: [String: String], change earlier: (campaign: String, change: CampaignChange)?, questionnaire: Questionnaire,
        typology: Typology
    ) -> (campaign: String, items: [TargetProgress])? {
        guard !targets.isEmpty, let earlier else { return nil }
        return (
            earlier.campaign,
            TargetProgress.of(targets: targets, change: earlier.change, questionnaire: questionnaire, typology: typology)
        )
    }

    /// The change of organisation `key` since the latest earlier campaign it answered, from its stored profile.
    public func change(campaign: LoadedCampaign, key: String) throws -> (campaign: String, change: CampaignChange)? {
        let after: OrganisationProfile?
        after = try source.database.profile(of: key, campaign: campaign.info, questionnaire: campaign.questionnaire)
        guard let after else { return nil }
        return try ReportInputs(source: source).change(campaign: campaign, key: key, after: after)
    }

    /// How many organisations of a campaign each action is recommended to.
    public func demand(campaign: LoadedCampaign, catalogue: ActionCatalogue, maximum: Int?) throws -> ActionDemand {
        let all = try ReportInputs(source: source).respondents(campaign: campaign, keys: nil)
        let stored: [String: PlanRecord]
        stored = try source.database.plans(of: nil)
        let recommender = Recommender(questionnaire: campaign.questionnaire, catalogue: catalogue)
        var demand = ActionDemand()
        for key in all.keys.sorted() {
            guard let respondents = all[key], let first = respondents.first else { continue }
            let record = stored[key]
            let plan = recommender.plan(
                respondents: respondents.map { ($0.response, $0.card) }, targets: record?.targetLevels ?? [:],
                followed: record?.followedIDs ?? [], maximum: maximum, route: false)
            let identity = RespondentIdentity(response: first.response, questionnaire: campaign.questionnaire)
            demand.add(plan, typology: first.card.typology.id, departement: identity?.departement)
        }
        return demand
    }
}
