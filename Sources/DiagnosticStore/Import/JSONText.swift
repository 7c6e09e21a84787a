import DiagnosticCore

/// Writes the JSON stored in `response.profile` and `response.answers`: the same shapes as a
/// response file (`{"q": "yes"}`, `["a", "b"]`, numbers, and `{"answer": …, "justification": …}`
/// when an answer carries more than its value), so SQLite's `json_extract` reads them.
///
/// Built as bytes: an import writes one such object per respondent, a hundred thousand times.
struct JSONText {
    fileprivate(set) var bytes: [UInt8] = []

    fileprivate init(capacity: Int) {
        bytes.reserveCapacity(capacity)
    }

    fileprivate var text: String { String(decoding: bytes, as: UTF8.self) }

    fileprivate mutating func raw(_ ascii: StaticString) {
        ascii.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// Appends a JSON string literal, escaping quotes, backslashes and control characters.
    fileprivate mutating func string(_ value: String) {
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

    fileprivate mutating func number(_ value: Double) {
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
            if let value = profile[key] { json.value(value) } else { json.raw("null") }
        }
        json.raw("}")
        return json.text
    }

    /// A profile value: a number or a string.
    fileprivate mutating func value(_ value: ProfileValue) {
        switch value {
        case .number(let number): self.number(number)
        case .text(let text): string(text)
        }
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
    fileprivate mutating func answer(_ answer: Answer) {
        let plain = answer.justification == nil && answer.evidence.isEmpty && answer.confidence == nil
        if !plain { raw("{\"answer\":") }
        switch StoredValue(answer.value) {
        case .text(let text): string(text)
        case .list(let items): list(items)
        case .number(let value): number(value)
        case .object(let values): object(values)
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

    /// An object of texts, keys sorted.
    private mutating func object(_ values: [String: String]) {
        raw("{")
        for (index, key) in values.keys.sorted().enumerated() {
            if index > 0 { raw(",") }
            string(key)
            raw(":")
            string(values[key] ?? "")
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

    /// The bytes `build` writes, kept as a fragment to copy later.
    static func fragment(_ build: (inout JSONText) -> Void) -> [UInt8] {
        var json = JSONText(capacity: 32)
        build(&json)
        return json.bytes
    }
}

/// The profile and answers JSON of rows the compiled import path checked, written from fragments
/// worked out once per questionnaire (keys and option ids, quoted and escaped): the same text
/// `JSONText.profile` and `JSONText.answers` write, which the compiled-path test compares.
public struct CompiledJSON: Sendable {
    /// Profile field ids in the order `JSONText.profile` writes keys (sorted), with their key fragments.
    private let profileKeys: [(id: String, key: [UInt8])]
    /// `"id":` of each question.
    private let questionKeys: [[UInt8]]
    /// `"id"` of each option of each question.
    private let optionValues: [[[UInt8]]]

    /// Works out the fragments of `questionnaire`.
    public init(questionnaire: Questionnaire) {
        profileKeys = Set(questionnaire.profileFields.map(\.id)).sorted().map { id in
            (
                id,
                JSONText.fragment { json in
                    json.string(id)
                    json.raw(":")
                }
            )
        }
        questionKeys = questionnaire.questions.map { question in
            JSONText.fragment { json in
                json.string(question.id)
                json.raw(":")
            }
        }
        optionValues = questionnaire.questions.map { question in
            question.options.map { option in JSONText.fragment { $0.string(option.id) } }
        }
    }

    /// The profile, keys sorted, as `JSONText.profile` writes it.
    func profile(_ profile: [String: ProfileValue]) -> String {
        var json = JSONText(capacity: 512)
        json.raw("{")
        var written = 0
        for (id, key) in profileKeys {
            guard let value = profile[id] else { continue }
            if written > 0 { json.raw(",") }
            written += 1
            json.bytes.append(contentsOf: key)
            json.value(value)
        }
        // A key the questionnaire does not list (never, for a checked profile) takes the general way.
        guard written == profile.count else { return JSONText.profile(profile) }
        json.raw("}")
        return json.text
    }

    /// The answers in questionnaire order, as `JSONText.answers` writes them: choices from their
    /// option positions in `result`, anything else (numbers, text, special answers, details) the general way.
    func answers(_ response: PositionalResponse, result: RespondentResult, questionnaire: Questionnaire) -> String {
        guard questionKeys.count == response.answers.count, result.questions.count == response.answers.count else {
            // Not the questionnaire the fragments were made for (never, in an import): the general way.
            return JSONText.answers(
                zip(questionnaire.questions, response.answers).lazy.compactMap { question, answer in
                    answer.map { (question.id, $0) }
                })
        }
        var json = JSONText(capacity: 2048)
        json.raw("{")
        var first = true
        for (index, answer) in response.answers.enumerated() {
            guard let answer else { continue }
            if !first { json.raw(",") }
            first = false
            json.bytes.append(contentsOf: questionKeys[index])
            let plain = answer.justification == nil && answer.evidence.isEmpty && answer.confidence == nil
            let selections = result.questions[index].selections
            let options = optionValues[index]
            switch answer.value {
            case .choice where plain && selections.count == 1 && selections[0] < options.count:
                json.bytes.append(contentsOf: options[selections[0]])
            case .choices(let ids) where plain && selections.count == ids.count && selections.allSatisfy({ $0 < options.count }):
                json.raw("[")
                for (position, option) in selections.enumerated() {
                    if position > 0 { json.raw(",") }
                    json.bytes.append(contentsOf: options[option])
                }
                json.raw("]")
            default:
                json.answer(answer)
            }
        }
        json.raw("}")
        return json.text
    }
}
