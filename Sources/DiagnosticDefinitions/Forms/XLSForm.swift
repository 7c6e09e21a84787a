import DiagnosticCore

/// The questionnaire as an XLSForm (survey, choices and settings sheets), the form KoboToolbox
/// and ODK load. Names are od4g's ids, so that the tool's export ("XML values and headers")
/// imports with no mapping: groups by dimension or section (`piloter/pil-strategie`), choices by
/// option id, a multiple choice's columns `question/option`, an "Autre" text as
/// `question.justification`.
public struct XLSForm: Sendable {
    /// The questionnaire the form asks.
    public let questionnaire: Questionnaire
    /// The typology the form is for: the questions that do not apply to it are left out and the
    /// type is not asked. `nil`: one form for every typology, each question shown to those it applies to.
    public let typology: Typology?
    /// The form's default language (every language of the questionnaire has its label columns).
    public let language: Language

    /// Creates the form.
    public init(questionnaire: Questionnaire, typology: Typology?, language: Language) {
        self.questionnaire = questionnaire
        self.typology = typology
        self.language = language
    }

    /// The name of the group of the profile's fields.
    public static let profileGroup = "profil"

    /// The three sheets.
    public func sheets() -> [WorkbookWriter.Sheet] {
        var survey = Survey(languages: languages)
        var choices = Choices()
        survey.begin(Self.profileGroup, label: Self.text("Votre organisation", "Your organisation"))
        for field in questionnaire.profileFields { addProfileField(field, to: &survey, choices: &choices) }
        survey.end()
        var group: String?
        // A group's name is given once: a dimension met again later gets `_2`, `_3`…
        var used: [String: Int] = [Self.profileGroup: 1]
        for question in questionnaire.questions where typology.map(question.isAsked) ?? true {
            let wanted = question.dimension ?? question.section
            if wanted != group {
                if group != nil { survey.end() }
                if let wanted {
                    let count = used[wanted, default: 0] + 1
                    used[wanted] = count
                    survey.begin(count == 1 ? wanted : "\(wanted)_\(count)", label: questionnaire.groupLabel(wanted))
                }
                group = wanted
            }
            addQuestion(question, to: &survey, choices: &choices)
        }
        if group != nil { survey.end() }
        let settings: [[String]] = [
            ["form_title", "form_id", "version", "default_language"],
            [
                questionnaire.title.resolved(language.rawValue)
                    + (typology.map { " — " + $0.label.resolved(language.rawValue) } ?? ""),
                questionnaire.id + (typology.map { "_" + $0.id } ?? ""), questionnaire.version,
                Self.languageName(language.rawValue),
            ],
        ]
        return [
            WorkbookWriter.Sheet(name: "survey", rows: survey.table()),
            WorkbookWriter.Sheet(name: "choices", rows: choices.rows(languages: languages)),
            WorkbookWriter.Sheet(name: "settings", rows: settings),
        ]
    }

    /// The form's languages, the default first.
    private var languages: [String] {
        [language.rawValue] + questionnaire.languages.filter { $0 != language.rawValue }
    }

    /// XLSForm's name of a language column: `Français (fr)`.
    static func languageName(_ code: String) -> String {
        switch code {
        case "fr": "Français (fr)"
        case "en": "English (en)"
        case "de": "Deutsch (de)"
        default: "\(code) (\(code))"
        }
    }

    private static func text(_ french: String, _ english: String) -> LocalizedText {
        LocalizedText(["fr": french, "en": english])
    }

    private func addProfileField(_ field: ProfileField, to survey: inout Survey, choices: inout Choices) {
        var row = Survey.Row(type: "text", name: field.id, label: field.label, hint: field.help)
        row.required = field.required
        switch field.kind {
        case .text: break
        case .integer: row.type = "integer"
        case .number: row.type = "decimal"
        case .choice:
            let list = Self.listName(field.id)
            row.type = "select_one \(list)"
            for option in field.options { choices.add(list, option.id, option.label) }
        case .typology:
            if let typology {
                // The type is the form's: a calculated field gives it to every response.
                row = Survey.Row(type: "calculate", name: field.id, label: nil, hint: nil)
                row.calculation = "'\(typology.id)'"
            } else {
                row.type = "select_one typology"
                for typology in questionnaire.typologies { choices.add("typology", typology.id, typology.label) }
            }
        }
        survey.rows.append(row)
    }

    private func addQuestion(_ question: Question, to survey: inout Survey, choices: inout Choices) {
        let list = Self.listName(question.id)
        var row = Survey.Row(type: "text", name: question.id, label: question.label, hint: question.help)
        row.relevant = relevance(question)
        let specials = questionnaire.specialAnswers.filter { question.specialAnswers[$0.kind] != nil }
        func addSpecials() {
            for special in specials { choices.add(list, special.kind.rawValue, special.label) }
        }
        switch question.kind {
        case .yesNo:
            row.type = "select_one \(list)"
            choices.add(list, "yes", questionnaire.yesNoLabels.yes)
            choices.add(list, "no", questionnaire.yesNoLabels.no)
            addSpecials()
        case .single:
            row.type = "select_one \(list)"
            for option in question.options { choices.add(list, option.id, option.label) }
            addSpecials()
        case .multiple:
            row.type = "select_multiple \(list)"
            for option in question.options { choices.add(list, option.id, option.label) }
            addSpecials()
            // An exclusive choice ("Aucune", "Je ne sais pas") is chosen alone.
            let alone = question.options.filter(\.exclusive).map(\.id) + specials.map(\.kind.rawValue)
            if !alone.isEmpty {
                row.constraint = alone.map { "not(selected(., '\($0)')) or count-selected(.) = 1" }.joined(separator: " and ")
                row.constraintMessage = Self.text(
                    "Cette réponse se choisit seule.", "This answer is chosen on its own.")
            }
        case .scale:
            row.type = "select_one \(list)"
            if let scale = question.scale, scale.maximum - scale.minimum <= ScaleSpec.maximumSteps {
                for value in scale.minimum...scale.maximum {
                    let label = scale.labels[value].map { label in
                        LocalizedText(label.translations.mapValues { "\(value) — \($0)" })
                    }
                    choices.add(list, String(value), label ?? LocalizedText(["fr": String(value)]))
                }
            }
            addSpecials()
        case .number:
            row.type = "decimal"
            if let number = question.number {
                var bounds: [String] = []
                if let minimum = number.minimum { bounds.append(". >= \(NumberText.exact(minimum))") }
                if let maximum = number.maximum { bounds.append(". <= \(NumberText.exact(maximum))") }
                if !bounds.isEmpty { row.constraint = bounds.joined(separator: " and ") }
            }
        case .text:
            row.type = "text"
            row.appearance = "multiline"
        case .grid:
            // One choice per row of the grid, named `question.row` as od4g's tables do.
            for option in question.options { choices.add(list, option.id, option.label) }
            addSpecials()
            for gridRow in question.rows {
                var part = row
                part.type = "select_one \(list)"
                part.name = "\(question.id).\(gridRow.id)"
                part.label = LocalizedText(
                    question.label.translations.mapValues { label in
                        label + " — " + gridRow.label.resolved(language.rawValue)
                    })
                part.hint = gridRow.id == question.rows.first?.id ? question.help : nil
                survey.rows.append(part)
            }
            return
        }
        survey.rows.append(row)
        // The text of an "Autre" option, kept as the answer's justification.
        if let other = question.otherOption {
            var text = Survey.Row(
                type: "text", name: "\(question.id).justification",
                label: Self.text(
                    "Précisez « \(other.label.resolved("fr")) »", "Please specify \"\(other.label.resolved("en"))\""),
                hint: nil)
            let chosen =
                question.kind == .multiple ? "selected(${\(question.id)}, '\(other.id)')" : "${\(question.id)} = '\(other.id)'"
            text.relevant = [row.relevant, chosen].compactMap { $0 }.map { "(\($0))" }.joined(separator: " and ")
            survey.rows.append(text)
        }
    }

    /// When the question is shown: to the typologies it applies to (when the form is for every
    /// typology), when the profile allows it, and when its follow-up condition holds.
    func relevance(_ question: Question) -> String? {
        var parts: [String] = []
        if typology == nil, let applies = question.appliesTo { parts.append(typologyIs(applies)) }
        if let condition = question.appliesWhen { parts.append(xpath(condition)) }
        if let condition = question.shownWhen { parts.append(xpath(condition)) }
        guard !parts.isEmpty else { return nil }
        return parts.count == 1 ? parts[0] : parts.map { "(\($0))" }.joined(separator: " and ")
    }

    /// The profile's typology is one of `ids` (typologies or families).
    private func typologyIs(_ ids: [String]) -> String {
        let field = questionnaire.typologyField?.id ?? "typology"
        let matching = questionnaire.typologies(matching: ids).map(\.id)
        return matching.isEmpty ? "false()" : matching.map { "${\(field)} = '\($0)'" }.joined(separator: " or ")
    }

    /// A condition as an XPath expression of the form's fields.
    func xpath(_ condition: Condition) -> String {
        switch condition {
        case .answer(let id, let test):
            // A question the form leaves out (not for its typology) is never answered: od4g's
            // condition does not hold, and the form must not name a field it does not have.
            if let typology, let question = questionnaire.question(id), !question.isAsked(to: typology) { return "false()" }
            let kind = questionnaire.question(id)?.kind
            return xpath(test, field: id, multiple: kind == .multiple, numeric: kind == .number)
        case .profile(let id, let test):
            let kind = questionnaire.profileField(id)?.kind
            if kind == .typology, let typology {
                // The form's own typology: the condition is known when the form is written.
                return typology.passes(test) ? "true()" : "false()"
            }
            if kind == .typology {
                // A family ("epci") stands for its typologies: the field holds a typology's id.
                switch test {
                case .equals(let value), .includes(let value): return typologyIs([value])
                case .oneOf(let values): return typologyIs(values)
                default: break
                }
            }
            return xpath(test, field: id, multiple: false, numeric: kind == .integer || kind == .number)
        case .all(let conditions):
            return conditions.isEmpty ? "true()" : conditions.map { "(\(xpath($0)))" }.joined(separator: " and ")
        case .any(let conditions):
            return conditions.isEmpty ? "false()" : conditions.map { "(\(xpath($0)))" }.joined(separator: " or ")
        case .not(let condition):
            return "not(\(xpath(condition)))"
        }
    }

    private func xpath(_ test: ConditionTest, field: String, multiple: Bool, numeric: Bool) -> String {
        let reference = "${\(field)}"
        func literal(_ value: String) -> String {
            numeric && Double(value) != nil ? value : "'\(value.replacingOccurrences(of: "'", with: ""))'"
        }
        func equals(_ value: String) -> String {
            multiple ? "selected(\(reference), \(literal(value)))" : "\(reference) = \(literal(value))"
        }
        switch test {
        case .equals(let value): return equals(value)
        case .oneOf(let values): return values.isEmpty ? "false()" : values.map(equals).joined(separator: " or ")
        case .includes(let value): return "selected(\(reference), \(literal(value)))"
        case .atLeast(let number): return "\(reference) != '' and \(reference) >= \(NumberText.exact(number))"
        case .atMost(let number): return "\(reference) != '' and \(reference) <= \(NumberText.exact(number))"
        case .answered: return "\(reference) != ''"
        }
    }

    /// A choice list's name: the question's or field's id with `_` for `-`.
    static func listName(_ id: String) -> String {
        id.replacingOccurrences(of: "-", with: "_").replacingOccurrences(of: ".", with: "_")
    }

    /// The survey sheet's rows being written.
    struct Survey {
        struct Row {
            var type: String
            var name: String
            var label: LocalizedText?
            var hint: LocalizedText?
            var required = false
            var relevant: String?
            var constraint: String?
            var constraintMessage: LocalizedText?
            var calculation: String?
            var appearance: String?
        }

        let languages: [String]
        var rows: [Row] = []
        private var open: [String] = []

        init(languages: [String]) { self.languages = languages }

        mutating func begin(_ name: String, label: LocalizedText) {
            rows.append(Row(type: "begin_group", name: name, label: label, hint: nil))
            open.append(name)
        }

        mutating func end() {
            guard let name = open.popLast() else { return }
            rows.append(Row(type: "end_group", name: name, label: nil, hint: nil))
        }

        func table() -> [[String]] {
            let names = languages.map(XLSForm.languageName)
            var header = ["type", "name"] + names.map { "label::\($0)" } + names.map { "hint::\($0)" }
            header += ["required", "relevant", "constraint"] + names.map { "constraint_message::\($0)" }
            header += ["calculation", "appearance"]
            var table = [header]
            for row in rows {
                var cells = [row.type, row.name]
                cells += languages.map { row.label?.translations[$0] ?? row.label.map { $0.resolved("fr") } ?? "" }
                cells += languages.map { row.hint?.translations[$0] ?? "" }
                cells += [row.required ? "yes" : "", row.relevant ?? "", row.constraint ?? ""]
                cells += languages.map { row.constraintMessage?.translations[$0] ?? "" }
                cells += [row.calculation ?? "", row.appearance ?? ""]
                table.append(cells)
            }
            return table
        }
    }

    /// The choices sheet's rows being written, each list once.
    struct Choices {
        var entries: [(list: String, name: String, label: LocalizedText)] = []
        var seen: Set<String> = []

        mutating func add(_ list: String, _ name: String, _ label: LocalizedText) {
            guard seen.insert(list + "\u{0}" + name).inserted else { return }
            entries.append((list, name, label))
        }

        func rows(languages: [String]) -> [[String]] {
            var table = [["list_name", "name"] + languages.map { "label::\(XLSForm.languageName($0))" }]
            for entry in entries {
                table.append(
                    [entry.list, entry.name] + languages.map { entry.label.translations[$0] ?? entry.label.resolved($0) })
            }
            return table
        }
    }
}
