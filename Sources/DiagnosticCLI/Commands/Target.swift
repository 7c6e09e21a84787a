import ArgumentParser
import DiagnosticCore
import DiagnosticDefinitions
import DiagnosticPipeline
import DiagnosticStore

/// An organisation named on the command line, with the questionnaire its targets and actions refer to.
struct NamedOrganisation {
    let key: String
    let name: String
    let campaign: LoadedCampaign
    let typology: Typology

    /// Finds the organisation in `campaign`, or among all organisations (then its latest campaign).
    init(_ store: any CampaignStore, name text: String, campaign: String?, language: Language) throws {
        let loaded: LoadedCampaign
        let ref: OrganisationRef
        if let campaign {
            loaded = try CampaignSource(commandLine: store, language: language).campaign(named: campaign)
            ref = try store.organisation(matching: store.organisationKey(matching: text, campaign: loaded.info))
        } else {
            ref = try store.organisation(matching: text)
            guard let latest = try store.campaigns(of: ref.key).first else {
                throw StoreError(.unknownOrganisation(text, suggestion: nil), path: store.path)
            }
            loaded = try CampaignSource(commandLine: store, language: language).campaign(named: latest.name)
        }
        guard let typology = loaded.questionnaire.typology(ref.typology) else {
            throw StoreError(.unknownOrganisation(text, suggestion: nil), path: store.path)
        }
        key = ref.key
        name = ref.name
        self.campaign = loaded
        self.typology = typology
    }
}

/// `od4g target`: set, list or clear an organisation's target levels, stored in the campaign database.
struct Target: LocalizedCommand {
    static let configuration = CommandConfiguration(
        abstract: "Objectifs de niveau d'une organisation / An organisation's target levels.",
        discussion: """
            od4g target --organisation X piloter=structure produire=initie    fixe des objectifs / sets targets
            od4g target --organisation X                                    les affiche / lists them
            od4g target --organisation X --clear piloter                    en retire un / removes one
            Les niveaux sont ceux du questionnaire de la dernière campagne de l'organisation (ou --campaign).
            Levels are those of the questionnaire of the organisation's latest campaign (or --campaign).
            """)

    @Argument(help: "Objectifs DIMENSION=NIVEAU / Targets DIMENSION=LEVEL.")
    var assignments: [String] = []

    @Option(name: .long, help: "Organisation : code officiel ou nom / Organisation: official code or name.")
    var organisation: String

    @Option(name: .long, help: "Campagne dont le questionnaire s'applique / Campaign whose questionnaire applies.")
    var campaign: String?

    @Option(name: .long, help: "Dimension dont retirer l'objectif (répétable) / Dimension whose target to remove (repeatable).")
    var clear: [String] = []

    @Flag(name: .long, help: "Retire tous les objectifs / Removes every target.")
    var clearAll = false

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var common: CommonOptions

    func run() throws {
        let language = common.language
        let store = try database.openExisting(language)
        let named = try NamedOrganisation(store, name: organisation, campaign: campaign, language: language)
        let questionnaire = named.campaign.questionnaire
        let targets = try TargetArguments(language: language).targets(
            assignments, questionnaire: questionnaire, typology: named.typology)
        for dimension in clear where questionnaire.dimension(dimension) == nil {
            throw CommandFailure(
                status: 1,
                message: language.pick("error: --clear \(dimension) : ", "error: --clear \(dimension): ")
                    + ResponseIssue(.target(dimension), .unknownDimension(dimension, known: questionnaire.dimensions.map(\.id)))
                    .message(language))
        }
        let removing =
            clearAll ? questionnaire.dimensions.map(\.id) + (try store.plan(of: named.key).targets.map(\.dimension)) : clear
        if !targets.isEmpty || !removing.isEmpty {
            try store.setTargets(of: named.key, targets, clearing: removing, source: "od4g target")
        }
        let order = Dictionary(uniqueKeysWithValues: questionnaire.dimensions.enumerated().map { ($1.id, $0) })
        let stored = try store.plan(of: named.key).targets.sorted {
            (order[$0.dimension] ?? order.count, $0.dimension) < (order[$1.dimension] ?? order.count, $1.dimension)
        }
        func dimensionName(_ id: String) -> String {
            questionnaire.dimension(id)?.label.resolved(language.rawValue) ?? id
        }
        func levelName(_ id: String, _ dimension: String) -> String {
            questionnaire.level(id, forDimension: dimension, typology: named.typology)?.label.resolved(language.rawValue) ?? id
        }
        Console.current.print(language.pick("Objectifs de \(named.name) :", "Targets of \(named.name):"))
        if stored.isEmpty { Console.current.print(language.pick("  aucun", "  none")) }
        for target in stored {
            Console.current.print(
                "  \(dimensionName(target.dimension)) [\(target.dimension)] → \(levelName(target.level, target.dimension)) [\(target.level)]"
                    + language.pick(
                        " (fixé le \(target.setAt.prefix(10)), \(target.source))",
                        " (set on \(target.setAt.prefix(10)), \(target.source))"))
        }
    }
}

/// `od4g follow`: record the support actions an organisation has followed, so they are not recommended again.
struct Follow: LocalizedCommand {
    static let configuration = CommandConfiguration(
        abstract: "Actions suivies par une organisation / Support actions an organisation has followed.",
        discussion: """
            od4g follow --organisation X kit-elus atelier-strategie    enregistre / records
            od4g follow --organisation X                               les affiche / lists them
            od4g follow --organisation X --forget kit-elus             en retire / removes
            """)

    @Argument(help: "Identifiants d'actions du catalogue / Action ids from the catalogue.")
    var actions: [String] = []

    @Option(name: .long, help: "Organisation : code officiel ou nom / Organisation: official code or name.")
    var organisation: String

    @Option(name: .long, help: "Campagne dont le questionnaire s'applique / Campaign whose questionnaire applies.")
    var campaign: String?

    @Option(name: .long, help: "Catalogue d'actions / Support-action catalogue.")
    var catalogue: String?

    @Flag(name: .long, help: "Retire les actions données / Removes the actions given.")
    var forget = false

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var common: CommonOptions

    func run() throws {
        let language = common.language
        let store = try database.openExisting(language)
        let named = try NamedOrganisation(store, name: organisation, campaign: campaign, language: language)
        let known = try CatalogueLocator(language: language).load(explicitPath: catalogue, for: named.campaign.questionnaire)
        for action in actions where known.action(action) == nil && !forget {
            let hint =
                ResponseChecker.closest(to: action, among: known.actions.map(\.id)).map {
                    language.pick(" ; vouliez-vous dire « \($0) » ?", "; did you mean '\($0)'?")
                } ?? ""
            throw CommandFailure(
                status: 1,
                message: language.pick(
                    "error: action « \(action) » inconnue du catalogue \(known.id)",
                    "error: action '\(action)' is not in catalogue \(known.id)")
                    + hint)
        }
        if !actions.isEmpty { try store.recordFollowed(of: named.key, actions, forget: forget, source: "od4g follow") }
        let followed = try store.plan(of: named.key).followed
        Console.current.print(language.pick("Actions suivies par \(named.name) :", "Actions followed by \(named.name):"))
        if followed.isEmpty { Console.current.print(language.pick("  aucune", "  none")) }
        for item in followed {
            let title =
                known.action(item.action)?.title.resolved(language.rawValue)
                ?? language.pick("(inconnue du catalogue)", "(not in the catalogue)")
            Console.current.print(
                "  \(item.action) — \(title)"
                    + language.pick(
                        " (enregistrée le \(item.recordedAt.prefix(10)), \(item.source))",
                        " (recorded on \(item.recordedAt.prefix(10)), \(item.source))"))
        }
    }
}
