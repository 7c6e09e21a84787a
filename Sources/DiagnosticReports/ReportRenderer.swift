import DiagnosticCore
import Foundation

/// The output formats of reports.
public enum ReportFormat: String, Sendable, CaseIterable {
    /// Markdown (`.md`).
    case md
    /// One self-contained HTML file (`.html`): inline CSS and SVG, no external fetch.
    case html
}

/// How much of an individual diagnostic to write.
public enum ReportDetail: String, Sendable, CaseIterable {
    /// The summary for the council only (two to four pages).
    case summary
    /// The summary, then the detailed diagnostic as an annex.
    case full
}

/// Renders reports with the templates of `Reports/templates/`.
public struct ReportRenderer: Sendable {
    /// The templates.
    public let templates: ReportTemplates
    /// The language of the wording and labels.
    public let language: Language
    /// The date printed as the report's issue date (injected, so reports are reproducible).
    public let date: String

    /// Creates a renderer.
    public init(templates: ReportTemplates, language: Language, date: String) {
        self.templates = templates
        self.language = language
        self.date = date
    }

    /// The same renderer, writing in `language`.
    public func speaking(_ language: Language) -> ReportRenderer {
        language == self.language ? self : ReportRenderer(templates: templates, language: language, date: date)
    }

    /// The same renderer, dating its reports `date`.
    public func dated(_ date: String) -> ReportRenderer {
        date == self.date ? self : ReportRenderer(templates: templates, language: language, date: date)
    }

    /// The individual diagnostic of one organisation.
    public func individual(_ input: IndividualInput, format: ReportFormat, detail: ReportDetail = .full) throws(ReportError)
        -> String
    {
        guard
            let report = IndividualReport(input, generated: date, language: language, chartID: "individual", detail: detail)
        else {
            throw ReportError(.nothingToReport)
        }
        return try templates.render(report, template: "individual.\(format.rawValue)")
    }

    /// The regional report of a campaign.
    public func regional(_ input: RegionalInput, format: ReportFormat) throws(ReportError) -> String {
        try templates.render(RegionalReport(input, generated: date, language: language), template: "regional.\(format.rawValue)")
    }

    /// Organisations side by side, or one organisation across two campaigns.
    public func comparison(_ input: ComparisonInput, format: ReportFormat) throws(ReportError) -> String {
        try templates.render(
            ComparisonReport(input, generated: date, language: language), template: "comparison.\(format.rawValue)")
    }

    /// The index of a folder of reports, with a link to the regional report when there is one.
    public func index(campaign: String, regional: String?, entries: [IndexEntry], format: ReportFormat) throws(ReportError)
        -> String
    {
        let report = ReportIndex(
            fr: language == .fr, en: language == .en, language: language.rawValue, generated: date,
            printHeader: Escaping.cssString(
                ReportFormatting.printHeader(
                    language.pick("Diagnostics de la campagne ", "Diagnostics of campaign ") + campaign, generated: date,
                    language: language)),
            campaign: campaign,
            regional: regional ?? "", hasRegional: regional != nil,
            entries: entries.map {
                ReportIndex.Entry(
                    name: $0.name, file: $0.file, typology: $0.typology,
                    score: $0.score.map { NumberText.format($0, decimals: 1, language: language) } ?? "—", level: $0.level)
            }, count: entries.count)
        return try templates.render(report, template: "index.\(format.rawValue)")
    }

    /// Renders the individual reports of many organisations on every core, in order.
    public func individuals(_ inputs: [IndividualInput], format: ReportFormat, detail: ReportDetail = .full) -> [Result<
        String, ReportError
    >] {
        let slots = Slots(count: inputs.count, value: Result<String, ReportError>.failure(ReportError(.nothingToReport)))
        let renderer = self
        DispatchQueue.concurrentPerform(iterations: inputs.count) { index in
            do throws(ReportError) {
                slots[index] = .success(try renderer.individual(inputs[index], format: format, detail: detail))
            } catch {
                slots[index] = .failure(error)
            }
        }
        return slots.values
    }
}
