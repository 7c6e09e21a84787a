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
    /// The page shown: one dimension or section (its index among `groups`), or every question.
    var page: Page = .all

    /// A page of the questionnaire.
    enum Page: Equatable {
        /// Every question on one page (the printable questionnaire; what a closed campaign shows).
        case all
        /// The questions of group `index` (a dimension, a section, the other questions).
        case group(Int)

        /// The page a query asks for: `page=all`, `page=N`, or the first one.
        init(query: String?) {
            if query == "all" {
                self = .all
            } else {
                self = .group(query.flatMap { Int($0) }.map { max(0, $0) } ?? 0)
            }
        }
    }

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
            <style>\(WebPage.style)main{max-width:46rem}.question td{text-align:center}\(Self.stepsStyle)\(printStyle)</style></head><body><main>
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
        let groups = Self.groups(questionnaire, language: language)
        let steps = groups.indices.filter { index in groups[index].questions.contains { visibility[$0.id] == .asked } }
        // A page emptied by the answers (or past the end) gives way to the next one that has questions.
        var shown: Int?
        if case .group(let asked) = page { shown = steps.first { $0 >= asked } ?? steps.last }
        html += stepsNavigation(groups, steps: steps, shown: shown, visibility: visibility)
        if case .answering(let action, let csrf) = mode {
            html += "<form method=\"post\" action=\"\(e(action))\"><input type=\"hidden\" name=\"csrf\" value=\"\(e(csrf))\">"
            if let shown { html += "<input type=\"hidden\" name=\"page\" value=\"\(shown)\">" }
        } else {
            html += "<form><fieldset disabled>"
        }
        for index in steps where shown == nil || shown == index {
            let group = groups[index]
            html += "<section><h2>\(e(group.title))</h2>"
            for question in group.questions where visibility[question.id] == .asked { html += field(question) }
            html += "</section>"
        }
        if editable {
            let last = shown == nil || shown == steps.last
            html += "<p><button type=\"submit\" name=\"action\" value=\"save\">"
            html += e(language.pick("Enregistrer", "Save")) + "</button>"
            if !last {
                html += "<button type=\"submit\" name=\"action\" value=\"next\">"
                html += e(language.pick("Enregistrer et continuer", "Save and continue")) + "</button>"
            }
            if last {
                html += "<button type=\"submit\" name=\"action\" value=\"submit\">"
                html += e(language.pick("Soumettre et voir mon diagnostic", "Submit and see my diagnostic")) + "</button>"
            }
            html += "</p><p class=\"autosave\" role=\"status\" aria-live=\"polite\"></p>"
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
        if editable { html += "<script>\(autosave)</script>" }
        html += "</main></body></html>"
        return html
    }

    /// Where the answers stand: not yet saved, a draft, submitted (which version).
    private var status: String {
        let day = WebServer.day
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

    /// The progress through the pages: "Étape 2 sur 5", each page with its answered questions, as
    /// links; and the way to see every question at once.
    private func stepsNavigation(
        _ groups: [(title: String, questions: [Question])], steps: [Int], shown: Int?, visibility: [String: Visibility]
    ) -> String {
        guard !steps.isEmpty, editable else { return "" }
        let base = reportLink.hasSuffix("/report") ? String(reportLink.dropLast("/report".count)) : reportLink
        var html = "<nav class=\"steps\" aria-label=\"\(e(language.pick("Étapes du questionnaire", "Questionnaire steps")))\">"
        if let shown, let position = steps.firstIndex(of: shown) {
            html +=
                "<p class=\"progress\">"
                + e(language.pick("Étape \(position + 1) sur \(steps.count)", "Step \(position + 1) of \(steps.count)"))
            html += " — " + e(groups[shown].title) + "</p>"
        }
        // Folded on every page but the first, so that the questions come first on a phone.
        html += "<details\(shown == steps.first ? " open" : "")><summary>"
        html += e(language.pick("Toutes les étapes", "All steps")) + "</summary><ol>"
        for index in steps {
            let asked = groups[index].questions.filter { visibility[$0.id] == .asked }
            let answered = asked.filter { !(answers[$0.id]?.isEmpty ?? true) }.count
            let current = shown == index ? " aria-current=\"step\"" : ""
            html += "<li><a href=\"\(e(base))?page=\(index)\"\(current)>\(e(groups[index].title))</a> "
            html +=
                "<span class=\"count\">"
                + e(language.pick("\(answered)/\(asked.count) réponses", "\(answered)/\(asked.count) answers"))
            html += "</span></li>"
        }
        html += "</ol><p><a href=\"\(e(base))?page=all\">"
        html += e(language.pick("Toutes les questions sur une page (pour imprimer)", "Every question on one page (to print)"))
        return html + "</a></p></details></nav>"
    }

    /// The pages' groups: each dimension's scored questions, each section's unscored ones, then the others.
    static func groups(_ questionnaire: Questionnaire, language: Language) -> [(title: String, questions: [Question])] {
        let lang = language.rawValue
        return questionnaire.dimensions.map { dimension in
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

    /// With JavaScript, each change is saved as it is made and the page's questions are replaced by
    /// the server's answer, so that follow-ups appear or go at once; focus stays where it was.
    /// Without it, the buttons do the same.
    private var autosave: String {
        let saving = Escaping.javaScriptString(language.pick("Enregistrement…", "Saving…"))
        let saved = Escaping.javaScriptString(language.pick("Enregistré automatiquement à ", "Saved automatically at "))
        let failed = Escaping.javaScriptString(
            language.pick(
                "L'enregistrement automatique a échoué : utilisez le bouton « Enregistrer ».",
                "Saving automatically failed: use the 'Save' button."))
        return """
            (function(){var form=document.querySelector("form[method=post]");if(!form||!window.fetch)return;\
            var status=document.querySelector(".autosave"),timer=null;\
            function save(){var body=new URLSearchParams(new FormData(form));body.set("action","save");\
            var active=document.activeElement,name=active&&active.name,value=active&&active.value;\
            status.textContent=\(saving);\
            fetch(form.getAttribute("action"),{method:"POST",body:body,credentials:"same-origin"}).then(function(r){\
            if(!r.ok&&r.status!==422)throw new Error(r.status);return r.text().then(function(t){return [r.status,t];});})\
            .then(function(result){var page=new DOMParser().parseFromString(result[1],"text/html");\
            var fresh=page.querySelector("form[method=post]");if(!fresh)throw new Error("form");\
            form.querySelectorAll("section").forEach(function(s){s.remove();});\
            var anchor=form.querySelector("p");fresh.querySelectorAll("section").forEach(function(s){form.insertBefore(s,anchor);});\
            var summary=document.querySelector(".summary"),freshSummary=page.querySelector(".summary");\
            if(summary)summary.remove();if(freshSummary)form.parentNode.insertBefore(freshSummary,form);\
            if(name){var again=form.querySelector('[name="'+name+'"][value="'+value+'"]')||form.querySelector('[name="'+name+'"]');\
            if(again)again.focus();}\
            status.textContent=result[0]===422?"":\(saved)+new Date().toLocaleTimeString(document.documentElement.lang);})\
            .catch(function(){status.textContent=\(failed);});}\
            form.addEventListener("change",function(){clearTimeout(timer);timer=setTimeout(save,300);});})();
            """
    }

    static let stepsStyle = """
        .steps ol{padding-left:1.4rem;margin:.3rem 0}.steps li{margin:.15rem 0}.steps a[aria-current]{font-weight:700}
        .steps .count{color:#444;font-size:.9em}.progress{font-weight:600;margin:0}
        """

    /// On paper: who and the questionnaire on every page, and the page number, in margin boxes that
    /// take the place of the browser's own header and footer (which would print the private link).
    private var printStyle: String {
        let header = Escaping.cssString((profile["organisation"]?.text ?? "") + " — " + questionnaire.title.resolved(lang))
        return """
            @media print{@page{size:A4;margin:16mm 12mm 15mm;@top-left{content:"\(header)";font:8pt system-ui,sans-serif;\
            color:#4d4d4d}@bottom-right{content:"page " counter(page) " / " counter(pages);font:8pt system-ui,sans-serif;\
            color:#4d4d4d}}button,.report-link,.steps{display:none}fieldset,.question{break-inside:avoid-page}}
            """
    }
}
