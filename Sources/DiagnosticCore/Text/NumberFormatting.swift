/// Formats numbers for people: no trailing ".0", at most `decimals` decimals, decimal comma in French.
public enum NumberText {
    /// A number rounded to `decimals` places, without trailing zeros.
    public static func format(_ value: Double, decimals: Int = 1, language: Language = .en) -> String {
        let places = min(max(decimals, 0), 9)
        let factor = pow10(places)
        guard value.isFinite, abs(value * factor) < 1e15 else { return String(value) }
        // Whole units of 10^-places, written out with integer arithmetic: no exponent notation, no Foundation.
        let scaled = Int((value * factor).rounded())
        let unit = Int(factor)
        var whole = String(abs(scaled) / unit)
        var fraction = String(abs(scaled) % unit)
        if places > 0 {
            fraction = String(repeating: "0", count: places - fraction.count) + fraction
            while fraction.hasSuffix("0") { fraction.removeLast() }
        } else {
            fraction = ""
        }
        if scaled < 0 { whole = "-" + whole }
        return fraction.isEmpty ? whole : whole + (language == .fr ? "," : ".") + fraction
    }

    /// A number exactly, as stored answers and JSON write it: whole numbers without `.0`, others
    /// as Swift writes a `Double` (which reads back to the same value).
    public static func exact(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }

    /// `after − before` as a reader computes it from the two figures shown (each rounded to
    /// `decimals`): 35.14 → 40.56 shows 35.1 → 40.6 and a change of +5.5, not the +5.4 of the exact
    /// values. Worked out in whole units of 10^-decimals, so no rounding error creeps in.
    public static func displayedDifference(from before: Double, to after: Double, decimals: Int = 1) -> Double {
        let factor = pow10(min(max(decimals, 0), 9))
        guard before.isFinite, after.isFinite, abs(before * factor) < 1e15, abs(after * factor) < 1e15 else {
            return after - before
        }
        return Double(Int((after * factor).rounded()) - Int((before * factor).rounded())) / factor
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
