import ArgumentParser
import DiagnosticCore
import DiagnosticDefinitions
import DiagnosticPipeline
import Foundation

/// `od4g form --format xlsform|limesurvey --typology T|--all --output F`: the questionnaire as a
/// form a survey tool loads, whose export imports with no mapping.
struct Form: LocalizedCommand {
    static let configuration = CommandConfiguration(
        abstract: "Formulaire pour un outil d'enquête / Form for a survey tool.",
        discussion: """
            xlsform : un XLSForm (feuilles survey, choices, settings) que KoboToolbox et ODK chargent ; son export (« XML values and headers ») s'importe sans fichier de correspondance.
            xlsform: an XLSForm (survey, choices and settings sheets) that KoboToolbox and ODK load; its export ("XML values and headers") imports with no mapping file.
            limesurvey : la structure d'enquête de LimeSurvey en texte séparé par des tabulations (.txt, « Créer une enquête → Importer ») ; son export de réponses (« Code de la question », « Codes des réponses ») s'importe sans fichier de correspondance.
            limesurvey: LimeSurvey's tab-separated survey structure (.txt, "Create survey → Import"); its responses export ("Question code" headings, "Answer codes") imports with no mapping file.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case xlsform, limesurvey
    }

    @Option(name: .long, help: "Format du formulaire / Form format.")
    var format: Format

    @Option(
        name: .long,
        help: "Typologie des répondants (les questions qui ne la concernent pas sont omises) / Respondents' typology.")
    var typology: String?

    @Flag(
        name: .long,
        help: "Un formulaire pour toutes les typologies (par défaut) / One form for every typology (the default).")
    var all = false

    @Option(name: .long, help: "Fichier à écrire (.xlsx pour xlsform, .txt pour limesurvey) / File to write.")
    var output: String

    @Option(name: .long, help: "Fichier questionnaire (par défaut od4growth) / Questionnaire file (default od4growth).")
    var questionnaire: String?

    @OptionGroup var common: CommonOptions

    func run() throws {
        let language = common.language
        // Neither: a form for every typology, as with --all.
        guard typology == nil || !all else {
            throw CommandFailure(
                status: 1,
                message: language.pick(
                    "error: donnez --typology T (un formulaire pour une typologie) ou --all (pour toutes), pas les deux",
                    "error: give --typology T (a form for one typology) or --all (for every typology), not both"))
        }
        let model = try QuestionnaireLocator(language: language).load(explicitPath: questionnaire, id: nil)
        let chosen = try typology.map { try Template.typology($0, in: model, language: language) }
        let data: Data
        let kind: (fr: String, en: String)
        switch format {
        case .xlsform:
            kind = ("XLSForm", "XLSForm")
            do {
                data = try WorkbookWriter.xlsx(XLSForm(questionnaire: model, typology: chosen, language: language).sheets())
            } catch {
                throw CommandFailure(
                    status: 1,
                    message: language.pick("error: XLSForm non écrit : ", "error: XLSForm not written: ") + error.reason)
            }
        case .limesurvey:
            kind = ("Enquête LimeSurvey", "LimeSurvey survey")
            data = Data(LimeSurveyForm(questionnaire: model, typology: chosen, language: language).text().utf8)
        }
        try OutputFile.write(data, to: output)
        Console.current.print(
            language.pick(
                "\(kind.fr) de « \(model.id) » (\(chosen.map { $0.id } ?? "toutes typologies")) écrit dans \(output)",
                "\(kind.en) of '\(model.id)' (\(chosen.map { $0.id } ?? "every typology")) written to \(output)"))
    }
}
