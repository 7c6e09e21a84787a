import DiagnosticCore
import DiagnosticDefinitions
import DiagnosticReports
import DiagnosticStore
import Foundation

/// Gathers what reports need from response files and campaigns.
struct ReportInputs {
    let language: Language

    /// The individual input of a response file.
    func individual(response path: String, questionnaire: Questionnaire) throws -> IndividualInput {
        let (response, card) = try scored(response: path, questionnaire: questionnaire)
        return IndividualInput(questionnaire: questionnaire, respondents: [.init(who: "", response: response, card: card)])
    }

    /// The response file at `path`, checked (its diagnostics printed) and scored.
    func scored(response path: String, questionnaire: Questionnaire) throws -> (response: Response, card: ScoreCard) {
        let loaded = ResponseLoader.load(path: path, questionnaire: questionnaire)
        DiagnosticPrinter(language: language).print(loaded.diagnostics)
        guard let response = loaded.value else { throw CommandFailure.invalidData }
        do {
            return (response, try Scorer(questionnaire: questionnaire).score(response))
        } catch {
            throw CommandFailure(status: 1, message: "\(path): error: \(error.fieldPath): \(error.message(language))")
        }
    }

    /// The respondents of organisations of a campaign, rebuilt from what it stores, by organisation key.
    func respondents(
        _ database: CampaignDatabase, campaign: LoadedCampaign, keys: Set<String>?
    ) throws -> [String: [IndividualInput.Respondent]] {
        let stored: [StoredResponse]
        stored = try database.storedResponses(campaign: campaign.info, organisationKeys: keys)
        var byOrganisation: [String: [StoredResponse]] = [:]
        for item in stored { byOrganisation[item.organisationKey, default: []].append(item) }
        let rebuilder = Rebuilder(questionnaire: campaign.questionnaire, language: language)
        return try byOrganisation.mapValues { try rebuilder.respondents($0) }
    }

    /// Rebuilds respondents from stored responses: the one way every report reads a campaign back.
    struct Rebuilder: Sendable {
        let questionnaire: Questionnaire
        let checker: ResponseChecker
        let scorer: Scorer
        let language: Language

        init(questionnaire: Questionnaire, language: Language) {
            self.questionnaire = questionnaire
            checker = ResponseChecker(questionnaire: questionnaire)
            scorer = Scorer(questionnaire: questionnaire)
            self.language = language
        }

        /// One organisation's respondents, checked and scored again, labelled without personal data
        /// (`RespondentLabel`); a response that cannot be read back is an error, never skipped.
        func respondents(_ stored: [StoredResponse]) throws(CommandFailure) -> [IndividualInput.Respondent] {
            let labels = RespondentLabel.labels(roles: stored.map(\.role), questionnaire: questionnaire, language: language)
            var result: [IndividualInput.Respondent] = []
            for (item, label) in zip(stored, labels) {
                guard let raw = StoredResponseReader.raw(profileJSON: item.profileJSON, answersJSON: item.answersJSON),
                    let response = checker.check(raw).response, let card = try? scorer.score(response)
                else {
                    throw CommandFailure(
                        status: 1,
                        message: language.pick(
                            "error: la réponse enregistrée de \(item.organisationKey) ne se relit pas : réimportez la campagne",
                            "error: the stored response of \(item.organisationKey) cannot be read back: import the campaign again"
                        ))
                }
                result.append(.init(who: label, response: response, card: card))
            }
            return result
        }
    }

    /// The individual input of one organisation of a campaign: its respondents, its peers, its previous campaign.
    func individual(
        _ database: CampaignDatabase, campaign: LoadedCampaign, key: String, summaries: [OrganisationSummary],
        minimumGroupSize: Int
    ) throws -> IndividualInput {
        guard let respondents = try respondents(database, campaign: campaign, keys: [key])[key] else {
            throw StoreError(.unknownOrganisation(key, suggestion: nil), path: database.path).failure(language)
        }
        var input = IndividualInput(questionnaire: campaign.questionnaire, campaign: campaign.info.name, respondents: respondents)
        if let profile = input.profile {
            input.position = PeerPosition(of: OrganisationSummary(profile), among: summaries, minimumGroupSize: minimumGroupSize)
            input.change = try change(database, campaign: campaign, key: key, after: profile)
        }
        return input
    }

    /// The change since the latest earlier campaign the organisation answered, if any.
    func change(
        _ database: CampaignDatabase, campaign: LoadedCampaign, key: String, after: OrganisationProfile
    ) throws -> (campaign: String, change: CampaignChange)? {
        let earlier: [CampaignInfo]
        earlier = try database.earlierCampaigns(than: campaign.info, organisationKey: key)
        guard let previous = earlier.first else { return nil }
        let loaded = try LoadedCampaign(database: database, name: previous.name, language: language)
        let before: OrganisationProfile?
        before = try database.profile(of: key, campaign: previous, questionnaire: loaded.questionnaire)
        return before.map {
            (previous.name, CampaignChange(before: $0, in: loaded.questionnaire, after: after, in: campaign.questionnaire))
        }
    }
}
