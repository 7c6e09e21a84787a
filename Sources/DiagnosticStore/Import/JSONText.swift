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
        text.reserveCapacity(2048)
        var first = true
        for (id, value) in answers {
            if !first { text += "," }
            first = false
            append(id, to: &text)
            text += ":"
            append(value, to: &text)
        }
        text += "}"
        return text
    }

    /// Appends a JSON string literal.
    static func append(_ value: String, to text: inout String) {
        if value.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            text += string(value)
        } else {
            text += "\""
            text += value
            text += "\""
        }
    }

    /// Appends an answer: its value, or an object when it carries more than its value.
    static func append(_ answer: Answer, to text: inout String) {
        let plain = answer.justification == nil && answer.evidence.isEmpty && answer.confidence == nil
        if !plain { text += "{\"answer\":" }
        switch answer.value {
        case .choice(let id): append(id, to: &text)
        case .choices(let ids):
            text += "["
            for (index, id) in ids.enumerated() {
                if index > 0 { text += "," }
                append(id, to: &text)
            }
            text += "]"
        case .number(let value): text += number(value)
        case .text(let value): append(value, to: &text)
        case .special(let kind): append(kind.rawValue, to: &text)
        }
        guard !plain else { return }
        if let justification = answer.justification {
            text += ",\"justification\":"
            append(justification, to: &text)
        }
        if !answer.evidence.isEmpty { text += ",\"evidence\":[" + answer.evidence.map(string).joined(separator: ",") + "]" }
        if let confidence = answer.confidence { text += ",\"confidence\":" + string(confidence.rawValue) }
        text += "}"
    }
}
