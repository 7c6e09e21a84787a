import DiagnosticCore

/// Says an answer and profile values in words, with the questionnaire's labels.
struct AnswerText {
    let questionnaire: Questionnaire
    let language: Language

    private var lang: String { language.rawValue }

    /// The answer as a person reads it: option labels, a number, quoted text, or the special answer's label.
    func describe(_ value: AnswerValue, of question: Question) -> String {
        switch value {
        case .choice(let id):
            return question.option(id)?.label.resolved(lang) ?? id
        case .choices(let ids):
            return ids.map { question.option($0)?.label.resolved(lang) ?? $0 }.joined(separator: ", ")
        case .number(let number):
            let unit = question.number?.unit.map { " " + $0.resolved(lang) } ?? ""
            let scaleMax = question.scale.map { " / \($0.maximum)" } ?? ""
            return NumberText.format(number, decimals: 2, language: language) + scaleMax + unit
        case .text(let text):
            return "« " + text + " »"
        case .special(let kind):
            return questionnaire.specialAnswer(kind)?.label.resolved(lang) ?? kind.rawValue
        }
    }

    /// A profile value in words (typology and choice labels).
    func describe(_ value: ProfileValue, of field: ProfileField) -> String {
        switch field.kind {
        case .typology:
            return questionnaire.typology(value.text)?.label.resolved(lang) ?? value.text
        case .choice:
            return field.options.first { $0.id == value.text }?.label.resolved(lang) ?? value.text
        case .integer, .number:
            return value.number.map { NumberText.format($0, decimals: 2, language: language) } ?? value.text
        case .text:
            return value.text
        }
    }

    /// The organisation's name: the `organisation` field, else the first required text field.
    func organisationName(_ response: Response) -> String? {
        let field =
            questionnaire.profileField("organisation")
            ?? questionnaire.profileFields.first { $0.kind == .text && $0.required && !$0.personal }
        return field.flatMap { response.profile[$0.id]?.text }
    }
}

/// Cuts a text to `width` characters with an ellipsis, and pads it to `width` when asked.
func fitted(_ text: String, _ width: Int, pad: Bool = false) -> String {
    let flat = text.split(whereSeparator: \.isNewline).joined(separator: " ")
    let cut = flat.count > width ? String(flat.prefix(max(0, width - 1))) + "…" : flat
    return pad ? cut + String(repeating: " ", count: max(0, width - cut.count)) : cut
}
