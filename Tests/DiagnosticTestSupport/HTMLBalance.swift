import Foundation

/// Checks that an HTML document is well formed: every element closed in order (void elements
/// excepted), attribute values quoted, no stray `<` or `&` in text. Returns the problems found.
public enum HTMLBalance {
    static let void: Set<String> = [
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
    ]

    /// The problems of `html`, one sentence each; empty when it is well formed.
    public static func problems(_ html: String) -> [String] {
        var problems: [String] = []
        var stack: [String] = []
        var index = html.startIndex
        while index < html.endIndex {
            let character = html[index]
            if character == "&" {
                let rest = html[index...].prefix(12)
                guard let semicolon = rest.firstIndex(of: ";"),
                    rest[rest.index(after: rest.startIndex)..<semicolon].allSatisfy({ $0.isLetter || $0.isNumber || $0 == "#" })
                else {
                    problems.append("stray & at \(html.distance(from: html.startIndex, to: index))")
                    index = html.index(after: index)
                    continue
                }
            }
            guard character == "<" else {
                index = html.index(after: index)
                continue
            }
            guard let close = html[index...].firstIndex(of: ">") else {
                problems.append("unclosed tag at the end")
                break
            }
            let tag = String(html[html.index(after: index)..<close])
            index = html.index(after: close)
            if tag.hasPrefix("!") { continue }
            if tag.hasPrefix("/") {
                let name = String(tag.dropFirst()).trimmingCharacters(in: .whitespaces).lowercased()
                if stack.last == name {
                    stack.removeLast()
                } else {
                    problems.append("</\(name)> closes <\(stack.last ?? "nothing")>")
                }
                continue
            }
            let name = String(tag.prefix { !$0.isWhitespace && $0 != "/" }).lowercased()
            guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" }) else {
                problems.append("stray < before '\(tag.prefix(20))'")
                continue
            }
            if let problem = attributeProblem(tag) { problems.append(problem) }
            if tag.hasSuffix("/") || void.contains(name) { continue }
            if name == "style" || name == "script" {
                guard let end = html.range(of: "</\(name)>", range: index..<html.endIndex) else {
                    problems.append("<\(name)> never closed")
                    break
                }
                index = end.upperBound
                continue
            }
            stack.append(name)
        }
        if !stack.isEmpty { problems.append("never closed: \(stack.joined(separator: ", "))") }
        return problems
    }

    /// Every attribute value must be quoted.
    static func attributeProblem(_ tag: String) -> String? {
        var characters = Array(tag)
        if characters.last == "/" { characters.removeLast() }
        var index = characters.firstIndex(where: \.isWhitespace) ?? characters.count
        while index < characters.count {
            while index < characters.count, characters[index].isWhitespace { index += 1 }
            while index < characters.count, !characters[index].isWhitespace, characters[index] != "=" { index += 1 }
            guard index < characters.count, characters[index] == "=" else { continue }
            index += 1
            guard index < characters.count, characters[index] == "\"" || characters[index] == "'" else {
                return "unquoted attribute in <\(tag.prefix(40))>"
            }
            let quote = characters[index]
            index += 1
            while index < characters.count, characters[index] != quote { index += 1 }
            guard index < characters.count else { return "unclosed attribute in <\(tag.prefix(40))>" }
            index += 1
        }
        return nil
    }
}
