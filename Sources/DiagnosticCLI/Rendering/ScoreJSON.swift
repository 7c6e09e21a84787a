import DiagnosticCore
import Foundation

/// The stable JSON form of a score card (`od4g-score/1`), documented in `docs/score-json.md`.
struct ScoreJSON {
    /// Identifies the document shape; bumped only when a field changes meaning or disappears.
    static let schema = "od4g-score/1"

    let questionnaire: Questionnaire
    let response: Response
    let card: ScoreCard
    let language: Language

    private var lang: String { language.rawValue }

    func render() throws -> String {
        try JSONOutput.encode(document(), language: language)
    }

    func document() -> Document {
        Document(
            schema: Self.schema, language: lang,
            questionnaire: .init(id: card.questionnaireID, version: card.questionnaireVersion),
            respondent: respondent(),
            rules: .init(unanswered: card.rules.unanswered.rawValue, overall: card.rules.overall.rawValue),
            overall: .init(
                score: sufficient ? card.overall.score.map { NumberText.round($0) } : nil,
                level: sufficient ? level(card.overall.level) : nil),
            completeness: .init(
                answered: card.completeness.answered, asked: card.completeness.asked,
                ratio: NumberText.round(card.completeness.ratio, decimals: 4), complete: sufficient,
                scoredAnswered: card.scoredCompleteness.answered, scoredAsked: card.scoredCompleteness.asked,
                minimum: card.rules.minimumCompleteness),
            dimensions: card.dimensions.map(dimension), questions: card.questions.map(question),
            strengths: card.strengths, weaknesses: card.weaknesses, unanswered: card.unanswered,
            notApplicable: card.notApplicable)
    }

    private func respondent() -> Respondent {
        var profile: [String: Value] = [:]
        for (key, value) in response.profile {
            switch value {
            case .text(let text): profile[key] = .text(text)
            case .number(let number): profile[key] = .number(number)
            }
        }
        return Respondent(
            typology: card.typology.id, typologyLabel: card.typology.label.resolved(lang), family: card.typology.family,
            profile: profile)
    }

    private func level(_ level: MaturityLevel?) -> Level? {
        level.map { Level(id: $0.id, label: $0.label.resolved(lang)) }
    }

    /// Whether enough scored questions are answered for scores and levels (`completeness.complete`).
    private var sufficient: Bool { card.isSufficient }

    private func dimension(_ score: DimensionScore) -> DimensionEntry {
        DimensionEntry(
            id: score.id, label: questionnaire.dimension(score.id)?.label.resolved(lang) ?? score.id,
            score: sufficient ? score.score.map { NumberText.round($0) } : nil, level: sufficient ? level(score.level) : nil,
            points: NumberText.round(score.points), maximum: NumberText.round(score.maximum),
            weight: score.weight, asked: score.asked, answered: score.answered)
    }

    private func question(_ score: QuestionScore) -> QuestionEntry {
        let answer: Value? =
            switch score.answer.map({ StoredValue($0.value) }) {
            case .text(let text)?: .text(text)
            case .list(let items)?: .list(items)
            case .number(let number)?: .number(number)
            case .object(let values)?: .object(values)
            case nil: nil
            }
        let question = questionnaire.question(score.id)
        return QuestionEntry(
            id: score.id, dimension: score.dimension, section: question?.section, aspect: question?.aspect,
            scored: score.scored, status: score.status.code, answer: answer,
            points: score.scored ? NumberText.round(score.points) : nil,
            maximum: score.scored ? NumberText.round(score.maximum) : nil,
            weight: score.scored ? score.weight : nil, counted: score.counted,
            confidence: score.answer?.confidence?.rawValue, justification: score.answer?.justification,
            evidence: score.answer?.evidence ?? [])
    }

    // MARK: Document shape

    struct Document: Encodable {
        var schema: String
        var language: String
        var questionnaire: QuestionnaireRef
        var respondent: Respondent
        var rules: Rules
        var overall: Overall
        var completeness: CompletenessEntry
        var dimensions: [DimensionEntry]
        var questions: [QuestionEntry]
        var strengths: [String]
        var weaknesses: [String]
        var unanswered: [String]
        var notApplicable: [String]

        enum CodingKeys: String, CodingKey {
            case schema, language, questionnaire, respondent, rules, overall, completeness, dimensions, questions
            case strengths, weaknesses, unanswered
            case notApplicable = "not_applicable"
        }
    }

    struct QuestionnaireRef: Encodable {
        var id: String
        var version: String
    }

    struct Respondent: Encodable {
        var typology: String
        var typologyLabel: String
        var family: String
        var profile: [String: Value]

        enum CodingKeys: String, CodingKey {
            case typology, family, profile
            case typologyLabel = "typology_label"
        }
    }

    struct Rules: Encodable {
        var unanswered: String
        var overall: String
    }

    struct Level: Encodable {
        var id: String
        var label: String
    }

    struct Overall: Encodable {
        @Null var score: Double?
        @Null var level: Level?
    }

    struct CompletenessEntry: Encodable {
        var answered: Int
        var asked: Int
        var ratio: Double
        /// Whether enough scored questions are answered for scores and levels.
        var complete: Bool
        var scoredAnswered: Int
        var scoredAsked: Int
        /// The minimum share (per cent) of scored questions to answer.
        var minimum: Double

        enum CodingKeys: String, CodingKey {
            case answered, asked, ratio, complete, minimum
            case scoredAnswered = "scored_answered"
            case scoredAsked = "scored_asked"
        }
    }

    struct DimensionEntry: Encodable {
        var id: String
        var label: String
        @Null var score: Double?
        @Null var level: Level?
        var points: Double
        var maximum: Double
        var weight: Double
        var asked: Int
        var answered: Int
    }

    struct QuestionEntry: Encodable {
        var id: String
        @Null var dimension: String?
        @Null var section: String?
        @Null var aspect: String?
        var scored: Bool
        var status: String
        @Null var answer: Value?
        @Null var points: Double?
        @Null var maximum: Double?
        @Null var weight: Double?
        var counted: Bool
        @Null var confidence: String?
        @Null var justification: String?
        var evidence: [String]
    }

    /// Encodes `nil` as an explicit `null`, so every documented key is always present.
    // swift-format-ignore: UseSynthesizedInitializer
    @propertyWrapper
    struct Null<Wrapped: Encodable>: Encodable {
        var wrappedValue: Wrapped?

        // Written out, though swift-format takes it for the synthesized one: `init(wrappedValue:)`
        // lets the types using `@Null` keep a memberwise initializer that takes the plain optional.
        init(wrappedValue: Wrapped?) {
            self.wrappedValue = wrappedValue
        }

        func encode(to encoder: Encoder) throws {
            var container = encoder.singleValueContainer()
            if let wrappedValue { try container.encode(wrappedValue) } else { try container.encodeNil() }
        }
    }

    /// A JSON value: text, number or list of texts.
    enum Value: Encodable {
        case text(String)
        case number(Double)
        case list([String])
        case object([String: String])

        func encode(to encoder: Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .text(let text): try container.encode(text)
            case .number(let number): try container.encode(number)
            case .list(let items): try container.encode(items)
            case .object(let values): try container.encode(values)
            }
        }
    }
}
