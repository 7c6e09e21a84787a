import DiagnosticCore
import DiagnosticDefinitions
import DiagnosticReports
import Foundation

/// Reads a response file for `score`, `report` and `recommend`: its diagnostics printed, then scored.
struct ResponseFileInputs {
    let language: Language

    /// The individual input of a response file.
    func individual(response path: String, questionnaire: Questionnaire) throws -> IndividualInput {
        let (response, card) = try scored(response: path, questionnaire: questionnaire)
        return IndividualInput(questionnaire: questionnaire, respondents: [.init(who: "", response: response, card: card)])
    }

    /// The response file at `path`, checked (its diagnostics printed) and scored.
    func scored(response path: String, questionnaire: Questionnaire) throws -> (response: Response, card: ScoreCard) {
        let loaded = ResponseLoader.load(path: path, questionnaire: questionnaire)
        DiagnosticPrinter(language: language).print(loaded.diagnostics)
        guard let response = loaded.value else { throw CommandFailure.invalidData }
        do {
            return (response, try Scorer(questionnaire: questionnaire).score(response))
        } catch {
            throw CommandFailure(status: 1, message: "\(path): error: \(error.fieldPath): \(error.message(language))")
        }
    }
}
