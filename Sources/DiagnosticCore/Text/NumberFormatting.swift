/// Formats numbers for people: no trailing ".0", at most `decimals` decimals, decimal comma in French.
public enum NumberText {
    /// A number rounded to `decimals` places, without trailing zeros.
    public static func format(_ value: Double, decimals: Int = 1, language: Language = .en) -> String {
        guard value.isFinite else { return String(value) }
        let factor = pow10(decimals)
        let rounded = (value * factor).rounded() / factor
        var text: String
        if rounded == rounded.rounded(), abs(rounded) < 1e15 {
            text = String(Int(rounded))
        } else {
            text = String(rounded)
            if let dot = text.firstIndex(of: "."), text.distance(from: dot, to: text.endIndex) - 1 > decimals {
                text = String(text[..<text.index(dot, offsetBy: decimals + 1)])
            }
            while text.hasSuffix("0") { text.removeLast() }
        }
        if text == "-0" { text = "0" }
        return language == .fr ? text.replacingOccurrences(of: ".", with: ",") : text
    }

    /// Rounds to `decimals` places for machine-readable output.
    public static func round(_ value: Double, decimals: Int = 2) -> Double {
        let factor = pow10(decimals)
        return (value * factor).rounded() / factor
    }

    private static func pow10(_ n: Int) -> Double {
        var result = 1.0
        for _ in 0..<max(0, n) { result *= 10 }
        return result
    }
}
