import DiagnosticCore
import Yams

/// What reading a document needs everywhere: where to report, and which languages texts must have.
final class ReadContext {
    let sink: DiagnosticSink
    var languages: [String]

    init(sink: DiagnosticSink, languages: [String] = [LocalizedText.referenceLanguage]) {
        self.sink = sink
        self.languages = languages
    }
}

extension Node {
    /// Where the node starts.
    var position: Position? { Position(mark) }

    /// The scalar's text; `nil` for lists, blocks and YAML nulls.
    var scalarText: String? {
        guard case .scalar(let scalar) = self else { return nil }
        if scalar.style == .plain, ["", "~", "null", "Null", "NULL"].contains(scalar.string) { return nil }
        return scalar.string
    }

    /// Whether the node is a YAML null (`~`, `null` or nothing).
    var isNull: Bool {
        guard case .scalar(let scalar) = self else { return false }
        return scalar.style == .plain && ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }
}

/// Reads one YAML block (mapping), reporting unknown keys, missing keys and wrong types as it goes.
struct MappingReader {
    let context: ReadContext
    /// Where the block starts.
    let position: Position?
    /// What the block is, for messages (e.g. `questions[3]`).
    let name: String
    private let entries: [(key: String, keyPosition: Position?, value: Node)]

    /// Reads `node` as a block whose keys must be among `keys`; `nil` (reported) when it is not a block.
    init?(_ node: Node, name: String, keys: [String], context: ReadContext) {
        guard case .mapping(let mapping) = node else {
            context.sink.report(.expectedMapping(name), at: node.position)
            return nil
        }
        self.context = context
        self.position = node.position
        self.name = name
        var entries: [(key: String, keyPosition: Position?, value: Node)] = []
        for (keyNode, value) in mapping {
            guard let key = keyNode.scalarText else {
                context.sink.report(.expectedText(name), at: keyNode.position)
                continue
            }
            if !keys.contains(key) {
                let suggestion = ResponseChecker.closest(to: key, among: keys)
                context.sink.report(.unknownKey(key, allowed: keys, suggestion: suggestion), at: keyNode.position)
                continue
            }
            entries.append((key, keyNode.position, value))
        }
        self.entries = entries
    }

    private var sink: DiagnosticSink { context.sink }

    /// The value of `key`, unless absent or null.
    func node(_ key: String) -> Node? {
        entries.first { $0.key == key && !$0.value.isNull }?.value
    }

    /// Whether `key` is given with a non-null value.
    func has(_ key: String) -> Bool { node(key) != nil }

    /// The position of `key` itself, or of the block when absent.
    func position(of key: String) -> Position? {
        entries.first { $0.key == key }?.keyPosition ?? position
    }

    /// Every key given, in order, with its value.
    var pairs: [(key: String, keyPosition: Position?, value: Node)] { entries }

    /// The value of `key`, reporting it missing when required.
    func require(_ key: String) -> Node? {
        guard let value = node(key) else {
            sink.report(.missingKey(key), at: position)
            return nil
        }
        return value
    }

    /// A text value.
    func string(_ key: String, required: Bool = false) -> String? {
        guard let value = required ? require(key) : node(key) else { return nil }
        guard let text = value.scalarText else {
            sink.report(.expectedText(key), at: value.position)
            return nil
        }
        return text
    }

    /// A mapping of texts to texts (`{text: text, …}`): its entries in order, with the positions of
    /// each key and value; `nil` when absent. What is not a mapping, and an entry that is not two
    /// texts, is reported and left out.
    func textPairs(_ key: String) -> [(key: String, keyPosition: Position?, value: String, valuePosition: Position?)]? {
        guard let node = node(key) else { return nil }
        guard case .mapping(let mapping) = node else {
            sink.report(.expectedMapping(key), at: node.position)
            return nil
        }
        return mapping.compactMap { entry in
            guard let name = entry.key.scalarText, let text = entry.value.scalarText else {
                sink.report(.expectedText(key), at: entry.value.position)
                return nil
            }
            return (name, entry.key.position, text, entry.value.position)
        }
    }

    /// An identifier: letters, digits, `-`, `_` or `.`.
    func identifier(_ key: String = "id", required: Bool = true) -> (id: String, position: Position?)? {
        guard let value = required ? require(key) : node(key), let text = string(key) else { return nil }
        guard Self.isValidID(text) else {
            sink.report(.invalidID(text), at: value.position)
            return nil
        }
        return (text, value.position)
    }

    /// Whether `text` can serve as an id.
    static func isValidID(_ text: String) -> Bool {
        !text.isEmpty
            && text.unicodeScalars.allSatisfy {
                ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0)
                    || $0 == "-" || $0 == "_" || $0 == "."
            }
    }

    /// A number (a dot or a comma as decimal separator).
    func number(_ key: String, required: Bool = false) -> Double? {
        guard let value = required ? require(key) : node(key) else { return nil }
        return Self.number(value, key: key, sink: sink)
    }

    /// A number read from `value`, reported when it is not one.
    static func number(_ value: Node, key: String, sink: DiagnosticSink) -> Double? {
        guard let text = value.scalarText, let number = ResponseChecker.number(text) else {
            sink.report(.expectedNumber(key: key, value: value.scalarText ?? "…"), at: value.position)
            return nil
        }
        return number
    }

    /// A whole number.
    func integer(_ key: String, required: Bool = false) -> Int? {
        guard let value = required ? require(key) : node(key) else { return nil }
        guard let text = value.scalarText, let number = ResponseChecker.number(text),
            let integer = Int(exactly: number)
        else {
            sink.report(.expectedInteger(key: key, value: value.scalarText ?? "…"), at: value.position)
            return nil
        }
        return integer
    }

    /// `true` or `false`.
    func boolean(_ key: String) -> Bool? {
        guard let value = node(key) else { return nil }
        switch value.scalarText {
        case "true", "True", "TRUE": return true
        case "false", "False", "FALSE": return false
        default:
            sink.report(.expectedBoolean(key: key, value: value.scalarText ?? "…"), at: value.position)
            return nil
        }
    }

    /// One of the raw values of `E`.
    func choice<E: RawRepresentable & CaseIterable>(_ key: String, as type: E.Type) -> E? where E.RawValue == String {
        guard let value = node(key), let text = string(key) else { return nil }
        guard let result = E(rawValue: text) else {
            sink.report(.invalidChoice(key: key, value: text, allowed: E.allCases.map(\.rawValue)), at: value.position)
            return nil
        }
        return result
    }

    /// A list of nodes.
    func list(_ key: String, required: Bool = false) -> [Node]? {
        guard let value = required ? require(key) : node(key) else { return nil }
        guard case .sequence(let sequence) = value else {
            sink.report(.expectedList(key), at: value.position)
            return nil
        }
        return Array(sequence)
    }

    /// A list of texts (a single text counts as a list of one).
    func stringList(_ key: String) -> [(text: String, position: Position?)]? {
        guard let value = node(key) else { return nil }
        if let text = value.scalarText { return [(text, value.position)] }
        guard case .sequence(let sequence) = value else {
            sink.report(.expectedList(key), at: value.position)
            return nil
        }
        return sequence.compactMap { item in
            guard let text = item.scalarText else {
                sink.report(.expectedText(key), at: item.position)
                return nil
            }
            return (text, item.position)
        }
    }

    /// A text in several languages: `{fr: ..., en: ...}`, or a plain text taken as French.
    func text(_ key: String, required: Bool = false) -> LocalizedText? {
        guard let value = required ? require(key) : node(key) else { return nil }
        return Self.localizedText(value, name: key, context: context)
    }

    /// Reads a localized text, reporting a missing French text (error) or a missing declared language (warning).
    static func localizedText(_ value: Node, name: String, context: ReadContext) -> LocalizedText? {
        if let text = value.scalarText {
            for language in context.languages where language != LocalizedText.referenceLanguage {
                context.sink.warn(.missingTranslation(language: language), at: value.position)
            }
            return LocalizedText([LocalizedText.referenceLanguage: text])
        }
        guard case .mapping(let mapping) = value else {
            context.sink.report(.expectedText(name), at: value.position)
            return nil
        }
        var translations: [String: String] = [:]
        for (keyNode, textNode) in mapping {
            guard let language = keyNode.scalarText, let text = textNode.scalarText else {
                context.sink.report(.expectedText(name), at: textNode.position)
                continue
            }
            translations[language] = text
        }
        if translations[LocalizedText.referenceLanguage]?.isEmpty ?? true {
            context.sink.report(.missingFrench, at: value.position)
        }
        for language in context.languages where translations[language] == nil && language != LocalizedText.referenceLanguage {
            context.sink.warn(.missingTranslation(language: language), at: value.position)
        }
        return LocalizedText(translations)
    }
}
