/// Which row of a respondent present twice in one table is imported (`--keep`).
public enum KeepRule: String, Sendable, CaseIterable {
    /// The first row; the later ones are reported and not imported.
    case first
    /// The latest row by the timestamp column (the mapping's `timestamp`), else the last in the file.
    case latest

    /// A timestamp as a number that sorts as time does, from the forms' usual ways of writing it:
    /// ISO 8601 (`2026-03-02T10:15:00Z`, `2026-03-02 10:15:00`), French day-first dates
    /// (`02/03/2026 10:15:00`, Google Forms' "Horodateur"), or a spreadsheet's date number. `nil`
    /// for anything else: the rows are then taken in file order.
    public static func time(_ text: String) -> Double? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let serial = Double(trimmed), trimmed.first?.isNumber == true, !trimmed.contains("-") { return serial * 86_400 }
        let digits = trimmed.split { !$0.isNumber }.map { String($0) }
        guard digits.count >= 3, let a = Int(digits[0]), let b = Int(digits[1]), let c = Int(digits[2]) else { return nil }
        let year: Int
        let month: Int
        let day: Int
        if digits[0].count == 4 {
            (year, month, day) = (a, b, c)
        } else if digits[2].count == 4 {
            (year, month, day) = (c, b, a)
        } else {
            return nil
        }
        guard (1...12).contains(month), (1...31).contains(day) else { return nil }
        let clock = digits.dropFirst(3).prefix(3).compactMap { Int($0) }
        let hours = clock.count > 0 ? clock[0] : 0
        let minutes = clock.count > 1 ? clock[1] : 0
        let seconds = clock.count > 2 ? clock[2] : 0
        // Days from a fixed origin (a proleptic Gregorian count), then seconds in the day.
        let shifted = month <= 2 ? year - 1 : year
        let era = (shifted >= 0 ? shifted : shifted - 399) / 400
        let yearOfEra = shifted - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        let days = era * 146_097 + dayOfEra
        return Double(days) * 86_400 + Double(hours * 3_600 + minutes * 60 + seconds)
    }
}
