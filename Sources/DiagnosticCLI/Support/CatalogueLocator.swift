import DiagnosticCore
import DiagnosticDefinitions
import Foundation

/// Finds and loads the support-action catalogue for a questionnaire, printing its diagnostics when it is invalid.
struct CatalogueLocator {
    /// The catalogue file looked for in the questionnaire folders when `--catalogue` is not given.
    static let defaultFile = "support-actions.yaml"

    let language: Language

    /// The catalogue reports use: `explicitPath` (which must load), else the default catalogue when
    /// it is found and made for this questionnaire, else `nil` (the report says no catalogue applies).
    func optional(explicitPath: String?, for questionnaire: Questionnaire) throws -> ActionCatalogue? {
        if let explicitPath { return try load(explicitPath: explicitPath, for: questionnaire) }
        guard let found = Self.defaultPath, ActionCatalogueLoader.questionnaireID(path: found) == questionnaire.id else {
            return nil
        }
        return try read(found, for: questionnaire)
    }

    /// Loads `explicitPath`, or `support-actions.yaml` from the questionnaire search folders, checked
    /// against `questionnaire`.
    func load(explicitPath: String?, for questionnaire: Questionnaire) throws -> ActionCatalogue {
        guard let path = explicitPath ?? Self.defaultPath else {
            throw CommandFailure(
                status: 1,
                message: language.pick(
                    "error: catalogue d'actions \(Self.defaultFile) introuvable (cherché dans : \(QuestionnaireLocator.searchFolders.joined(separator: ", "))) ; indiquez-le avec --catalogue FICHIER",
                    "error: action catalogue \(Self.defaultFile) not found (looked in: \(QuestionnaireLocator.searchFolders.joined(separator: ", "))); give it with --catalogue FILE"
                ))
        }
        if let named = ActionCatalogueLoader.questionnaireID(path: path), named != questionnaire.id {
            throw CommandFailure(
                status: 1,
                message: language.pick(
                    "error: \(path) est un catalogue pour le questionnaire « \(named) », les réponses suivent « \(questionnaire.id) » : donnez le bon catalogue avec --catalogue",
                    "error: \(path) is a catalogue for questionnaire '\(named)', the responses follow '\(questionnaire.id)': give the right catalogue with --catalogue"
                ))
        }
        return try read(path, for: questionnaire)
    }

    /// The first `support-actions.yaml` of the questionnaire search folders.
    private static var defaultPath: String? {
        QuestionnaireLocator.searchFolders.map { "\($0)/\(defaultFile)" }.first(where: FileManager.default.fileExists(atPath:))
    }

    /// Loads the catalogue at `path`, printing its diagnostics when it is invalid.
    private func read(_ path: String, for questionnaire: Questionnaire) throws -> ActionCatalogue {
        let result = ActionCatalogueLoader.load(path: path, questionnaire: questionnaire)
        guard let catalogue = result.value else {
            DiagnosticPrinter(language: language).print(result.diagnostics)
            throw CommandFailure.invalidData
        }
        return catalogue
    }
}
