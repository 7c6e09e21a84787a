import ArgumentParser
import DiagnosticCore
import DiagnosticDefinitions
import DiagnosticPipeline
import Foundation

/// `od4g form --format xlsform --typology T|--all --output F.xlsx`: the questionnaire as a form a
/// survey tool loads, whose export imports with no mapping.
struct Form: LocalizedCommand {
    static let configuration = CommandConfiguration(
        abstract: "Formulaire pour un outil d'enquête / Form for a survey tool.",
        discussion: """
            xlsform : un XLSForm (feuilles survey, choices, settings) que KoboToolbox et ODK chargent ; son export (« XML values and headers ») s'importe sans fichier de correspondance.
            xlsform: an XLSForm (survey, choices and settings sheets) that KoboToolbox and ODK load; its export ("XML values and headers") imports with no mapping file.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case xlsform
    }

    @Option(name: .long, help: "Format du formulaire / Form format.")
    var format: Format

    @Option(
        name: .long,
        help: "Typologie des répondants (les questions qui ne la concernent pas sont omises) / Respondents' typology.")
    var typology: String?

    @Flag(name: .long, help: "Un formulaire pour toutes les typologies / One form for every typology.")
    var all = false

    @Option(name: .long, help: "Fichier à écrire (.xlsx) / File to write (.xlsx).")
    var output: String

    @Option(name: .long, help: "Fichier questionnaire (par défaut od4growth) / Questionnaire file (default od4growth).")
    var questionnaire: String?

    @OptionGroup var common: CommonOptions

    func run() throws {
        let language = common.language
        guard (typology == nil) != !all else {
            throw CommandFailure(
                status: 1,
                message: language.pick(
                    "error: donnez --typology T (un formulaire pour une typologie) ou --all (pour toutes), l'un des deux",
                    "error: give --typology T (a form for one typology) or --all (for every typology), one of the two"))
        }
        let model = try QuestionnaireLocator(language: language).load(explicitPath: questionnaire, id: nil)
        let chosen = try typology.map { try Template.typology($0, in: model, language: language) }
        let form = XLSForm(questionnaire: model, typology: chosen, language: language)
        let data: Data
        do {
            data = try WorkbookWriter.xlsx(form.sheets())
        } catch {
            throw CommandFailure(
                status: 1, message: language.pick("error: XLSForm non écrit : ", "error: XLSForm not written: ") + error.reason)
        }
        try OutputFile.write(data, to: output)
        Console.current.print(
            language.pick(
                "XLSForm de « \(model.id) » (\(chosen.map { $0.id } ?? "toutes typologies")) écrit dans \(output)",
                "XLSForm of '\(model.id)' (\(chosen.map { $0.id } ?? "every typology")) written to \(output)"))
    }
}
