import DiagnosticCore
import DiagnosticReports

/// The web's pages, rendered from the `web-*` templates that sit with the report templates
/// (`Reports/templates/`, or `serve --templates`): their wording, in French and English, and
/// their markup can be changed without recompiling, as the reports' can.
struct WebTemplates: Sendable {
    let templates: ReportTemplates

    /// The pages every server needs.
    static let pages = [
        "web-message.html", "web-login.html", "web-questionnaire.html", "web-campaigns.html", "web-campaign.html",
    ]

    /// The templates of `templates`, refused when a page's template is missing (a folder copied
    /// before the web existed, say).
    init(_ templates: ReportTemplates) throws(ReportError) {
        for page in Self.pages where !templates.contains(page) {
            throw ReportError(.templateMissing(name: page, folder: templates.folder))
        }
        self.templates = templates
    }

    /// Page `name` showing `context`, in `language`, with the switch to the other language.
    func render(_ name: String, _ context: [String: Any], language: Language) throws(ReportError) -> String {
        var context = context
        context["language"] = language.rawValue
        context["fr"] = language == .fr
        context["en"] = language == .en
        let other = LanguageMiddleware.other(than: language)
        if let href = LanguageMiddleware.address(in: other.language) {
            context["switch"] = ["href": href, "code": other.language.rawValue, "name": other.name]
        }
        return try templates.render(context, template: name)
    }
}
