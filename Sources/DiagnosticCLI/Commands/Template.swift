import ArgumentParser
import DiagnosticCore
import DiagnosticDefinitions

/// `od4g template --typology T`: prints a blank, commented response file for one typology.
struct Template: LocalizedCommand {
    static let configuration = CommandConfiguration(
        abstract: "Modèle de réponse vierge pour une typologie / Blank response file for a typology.",
        discussion: """
            Liste exactement les questions qui s'appliquent à la typologie ; une fois le nom de l'organisation rempli, le fichier est une réponse valide, même sans réponses.
            Lists exactly the questions that apply to the typology; once the organisation's name is filled in, the file is a valid response, even with no answers.
            """)

    @Option(name: .long, help: "Typologie du répondant (ex. commune, cc, departement) / Respondent typology.")
    var typology: String

    @Option(name: .long, help: "Fichier questionnaire (par défaut od4growth) / Questionnaire file (default od4growth).")
    var questionnaire: String?

    @OptionGroup var common: CommonOptions

    func run() throws {
        let language = common.language
        let model = try QuestionnaireLocator(language: language).load(explicitPath: questionnaire, id: nil)
        let chosen = try Self.typology(typology, in: model, language: language)
        let text = ResponseTemplate(questionnaire: model, typology: chosen, language: language).render()
        Console.current.print(String(text.dropLast()))
    }

    /// The typology `id` names; a family or an unknown id is an error listing the typologies.
    static func typology(_ id: String, in model: Questionnaire, language: Language) throws -> Typology {
        switch model.findTypology(id) {
        case .found(let found):
            return found
        case .family(let family, let members):
            let names = members.map { "\($0.id) (\($0.label.resolved(language.rawValue)))" }.joined(separator: ", ")
            throw CommandFailure(
                status: 1,
                message: language.pick(
                    "error: « \(id) » est une famille (\(family.label.resolved("fr"))) : choisissez l'une de ses typologies, \(names)",
                    "error: '\(id)' is a family (\(family.label.resolved("en"))): choose one of its typologies, \(names)"))
        case .unknown(let suggestion):
            let known = model.typologies.map { "\($0.id) (\($0.label.resolved(language.rawValue)))" }
            throw CommandFailure(
                status: 1,
                message: language.pick(
                    "error: typologie inconnue « \(id) »\(suggestion.map { " ; vouliez-vous dire « \($0) » ?" } ?? "") ; typologies possibles : \(known.joined(separator: ", "))",
                    "error: unknown typology '\(id)'\(suggestion.map { "; did you mean '\($0)'?" } ?? ""); possible typologies: \(known.joined(separator: ", "))"
                ))
        }
    }
}
