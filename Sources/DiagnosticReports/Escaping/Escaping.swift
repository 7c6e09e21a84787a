/// Escapes text that comes from users (organisation names, free-text answers) for each output format.
public enum Escaping {
    /// HTML text and attribute values: `<`, `>`, `&`, quotes.
    public static func html(_ text: String) -> String {
        let special: (UInt8) -> Bool = { $0 == 0x3C || $0 == 0x3E || $0 == 0x26 || $0 == 0x22 || $0 == 0x27 }
        guard text.utf8.contains(where: special) else { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count + 16)
        appendHTML(text, to: &result)
        return result
    }

    /// Appends `text` escaped for HTML to `output`, copying the runs that need no escape as they are.
    static func appendHTML(_ text: String, to output: inout String) {
        let bytes = text.utf8
        var start = bytes.startIndex
        var index = start
        while index != bytes.endIndex {
            let replacement: String
            switch bytes[index] {
            case 0x3C: replacement = "&lt;"
            case 0x3E: replacement = "&gt;"
            case 0x26: replacement = "&amp;"
            case 0x22: replacement = "&quot;"
            case 0x27: replacement = "&#39;"
            default:
                bytes.formIndex(after: &index)
                continue
            }
            // The replaced byte is ASCII, so both bounds fall between Unicode scalars.
            output += Substring(text.unicodeScalars[start..<index])
            output += replacement
            bytes.formIndex(after: &index)
            start = index
        }
        output += Substring(text.unicodeScalars[start..<bytes.endIndex])
    }

    /// Markdown: every character CommonMark gives a meaning inside a line is backslash-escaped, and
    /// line breaks become spaces — so a name like `| ** #` or `<script>` reads as plain text, in a
    /// table cell too. (The templates never put a value at the start of a line, where `-`, `+` or
    /// `1.` would also mean something.)
    ///
    /// It goes by Unicode scalar, not by Swift character: a `|` followed by a combining mark is one
    /// character to Swift but still a `|` to a Markdown reader.
    public static func markdown(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        var afterCarriageReturn = false
        for scalar in text.unicodeScalars {
            defer { afterCarriageReturn = scalar == "\r" }
            switch scalar {
            case "\\", "`", "*", "_", "[", "]", "<", ">", "|", "#", "~", "&":
                result.append("\\")
                result.append(scalar)
            case "\r":
                result.append(" ")
            case "\n":
                if !afterCarriageReturn { result.append(" ") }
            default:
                result.append(scalar)
            }
        }
        return String(result)
    }

    /// The inside of a CSS string (`content: "…"` in the templates' `<style>`): quotes, backslashes,
    /// control characters and `<`, `>`, `&` become CSS hexadecimal escapes (`\22 `), so a name can
    /// neither end the string nor the `<style>` element.
    public static func cssString(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x22, 0x27, 0x5C, 0x3C, 0x3E, 0x26, 0..<0x20, 0x7F, 0x2028, 0x2029:
                result += "\\" + String(scalar.value, radix: 16) + " "
            default:
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// A JavaScript string literal, quotes included, for a `<script>` element: quotes, backslashes,
    /// control characters, line separators and `<`, `>`, `&` become `\\uXXXX` escapes, so the text
    /// can neither end the string nor the element.
    public static func javaScriptString(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x22, 0x27, 0x5C, 0x3C, 0x3E, 0x26, 0..<0x20, 0x7F, 0x2028, 0x2029:
                result += String(format: "\\u%04x", scalar.value)
            default:
                result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}
