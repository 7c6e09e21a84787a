import ArgumentParser
import DiagnosticCore
import DiagnosticPipeline
import DiagnosticStore
import Foundation

/// `od4g compare`: an organisation among its peers, organisations side by side, or one organisation over two campaigns.
struct Compare: LocalizedCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compare des organisations / Compare organisations.",
        discussion: """
            --campaign C --organisation X : position de X (percentile par dimension) face à la médiane de sa typologie et de la campagne.
            --campaign C --organisation X --organisation Y… : organisations côte à côte.
            --campaign A --campaign B --organisation X : évolution de X entre deux campagnes, par dimension et par question.
            --campaign C --organisation X: X's position (percentile per dimension) against the median of its typology and of the campaign.
            --campaign C --organisation X --organisation Y...: organisations side by side.
            --campaign A --campaign B --organisation X: change of X between two campaigns, per dimension and per question.
            Une organisation se désigne par son code officiel ou son nom / An organisation is named by official code or name.
            """)

    /// Output formats.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @Option(name: .long, help: "Campagne (deux pour une évolution) / Campaign (two for a change).")
    var campaign: [String]

    @Option(name: .long, help: "Organisation : code officiel ou nom / Organisation: official code or name.")
    var organisation: [String]

    @Option(
        name: .long,
        help:
            "Pairs avec un score qu'il faut au moins pour montrer une médiane (défaut 5) / Fewest peers with a score for a median to be shown (default 5)."
    )
    var minGroup: Int = 5

    @Option(name: .long, help: "Format : text, json.")
    var format: Format = .text

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var common: CommonOptions

    func validate() throws {
        guard !campaign.isEmpty, campaign.count <= 2 else {
            throw ValidationError(common.language.pick("--campaign : une ou deux", "one or two"))
        }
        guard !organisation.isEmpty else {
            throw ValidationError(common.language.pick("--organisation : au moins une", "at least one"))
        }
        guard campaign.count == 1 || organisation.count == 1 else {
            throw ValidationError(
                common.language.pick("deux campagnes : une seule organisation", "two campaigns: one organisation"))
        }
        guard minGroup >= 1 else { throw ValidationError("--min-group ≥ 1") }
    }

    func run() throws {
        let language = common.language
        let store = try database.openExisting(language)
        let output: ComparisonOutput
        if campaign.count == 2 {
            output = try change(store, language: language)
        } else if organisation.count == 1 {
            output = try position(store, language: language)
        } else {
            output = try sideBySide(store, language: language)
        }
        switch format {
        case .text: Console.current.print(output.text())
        case .json: Console.current.print(try output.json())
        }
    }

    private func profile(_ store: any CampaignStore, _ loaded: LoadedCampaign, key: String) throws -> OrganisationProfile? {
        try store.profile(of: key, campaign: loaded.info, questionnaire: loaded.questionnaire)
    }

    private func position(_ store: any CampaignStore, language: Language) throws -> ComparisonOutput {
        let loaded = try CampaignSource(commandLine: store, language: language).campaign(named: campaign[0])
        let target = try loaded.profile(named: organisation[0], in: store)
        let summaries = try store.summaries(campaign: loaded.info, questionnaire: loaded.questionnaire)
        let position = PeerPosition(of: OrganisationSummary(target), among: summaries, minimumGroupSize: minGroup)
        return .position(
            ComparisonOutput.Context(questionnaire: loaded.questionnaire, language: language, campaigns: campaign),
            target, position)
    }

    private func sideBySide(_ store: any CampaignStore, language: Language) throws -> ComparisonOutput {
        let loaded = try CampaignSource(commandLine: store, language: language).campaign(named: campaign[0])
        let profiles = try organisation.map { try loaded.profile(named: $0, in: store) }
        return .sideBySide(
            ComparisonOutput.Context(questionnaire: loaded.questionnaire, language: language, campaigns: campaign), profiles)
    }

    private func change(_ store: any CampaignStore, language: Language) throws -> ComparisonOutput {
        let earlier = try CampaignSource(commandLine: store, language: language).campaign(named: campaign[0])
        let later = try CampaignSource(commandLine: store, language: language).campaign(named: campaign[1])
        let key = try store.organisationKey(matching: organisation[0], campaign: later.info)
        guard let after = try profile(store, later, key: key) else {
            throw StoreError(.unknownOrganisation(organisation[0], suggestion: nil), path: store.path)
        }
        guard let before = try profile(store, earlier, key: key) else {
            throw StoreError(.unknownOrganisation("\(organisation[0]) (\(campaign[0]))", suggestion: nil), path: store.path)
        }
        let change = CampaignChange(before: before, in: earlier.questionnaire, after: after, in: later.questionnaire)
        return .change(
            ComparisonOutput.Context(questionnaire: later.questionnaire, language: language, campaigns: campaign),
            after, change)
    }
}
