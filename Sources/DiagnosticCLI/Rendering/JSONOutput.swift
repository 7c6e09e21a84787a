import DiagnosticCore
import Foundation

/// Encodes the JSON documents of `score`, `aggregate` and `compare`, turning an encoding failure
/// (a non-finite number, which validation keeps out) into a clear error instead of Foundation's.
enum JSONOutput {
    static func encode<T: Encodable>(_ value: T, language: Language) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        do {
            return String(decoding: try encoder.encode(value), as: UTF8.self)
        } catch {
            throw CommandFailure(
                status: 1,
                message: language.pick(
                    "error: résultat impossible à écrire en JSON (un nombre n'est pas fini) : vérifiez le questionnaire avec od4g validate",
                    "error: the result cannot be written as JSON (a number is not finite): check the questionnaire with od4g validate"
                ))
        }
    }
}
