/// A report template compiled for fast rendering over `TemplateValue` trees.
///
/// swift-mustache parses every template first (it reports syntax errors with their line and
/// column) and stays the reference renderer. Its renderer looks every name up through `Any`
/// values with several dynamic casts each, which made Mustache most of the cost of `report --all`
/// (docs/performance.md). This compiler reads the same template text into nodes with the names
/// already split and the standalone-line rules already applied, reproducing swift-mustache's
/// parser step for step (whitespace included), and renders by plain dictionary lookups into one
/// string. A test renders every template both ways and requires identical output.
///
/// One deliberate difference: the compiled renderer escapes HTML byte by byte, so a `<`, `>`, `&`,
/// `"` or `'` followed by a combining mark is escaped too; swift-mustache's own HTML escaping (in
/// partials, and in templates without a `CONTENT_TYPE` line) goes by Swift characters and leaves
/// such a pair as it is, which can end an attribute value early.
///
/// The subset compiled: text, `{{name}}`, `{{{name}}}`, `{{&name}}`, dotted names, `{{.}}`,
/// sections, inverted sections, comments, partials (`{{> name}}`) and
/// `{{% CONTENT_TYPE: HTML|MARKDOWN|TEXT}}`. A template using anything else (set delimiters,
/// inheritance, dynamic partials, transforms) is not compiled; it renders with swift-mustache.
struct CompiledTemplate: Sendable {
    /// How values are escaped.
    enum Escaper: Sendable {
        case html, markdown, text
    }

    /// A name to look up: `.` (the current value) or dot-separated components; a leading dot
    /// reads the current value only, without climbing the context stack.
    struct Name: Sendable {
        let components: [String]
        let current: Bool
    }

    indirect enum Node: Sendable {
        case text(String)
        case variable(Name, escaped: Bool)
        case section(Name, [Node])
        case invertedSection(Name, [Node])
        case partial(String, indentation: String?)
        case contentType(Escaper)
    }

    let nodes: [Node]

    /// Compiles `text`, or returns `nil` when it uses something outside the compiled subset.
    /// `text` must already have been parsed by swift-mustache (no syntax error).
    init?(_ text: String) {
        var parser = Compiler(Array(text))
        guard let nodes = try? parser.parse(section: nil, newLine: true) else { return nil }
        self.nodes = nodes
    }

    /// The partials the template uses, sections included.
    var partials: Set<String> {
        var names: Set<String> = []
        func visit(_ nodes: [Node]) {
            for node in nodes {
                switch node {
                case .partial(let name, _): names.insert(name)
                case .section(_, let inner), .invertedSection(_, let inner): visit(inner)
                default: break
                }
            }
        }
        visit(nodes)
        return names
    }
}

/// Rendering.
extension CompiledTemplate {
    /// Partials nested deeper than this stop the rendering: a partial that includes itself without
    /// its data running out would otherwise recurse until the program crashes. (swift-mustache has
    /// no such limit: data nested deeper than this, drawn by a recursive partial, renders there.)
    static let maximumPartialDepth = 100

    /// Renders `value` with this template; partials come from `partials`, missing ones render as
    /// nothing. `nil` when partials nest deeper than `maximumPartialDepth`.
    func render(_ value: TemplateValue, partials: [String: CompiledTemplate]) -> String? {
        var renderer = Renderer(partials: partials, stack: [value])
        var output = ""
        renderer.render(nodes, escaper: .html, indentation: nil, into: &output)
        return renderer.tooDeep ? nil : output
    }

    private struct Renderer {
        let partials: [String: CompiledTemplate]
        var stack: [TemplateValue]
        var depth = 0
        var tooDeep = false

        mutating func render(_ nodes: [Node], escaper: Escaper, indentation: String?, into output: inout String) {
            var escaper = escaper
            guard let indentation, !indentation.isEmpty else {
                for node in nodes { render(node, escaper: &escaper, indentation: indentation, into: &output) }
                return
            }
            // As swift-mustache: a token's output that starts a new line of this template's own output is indented.
            var own = ""
            for node in nodes {
                var piece = ""
                render(node, escaper: &escaper, indentation: indentation, into: &piece)
                if !piece.isEmpty, own.last == "\n" { own += indentation }
                own += piece
            }
            output += own
        }

        mutating func render(_ node: Node, escaper: inout Escaper, indentation: String?, into output: inout String) {
            switch node {
            case .text(let text):
                output += text
            case .variable(let name, let escaped):
                guard let value = lookUp(name) else { return }
                switch value {
                case .text(let text):
                    if escaped { Self.append(text, escaper: escaper, to: &output) } else { output += text }
                case .flag(let flag): output += flag ? "true" : "false"
                // As swift-mustache: Swift's description of the array or dictionary (not meant for reports).
                case .list, .object:
                    let description = String(describing: value.plain)
                    if escaped { Self.append(description, escaper: escaper, to: &output) } else { output += description }
                }
            case .section(let name, let inner):
                switch lookUp(name) {
                case .none, .flag(false):
                    break
                case .flag(true):
                    render(inner, escaper: escaper, indentation: indentation, into: &output)
                case .list(let items):
                    for item in items {
                        stack.append(item)
                        render(inner, escaper: escaper, indentation: indentation, into: &output)
                        stack.removeLast()
                    }
                case .some(let value):
                    stack.append(value)
                    render(inner, escaper: escaper, indentation: indentation, into: &output)
                    stack.removeLast()
                }
            case .invertedSection(let name, let inner):
                switch lookUp(name) {
                case .none, .flag(false):
                    render(inner, escaper: escaper, indentation: indentation, into: &output)
                case .list(let items) where items.isEmpty:
                    stack.append(.list(items))
                    render(inner, escaper: escaper, indentation: indentation, into: &output)
                    stack.removeLast()
                default:
                    break
                }
            case .partial(let name, let indented):
                guard let partial = partials[name], !tooDeep else { return }
                guard depth < CompiledTemplate.maximumPartialDepth else {
                    tooDeep = true
                    return
                }
                let combined = indented.map { (indentation ?? "") + $0 } ?? indentation
                depth += 1
                render(partial.nodes, escaper: .html, indentation: combined, into: &output)
                depth -= 1
            case .contentType(let chosen):
                escaper = chosen
            }
        }

        func lookUp(_ name: Name) -> TemplateValue? {
            var value: TemplateValue
            var rest = name.components[...]
            if name.current {
                guard let top = stack.last else { return nil }
                value = top
            } else {
                guard let first = rest.popFirst() else { return stack.last }
                guard let found = stack.reversed().lazy.compactMap({ $0.child(first) }).first else { return nil }
                value = found
            }
            for component in rest {
                guard let child = value.child(component) else { return nil }
                value = child
            }
            return value
        }

        static func append(_ text: String, escaper: Escaper, to output: inout String) {
            switch escaper {
            case .html: Escaping.appendHTML(text, to: &output)
            case .markdown: output += Escaping.markdown(text)
            case .text: output += text
            }
        }
    }
}

/// The parser: a port of swift-mustache's `MustacheTemplate.parse`, so standalone lines and
/// whitespace come out exactly as there.
private struct Compiler {
    struct Unsupported: Error {}

    let characters: [Character]
    var position = 0

    init(_ characters: [Character]) {
        self.characters = characters
    }

    private var atEnd: Bool { position == characters.count }
    private var current: Character { atEnd ? "\0" : characters[position] }

    mutating func parse(section: String?, newLine startsOnNewLine: Bool) throws(Unsupported) -> [CompiledTemplate.Node] {
        var nodes: [CompiledTemplate.Node] = []
        var newLine = startsOnNewLine
        var whiteSpaceBefore = ""
        func flushWhiteSpace() {
            if !whiteSpaceBefore.isEmpty {
                nodes.append(.text(whiteSpaceBefore))
                whiteSpaceBefore = ""
            }
        }
        while !atEnd {
            if newLine { whiteSpaceBefore = read { $0 == " " || $0 == "\t" } }
            let text = readUntilTagOrNewline()
            if current.isNewline {
                nodes.append(.text(whiteSpaceBefore + text + String(current)))
                newLine = true
                position += 1
                continue
            }
            if !text.isEmpty {
                nodes.append(.text(whiteSpaceBefore + text))
                whiteSpaceBefore = ""
                newLine = false
            }
            if atEnd { break }
            var setNewLine = false
            switch current {
            case "#", "^":
                let inverted = current == "^"
                position += 1
                let name = try readName()
                if isStandalone(newLine) {
                    setNewLine = true
                } else {
                    flushWhiteSpace()
                }
                let inner = try parse(section: name, newLine: setNewLine)
                let compiled = Self.name(name)
                nodes.append(inverted ? .invertedSection(compiled, inner) : .section(compiled, inner))
            case "/":
                position += 1
                guard try readName() == section else { throw Unsupported() }
                if !isStandalone(newLine) { flushWhiteSpace() }
                return nodes
            case "!":
                position += 1
                guard skipComment() else { throw Unsupported() }
                setNewLine = isStandalone(newLine)
            case "{":
                flushWhiteSpace()
                position += 1
                let name = try readName()
                guard current == "}" else { throw Unsupported() }
                position += 1
                nodes.append(.variable(Self.name(name), escaped: false))
            case "&":
                flushWhiteSpace()
                position += 1
                nodes.append(.variable(Self.name(try readName()), escaped: false))
            case ">":
                position += 1
                _ = read(while: \.isWhitespace)
                guard current != "*" else { throw Unsupported() }
                let name = read { Self.partialNameCharacters.contains($0) }
                _ = read(while: \.isWhitespace)
                guard readEndDelimiter() else { throw Unsupported() }
                if !whiteSpaceBefore.isEmpty { nodes.append(.text(whiteSpaceBefore)) }
                if isStandalone(newLine) {
                    setNewLine = true
                    nodes.append(.partial(name, indentation: whiteSpaceBefore))
                } else {
                    nodes.append(.partial(name, indentation: nil))
                }
                whiteSpaceBefore = ""
            case "%":
                position += 1
                nodes.append(.contentType(try readContentType()))
                setNewLine = isStandalone(newLine)
            case "<", "$", "=":
                throw Unsupported()
            default:
                flushWhiteSpace()
                nodes.append(.variable(Self.name(try readName()), escaped: true))
            }
            newLine = setNewLine
        }
        guard section == nil else { throw Unsupported() }
        return nodes
    }

    private static func name(_ text: String) -> CompiledTemplate.Name {
        if text == "." { return .init(components: [], current: true) }
        return .init(components: text.split(separator: ".").map(String.init), current: text.first == ".")
    }

    private static let nameCharacters = Set<Character>("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-_?*")
    private static let partialNameCharacters = Set<Character>(
        "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-_?()*/")

    private mutating func read(while accept: (Character) -> Bool) -> String {
        let start = position
        while !atEnd, accept(characters[position]) { position += 1 }
        return String(characters[start..<position])
    }

    private mutating func readEndDelimiter() -> Bool {
        guard position + 1 < characters.count, characters[position] == "}", characters[position + 1] == "}" else {
            return false
        }
        position += 2
        return true
    }

    /// Text up to the next `{{` (consumed) or line break (not consumed), or the end.
    private mutating func readUntilTagOrNewline() -> String {
        var text = ""
        while !atEnd {
            text += read { $0 != "\n" && $0 != "\r\n" && $0 != "{" }
            if current.isNewline { break }
            if current == "{" {
                if readOpening() { break }
                text.append("{")
                position += 1
            }
        }
        return text
    }

    private mutating func readOpening() -> Bool {
        guard position + 1 < characters.count, characters[position + 1] == "{" else { return false }
        position += 2
        return true
    }

    /// A tag's name; names with transforms (`name(fn)`) are not compiled.
    private mutating func readName() throws(Unsupported) -> String {
        _ = read(while: \.isWhitespace)
        let text = read { Self.nameCharacters.contains($0) || $0 == "(" || $0 == ")" }
        _ = read(while: \.isWhitespace)
        guard readEndDelimiter(), !text.contains("("), !text.contains(")") else { throw Unsupported() }
        return text
    }

    private mutating func skipComment() -> Bool {
        while !atEnd {
            if readEndDelimiter() { return true }
            position += 1
        }
        return false
    }

    private mutating func readContentType() throws(Unsupported) -> CompiledTemplate.Escaper {
        _ = read(while: \.isWhitespace)
        let variable = read { Self.nameCharacters.contains($0) }
        _ = read(while: \.isWhitespace)
        guard current == ":" else { throw Unsupported() }
        position += 1
        _ = read(while: \.isWhitespace)
        let value = read { Self.nameCharacters.contains($0) }
        _ = read(while: \.isWhitespace)
        guard readEndDelimiter(), variable == "CONTENT_TYPE" else { throw Unsupported() }
        switch value {
        case "HTML": return .html
        case "MARKDOWN": return .markdown
        case "TEXT": return .text
        default: throw Unsupported()
        }
    }

    /// Whether a tag stands alone on its line: it began the line and only blanks follow it, up to
    /// the line break (consumed) or the end of the text.
    private mutating func isStandalone(_ newLine: Bool) -> Bool {
        guard newLine else { return false }
        if atEnd { return true }
        var probe = position
        while probe < characters.count, characters[probe] == " " || characters[probe] == "\t" { probe += 1 }
        guard probe < characters.count, characters[probe].isNewline else { return false }
        position = probe + 1
        return true
    }
}
