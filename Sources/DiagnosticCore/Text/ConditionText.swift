/// Says a condition in words, for templates and reports: `pub-ouverture = Oui`, `population ≥ 3 500`.
public struct ConditionText: Sendable {
    /// The questionnaire whose labels are used.
    public let questionnaire: Questionnaire
    /// The language of the words.
    public let language: Language

    /// Creates a describer.
    public init(questionnaire: Questionnaire, language: Language) {
        self.questionnaire = questionnaire
        self.language = language
    }

    /// The condition in words.
    public func describe(_ condition: Condition) -> String {
        let l = language
        switch condition {
        case .all(let conditions):
            return conditions.map { wrapped($0) }.joined(separator: l.pick(" et ", " and "))
        case .any(let conditions):
            return conditions.map { wrapped($0) }.joined(separator: l.pick(" ou ", " or "))
        case .not(let inner):
            return l.pick("non ", "not ") + "(" + describe(inner) + ")"
        case .answer(let question, let test):
            return question + " " + describe(test, values: { answerLabel(question, $0) })
        case .profile(let field, let test):
            let name = questionnaire.profileField(field)?.label.resolved(l.rawValue) ?? field
            return name.lowercased() + " " + describe(test, values: { profileLabel(field, $0) })
        }
    }

    private func wrapped(_ condition: Condition) -> String {
        switch condition {
        case .all, .any: "(" + describe(condition) + ")"
        default: describe(condition)
        }
    }

    private func describe(_ test: ConditionTest, values: (String) -> String) -> String {
        let l = language
        switch test {
        case .equals(let value): return "= " + values(value)
        case .includes(let value): return l.pick("inclut ", "includes ") + values(value)
        case .oneOf(let options): return l.pick("parmi ", "in ") + options.map(values).joined(separator: ", ")
        case .atLeast(let bound): return "≥ " + grouped(bound)
        case .atMost(let bound): return "≤ " + grouped(bound)
        case .answered: return l.pick("a une réponse", "is answered")
        }
    }

    private func answerLabel(_ questionID: String, _ value: String) -> String {
        let lang = language.rawValue
        if let kind = SpecialAnswerKind(rawValue: value), let special = questionnaire.specialAnswer(kind) {
            return quoted(special.label.resolved(lang))
        }
        if let option = questionnaire.question(questionID)?.option(value) {
            return quoted(option.label.resolved(lang))
        }
        return value
    }

    private func quoted(_ text: String) -> String {
        language.pick("« \(text) »", "\"\(text)\"")
    }

    private func profileLabel(_ fieldID: String, _ value: String) -> String {
        let lang = language.rawValue
        if let typology = questionnaire.typology(value), questionnaire.profileField(fieldID)?.kind == .typology {
            return typology.label.resolved(lang)
        }
        if let family = questionnaire.family(value), questionnaire.profileField(fieldID)?.kind == .typology {
            return family.label.resolved(lang)
        }
        if let option = questionnaire.profileField(fieldID)?.options.first(where: { $0.id == value }) {
            return option.label.resolved(lang)
        }
        return value
    }

    /// 3500 → "3 500" in French, "3,500" in English.
    private func grouped(_ value: Double) -> String {
        let text = NumberText.format(value, decimals: 2, language: language)
        guard value == value.rounded(), abs(value) >= 1000 else { return text }
        let digits = Array(text.hasPrefix("-") ? String(text.dropFirst()) : text)
        var result = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { result += language.pick("\u{202F}", ",") }
            result.append(digit)
        }
        return (value < 0 ? "-" : "") + result
    }
}
