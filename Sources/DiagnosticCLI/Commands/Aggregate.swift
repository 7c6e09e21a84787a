import ArgumentParser
import DiagnosticCore
import DiagnosticPipeline
import DiagnosticStore

/// `od4g aggregate --campaign NAME`: the campaign's picture by typology, family or département.
struct Aggregate: LocalizedCommand {
    static let configuration = CommandConfiguration(
        abstract: "Statistiques d'une campagne par groupe / Campaign statistics by group.",
        discussion: """
            Par groupe : effectifs, moyenne, médiane et quartiles de chaque dimension et du score global, niveaux,
            taux de réussite de chaque question, décompte des questions non notées. Une organisation à plusieurs
            répondants compte une fois (moyenne de ses répondants). Les groupes trop petits sont masqués.
            Per group: counts, mean, median and quartiles of each dimension and of the overall score, levels, success
            rate of each question, tallies of unscored questions. An organisation with several respondents counts
            once (their mean). Groups too small are withheld. Formulas: docs/campaigns.md.
            """)

    /// Output formats.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, csv
    }

    @Option(name: .long, help: "Campagne / Campaign.")
    var campaign: String

    @Option(name: .long, help: "Regroupement : typology, family, departement / Grouping.")
    var by: Grouping = .typology

    @Option(name: .long, help: "Format : text, json, csv.")
    var format: Format = .text

    @Option(
        name: .long,
        help:
            "Organisations au diagnostic complet qu'il faut au moins derrière un groupe ou une valeur publiés (défaut 5) / Fewest organisations with a complete diagnostic behind a group or figure shown (default 5)."
    )
    var minGroup: Int = 5

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var common: CommonOptions

    func validate() throws {
        guard minGroup >= 1 else { throw ValidationError("--min-group ≥ 1") }
    }

    func run() throws {
        let language = common.language
        let store = try database.openExisting(language)
        let loaded = try CampaignSource(commandLine: store, language: language).campaign(named: campaign)
        let aggregate: CampaignAggregate
        aggregate = try store.aggregate(
            campaign: loaded.info, questionnaire: loaded.questionnaire, grouping: by, minimumGroupSize: minGroup)
        let output = AggregateOutput(
            aggregate: aggregate, questionnaire: loaded.questionnaire, campaign: campaign, language: language)
        switch format {
        case .text: Console.current.print(output.text())
        case .json: Console.current.print(try output.json())
        case .csv: Console.current.print(String(output.csv().dropLast()))
        }
    }
}

extension Grouping: ExpressibleByArgument {}

/// `od4g campaigns`: the campaigns of a database.
struct Campaigns: LocalizedCommand {
    static let configuration = CommandConfiguration(abstract: "Liste les campagnes / List campaigns.")

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var common: CommonOptions

    func run() throws {
        let language = common.language
        let store = try database.openExisting(language)
        let campaigns: [CampaignInfo]
        campaigns = try store.campaigns()
        if campaigns.isEmpty {
            Console.current.print(language.pick("(aucune campagne)", "(no campaign)"))
        }
        for campaign in campaigns {
            Console.current.print(
                language.pick(
                    "\(campaign.name)\(campaign.period.map { " (\($0))" } ?? "") — \(campaign.questionnaireID) \(campaign.questionnaireVersion), \(campaign.organisations) organisations, \(campaign.responses) réponses",
                    "\(campaign.name)\(campaign.period.map { " (\($0))" } ?? "") — \(campaign.questionnaireID) \(campaign.questionnaireVersion), \(campaign.organisations) organisations, \(campaign.responses) responses"
                ))
        }
    }
}
