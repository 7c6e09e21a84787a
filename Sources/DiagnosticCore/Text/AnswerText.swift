/// Says an answer and profile values in words, with the questionnaire's labels.
public struct AnswerText: Sendable {
    /// The questionnaire whose labels are used.
    public let questionnaire: Questionnaire
    /// The language.
    public let language: Language
    /// Whether free text is put in « » (as in the text profile), or given as it is (reports).
    public let quotingText: Bool

    /// Creates a describer.
    public init(questionnaire: Questionnaire, language: Language, quotingText: Bool = true) {
        self.questionnaire = questionnaire
        self.language = language
        self.quotingText = quotingText
    }

    private var lang: String { language.rawValue }

    /// The answer as a person reads it: option labels, a number, the text, or the special answer's label.
    public func describe(_ value: AnswerValue, of question: Question) -> String {
        if case .special(let kind) = value { return questionnaire.specialAnswer(kind)?.label.resolved(lang) ?? kind.rawValue }
        return question.kind.unit.describe(value, of: question, in: self)
    }

    /// A scale's value in words: its label ("Rarement" for 1 of 0–4), or, for a value without one,
    /// where it stands between the labelled values around it ("entre « Personne » et « Quelques
    /// agents »"); `nil` when the scale labels neither.
    public func scaleLabel(_ value: Double, of question: Question) -> String? {
        guard let scale = question.scale, value.rounded() == value, abs(value) < 1e9 else { return nil }
        let step = Int(value)
        if let label = scale.labels[step] { return label.resolved(lang) }
        let below = scale.labels.keys.filter { $0 < step }.max()
        let above = scale.labels.keys.filter { $0 > step }.min()
        guard let below, let above, let low = scale.labels[below], let high = scale.labels[above] else { return nil }
        return language.pick(
            "entre « \(low.resolved(lang)) » et « \(high.resolved(lang)) »",
            "between \"\(low.resolved(lang))\" and \"\(high.resolved(lang))\"")
    }

    /// A profile value in words (typology and choice labels).
    public func describe(_ value: ProfileValue, of field: ProfileField) -> String {
        switch field.kind {
        case .typology:
            return questionnaire.typology(value.text)?.label.resolved(lang) ?? value.text
        case .choice:
            return field.options.first { $0.id == value.text }?.label.resolved(lang) ?? value.text
        case .integer, .number:
            return value.number.map { NumberText.format($0, decimals: 2, language: language) } ?? value.text
        case .text:
            return field.named(value.text)
        }
    }

    /// The organisation's name: the `organisation` field, else the first required text field.
    public func organisationName(_ response: Response) -> String? {
        let field =
            questionnaire.profileField("organisation")
            ?? questionnaire.profileFields.first { $0.kind == .text && $0.required && !$0.personal }
        return field.flatMap { response.profile[$0.id]?.text }
    }
}
