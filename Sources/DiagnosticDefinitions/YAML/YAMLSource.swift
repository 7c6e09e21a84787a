import DiagnosticCore
import Foundation
import Yams

/// The text of a YAML or JSON file and its node tree, with syntax errors turned into diagnostics.
struct YAMLSource {
    /// The file as the user named it.
    let file: String
    /// Its text.
    let text: String

    /// Reads `path` as UTF-8 text.
    static func read(_ path: String) -> Result<YAMLSource, Diagnostic> {
        let data: Data
        switch SourceFile.read(path, limit: SourceFile.definitionLimit) {
        case .success(let contents): data = contents
        case .failure(let problem): return .failure(Diagnostic(file: path, line: nil, column: nil, .cannotRead(problem)))
        }
        guard var text = String(data: data, encoding: .utf8) else {
            let position = Self.firstInvalidUTF8(data)
            return .failure(Diagnostic(file: path, line: position.line, column: position.column, .notUTF8))
        }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        return .success(YAMLSource(file: path, text: text))
    }

    /// Where the first byte that is not UTF-8 stands (1-based line, and column in bytes).
    static func firstInvalidUTF8(_ data: Data) -> (line: Int, column: Int) {
        let bytes = [UInt8](data)
        var line = 1
        var lineStart = 0
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            let length =
                byte < 0x80
                ? 1 : byte >= 0xC2 && byte <= 0xDF ? 2 : byte >= 0xE0 && byte <= 0xEF ? 3 : byte >= 0xF0 && byte <= 0xF4 ? 4 : 0
            let valid =
                length > 0 && index + length <= bytes.count
                && bytes[(index + 1)..<(index + length)].allSatisfy { $0 & 0xC0 == 0x80 }
                // Overlong forms, surrogates and code points past U+10FFFF fail here; a real U+FFFD passes.
                && String(validating: bytes[index..<(index + length)], as: UTF8.self) != nil
            guard valid else { return (line, index - lineStart + 1) }
            if byte == 0x0A {
                line += 1
                lineStart = index + 1
            }
            index += length
        }
        return (line, index - lineStart + 1)
    }

    /// The root node, or `nil` after reporting the syntax error (or an empty document) to `sink`.
    func compose(into sink: DiagnosticSink) -> Node? {
        if let problem = YAMLBudget.check(text) {
            sink.report(.yamlBudget(problem.kind), at: Position(line: problem.line, column: problem.column))
            return nil
        }
        do {
            guard let node = try Yams.compose(yaml: text) else {
                sink.report(.emptyDocument, at: Position(line: 1, column: 1))
                return nil
            }
            return node
        } catch let error as YamlError {
            report(error, into: sink)
            return nil
        } catch {
            sink.report(.yamlSyntax(String(describing: error)), at: nil)
            return nil
        }
    }

    private func report(_ error: YamlError, into sink: DiagnosticSink) {
        switch error {
        case .scanner(let context, let problem, let mark, _),
            .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            sink.report(.yamlSyntax(problem, context: context?.text), at: Position(mark))
        case .reader(let problem, let offset, _, _):
            sink.report(.yamlSyntax(problem), at: offset.map(position(ofByte:)))
        case .duplicatedKeysInMapping(let duplicates, let context):
            let first = Position(context.mark)
            let key = duplicates.first ?? ""
            let second = repeatedKey(key, after: first)
            sink.report(
                .duplicateKey(duplicates.joined(separator: "', '"), first: second == nil ? nil : first),
                at: second ?? first)
        default:
            sink.report(.yamlSyntax(String(describing: error)), at: nil)
        }
    }

    /// Where a block key repeated after `first` stands: the next line at the same indentation that
    /// starts with the same key. Yams reports only the first occurrence; the repeat is what to fix.
    private func repeatedKey(_ key: String, after first: Position) -> Position? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let indent = first.column - 1
        guard first.line >= 1, first.line <= lines.count, !key.isEmpty else { return nil }
        for (offset, line) in lines.enumerated().dropFirst(first.line) {
            let body = line.drop { $0 == " " }
            let column = line.count - body.count
            if column < indent, !body.isEmpty, !body.hasPrefix("#") { return nil }
            guard column == indent else { continue }
            let content = body.hasPrefix("- ") ? body.dropFirst(2) : body
            for spelling in [key, "\"\(key)\"", "'\(key)'"] where content.hasPrefix(spelling) {
                if content.dropFirst(spelling.count).drop(while: { $0 == " " }).hasPrefix(":") {
                    return Position(line: offset + 1, column: column + 1)
                }
            }
        }
        return nil
    }

    private func position(ofByte offset: Int) -> Position {
        var line = 1
        var column = 1
        for byte in text.utf8.prefix(offset) {
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return Position(line: line, column: column)
    }
}

extension Position {
    init(_ mark: Mark) {
        self.init(line: mark.line, column: mark.column)
    }

    init?(_ mark: Mark?) {
        guard let mark else { return nil }
        self.init(mark)
    }
}
