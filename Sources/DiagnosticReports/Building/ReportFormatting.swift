import DiagnosticCore

/// Numbers, levels and answers as a report shows them, in its language.
struct ReportFormatting {
    let questionnaire: Questionnaire
    let language: Language

    var lang: String { language.rawValue }

    /// The colon after a label: " :" in French, ":" in English.
    var colon: String { language.pick(" :", ":") }

    /// The questionnaire as report headers name it: "title (id version)".
    var questionnaireTitle: String { "\(label(questionnaire.title)) (\(questionnaire.id) \(questionnaire.version))" }

    func score(_ value: Double?) -> String {
        value.map { NumberText.format($0, decimals: 1, language: language) } ?? "—"
    }

    func points(_ value: Double) -> String {
        NumberText.format(value, decimals: 1, language: language)
    }

    func percent(_ value: Double?) -> String {
        value.map { NumberText.format($0, decimals: 0, language: language) + (language == .fr ? " %" : "%") } ?? "—"
    }

    func share(_ value: Double?) -> String {
        percent(value.map { 100 * $0 })
    }

    /// The change from `before` to `after` as the difference of the two figures shown: "+5,5".
    func change(from before: Double?, to after: Double?) -> String {
        guard let before, let after else { return "—" }
        let difference = NumberText.displayedDifference(from: before, to: after, decimals: 1)
        return (difference > 0 ? "+" : "") + score(difference)
    }

    /// The text at the top of every printed page: what the report is about and its issue date.
    func printHeader(_ subject: String, generated: String) -> String {
        Self.printHeader(subject, generated: generated, language: language)
    }

    /// The text at the top of every printed page, for reports without a questionnaire (the index).
    static func printHeader(_ subject: String, generated: String, language: Language) -> String {
        subject + " · " + language.pick("édité le ", "issued on ") + generated
    }

    func label(_ text: LocalizedText?) -> String { text?.resolved(lang) ?? "" }

    func dimensionName(_ index: Int) -> String {
        questionnaire.dimensions.element(at: index).map { $0.shortLabel.map(label) ?? label($0.label) } ?? "?"
    }

    func dimensionTitle(_ index: Int) -> String {
        questionnaire.dimensions.element(at: index).map { label($0.label) } ?? "?"
    }

    /// The level thresholds a radar draws for organisations of these typologies: one ring per level
    /// above the first, through each dimension's minimum, named after the level (with its score when
    /// it is the same on every axis). None when the typologies' levels differ: the radar then draws
    /// plain rings at 25, 50 and 75.
    func radarThresholds(for typologies: [Typology]) -> [RadarChart.Threshold] {
        let dimensions = questionnaire.dimensions.map(\.id)
        let sets = typologies.map { typology in dimensions.map { questionnaire.levels(forDimension: $0, typology: typology) } }
        guard let first = sets.first, sets.allSatisfy({ $0 == first }), let reference = first.first,
            first.allSatisfy({ $0.map(\.id) == reference.map(\.id) })
        else { return [] }
        return reference.indices.dropFirst().map { position in
            let values = first.map { $0[position].minimum }
            let same = values.allSatisfy { $0 == values.first }
            return RadarChart.Threshold(
                name: label(reference[position].label)
                    + (same ? " ≥ " + NumberText.format(values[0], decimals: 1, language: language) : ""),
                values: values)
        }
    }

    /// A text bar of ten cells for Markdown: `██████░░░░`.
    func textBar(_ value: Double?) -> String {
        guard let value else { return "" }
        // A score is finite and within 0–100 once validated; anything else draws an empty bar rather than trapping.
        let filled = value.isFinite ? min(10, max(0, Int((min(100, max(0, value)) / 10).rounded()))) : 0
        return String(repeating: "█", count: filled) + String(repeating: "░", count: 10 - filled)
    }

    /// Answers and profile values in words (free text as it is: the templates set it apart).
    var words: AnswerText { AnswerText(questionnaire: questionnaire, language: language, quotingText: false) }
}
