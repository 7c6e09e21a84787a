import DiagnosticCore

/// Writes the JSON stored in `response.profile` and `response.answers`: the same shapes as a
/// response file (`{"q": "yes"}`, `["a", "b"]`, numbers, and `{"answer": …, "justification": …}`
/// when an answer carries more than its value), so SQLite's `json_extract` reads them.
///
/// Built as bytes: an import writes one such object per respondent, a hundred thousand times.
struct JSONText {
    private var bytes: [UInt8] = []

    private init(capacity: Int) {
        bytes.reserveCapacity(capacity)
    }

    private var text: String { String(decoding: bytes, as: UTF8.self) }

    private mutating func raw(_ ascii: StaticString) {
        ascii.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// Appends a JSON string literal, escaping quotes, backslashes and control characters.
    private mutating func string(_ value: String) {
        bytes.append(UInt8(ascii: "\""))
        // Text with nothing to escape (nearly all of it) is copied in one go.
        let copied = value.utf8.withContiguousStorageIfAvailable { buffer -> Bool in
            guard !buffer.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) else {
                return false
            }
            bytes.append(contentsOf: buffer)
            return true
        }
        if copied == true {
            bytes.append(UInt8(ascii: "\""))
            return
        }
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "\""): raw("\\\"")
            case UInt8(ascii: "\\"): raw("\\\\")
            case 0x0A: raw("\\n")
            case 0x0D: raw("\\r")
            case 0x09: raw("\\t")
            case 0..<0x20:
                raw("\\u00")
                let digits: [UInt8] = Array("0123456789abcdef".utf8)
                bytes.append(digits[Int(byte >> 4)])
                bytes.append(digits[Int(byte & 0x0F)])
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private mutating func number(_ value: Double) {
        bytes.append(contentsOf: NumberText.exact(value).utf8)
    }

    /// The profile as one JSON object, keys sorted.
    static func profile(_ profile: [String: ProfileValue]) -> String {
        var json = JSONText(capacity: 512)
        json.raw("{")
        for (index, key) in profile.keys.sorted().enumerated() {
            if index > 0 { json.raw(",") }
            json.string(key)
            json.raw(":")
            switch profile[key] {
            case .number(let value)?: json.number(value)
            case .text(let value)?: json.string(value)
            case nil: json.raw("null")
            }
        }
        json.raw("}")
        return json.text
    }

    /// The answers, in the order given, as one JSON object.
    static func answers(_ answers: some Sequence<(String, Answer)>) -> String {
        var json = JSONText(capacity: 2048)
        json.raw("{")
        var first = true
        for (id, value) in answers {
            if !first { json.raw(",") }
            first = false
            json.string(id)
            json.raw(":")
            json.answer(value)
        }
        json.raw("}")
        return json.text
    }

    /// An answer: its value, or an object when it carries more than its value.
    private mutating func answer(_ answer: Answer) {
        let plain = answer.justification == nil && answer.evidence.isEmpty && answer.confidence == nil
        if !plain { raw("{\"answer\":") }
        switch answer.value {
        case .choice(let id): string(id)
        case .choices(let ids): list(ids)
        case .number(let value): number(value)
        case .text(let value): string(value)
        case .special(let kind): string(kind.rawValue)
        }
        guard !plain else { return }
        if let justification = answer.justification {
            raw(",\"justification\":")
            string(justification)
        }
        if !answer.evidence.isEmpty {
            raw(",\"evidence\":")
            list(answer.evidence)
        }
        if let confidence = answer.confidence {
            raw(",\"confidence\":")
            string(confidence.rawValue)
        }
        raw("}")
    }

    private mutating func list(_ items: [String]) {
        raw("[")
        for (index, item) in items.enumerated() {
            if index > 0 { raw(",") }
            string(item)
        }
        raw("]")
    }
}
