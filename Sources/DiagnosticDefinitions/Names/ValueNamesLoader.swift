import DiagnosticCore
import Foundation
import Yams

/// Loads files of names for a profile field's codes (`kind: value-names`), such as
/// `Questionnaires/fr-departements.yaml`.
public enum ValueNamesLoader {
    static let keys = ["kind", "id", "title", "names"]
    /// The longest code a names file may hold.
    static let longestCode = 40

    /// Loads the file at `path`.
    public static func load(path: String) -> LoadResult<ValueNames> {
        switch YAMLSource.read(path) {
        case .success(let source): load(source)
        case .failure(let diagnostic): LoadResult(value: nil, diagnostics: [diagnostic])
        }
    }

    /// Loads names from text; `file` names it in diagnostics.
    public static func load(text: String, file: String) -> LoadResult<ValueNames> {
        load(YAMLSource(file: file, text: text))
    }

    static func load(_ source: YAMLSource) -> LoadResult<ValueNames> {
        let sink = DiagnosticSink(file: source.file)
        var names: ValueNames?
        if let root = source.compose(into: sink) { names = read(root, context: ReadContext(sink: sink)) }
        return LoadResult(value: sink.hasErrors ? nil : names, diagnostics: sink.sorted)
    }

    private static func read(_ root: Node, context: ReadContext) -> ValueNames? {
        let sink = context.sink
        guard let top = MappingReader(root, name: "names", keys: keys, context: context) else { return nil }
        if let kind = top.string("kind", required: true), kind != DefinitionKind.valueNames.rawValue {
            sink.report(.unknownKind(kind), at: top.node("kind")?.position)
        }
        let id = top.identifier()
        let title = top.text("title", required: true)
        _ = top.require("names")
        var names: [String: String] = [:]
        for entry in top.textPairs("names") ?? [] {
            let code = entry.key.trimmingCharacters(in: .whitespaces)
            let name = entry.value.trimmingCharacters(in: .whitespaces)
            if code.isEmpty || code.count > longestCode {
                sink.report(.nameCodeInvalid(entry.key), at: entry.keyPosition)
            } else if name.isEmpty {
                sink.report(.expectedText(code), at: entry.valuePosition ?? entry.keyPosition)
            } else {
                names[code] = name
            }
        }
        guard let id, let title else { return nil }
        return ValueNames(id: id.id, title: title, names: names)
    }
}
