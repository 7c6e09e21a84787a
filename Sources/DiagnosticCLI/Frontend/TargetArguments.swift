import DiagnosticCore
import DiagnosticDefinitions
import Foundation

/// `DIMENSION=LEVEL` arguments of `od4g target` and `od4g recommend --target`.
struct TargetArguments {
    let language: Language

    /// Parses `dimension=level` arguments and checks them against the questionnaire.
    func targets(_ arguments: [String], questionnaire: Questionnaire, typology: Typology) throws -> [String: String] {
        var result: [String: String] = [:]
        for argument in arguments {
            let parts = argument.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                throw CommandFailure(
                    status: 1,
                    message: language.pick(
                        "error: objectif « \(argument) » : écrivez DIMENSION=NIVEAU, par exemple piloter=structure",
                        "error: target '\(argument)': write DIMENSION=LEVEL, for example piloter=structure"))
            }
            if let problem = ResponseChecker.targetProblem(
                dimension: parts[0], level: parts[1], typology: typology, in: questionnaire)
            {
                throw CommandFailure(
                    status: 1,
                    message: language.pick("error: objectif « \(argument) » : ", "error: target '\(argument)': ")
                        + ResponseIssue(.target(parts[0]), problem).message(language))
            }
            result[parts[0]] = parts[1]
        }
        return result
    }
}
