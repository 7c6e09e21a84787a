import DiagnosticCore

/// Writes the JSON stored in `response.profile` and `response.answers`: the same shapes as a
/// response file (`{"q": "yes"}`, `["a", "b"]`, numbers, and `{"answer": …, "justification": …}`
/// when an answer carries more than its value), so SQLite's `json_extract` reads them.
enum JSONText {
    static func string(_ text: String) -> String {
        if !text.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            return "\"" + text + "\""
        }
        var result = "\""
        result.reserveCapacity(text.utf8.count + 2)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }

    static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }

    static func profile(_ profile: [String: ProfileValue]) -> String {
        "{"
            + profile.keys.sorted().map { key in
                let value: String =
                    switch profile[key] {
                    case .number(let value)?: number(value)
                    case .text(let text)?: string(text)
                    case nil: "null"
                    }
                return string(key) + ":" + value
            }.joined(separator: ",") + "}"
    }

    /// The answers, in the order given, as one JSON object.
    static func answers(_ answers: some Sequence<(String, Answer)>) -> String {
        var text = "{"
        for (id, value) in answers {
            if text.utf8.count > 1 { text += "," }
            text += string(id) + ":" + answer(value)
        }
        return text + "}"
    }

    static func answer(_ answer: Answer) -> String {
        let value: String =
            switch answer.value {
            case .choice(let id): string(id)
            case .choices(let ids): "[" + ids.map(string).joined(separator: ",") + "]"
            case .number(let value): number(value)
            case .text(let text): string(text)
            case .special(let kind): string(kind.rawValue)
            }
        guard answer.justification != nil || !answer.evidence.isEmpty || answer.confidence != nil else { return value }
        var parts = ["\"answer\":" + value]
        if let justification = answer.justification { parts.append("\"justification\":" + string(justification)) }
        if !answer.evidence.isEmpty { parts.append("\"evidence\":[" + answer.evidence.map(string).joined(separator: ",") + "]") }
        if let confidence = answer.confidence { parts.append("\"confidence\":" + string(confidence.rawValue)) }
        return "{" + parts.joined(separator: ",") + "}"
    }
}
