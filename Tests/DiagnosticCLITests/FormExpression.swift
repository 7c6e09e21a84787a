import Foundation

/// Evaluates the conditions a form tool runs to decide whether a question is shown: XLSForm's
/// `relevant` (XPath: `${f} = 'v'`, `selected(${f}, 'v')`, `${f} != ''`, `not(…)`, `true()`) and
/// LimeSurvey's relevance equations (ExpressionScript: `f.NAOK == 'v'`, `!is_empty(f.NAOK)`, `is_numeric(…)`,
/// `!(…)`, `1`), the parts of both languages `od4g form` writes, so that the round-trip tests leave
/// a question unanswered where the tool would not show it. Anything else is an error.
struct FormExpression {
    enum Token: Equatable {
        case name(String)
        case text(String)
        case number(Double)
        case symbol(String)
        case word(String)
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// The value of a field (`${f}`, `f.NAOK`) as the export holds it, `""` when not answered.
    let value: (String) -> String
    private var tokens: [Token] = []
    private var position = 0

    init(value: @escaping (String) -> String) { self.value = value }

    /// Whether `text` holds; an empty text always does.
    mutating func holds(_ text: String) throws -> Bool {
        guard !text.trimmingCharacters(in: .whitespaces).isEmpty else { return true }
        tokens = try Self.tokens(text)
        position = 0
        let result = try orExpression()
        guard position == tokens.count else { throw Failure(description: "unread tokens in \(text)") }
        return result
    }

    static func tokens(_ text: String) throws -> [Token] {
        var tokens: [Token] = []
        let characters = Array(text)
        var index = 0
        func isNameCharacter(_ character: Character) -> Bool {
            character.isLetter || character.isNumber || character == "_" || character == "-" || character == "."
        }
        while index < characters.count {
            let character = characters[index]
            if character.isWhitespace {
                index += 1
            } else if character == "$", index + 1 < characters.count, characters[index + 1] == "{" {
                guard let end = characters[index...].firstIndex(of: "}") else { throw Failure(description: "open ${ in \(text)") }
                tokens.append(.name(String(characters[(index + 2)..<end])))
                index = end + 1
            } else if character == "'" || character == "\"" {
                guard let end = characters[(index + 1)...].firstIndex(of: character) else {
                    throw Failure(description: "open quote in \(text)")
                }
                tokens.append(.text(String(characters[(index + 1)..<end])))
                index = end + 1
            } else if character.isNumber {
                var end = index
                while end < characters.count, characters[end].isNumber || characters[end] == "." { end += 1 }
                tokens.append(.number(Double(String(characters[index..<end])) ?? 0))
                index = end
            } else if character.isLetter || character == "_" {
                var end = index
                while end < characters.count, isNameCharacter(characters[end]) { end += 1 }
                tokens.append(.word(String(characters[index..<end])))
                index = end
            } else {
                let two = index + 1 < characters.count ? String(characters[index...(index + 1)]) : ""
                if ["==", "!=", ">=", "<="].contains(two) {
                    tokens.append(.symbol(two))
                    index += 2
                } else {
                    tokens.append(.symbol(String(character)))
                    index += 1
                }
            }
        }
        return tokens
    }

    private var next: Token? { position < tokens.count ? tokens[position] : nil }

    private mutating func take(_ token: Token) -> Bool {
        guard next == token else { return false }
        position += 1
        return true
    }

    private mutating func expect(_ token: Token) throws {
        guard take(token) else { throw Failure(description: "expected \(token), found \(String(describing: next))") }
    }

    private mutating func orExpression() throws -> Bool {
        var result = try andExpression()
        while take(.word("or")) { result = try andExpression() || result }
        return result
    }

    private mutating func andExpression() throws -> Bool {
        var result = try unary()
        while take(.word("and")) { result = try unary() && result }
        return result
    }

    private mutating func unary() throws -> Bool {
        if take(.symbol("!")) { return try !unary() }
        if take(.symbol("(")) {
            let result = try orExpression()
            try expect(.symbol(")"))
            return result
        }
        return try comparison()
    }

    /// An operand: a field's value, a text or a number.
    private mutating func operand() throws -> String {
        switch next {
        case .name(let name)?:
            position += 1
            return value(name)
        case .text(let text)?:
            position += 1
            return text
        case .number(let number)?:
            position += 1
            return number == number.rounded() ? String(Int(number)) : String(number)
        case .word(let word)? where word.hasSuffix(".NAOK"):
            position += 1
            return value(String(word.dropLast(".NAOK".count)))
        default:
            throw Failure(description: "unexpected \(String(describing: next))")
        }
    }

    private mutating func comparison() throws -> Bool {
        if case .word(let word)? = next, ["not", "true", "false", "selected", "is_empty", "is_numeric"].contains(word) {
            position += 1
            try expect(.symbol("("))
            defer { _ = take(.symbol(")")) }
            switch word {
            case "not": return try !orExpression()
            case "true": return true
            case "false": return false
            case "selected":
                let chosen = try operand()
                try expect(.symbol(","))
                let wanted = try operand()
                return chosen.split(separator: " ").contains { $0 == wanted }
            case "is_numeric": return Double(try operand()) != nil
            default: return try operand().isEmpty
            }
        }
        if case .number(let number)? = next, position + 1 == tokens.count || tokens[position + 1] != .symbol("==") {
            position += 1
            return number != 0
        }
        let left = try operand()
        guard case .symbol(let symbol)? = next, ["=", "==", "!=", ">=", "<=", ">", "<"].contains(symbol) else {
            throw Failure(description: "expected a comparison after \(left)")
        }
        position += 1
        let right = try operand()
        if let l = Double(left), let r = Double(right), !left.isEmpty {
            switch symbol {
            case ">=": return l >= r
            case "<=": return l <= r
            case ">": return l > r
            case "<": return l < r
            case "!=": return l != r
            default: return l == r
            }
        }
        switch symbol {
        case "=", "==": return left == right
        case "!=": return left != right
        default: return false
        }
    }
}
