import ArgumentParser
import DiagnosticCore
import DiagnosticDefinitions
import DiagnosticPipeline
import DiagnosticReports
import DiagnosticStore

/// `od4g recommend`: the sequenced plan of support actions of a response or an organisation, or
/// the demand for each action across a campaign.
struct Recommend: LocalizedCommand {
    static let configuration = CommandConfiguration(
        abstract: "Actions d'accompagnement recommandées / Recommended support actions.",
        discussion: """
            od4g recommend RÉPONSE.yaml                              plan d'une réponse / plan of a response file
            od4g recommend --organisation X [--campaign C]           plan d'une organisation (objectifs, actions suivies, progrès)
                (sans --campaign : sa dernière campagne / without --campaign: its latest campaign)
            od4g recommend --campaign C --demand [--format csv]      demande par action, typologie et département
                (les 5 premières actions de chaque plan ; --max N ou --all / each plan's first 5 actions; --max N or --all)
            Catalogue : Questionnaires/support-actions.yaml (--catalogue). Règles / rules: docs/recommendations.md.
            """)

    /// Output formats.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, csv
    }

    @Argument(help: "Fichier de réponse / Response file.")
    var response: String?

    @Option(name: .long, help: "Questionnaire d'un fichier de réponse / Questionnaire of a response file.")
    var questionnaire: String?

    @Option(name: .long, help: "Catalogue d'actions / Support-action catalogue.")
    var catalogue: String?

    @Option(name: .long, help: "Campagne / Campaign.")
    var campaign: String?

    @Option(name: .long, help: "Organisation : code officiel ou nom / Organisation: official code or name.")
    var organisation: String?

    @Flag(name: .long, help: "Demande de chaque action dans la campagne / Demand for each action across the campaign.")
    var demand = false

    @Option(name: .long, help: "Nombre maximal d'actions choisies (hors préalables) / Most actions chosen (prerequisites added).")
    var max: Int?

    @Flag(
        name: .long,
        help: "Avec --demand : compte toutes les actions de chaque plan / With --demand: count every action of each plan.")
    var all = false

    @Option(
        name: .long,
        help:
            "Avec --demand : groupes nommés à partir de N organisations, rien de publié en dessous de N organisations avec un plan (défaut 5) / With --demand: groups named from N organisations, nothing shown under N organisations with a plan (default 5)."
    )
    var minGroup: Int = 5

    /// With `--demand`, how many actions of each plan count unless `--max` or `--all` says otherwise.
    static let demandDefaultMaximum = PlanInputs.defaultCountedActions

    @Option(
        name: .customLong("target"),
        help: "Objectif DIMENSION=NIVEAU pour ce calcul (répétable) / Target DIMENSION=LEVEL for this run (repeatable).")
    var targets: [String] = []

    @Option(name: .long, help: "Format : text, json (ou csv avec --demand) / Format: text, json (or csv with --demand).")
    var format: Format = .text

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var common: CommonOptions

    func validate() throws {
        if response != nil, campaign != nil || organisation != nil {
            throw ValidationError(
                common.language.pick(
                    "un fichier de réponse ou --organisation/--campaign, pas les deux",
                    "a response file or --organisation/--campaign, not both"))
        }
        if response == nil, campaign == nil, organisation == nil {
            throw ValidationError(
                common.language.pick(
                    "donnez un fichier de réponse, --organisation ou --campaign",
                    "give a response file, --organisation or --campaign"))
        }
        if campaign != nil, organisation == nil, !demand {
            throw ValidationError(
                common.language.pick(
                    "--campaign demande --organisation ou --demand", "--campaign needs --organisation or --demand"))
        }
        if demand, organisation != nil || campaign == nil {
            throw ValidationError(
                common.language.pick("--demand porte sur toute une --campaign", "--demand covers a whole --campaign"))
        }
        if demand, !targets.isEmpty {
            throw ValidationError(
                common.language.pick("--target ne s'applique pas à --demand", "--target does not apply to --demand"))
        }
        if format == .csv, !demand {
            throw ValidationError(common.language.pick("--format csv va avec --demand", "--format csv goes with --demand"))
        }
        if let max, max < 1 { throw ValidationError("--max ≥ 1") }
        guard minGroup >= 1 else { throw ValidationError("--min-group ≥ 1") }
        if all, !demand || max != nil {
            throw ValidationError(
                common.language.pick("--all va avec --demand, sans --max", "--all goes with --demand, without --max"))
        }
    }

    func run() throws {
        let language = common.language
        if let response {
            let model = try QuestionnaireLocator(language: language).load(forResponse: response, explicitPath: questionnaire)
            let input = try ResponseFileInputs(language: language).individual(response: response, questionnaire: model)
            let actions = try CatalogueLocator(language: language).load(explicitPath: catalogue, for: model)
            let extra = try TargetArguments(language: language).targets(
                targets, questionnaire: model, typology: input.respondents[0].card.typology)
            try emit(PlanInputs.plan(response: input, catalogue: actions, extraTargets: extra, maximum: max), language)
            return
        }
        let store = try database.openExisting(language)
        let inputs = PlanInputs(source: CampaignSource(commandLine: store, language: language))
        if let organisation, !demand {
            // Without --campaign: the organisation's latest campaign.
            let named = try NamedOrganisation(store, name: organisation, campaign: campaign, language: language)
            try emit(try plan(campaign: named.campaign, key: named.key, inputs: inputs, language: language), language)
            return
        }
        // --demand (validate() leaves no other case).
        let loaded = try inputs.source.campaign(named: campaign ?? "")
        let actions = try CatalogueLocator(language: language).load(explicitPath: catalogue, for: loaded.questionnaire)
        let counted = all ? nil : (max ?? Self.demandDefaultMaximum)
        let counts = try inputs.demand(campaign: loaded, catalogue: actions, maximum: counted)
        let output = DemandOutput(
            demand: counts, questionnaire: loaded.questionnaire, catalogue: actions, campaign: loaded.info.name,
            maximum: counted, minimumGroupSize: minGroup, language: language)
        switch format {
        case .text: Console.current.print(output.text())
        case .json: Console.current.print(try output.json())
        case .csv: Console.current.print(String(output.csv().dropLast()))
        }
    }

    /// The plan of one organisation of a campaign.
    private func plan(
        campaign loaded: LoadedCampaign, key: String, inputs: PlanInputs, language: Language
    ) throws -> PlanSubject {
        let actions = try CatalogueLocator(language: language).load(explicitPath: catalogue, for: loaded.questionnaire)
        guard
            let respondents = try ReportInputs(source: inputs.source).respondents(campaign: loaded, keys: [key])[key],
            let typology = respondents.first?.card.typology
        else {
            throw StoreError(.unknownOrganisation(organisation ?? "", suggestion: nil), path: inputs.source.database.path)
        }
        let extra = try TargetArguments(language: language).targets(
            targets, questionnaire: loaded.questionnaire, typology: typology)
        return try inputs.plan(
            campaign: loaded, key: key, respondents: respondents, catalogue: actions, extraTargets: extra, maximum: max,
            change: { try inputs.change(campaign: loaded, key: key) })
    }

    private func emit(_ subject: PlanSubject, _ language: Language) throws {
        switch format {
        case .json: Console.current.print(try PlanJSON(subject: subject, language: language).render())
        case .text, .csv: Console.current.print(PlanText(subject: subject, language: language).render())
        }
    }
}
