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
        let text = try OpenDataTable.text(of: loaded, in: store)
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
