import DiagnosticCore
import DiagnosticDefinitions
import DiagnosticReports
import DiagnosticStore
import Foundation

/// Gathers what reports need from a campaign store.
public struct ReportInputs {
    /// Where campaigns are read.
    public let source: CampaignSource

    /// Inputs read from `source`.
    public init(source: CampaignSource) {
        self.source = source
    }

    /// The respondents of organisations of a campaign, rebuilt from what it stores, by organisation key.
    public func respondents(
        campaign: LoadedCampaign, keys: Set<String>?
    ) throws -> [String: [IndividualInput.Respondent]] {
        let stored: [StoredResponse]
        stored = try source.database.storedResponses(campaign: campaign.info, organisationKeys: keys)
        var byOrganisation: [String: [StoredResponse]] = [:]
        for item in stored { byOrganisation[item.organisationKey, default: []].append(item) }
        let rebuilder = Rebuilder(questionnaire: campaign.questionnaire, language: source.language)
        return try byOrganisation.mapValues { try rebuilder.respondents($0) }
    }

    /// Rebuilds respondents from stored responses: the one way every report reads a campaign back.
    public struct Rebuilder: Sendable {
        /// The campaign's questionnaire.
        public let questionnaire: Questionnaire
        let checker: ResponseChecker
        let scorer: Scorer
        let language: Language

        /// A rebuilder for responses to `questionnaire`, labelled in `language`.
        public init(questionnaire: Questionnaire, language: Language) {
            self.questionnaire = questionnaire
            checker = ResponseChecker(questionnaire: questionnaire)
            scorer = Scorer(questionnaire: questionnaire)
            self.language = language
        }

        /// One organisation's respondents, checked and scored again, labelled without personal data
        /// (`RespondentLabel`); a response that cannot be read back is an error, never skipped.
        public func respondents(_ stored: [StoredResponse]) throws(PipelineError) -> [IndividualInput.Respondent] {
            let labels = RespondentLabel.labels(roles: stored.map(\.role), questionnaire: questionnaire, language: language)
            var result: [IndividualInput.Respondent] = []
            for (item, label) in zip(stored, labels) {
                guard let raw = StoredResponseReader.raw(profileJSON: item.profileJSON, answersJSON: item.answersJSON),
                    let response = checker.check(raw).response, let card = try? scorer.score(response)
                else {
                    throw PipelineError(.storedResponseUnreadable(item.organisationKey))
                }
                result.append(.init(who: label, response: response, card: card))
            }
            return result
        }
    }

    /// The individual input of one organisation of a campaign: its respondents, its peers, its previous campaign.
    public func individual(
        campaign: LoadedCampaign, key: String, summaries: [OrganisationSummary], minimumGroupSize: Int
    ) throws -> IndividualInput {
        guard let respondents = try respondents(campaign: campaign, keys: [key])[key] else {
            throw StoreError(.unknownOrganisation(key, suggestion: nil), path: source.database.path)
        }
        var input = IndividualInput(questionnaire: campaign.questionnaire, campaign: campaign.info.name, respondents: respondents)
        if let profile = input.profile {
            input.position = PeerPosition(of: OrganisationSummary(profile), among: summaries, minimumGroupSize: minimumGroupSize)
            input.change = try change(campaign: campaign, key: key, after: profile)
        }
        return input
    }

    /// The change since the latest earlier campaign the organisation answered, if any.
    public func change(
        campaign: LoadedCampaign, key: String, after: OrganisationProfile
    ) throws -> (campaign: String, change: CampaignChange)? {
        let database = source.database
        let earlier: [CampaignInfo]
        earlier = try database.earlierCampaigns(than: campaign.info, organisationKey: key)
        guard let previous = earlier.first else { return nil }
        let loaded = try source.campaign(named: previous.name)
        let before: OrganisationProfile?
        before = try database.profile(of: key, campaign: previous, questionnaire: loaded.questionnaire)
        return before.map {
            (previous.name, CampaignChange(before: $0, in: loaded.questionnaire, after: after, in: campaign.questionnaire))
        }
    }
}
