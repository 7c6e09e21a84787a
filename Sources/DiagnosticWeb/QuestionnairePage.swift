import DiagnosticCore
import DiagnosticReports
import DiagnosticStore

/// The respondent's page: the questionnaire's title and purpose, the profile of the invitation,
/// then the questions put to this typology and size, grouped by dimension and section, each with
/// its help, its answer and its error, if any. Server-rendered from the template
/// `web-questionnaire.html` (this builds what it shows): it works without JavaScript.
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

    /// What the template `web-questionnaire.html` shows.
    func context() -> [String: Any] {
        let visibility = Visibility.of(questionnaire, typology: typology, profile: profile, answers: parsedAnswers())
        let title = questionnaire.title.resolved(lang)
        let organisation = profile["organisation"]?.text ?? ""
        var context: [String: Any] = [
            "title": title, "organisation": organisation, "typology": typology.label.resolved(lang), "saved": saved,
            "status": status, "closed": { if case .closed = mode { return true } else { return false } }(),
            "reportLink": reportLink, "printHeader": Escaping.cssString(organisation + " — " + title),
        ]
        if let description = questionnaire.description { context["description"] = description.resolved(lang) }
        let wrong = questionnaire.questions.filter { errors[$0.id] != nil }
        let wrongFields = questionnaire.profileFields.filter { profileErrors[$0.id] != nil }
        let count = wrong.count + wrongFields.count + generalErrors.count
        if count > 0 {
            context["summary"] =
                [
                    "count": count,
                    "fields": wrongFields.map {
                        ["id": $0.id, "label": $0.label.resolved(lang), "message": profileErrors[$0.id] ?? ""]
                    },
                    "questions": wrong.map { ["id": $0.id, "label": $0.label.resolved(lang), "message": errors[$0.id] ?? ""] },
                    "general": generalErrors,
                ] as [String: Any]
        }
        let groups = Self.groups(questionnaire, language: language)
        let steps = groups.indices.filter { index in groups[index].questions.contains { visibility[$0.id] == .asked } }
        // A page emptied by the answers (or past the end) gives way to the next one that has questions.
        var shown: Int?
        if case .group(let asked) = page { shown = steps.first { $0 >= asked } ?? steps.last }
        if editable, !steps.isEmpty {
            context["steps"] = stepsNavigation(groups, steps: steps, shown: shown, visibility: visibility)
        }
        if case .answering(let action, let csrf) = mode {
            var answering: [String: Any] = ["action": action, "csrf": csrf]
            if let shown { answering["page"] = String(shown) }
            context["answering"] = answering
            let last = shown == nil || shown == steps.last
            context["next"] = !last
            context["last"] = last
        }
        if shown == nil || shown == steps.first { context["profile"] = profileSection }
        context["sections"] = steps.filter { shown == nil || shown == $0 }.map { index -> [String: Any] in
            let group = groups[index]
            return ["title": group.title, "questions": group.questions.filter { visibility[$0.id] == .asked }.map(field)]
        }
        return context
    }

    /// Who answers: what the invitation fixes, shown, and the rest of the profile, to complete or
    /// correct (a form's `profile` field says that it carries them).
    private var profileSection: [String: Any] {
        let fixed = questionnaire.profileFields.filter { locked.contains($0.id) }.map { field -> [String: Any] in
            let value = field.kind == .typology ? typology.label.resolved(lang) : profile[field.id]?.text ?? ""
            return ["label": field.label.resolved(lang), "value": value]
        }
        let fields = questionnaire.profileFields.filter { !locked.contains($0.id) && $0.kind != .typology }
        return ["hasFixed": !fixed.isEmpty, "fixed": fixed, "editable": editable, "fields": fields.map(profileField)]
    }

    private func profileField(_ field: ProfileField) -> [String: Any] {
        Self.profileField(
            field, value: profileTexts[field.id] ?? "", error: profileErrors[field.id], questionnaire: questionnaire,
            language: language)
    }

    /// A profile field as `web-profile-field` shows it: its label, help, error, and its control
    /// (a list for a choice or a typology, a number, a text) holding `value`.
    static func profileField(
        _ field: ProfileField, value: String, error: String?, questionnaire: Questionnaire, language: Language
    ) -> [String: Any] {
        let lang = language.rawValue
        var context: [String: Any] = [
            "id": field.id, "label": field.label.resolved(lang), "required": field.required || field.kind == .typology,
            "invalid": error != nil, "value": value,
        ]
        if let help = field.help { context["help"] = help.resolved(lang) }
        if let error { context["error"] = error }
        let described = [field.help == nil ? nil : "ph-\(field.id)", error == nil ? nil : "pe-\(field.id)"].compactMap { $0 }
        if !described.isEmpty { context["describedBy"] = described.joined(separator: " ") }
        switch field.kind {
        case .choice, .typology:
            let options =
                field.kind == .typology
                ? questionnaire.typologies.map { ($0.id, $0.label) } : field.options.map { ($0.id, $0.label) }
            context["choice"] = [
                "options": options.map { ["id": $0.0, "label": $0.1.resolved(lang), "selected": $0.0 == value] }
            ]
        case .integer, .number:
            context["number"] = ["inputmode": field.kind == .integer ? "numeric" : "decimal"]
        case .text:
            var text: [String: Any] = [:]
            if let autocomplete = ["email": "email", "respondent_name": "name"][field.id] { text["autocomplete"] = autocomplete }
            context["text"] = text
        }
        return context
    }

    /// Where the answers stand: not yet saved, a draft, submitted (which version), for the template's wording.
    private var status: [String: Any] {
        let changed = progress.stage == .started && progress.version > 0
        return [
            "notStarted": progress.stage == .notStarted, "draft": progress.stage == .started && progress.version == 0,
            "changed": changed, "submitted": progress.stage == .submitted, "version": progress.version,
            "savedOn": WebServer.day(progress.savedAt), "submittedOn": WebServer.day(progress.submittedAt),
        ]
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
    ) -> [String: Any] {
        let base = reportLink.hasSuffix("/report") ? String(reportLink.dropLast("/report".count)) : reportLink
        // Folded on every page but the first, so that the questions come first on a phone.
        var context: [String: Any] = ["base": base, "open": shown == steps.first]
        if let shown, let position = steps.firstIndex(of: shown) {
            context["current"] = ["position": position + 1, "count": steps.count, "title": groups[shown].title]
        }
        context["items"] = steps.map { index -> [String: Any] in
            let asked = groups[index].questions.filter { visibility[$0.id] == .asked }
            let answered = asked.filter { !(answers[$0.id]?.value.isEmpty ?? true) }.count
            return [
                "index": index, "title": groups[index].title, "current": shown == index, "answered": answered,
                "asked": asked.count,
            ]
        }
        return context
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

    /// A question: its label, help and error, and its answer's controls (choices, a number or a
    /// text with the special answers, a grid), then what may back the answer.
    private func field(_ question: Question) -> [String: Any] {
        let error = errors[question.id]
        var context: [String: Any] = [
            "id": question.id, "label": question.label.resolved(lang), "invalid": error != nil, "details": details(question),
        ]
        if let help = question.help { context["help"] = help.resolved(lang) }
        if let error { context["error"] = error }
        let described = [question.help == nil ? nil : "h-\(question.id)", error == nil ? nil : "e-\(question.id)"]
            .compactMap { $0 }
        if !described.isEmpty { context["describedBy"] = described.joined(separator: " ") }
        let given = given(question)
        let specials = question.specialAnswers.keys.sorted().compactMap { kind in
            questionnaire.specialAnswer(kind).map { (value: kind.rawValue, label: $0.label.resolved(lang)) }
        }
        switch question.kind {
        case .yesNo, .single, .multiple, .scale:
            let choices: [(value: String, label: String)]
            if question.kind == .scale, let scale = question.scale {
                choices = (scale.minimum...scale.maximum).map { value in
                    (String(value), scale.labels[value].map { "\(value) — " + $0.resolved(lang) } ?? String(value))
                }
            } else {
                choices = question.options.map { ($0.id, $0.label.resolved(lang)) }
            }
            context["choices"] =
                [
                    "type": question.kind == .multiple ? "checkbox" : "radio",
                    "items": (choices + specials).map {
                        ["value": $0.value, "label": $0.label, "checked": given.contains($0.value)]
                    },
                ] as [String: Any]
        case .number, .text:
            let value = given.first.flatMap { SpecialAnswerKind(rawValue: $0) == nil ? $0 : nil } ?? ""
            var entry: [String: Any] = [
                "specials": specials.map { ["value": $0.value, "label": $0.label, "checked": given.contains($0.value)] }
            ]
            if question.kind == .number {
                var number: [String: Any] = ["value": value]
                if let unit = question.number?.unit { number["unit"] = unit.resolved(lang) }
                entry["number"] = number
            } else {
                entry["text"] = ["value": value]
            }
            context["entry"] = entry
        case .grid:
            var rows: [String: String] = [:]
            if case .mapping(let values)? = answers[question.id]?.value { rows = values }
            context["grid"] =
                [
                    "headings": question.options.map { $0.label.resolved(lang) },
                    "rows": question.rows.map { row -> [String: Any] in
                        [
                            "label": row.label.resolved(lang),
                            "cells": question.options.map { option -> [String: Any] in
                                [
                                    "name": "a.\(question.id).\(row.id)", "value": option.id,
                                    "label": row.label.resolved(lang) + " : " + option.label.resolved(lang),
                                    "checked": rows[row.id] == option.id,
                                ]
                            },
                        ]
                    },
                ] as [String: Any]
        }
        return context
    }

    /// What may back an answer, all optional: a justification, evidence (a link or a reference per
    /// line) and a "not sure" mark; folded unless one is given.
    private func details(_ question: Question) -> [String: Any] {
        let answer = answers[question.id]
        let justification = answer?.justification ?? ""
        let evidence = answer?.evidence.joined(separator: "\n") ?? ""
        let unsure = answer?.confidence == .unsure
        return [
            "open": !justification.isEmpty || !evidence.isEmpty || unsure, "justification": justification,
            "evidence": evidence, "unsure": unsure,
        ]
    }
}
