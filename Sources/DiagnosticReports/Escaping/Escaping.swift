/// Escapes text that comes from users (organisation names, free-text answers) for each output format.
public enum Escaping {
    /// HTML text and attribute values: `<`, `>`, `&`, quotes.
    public static func html(_ text: String) -> String {
        let special: (UInt8) -> Bool = { $0 == 0x3C || $0 == 0x3E || $0 == 0x26 || $0 == 0x22 || $0 == 0x27 }
        guard text.utf8.contains(where: special) else { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "&": result += "&amp;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }

    /// Markdown: every character CommonMark gives a meaning inside a line is backslash-escaped, and
    /// line breaks become spaces — so a name like `| ** #` or `<script>` reads as plain text, in a
    /// table cell too. (The templates never put a value at the start of a line, where `-`, `+` or
    /// `1.` would also mean something.)
    public static func markdown(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "\\", "`", "*", "_", "[", "]", "<", ">", "|", "#", "~", "&":
                result.append("\\")
                result.append(character)
            case "\n", "\r", "\r\n":
                result.append(" ")
            default:
                result.append(character)
            }
        }
        return result
    }
}
