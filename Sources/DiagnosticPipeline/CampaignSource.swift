import DiagnosticCore
import DiagnosticDefinitions
import DiagnosticStore

/// Where pipelines read campaigns: a store, the language of what they write, and how a stored
/// questionnaire gets the names its profile fields declare (the CLI looks for names files next to
/// the questionnaires; a server may keep them elsewhere).
public struct CampaignSource: Sendable {
    /// The campaign store.
    public let database: any CampaignStore
    /// The language of labels and messages.
    public let language: Language
    /// Attaches names to a questionnaire read back from the store.
    private let names: @Sendable (Questionnaire) throws -> Questionnaire

    /// A source reading `database`; `names` attaches names to each stored questionnaire (by default, none).
    public init(
        database: any CampaignStore, language: Language,
        names: @escaping @Sendable (Questionnaire) throws -> Questionnaire = { $0 }
    ) {
        self.database = database
        self.language = language
        self.names = names
    }

    /// The same source, writing in `language`.
    public func speaking(_ language: Language) -> CampaignSource {
        language == self.language ? self : CampaignSource(database: database, language: language, names: names)
    }

    /// The campaign called `name`, with its own questionnaire as stored; store errors are thrown as they are.
    public func campaign(named name: String) throws -> LoadedCampaign {
        let (info, text) = try database.campaign(named: name)
        let loaded = QuestionnaireLoader.load(text: text, file: "\(info.name):questionnaire")
        guard let questionnaire = loaded.value else {
            let detail = loaded.errors.map { $0.rendered(language) }.joined(separator: "; ")
            throw StoreError(.storedQuestionnaireUnreadable(detail), path: database.path)
        }
        return LoadedCampaign(info: info, questionnaire: try names(questionnaire), text: text)
    }
}

/// A campaign as a command reads it, with its own questionnaire as stored.
public struct LoadedCampaign: Sendable {
    /// The campaign.
    public let info: CampaignInfo
    /// Its questionnaire, names attached.
    public let questionnaire: Questionnaire
    /// The questionnaire's text as stored.
    public let text: String

    /// A campaign read with `questionnaire`, stored as `text`.
    public init(info: CampaignInfo, questionnaire: Questionnaire, text: String) {
        self.info = info
        self.questionnaire = questionnaire
        self.text = text
    }

    /// The profile of the organisation called `name` (official code or name) in this campaign;
    /// store errors (unknown organisation included) are thrown as they are.
    public func profile(named name: String, in database: any CampaignStore) throws -> OrganisationProfile {
        let key = try database.organisationKey(matching: name, campaign: info)
        guard let profile = try database.profile(of: key, campaign: info, questionnaire: questionnaire) else {
            throw StoreError(.unknownOrganisation(name, suggestion: nil), path: database.path)
        }
        return profile
    }
}
