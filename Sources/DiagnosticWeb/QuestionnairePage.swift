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
    /// The profile as given (typed, or stored), by field id, for the fields the respondent may edit.
    let profileTexts: [String: String]
    /// The profile fields the invitation fixes (the organisation, its code and type, the e-mail it
    /// was sent to): shown, not edited, since they say whose answers these are.
    let locked: Set<String>
    /// Answers as given (raw) or stored, with their details, by question id.
    let answers: [String: RawAnswer]
    /// Errors by question id, in French or English already.
    let errors: [String: String]
    /// Errors by profile field id.
    var profileErrors: [String: String] = [:]
    /// Errors about neither a question nor a field.
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
            \(LanguageMiddleware.switchLink(from: language))<h1>\(e(questionnaire.title.resolved(lang)))</h1>
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
        let wrongFields = questionnaire.profileFields.filter { profileErrors[$0.id] != nil }
        let count = wrong.count + wrongFields.count + generalErrors.count
        if count > 0 {
            html += "<div class=\"summary\" role=\"alert\" tabindex=\"-1\"><h2>"
            html += e(language.pick("\(count) réponse(s) à corriger", "\(count) answer(s) to correct"))
            html += "</h2><ul>"
            for field in wrongFields {
                html +=
                    "<li><a href=\"#p-\(e(field.id))\">\(e(field.label.resolved(lang)))</a> — \(e(profileErrors[field.id] ?? ""))</li>"
            }
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
        if shown == nil || shown == steps.first { html += profileSection }
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

    /// Who answers: what the invitation fixes, shown, and the rest of the profile, to complete or
    /// correct (a form's `profile` field says that it carries them).
    private var profileSection: String {
        var html = "<section class=\"profile\"><h2>" + e(language.pick("Votre organisation et vous", "Your organisation and you"))
        html += "</h2>"
        let fixed = questionnaire.profileFields.filter { locked.contains($0.id) }
        if !fixed.isEmpty {
            html += "<dl class=\"fixed\">"
            for field in fixed {
                var value = profile[field.id]?.text ?? ""
                if field.kind == .typology { value = typology.label.resolved(lang) }
                html += "<dt>\(e(field.label.resolved(lang)))</dt><dd>\(e(value))</dd>"
            }
            html +=
                "</dl><p class=\"help\">"
                + e(
                    language.pick(
                        "Ces informations viennent de votre invitation : pour les corriger, écrivez à la personne qui vous l'a envoyée.",
                        "These come from your invitation: to correct them, write to whoever sent it to you.")) + "</p>"
        }
        if editable { html += "<input type=\"hidden\" name=\"profile\" value=\"1\">" }
        for field in questionnaire.profileFields where !locked.contains(field.id) && field.kind != .typology {
            html += profileField(field)
        }
        return html + "</section>"
    }

    private func profileField(_ field: ProfileField) -> String {
        let id = e(field.id)
        let error = profileErrors[field.id]
        let value = profileTexts[field.id] ?? ""
        var html = "<div class=\"question\(error == nil ? "" : " invalid")\">"
        html += "<label for=\"p-\(id)\" class=\"legend\">\(e(field.label.resolved(lang)))"
        if field.required { html += " " + e(language.pick("(obligatoire)", "(required)")) }
        html += "</label>"
        let help = field.help.map { "<p class=\"help\" id=\"ph-\(id)\">\(e($0.resolved(lang)))</p>" } ?? ""
        let errorHTML = error.map { "<p class=\"error\" id=\"pe-\(id)\">\(e($0))</p>" } ?? ""
        let described = [field.help == nil ? nil : "ph-\(id)", error == nil ? nil : "pe-\(id)"].compactMap { $0 }
        let describedBy = described.isEmpty ? "" : " aria-describedby=\"\(described.joined(separator: " "))\""
        html += help + errorHTML
        switch field.kind {
        case .choice:
            html += "<select id=\"p-\(id)\" name=\"p.\(id)\"\(describedBy)><option value=\"\">—</option>"
            for option in field.options {
                let selected = option.id == value ? " selected" : ""
                html += "<option value=\"\(e(option.id))\"\(selected)>\(e(option.label.resolved(lang)))</option>"
            }
            html += "</select>"
        case .integer, .number:
            html +=
                "<input id=\"p-\(id)\" name=\"p.\(id)\" inputmode=\"\(field.kind == .integer ? "numeric" : "decimal")\" value=\"\(e(value))\"\(describedBy)>"
        case .text, .typology:
            let autocomplete = ["email": "email", "respondent_name": "name"][field.id].map { " autocomplete=\"\($0)\"" } ?? ""
            html += "<input id=\"p-\(id)\" name=\"p.\(id)\" value=\"\(e(value))\"\(autocomplete)\(describedBy)>"
        }
        return html + "</div>"
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
            guard let raw = answers[question.id]?.value, !raw.isEmpty,
                case .success(let value) = checker.parse(raw, for: question)
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
            let answered = asked.filter { !(answers[$0.id]?.value.isEmpty ?? true) }.count
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
        switch answers[question.id]?.value {
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
            if case .mapping(let values)? = answers[question.id]?.value { rows = values }
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
        return html + details(question) + "</div>"
    }

    /// What may back an answer, all optional: a justification, evidence (a link or a reference per
    /// line) and a "not sure" mark; folded unless one is given.
    private func details(_ question: Question) -> String {
        let id = e(question.id)
        let answer = answers[question.id]
        let justification = answer?.justification ?? ""
        let evidence = answer?.evidence.joined(separator: "\n") ?? ""
        let unsure = answer?.confidence == .unsure
        let open = !justification.isEmpty || !evidence.isEmpty || unsure
        var html = "<details class=\"more\" id=\"d-\(id)\"\(open ? " open" : "")><summary>"
        html += e(language.pick("Préciser cette réponse (facultatif)", "Add to this answer (optional)")) + "</summary>"
        html += "<label for=\"j-\(id)\">" + e(language.pick("Justification ou commentaire", "Justification or comment"))
        html += "</label><textarea id=\"j-\(id)\" name=\"j.\(id)\" rows=\"2\">\(e(justification))</textarea>"
        html +=
            "<label for=\"v-\(id)\">"
            + e(language.pick("Preuves : un lien ou une référence par ligne", "Evidence: one link or reference per line"))
        html += "</label><textarea id=\"v-\(id)\" name=\"v.\(id)\" rows=\"2\">\(e(evidence))</textarea>"
        html += "<label><input type=\"checkbox\" name=\"c.\(id)\" value=\"unsure\"\(unsure ? " checked" : "")> "
        html += e(language.pick("Je ne suis pas sûr ou sûre de cette réponse", "I am not sure of this answer")) + "</label>"
        return html + "</details>"
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
            var open=[].map.call(form.querySelectorAll("details[open]"),function(d){return d.id;});\
            form.querySelectorAll("section").forEach(function(s){s.remove();});\
            var anchor=form.querySelector("p");fresh.querySelectorAll("section").forEach(function(s){form.insertBefore(s,anchor);});\
            var summary=document.querySelector(".summary"),freshSummary=page.querySelector(".summary");\
            if(summary)summary.remove();if(freshSummary)form.parentNode.insertBefore(freshSummary,form);\
            open.forEach(function(i){var d=document.getElementById(i);if(d)d.open=true;});\
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
        details.more{margin:.4rem 0 0}details.more summary{cursor:pointer;color:#005a8c}details.more textarea{width:100%}
        dl.fixed{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem;margin:0 0 .5rem}dl.fixed dt{font-weight:600}
        dl.fixed dd{margin:0}@media (max-width:40rem){dl.fixed{grid-template-columns:1fr}dl.fixed dd{margin-bottom:.3rem}}
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
