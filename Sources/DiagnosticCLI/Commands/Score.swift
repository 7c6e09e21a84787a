import ArgumentParser
import DiagnosticCore
import DiagnosticDefinitions
import DiagnosticPipeline

/// `od4g score RESPONSE`: the maturity profile of one response, as text or JSON.
struct Score: LocalizedCommand {
    static let configuration = CommandConfiguration(
        abstract: "Calcule le profil de maturité d'une réponse / Score a response file.",
        discussion: """
            Le questionnaire est celui que nomme la réponse (champ questionnaire), cherché dans ./Questionnaires, ou --questionnaire.
            The questionnaire is the one the response names, looked up in ./Questionnaires, or --questionnaire.
            Formules / formulas: docs/scoring.md. JSON: docs/score-json.md.
            """)

    /// Output formats.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @Argument(help: "Fichier de réponse YAML ou JSON / Response file (YAML or JSON).")
    var response: String

    @Option(name: .long, help: "Fichier questionnaire / Questionnaire file.")
    var questionnaire: String?

    @Option(name: .long, help: "Format de sortie : text ou json / Output format: text or json.")
    var format: Format = .text

    @OptionGroup var common: CommonOptions

    func run() throws {
        let language = common.language
        let model = try QuestionnaireLocator(language: language).load(forResponse: response, explicitPath: questionnaire)
        let (checked, card) = try ResponseFileInputs(language: language).scored(response: response, questionnaire: model)
        switch format {
        case .text:
            Console.current.print(ScoreText(questionnaire: model, response: checked, card: card, language: language).render())
        case .json:
            Console.current.print(try ScoreJSON(questionnaire: model, response: checked, card: card, language: language).render())
        }
    }
}
