import DiagnosticCore

/// The questionnaire in LimeSurvey's tab-separated survey structure (the `.txt` file of "Create
/// survey → Import"): one question group per dimension or section, after a group for the profile;
/// od4g's codes (`LimeSurveyCodes`), so that the survey's response export ("Question code"
/// headings, "Answer codes") imports with no mapping; typology and size rules and follow-ups as
/// relevance equations; help texts; required profile fields mandatory; every language of the
/// questionnaire, the chosen one as the survey's base language.
public struct LimeSurveyForm: Sendable {
    /// The questionnaire the survey asks.
    public let questionnaire: Questionnaire
    /// The typology the survey is for (its questions only, the type not asked), or `nil` for all.
    public let typology: Typology?
    /// The survey's base language.
    public let language: Language
    /// The codes used.
    public let codes: LimeSurveyCodes

    /// Creates the form.
    public init(questionnaire: Questionnaire, typology: Typology?, language: Language) {
        self.questionnaire = questionnaire
        self.typology = typology
        self.language = language
        codes = LimeSurveyCodes(questionnaire)
    }

    /// The columns of the file, LimeSurvey's base columns then the question attributes used.
    static let columns = [
        "class", "type/scale", "name", "relevance", "text", "help", "language", "validation", "mandatory", "other",
        "default", "same_default", "exclude_all_others", "hidden", "max_num_value_n", "min_num_value_n",
        "num_value_int_only",
    ]

    /// One row of the file, by column name.
    struct Row {
        var cells: [String: String]
        init(_ kind: String, _ name: String, text: String = "", _ more: [String: String] = [:]) {
            cells = more.merging(["class": kind, "name": name, "text": text]) { _, new in new }
        }
    }

    /// The file's text: UTF-8, tab-separated, one row per line.
    public func text() -> String {
        let languages = [language.rawValue] + questionnaire.languages.filter { $0 != language.rawValue }
        var rows: [Row] = [
            Row("S", "language", text: language.rawValue),
            Row("S", "additional_languages", text: languages.dropFirst().joined(separator: " ")),
            Row("S", "format", text: "G"),
            Row("S", "datestamp", text: "Y"),
        ]
        for code in languages {
            let title =
                questionnaire.title.resolved(code) + (typology.map { " — " + $0.label.resolved(code) } ?? "")
            rows.append(Row("SL", "surveyls_title", text: Self.html(title), ["language": code]))
            if let description = questionnaire.description {
                rows.append(Row("SL", "surveyls_description", text: Self.html(description.resolved(code)), ["language": code]))
            }
        }
        // Every language repeats the same rows in the same order.
        for code in languages { rows += groups(language: code) }
        var text = Self.columns.joined(separator: "\t") + "\n"
        for row in rows {
            text += Self.columns.map { Self.cell(row.cells[$0] ?? "") }.joined(separator: "\t") + "\n"
        }
        return text
    }

    /// The groups, questions, sub-questions and answers in `code`.
    private func groups(language code: String) -> [Row] {
        var rows: [Row] = []
        let profileName = LocalizedText(["fr": "Votre organisation", "en": "Your organisation"]).resolved(code)
        rows.append(Row("G", profileName, ["language": code]))
        for field in questionnaire.profileFields { rows += profileRows(field, code) }
        var group: String?
        for question in questionnaire.questions where typology.map(question.isAsked) ?? true {
            let wanted = question.dimension ?? question.section
            if wanted != group, let wanted {
                rows.append(Row("G", Self.html(questionnaire.groupLabel(wanted).resolved(code)), ["language": code]))
            }
            group = wanted
            rows += questionRows(question, code)
        }
        return rows
    }

    private func profileRows(_ field: ProfileField, _ code: String) -> [Row] {
        let name = codes.questions[field.id] ?? field.id
        var more: [String: String] = [
            "language": code, "mandatory": field.required ? "Y" : "N",
            "help": field.help.map { Self.html($0.resolved(code)) } ?? "",
        ]
        let text = Self.html(field.label.resolved(code))
        switch field.kind {
        case .text:
            more["type/scale"] = "S"
        case .integer:
            more["type/scale"] = "N"
            more["num_value_int_only"] = "1"
        case .number:
            more["type/scale"] = "N"
        case .choice:
            more["type/scale"] = "L"
            return [Row("Q", name, text: text, more)]
                + answerRows(field.id, field.options.map { ($0.id, $0.label) }, code)
        case .typology:
            if let typology {
                // The survey's own typology: a hidden equation gives it to every response.
                more["type/scale"] = "*"
                more["hidden"] = "1"
                more["mandatory"] = "N"
                return [Row("Q", name, text: typology.id, more)]
            }
            more["type/scale"] = "L"
            return [Row("Q", name, text: text, more)]
                + answerRows(field.id, questionnaire.typologies.map { ($0.id, $0.label) }, code)
        }
        return [Row("Q", name, text: text, more)]
    }

    private func questionRows(_ question: Question, _ code: String) -> [Row] {
        let name = codes.questions[question.id] ?? question.id
        var more: [String: String] = [
            "language": code, "mandatory": "N", "relevance": relevance(question) ?? "1",
            "help": question.help.map { Self.html($0.resolved(code)) } ?? "",
        ]
        let text = Self.html(question.label.resolved(code))
        let specials = questionnaire.specialAnswers.filter { question.specialAnswers[$0.kind] != nil }.map {
            ($0.kind.rawValue, $0.label)
        }
        if question.otherOption != nil { more["other"] = "Y" }
        switch question.kind {
        case .yesNo:
            more["type/scale"] = "L"
            let choices = [("yes", questionnaire.yesNoLabels.yes), ("no", questionnaire.yesNoLabels.no)] + specials
            return [Row("Q", name, text: text, more)] + answerRows(question.id, choices, code)
        case .single:
            more["type/scale"] = "L"
            let options = question.options.filter { $0.id != question.otherOption?.id }.map { ($0.id, $0.label) }
            return [Row("Q", name, text: text, more)] + answerRows(question.id, options + specials, code)
        case .scale:
            more["type/scale"] = "L"
            var values: [(String, LocalizedText)] = []
            if let scale = question.scale, scale.maximum - scale.minimum <= ScaleSpec.maximumSteps {
                for value in scale.minimum...scale.maximum {
                    values.append(
                        (
                            String(value),
                            scale.labels[value].map { LocalizedText($0.translations.mapValues { "\(value) — \($0)" }) }
                                ?? LocalizedText(["fr": String(value)])
                        ))
                }
            }
            return [Row("Q", name, text: text, more)] + answerRows(question.id, values + specials, code)
        case .multiple:
            more["type/scale"] = "M"
            let subquestions = codes.subquestions[question.id] ?? [:]
            let entries = question.options.filter { $0.id != question.otherOption?.id }.map { ($0.id, $0.label) } + specials
            // An exclusive option, or a special answer, is chosen alone.
            let alone = question.options.filter(\.exclusive).map(\.id) + specials.map(\.0)
            more["exclude_all_others"] = alone.compactMap { subquestions[$0] }.joined(separator: ";")
            return [Row("Q", name, text: text, more)]
                + entries.map { id, label in
                    Row("SQ", subquestions[id] ?? id, text: Self.html(label.resolved(code)), ["language": code])
                }
        case .number:
            more["type/scale"] = "N"
            if let minimum = question.number?.minimum { more["min_num_value_n"] = NumberText.exact(minimum) }
            if let maximum = question.number?.maximum { more["max_num_value_n"] = NumberText.exact(maximum) }
        case .text:
            more["type/scale"] = "T"
        case .grid:
            more["type/scale"] = "F"
            let subquestions = codes.subquestions[question.id] ?? [:]
            return [Row("Q", name, text: text, more)]
                + question.rows.map { row in
                    Row("SQ", subquestions[row.id] ?? row.id, text: Self.html(row.label.resolved(code)), ["language": code])
                } + answerRows(question.id, question.options.map { ($0.id, $0.label) } + specials, code)
        }
        return [Row("Q", name, text: text, more)]
    }

    private func answerRows(_ subject: String, _ entries: [(String, LocalizedText)], _ code: String) -> [Row] {
        let answers = codes.answers[subject] ?? [:]
        return entries.map { id, label in
            Row("A", answers[id] ?? id, text: Self.html(label.resolved(code)), ["language": code])
        }
    }

    // MARK: Relevance equations

    /// When the question is shown, as an ExpressionScript equation (`nil`: always): to the
    /// typologies it applies to (when the survey is for every typology), when the profile allows
    /// it, when its follow-up condition holds. Every question is read with `.NAOK`, so that one not
    /// shown counts as unanswered rather than hiding all that depends on it.
    func relevance(_ question: Question) -> String? {
        var parts: [String] = []
        if typology == nil, let applies = question.appliesTo {
            parts.append(typologyTest(applies))
        }
        if let condition = question.appliesWhen { parts.append(equation(condition)) }
        if let condition = question.shownWhen { parts.append(equation(condition)) }
        guard !parts.isEmpty else { return nil }
        return parts.count == 1 ? parts[0] : parts.map { "(\($0))" }.joined(separator: " and ")
    }

    /// The profile's typology is one of `ids` (typologies or families).
    private func typologyTest(_ ids: [String]) -> String {
        guard let field = questionnaire.typologyField else { return "1" }
        let matching = questionnaire.typologies(matching: ids)
        guard !matching.isEmpty else { return "0" }
        let variable = (codes.questions[field.id] ?? field.id) + ".NAOK"
        let answers = codes.answers[field.id] ?? [:]
        return matching.map { "\(variable) == '\(answers[$0.id] ?? $0.id)'" }.joined(separator: " or ")
    }

    /// `condition` as an equation.
    func equation(_ condition: Condition) -> String {
        switch condition {
        case .answer(let id, let test):
            // A question the survey leaves out (not for its typology) is never answered: od4g's
            // condition does not hold, and the survey must not name a question it does not have.
            if let typology, let question = questionnaire.question(id), !question.isAsked(to: typology) { return "0" }
            return equation(test, subject: id, kind: questionnaire.question(id)?.kind)
        case .profile(let id, let test):
            let field = questionnaire.profileField(id)
            if field?.kind == .typology {
                if let typology {
                    // The survey's own typology: the condition is known when the survey is written.
                    return typology.passes(test) ? "1" : "0"
                }
                switch test {
                case .equals(let value), .includes(let value): return typologyTest([value])
                case .oneOf(let values): return typologyTest(values)
                default: break
                }
            }
            return equation(
                test, subject: id, kind: field?.kind == .integer || field?.kind == .number ? .number : .single)
        case .all(let conditions):
            return conditions.isEmpty ? "1" : conditions.map { "(\(equation($0)))" }.joined(separator: " and ")
        case .any(let conditions):
            return conditions.isEmpty ? "0" : conditions.map { "(\(equation($0)))" }.joined(separator: " or ")
        case .not(let condition):
            return "!(\(equation(condition)))"
        }
    }

    private func equation(_ test: ConditionTest, subject: String, kind: AnswerKind?) -> String {
        let variable = (codes.questions[subject] ?? subject) + ".NAOK"
        let answers = codes.answers[subject] ?? [:]
        let subquestions = codes.subquestions[subject] ?? [:]
        let name = codes.questions[subject] ?? subject
        // LimeSurvey's own "Other": `-oth-` in a list, a text in `Q_other` for a multiple choice.
        let other = questionnaire.question(subject)?.otherOption?.id
        func chosen(_ value: String) -> String {
            if kind == .multiple {
                if value == other { return "!is_empty(\(name)_other.NAOK)" }
                guard let sub = subquestions[value] else { return "0" }
                return "\(name)_\(sub).NAOK == 'Y'"
            }
            if value == other, kind == .single { return "\(variable) == '-oth-'" }
            if kind == .number, let number = Double(value) { return "\(variable) == \(NumberText.exact(number))" }
            return "\(variable) == '\(Self.literal(answers[value] ?? value))'"
        }
        switch test {
        case .equals(let value), .includes(let value): return chosen(value)
        case .oneOf(let values): return values.isEmpty ? "0" : values.map(chosen).joined(separator: " or ")
        // A number only: "Je ne sais pas" (`DK`) would compare as text, and pass.
        case .atLeast(let number): return "is_numeric(\(variable)) and \(variable) >= \(NumberText.exact(number))"
        case .atMost(let number): return "is_numeric(\(variable)) and \(variable) <= \(NumberText.exact(number))"
        case .answered:
            if kind == .multiple {
                var all = subquestions.values.sorted().map { "\(name)_\($0).NAOK == 'Y'" }
                if other != nil { all.append("!is_empty(\(name)_other.NAOK)") }
                return all.isEmpty ? "0" : all.joined(separator: " or ")
            }
            return "!is_empty(\(variable))"
        }
    }

    // MARK: Text

    /// Text as LimeSurvey shows it, HTML: markup escaped as in a workbook's XML
    /// (`WorkbookWriter.escaped`), line breaks as `<br />`.
    static func html(_ text: String) -> String {
        WorkbookWriter.escaped(text).split(omittingEmptySubsequences: false) { $0.isNewline }.joined(separator: "<br />")
    }

    /// A string inside an equation's single quotes.
    private static func literal(_ value: String) -> String {
        value.replacingOccurrences(of: "'", with: "")
    }

    /// A cell: quoted when it holds a tab, a quote or a line break (LimeSurvey reads the file as CSV
    /// separated by tabs).
    static func cell(_ text: String) -> String {
        guard text.contains(where: { $0 == "\t" || $0 == "\"" || $0.isNewline }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

}

extension Questionnaire {
    /// The typologies `ids` stand for: typologies, and families for all of theirs.
    func typologies(matching ids: [String]) -> [Typology] {
        typologies.filter { typology in ids.contains(where: typology.matches) }
    }

    /// The label of a form's group: the dimension's or the section's (`id` itself when neither).
    func groupLabel(_ id: String) -> LocalizedText {
        dimension(id)?.label ?? section(id)?.label ?? LocalizedText(["fr": id])
    }
}

extension Typology {
    /// Whether this typology passes a test on the profile's typology (by id or family): a form
    /// written for one typology knows such a condition when it is written.
    func passes(_ test: ConditionTest) -> Bool {
        switch test {
        case .equals(let value), .includes(let value): matches(value)
        case .oneOf(let values): values.contains(where: matches)
        case .answered: true
        case .atLeast, .atMost: false
        }
    }
}
