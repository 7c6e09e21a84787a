import DiagnosticCore
import Foundation

/// Rebuilds a raw response from the JSON a campaign stores (`response.profile`, `response.answers`),
/// which has the same shapes as a response file.
public enum StoredResponseReader {
    /// The raw response, or `nil` when the stored JSON is not an object.
    public static func raw(profileJSON: String, answersJSON: String) -> RawResponse? {
        guard let profile = object(profileJSON), let answers = object(answersJSON) else { return nil }
        let entries = profile.keys.sorted().compactMap { key in value(profile[key]).map { (field: key, value: $0) } }
        let raws = answers.keys.sorted().compactMap { id -> RawAnswer? in
            // A detailed answer always has its `answer`; an object without one is the value (a grid's rows).
            if let detailed = answers[id] as? [String: Any], detailed["answer"] != nil {
                guard let answer = value(detailed["answer"]) else { return nil }
                return RawAnswer(
                    questionID: id, value: answer, justification: detailed["justification"] as? String,
                    evidence: detailed["evidence"] as? [String] ?? [],
                    confidence: (detailed["confidence"] as? String).flatMap(Confidence.init(rawValue:)))
            }
            return value(answers[id]).map { RawAnswer(questionID: id, value: $0) }
        }
        return RawResponse(profile: entries, answers: raws)
    }

    private static func object(_ json: String) -> [String: Any]? {
        (try? JSONSerialization.jsonObject(with: Data(json.utf8))) as? [String: Any]
    }

    private static func value(_ any: Any?) -> RawValue? {
        switch any {
        case let text as String: return .scalar(text)
        case let number as NSNumber: return .scalar(NumberText.exact(number.doubleValue))
        case let list as [Any]: return .list(list.compactMap { $0 as? String })
        case let object as [String: Any]: return .mapping(object.compactMapValues { $0 as? String })
        default: return nil
        }
    }
}
