import DiagnosticCore
import DiagnosticReports
import DiagnosticStore

/// The respondent's page: the questionnaire's title and purpose, the profile of the invitation,
/// then the questions put to this typology and size, grouped by dimension and section, each with
/// its help, its answer and its error, if any. Server-rendered: it works without JavaScript.
struct QuestionnairePage {
    let questionnaire: Questionnaire
    let typology: Typology
    let profile: [String: ProfileValue]
    /// Answers as given (raw) or stored, by question id.
    let answers: [String: RawValue]
    /// Errors by question id, in French or English already.
    let errors: [String: String]
    /// Errors not about one question (the profile).
    let generalErrors: [String]
    let language: Language
    /// What the page lets do with the answers.
    let mode: Mode
    /// Where the diagnostic is read.
    let reportLink: String
    /// What the respondent did so far.
    let progress: InvitationProgress
    let saved: Bool

    /// What a page lets do.
    enum Mode {
        /// Answer, save and submit, with the form's anti-forgery token.
        case answering(action: String, csrf: String)
        /// Read only: the campaign is closed.
        case closed
        /// Read only: an advisor looks at the answers.
        case reviewing
    }

    private var editable: Bool {
        if case .answering = mode { return true }
        return false
    }

    private var lang: String { language.rawValue }

    private func e(_ text: String) -> String { Escaping.html(text) }

    func render() -> String {
        let visibility = Visibility.of(
            questionnaire, typology: typology, profile: profile, answers: parsedAnswers())
        var html = """
            <!DOCTYPE html>
            <html lang="\(lang)"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(e(questionnaire.title.resolved(lang)))</title>
            <style>\(WebPage.style)main{max-width:46rem}.question td{text-align:center}\(printStyle)</style></head><body><main>
            <h1>\(e(questionnaire.title.resolved(lang)))</h1>
            """
        if let description = questionnaire.description { html += "<p>\(e(description.resolved(lang)))</p>" }
        html += "<p class=\"who\">" + e(language.pick("Vous répondez pour : ", "You answer for: "))
        html += e(profile["organisation"]?.text ?? "") + " — " + e(typology.label.resolved(lang)) + "</p>"
        if saved {
            html += "<p class=\"saved\" role=\"status\">" + e(language.pick("Réponses enregistrées.", "Answers saved.")) + "</p>"
        }
        html += "<p class=\"status\">" + e(status) + "</p>"
        if case .closed = mode {
            html +=
                "<p class=\"notice\">"
                + e(
                    language.pick(
                        "La campagne est close : vos réponses ne peuvent plus être modifiées. Votre diagnostic reste consultable.",
                        "The campaign is closed: your answers can no longer be changed. Your diagnostic can still be read."))
                + "</p>"
        }
        let wrong = questionnaire.questions.filter { errors[$0.id] != nil }
        let count = wrong.count + generalErrors.count
        if count > 0 {
            html += "<div class=\"summary\" role=\"alert\" tabindex=\"-1\"><h2>"
            html += e(language.pick("\(count) réponse(s) à corriger", "\(count) answer(s) to correct"))
            html += "</h2><ul>"
            for question in wrong {
                html +=
                    "<li><a href=\"#q-\(e(question.id))\">\(e(question.label.resolved(lang)))</a> — \(e(errors[question.id] ?? ""))</li>"
            }
            for error in generalErrors { html += "<li>\(e(error))</li>" }
            html += "</ul></div>"
        }
        if case .answering(let action, let csrf) = mode {
            html += "<form method=\"post\" action=\"\(e(action))\"><input type=\"hidden\" name=\"csrf\" value=\"\(e(csrf))\">"
        } else {
            html += "<form><fieldset disabled>"
        }
        for group in groups() {
            let asked = group.questions.filter { visibility[$0.id] == .asked }
            guard !asked.isEmpty else { continue }
            html += "<section><h2>\(e(group.title))</h2>"
            for question in asked { html += field(question) }
            html += "</section>"
        }
        if editable {
            html += "<p><button type=\"submit\" name=\"action\" value=\"save\">"
            html += e(language.pick("Enregistrer mes réponses", "Save my answers")) + "</button>"
            html += "<button type=\"submit\" name=\"action\" value=\"submit\">"
            html += e(language.pick("Soumettre et voir mon diagnostic", "Submit and see my diagnostic")) + "</button></p>"
            html +=
                "<p class=\"help\">"
                + e(
                    language.pick(
                        "Vous pouvez enregistrer, partir et revenir avec le même lien, puis soumettre ; après la soumission, vous pouvez encore modifier et soumettre à nouveau tant que la campagne est ouverte.",
                        "You can save, leave and come back with the same link, then submit; after submitting you can still change and submit again while the campaign is open."
                    )) + "</p></form>"
        } else {
            html += "</fieldset></form>"
        }
        html +=
            "<p class=\"report-link\"><a href=\"\(e(reportLink))\">"
            + e(language.pick("Voir le diagnostic", "See the diagnostic")) + "</a></p>"
        html += "</main></body></html>"
        return html
    }

    /// Where the answers stand: not yet saved, a draft, submitted (which version).
    private var status: String {
        let day = { (time: String?) in String((time ?? "").prefix(10)) }
        switch progress.stage {
        case .notStarted: return language.pick("Aucune réponse enregistrée pour l'instant.", "No answer saved yet.")
        case .started where progress.version == 0:
            return language.pick(
                "Brouillon enregistré le \(day(progress.savedAt)), pas encore soumis.",
                "Draft saved on \(day(progress.savedAt)), not submitted yet.")
        case .started:
            return language.pick(
                "Version \(progress.version) soumise le \(day(progress.submittedAt)) ; modifiée depuis, pas encore soumise à nouveau.",
                "Version \(progress.version) submitted on \(day(progress.submittedAt)); changed since, not submitted again yet.")
        case .submitted:
            return language.pick(
                "Version \(progress.version) soumise le \(day(progress.submittedAt)).",
                "Version \(progress.version) submitted on \(day(progress.submittedAt)).")
        }
    }

    /// The answers that parse, for the follow-ups they open.
    private func parsedAnswers() -> [String: Answer] {
        let checker = ResponseChecker(questionnaire: questionnaire)
        var result: [String: Answer] = [:]
        for question in questionnaire.questions {
            guard let raw = answers[question.id], !raw.isEmpty, case .success(let value) = checker.parse(raw, for: question)
            else { continue }
            result[question.id] = Answer(value)
        }
        return result
    }

    private func groups() -> [(title: String, questions: [Question])] {
        questionnaire.dimensions.map { dimension in
            (dimension.label.resolved(lang), questionnaire.questions.filter { $0.scored && $0.dimension == dimension.id })
        }
            + questionnaire.sections.map { section in
                (section.label.resolved(lang), questionnaire.questions.filter { !$0.scored && $0.section == section.id })
            }
            + [
                (
                    language.pick("Autres questions", "Other questions"),
                    questionnaire.questions.filter { !$0.scored && $0.section == nil }
                )
            ]
    }

    private func given(_ question: Question) -> [String] {
        switch answers[question.id] {
        case .scalar(let text)?: [text]
        case .list(let items)?: items
        default: []
        }
    }

    private func field(_ question: Question) -> String {
        let id = e(question.id)
        let error = errors[question.id]
        var html = "<div class=\"question\(error == nil ? "" : " invalid")\" id=\"q-\(id)\">"
        let help = question.help.map { "<p class=\"help\" id=\"h-\(id)\">\(e($0.resolved(lang)))</p>" } ?? ""
        let errorHTML = error.map { "<p class=\"error\" id=\"e-\(id)\">\(e($0))</p>" } ?? ""
        let described = [question.help == nil ? nil : "h-\(id)", error == nil ? nil : "e-\(id)"].compactMap { $0 }
        let describedBy = described.isEmpty ? "" : " aria-describedby=\"\(described.joined(separator: " "))\""
        let given = given(question)
        let specials = question.specialAnswers.keys.sorted().compactMap { kind in
            questionnaire.specialAnswer(kind).map { (kind.rawValue, $0.label.resolved(lang)) }
        }
        switch question.kind {
        case .yesNo, .single, .multiple, .scale:
            let choices: [(String, String)]
            if question.kind == .scale, let scale = question.scale {
                choices = (scale.minimum...scale.maximum).map { value in
                    (String(value), scale.labels[value].map { "\(value) — " + $0.resolved(lang) } ?? String(value))
                }
            } else {
                choices = question.options.map { ($0.id, $0.label.resolved(lang)) }
            }
            let type = question.kind == .multiple ? "checkbox" : "radio"
            html += "<fieldset\(describedBy)><legend>\(e(question.label.resolved(lang)))</legend>\(help)\(errorHTML)"
            for (value, label) in choices + specials {
                let checked = given.contains(value) ? " checked" : ""
                let control = "a.\(question.id)"
                html +=
                    "<label><input type=\"\(type)\" name=\"\(e(control))\" value=\"\(e(value))\"\(checked)> \(e(label))</label>"
            }
            html += "</fieldset>"
        case .number, .text:
            let value = given.first.flatMap { SpecialAnswerKind(rawValue: $0) == nil ? $0 : nil } ?? ""
            html += "<label for=\"f-\(id)\" class=\"legend\">\(e(question.label.resolved(lang)))</label>\(help)\(errorHTML)"
            if question.kind == .number {
                html += "<input id=\"f-\(id)\" name=\"a.\(id)\" inputmode=\"decimal\" value=\"\(e(value))\"\(describedBy)>"
                if let unit = question.number?.unit { html += " " + e(unit.resolved(lang)) }
            } else {
                html += "<textarea id=\"f-\(id)\" name=\"a.\(id)\" rows=\"3\"\(describedBy)>\(e(value))</textarea>"
            }
            for (special, label) in specials {
                let checked = given.contains(special) ? " checked" : ""
                html += "<label><input type=\"checkbox\" name=\"s.\(id)\" value=\"\(e(special))\"\(checked)> \(e(label))</label>"
            }
        case .grid:
            html += "<fieldset\(describedBy)><legend>\(e(question.label.resolved(lang)))</legend>\(help)\(errorHTML)<table>"
            html += "<tr><td></td>" + question.options.map { "<th scope=\"col\">\(e($0.label.resolved(lang)))</th>" }.joined()
            html += "</tr>"
            var rows: [String: String] = [:]
            if case .mapping(let values)? = answers[question.id] { rows = values }
            for row in question.rows {
                html += "<tr><th scope=\"row\">\(e(row.label.resolved(lang)))</th>"
                for option in question.options {
                    let checked = rows[row.id] == option.id ? " checked" : ""
                    let name = "a.\(question.id).\(row.id)"
                    let label = row.label.resolved(lang) + " : " + option.label.resolved(lang)
                    html +=
                        "<td><input type=\"radio\" name=\"\(e(name))\" value=\"\(e(option.id))\" aria-label=\"\(e(label))\"\(checked)></td>"
                }
                html += "</tr>"
            }
            html += "</table></fieldset>"
        }
        return html + "</div>"
    }

    /// On paper: who and the questionnaire on every page, and the page number, in margin boxes that
    /// take the place of the browser's own header and footer (which would print the private link).
    private var printStyle: String {
        let header = Escaping.cssString((profile["organisation"]?.text ?? "") + " — " + questionnaire.title.resolved(lang))
        return """
            @media print{@page{size:A4;margin:16mm 12mm 15mm;@top-left{content:"\(header)";font:8pt system-ui,sans-serif;\
            color:#4d4d4d}@bottom-right{content:"page " counter(page) " / " counter(pages);font:8pt system-ui,sans-serif;\
            color:#4d4d4d}}button,.report-link{display:none}fieldset,.question{break-inside:avoid-page}}
            """
    }
}
