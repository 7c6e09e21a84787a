import ArgumentParser
import DiagnosticCore
import DiagnosticDefinitions
import DiagnosticPipeline
import DiagnosticStore
import Foundation

/// `od4g export --campaign NAME --open-data`: the campaign's results as open data (CSV, no personal field).
struct Export: LocalizedCommand {
    static let configuration = CommandConfiguration(
        abstract: "Exporte les résultats en données ouvertes / Export results as open data.",
        discussion: """
            Une ligne par organisation (profil combiné de ses répondants) : identité de l'organisation publique, typologie,
            département, scores, niveaux et part des points obtenus par question. Jamais de nom ni de courriel de
            répondant, de fonction, de texte libre, de justification. Schéma : docs/open-data-export.md.
            One row per organisation (its respondents combined): public body identity, typology, département, scores,
            levels and share of points per question. Never a respondent's name, e-mail, role, free text or
            justification. Schema: docs/open-data-export.md.
            """)

    @Option(name: .long, help: "Campagne / Campaign.")
    var campaign: String

    @Flag(name: .long, help: "Export en données ouvertes (obligatoire) / Open-data export (required).")
    var openData = false

    @Option(name: .long, help: "Fichier CSV (défaut : sortie standard) / CSV file (default: standard output).")
    var output: String?

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var common: CommonOptions

    func validate() throws {
        guard openData else {
            throw ValidationError(
                common.language.pick("--open-data est le seul export disponible", "--open-data is the only export available"))
        }
    }

    func run() throws {
        let language = common.language
        let store = try database.openExisting(language)
        let loaded = try CampaignSource(commandLine: store, language: language).campaign(named: campaign)
        let table = OpenDataTable(questionnaire: loaded.questionnaire, campaign: loaded.info)
        var text = table.header
        try store.forEachOrganisation(campaign: loaded.info, questionnaire: loaded.questionnaire) { entries in
            if let profile = OrganisationProfile(entries: entries, questionnaire: loaded.questionnaire) {
                text += table.line(profile, departement: profile.departement)
            }
        }
        if let output {
            try OutputFile.write(text, to: output)
            Console.current.print(
                language.pick(
                    "Export données ouvertes de « \(campaign) » écrit dans \(output)",
                    "Open-data export of '\(campaign)' written to \(output)"))
        } else {
            Console.current.print(String(text.dropLast()))
        }
    }
}

/// The open-data CSV: fixed columns, then one per dimension (score, level), then one per scored question.
struct OpenDataTable {
    let questionnaire: Questionnaire
    let campaign: CampaignInfo
    private let writer = CSVWriter()

    var columns: [String] {
        [
            "campaign", "period", "questionnaire", "questionnaire_version", "organisation", "official_code", "typology", "family",
            "departement", "respondents", "overall_score", "overall_level", "complete",
        ]
            + questionnaire.dimensions.flatMap { ["\($0.id)_score", "\($0.id)_level"] }
            + questionnaire.questions.filter(\.scored).map { "q_\($0.id)" }
    }

    var header: String { writer.line(columns) }

    func line(_ profile: OrganisationProfile, departement: String?) -> String {
        func number(_ value: Double?, _ decimals: Int = 2) -> String {
            // Published data never carries "nan" or "inf" (validation keeps them out; an empty cell if one slipped through).
            value.flatMap { $0.isFinite ? NumberText.format($0, decimals: decimals) : nil } ?? ""
        }
        var cells = [
            campaign.name, campaign.period ?? "", campaign.questionnaireID, campaign.questionnaireVersion, profile.name,
            profile.code ?? "", profile.typology.id, profile.typology.family, departement ?? "",
            String(profile.respondents.count), number(profile.overall), profile.level?.id ?? "", profile.isComplete ? "1" : "0",
        ]
        for index in questionnaire.dimensions.indices {
            cells.append(number(profile.dimensions.element(at: index) ?? nil))
            cells.append((profile.dimensionLevels.element(at: index) ?? nil)?.id ?? "")
        }
        for (index, question) in questionnaire.questions.enumerated() where question.scored {
            cells.append(number(profile.questionRatios.element(at: index) ?? nil, 4))
        }
        return writer.line(cells)
    }
}
