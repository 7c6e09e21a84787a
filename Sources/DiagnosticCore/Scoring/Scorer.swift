/// Computes a `ScoreCard` from a checked response. Formulas: `docs/scoring.md`.
public struct Scorer: Sendable {
    /// The questionnaire responses are scored against.
    public let questionnaire: Questionnaire

    /// How many strengths and weaknesses a score card lists.
    public static let highlightCount = 3

    /// What scoring needs of one question, worked out once per questionnaire.
    private struct Prepared: Sendable {
        /// Positions of the questions its follow-up condition reads.
        let references: [Int]
        /// Position of its dimension in `questionnaire.dimensions`, for a scored question.
        let dimension: Int?
        /// Its kind's scoring.
        let scoring: any AnswerScoring
    }

    private let prepared: [Prepared]
    /// The weight of every question (`Question.weight(for:)`) for each typology of the questionnaire, by typology position.
    private let typologyWeights: [[Double]]

    /// Creates a scorer for `questionnaire`.
    public init(questionnaire: Questionnaire) {
        self.questionnaire = questionnaire
        prepared = questionnaire.questions.map { question in
            Prepared(
                references: (question.shownWhen?.questionReferences ?? []).compactMap { questionnaire.questionIndex($0) },
                dimension: question.scored
                    ? question.dimension.flatMap { id in questionnaire.dimensions.firstIndex { $0.id == id } } : nil,
                scoring: question.kind.unit.scoring(question))
        }
        typologyWeights = questionnaire.typologies.map { typology in questionnaire.questions.map { $0.weight(for: typology) } }
    }

    /// Every question's weight for `typology` (which only its id and family decide).
    private func weights(for typology: Typology) -> [Double] {
        if let index = questionnaire.typologies.firstIndex(where: { $0.id == typology.id && $0.family == typology.family }) {
            return typologyWeights[index]
        }
        return questionnaire.questions.map { $0.weight(for: typology) }
    }

    /// Scores a response whose profile names a known typology.
    public func score(_ response: Response) throws(ResponseIssue) -> ScoreCard {
        guard let field = questionnaire.typologyField else {
            throw ResponseIssue(.response, .missingProfileField("typology"))
        }
        guard let typology = response.typology(in: questionnaire) else {
            if let given = response.profile[field.id] {
                throw ResponseIssue(
                    .profile(field.id), .unknownTypology(given.text, known: questionnaire.typologies.map(\.id)))
            }
            throw ResponseIssue(.profile(field.id), .missingProfileField(field.id))
        }
        let (answers, visibility) = response.positional(in: questionnaire, typology: typology)
        var questions: [QuestionScore] = []
        questions.reserveCapacity(questionnaire.questions.count)
        var notApplicable: [String] = []
        var tallies = [DimensionTally](repeating: DimensionTally(), count: questionnaire.dimensions.count)
        for (index, outcome) in outcomes(answers: answers, visibility: visibility, typology: typology).enumerated() {
            let question = questionnaire.questions[index]
            guard let outcome else {
                notApplicable.append(question.id)
                continue
            }
            let answer = outcome.status == .hidden ? nil : answers[index]
            if let dimension = prepared[index].dimension { tallies[dimension].add(outcome, answered: answer != nil) }
            questions.append(
                QuestionScore(
                    id: question.id, dimension: question.dimension, scored: question.scored, status: outcome.status,
                    answer: answer, points: outcome.points, maximum: outcome.maximum, weight: outcome.weight,
                    counted: outcome.counted, selections: outcome.selections))
        }
        let dimensions = dimensionScores(tallies, typology: typology)
        let asked = questions.filter { $0.status != .hidden }
        return ScoreCard(
            questionnaireID: questionnaire.id, questionnaireVersion: questionnaire.version, typology: typology,
            rules: questionnaire.scoring, questions: questions, dimensions: dimensions,
            overall: overall(dimensions, typology: typology),
            completeness: Completeness(answered: asked.filter { $0.answer != nil }.count, asked: asked.count),
            strengths: Self.strengths(questions), weaknesses: Self.weaknesses(questions),
            unanswered: asked.filter { $0.status == .unanswered }.map(\.id), notApplicable: notApplicable)
    }

    /// The compact result of a response checked by question position (`ResponseChecker.checkedClean`),
    /// without the score card: what an import stores. The same as `RespondentResult(card: score(…))`
    /// for the same answers, by the same formulas.
    public func result(_ response: PositionalResponse) -> RespondentResult {
        let typology = response.typology
        let answers = response.answers
        var questions: [QuestionResult] = []
        questions.reserveCapacity(questionnaire.questions.count)
        var tallies = [DimensionTally](repeating: DimensionTally(), count: questionnaire.dimensions.count)
        var asked = 0
        var answered = 0
        for (index, outcome) in outcomes(answers: answers, visibility: response.visibility, typology: typology).enumerated() {
            guard let outcome else {
                questions.append(QuestionResult(state: .notApplicable))
                continue
            }
            let isAnswered = outcome.status != .hidden && answers[index] != nil
            if let dimension = prepared[index].dimension { tallies[dimension].add(outcome, answered: isAnswered) }
            if outcome.status != .hidden {
                asked += 1
                if isAnswered { answered += 1 }
            }
            questions.append(
                QuestionResult(
                    state: QuestionResult.State(outcome.status), points: outcome.points, maximum: outcome.maximum,
                    counted: outcome.counted, selections: outcome.selections))
        }
        let dimensions = dimensionScores(tallies, typology: typology)
        let overall = overall(dimensions, typology: typology)
        return RespondentResult(
            overall: overall.score, overallLevel: overall.level?.id, answered: answered, asked: asked,
            dimensions: dimensions.map(DimensionResult.init), questions: questions)
    }

    /// How one applicable question counts.
    private struct Outcome {
        var status: QuestionStatus
        var points: Double
        var maximum: Double
        var weight: Double
        var counted: Bool
        /// Positions of the options chosen (none for a hidden question).
        var selections: [Int]
    }

    /// Each question's outcome in questionnaire order, `nil` for one that does not apply.
    private func outcomes(answers: [Answer?], visibility: [Visibility], typology: Typology) -> [Outcome?] {
        let weights = weights(for: typology)
        let questions = questionnaire.questions
        var outcomes: [Outcome?] = []
        outcomes.reserveCapacity(questions.count)
        // Whether each question's answer is unknown: asked and unanswered, or a follow-up left undecided.
        var unknown = [Bool](repeating: false, count: questions.count)
        for index in questions.indices {
            let state = visibility[index]
            guard state.applies else {
                outcomes.append(nil)
                continue
            }
            // A follow-up hidden because a question it depends on is unknown is itself unknown, down the
            // chain: a follow-up of an undecided follow-up is undecided too (conditions read earlier questions).
            let undecided = state == .hidden && prepared[index].references.contains { unknown[$0] }
            let value = state == .hidden ? nil : answers[index]?.value
            unknown[index] = undecided || (state == .asked && value == nil)
            outcomes.append(
                outcome(
                    questions[index], prepared[index], weight: weights[index], state: state, undecided: undecided, value: value))
        }
        return outcomes
    }

    private func outcome(
        _ question: Question, _ prepared: Prepared, weight: Double, state: Visibility, undecided: Bool, value: AnswerValue?
    ) -> Outcome {
        var result = Outcome(
            status: .answered, points: 0, maximum: weight, weight: weight, counted: question.scored, selections: [])
        // Option points are written against the base weight; a typology override rescales them.
        let baseWeight = question.weight
        let factor = baseWeight > 0 ? weight / baseWeight : 0
        switch (state, value) {
        case (.hidden, _):
            result.status = .hidden
            let rule = undecided ? questionnaire.scoring.unanswered : question.whenHidden
            result.counted = question.scored && rule == .zero
        case (_, nil):
            result.status = .unanswered
            result.counted = question.scored && questionnaire.scoring.unanswered == .zero
        case (_, .special(let kind)?):
            result.status = .special(kind)
            switch question.specialAnswers[kind] ?? .zero {
            case .excluded: result.counted = false
            case .zero: result.points = 0
            case .full: result.points = weight
            case .points(let points): result.points = points * factor
            }
        case (_, let value?):
            let (points, selections) = prepared.scoring.score(value)
            result.selections = selections
            result.points = question.scored ? points * factor : 0
        }
        if !result.counted {
            result.points = 0
            result.maximum = 0
        }
        return result
    }

    /// What the scored questions of one dimension add up to, in questionnaire order.
    private struct DimensionTally {
        var points = 0.0
        var maximum = 0.0
        var asked = 0
        var answered = 0

        mutating func add(_ outcome: Outcome, answered isAnswered: Bool) {
            if outcome.counted {
                points += outcome.points
                maximum += outcome.maximum
            }
            if outcome.status != .hidden {
                asked += 1
                if isAnswered { answered += 1 }
            }
        }
    }

    /// The score of each dimension from the tallies of the scored questions that belong to it.
    private func dimensionScores(_ tallies: [DimensionTally], typology: Typology) -> [DimensionScore] {
        zip(questionnaire.dimensions, tallies).map { dimension, tally in
            let score = tally.maximum > 0 ? 100 * tally.points / tally.maximum : nil
            let levels = questionnaire.levels(forDimension: dimension.id, typology: typology)
            return DimensionScore(
                id: dimension.id, points: tally.points, maximum: tally.maximum, score: score,
                level: score.flatMap { MaturityLevel.level(for: $0, in: levels) },
                weight: typology.dimensionWeights[dimension.id] ?? dimension.weight, asked: tally.asked,
                answered: tally.answered)
        }
    }

    private func overall(_ dimensions: [DimensionScore], typology: Typology) -> OverallScore {
        let score: Double?
        switch questionnaire.scoring.overall {
        case .weightedMean:
            let scored = dimensions.compactMap { d in d.score.map { (score: $0, weight: d.weight) } }.filter { $0.weight > 0 }
            let totalWeight = scored.map(\.weight).reduce(0, +)
            score = totalWeight > 0 ? scored.map { $0.score * $0.weight }.reduce(0, +) / totalWeight : nil
        case .totalPoints:
            let maximum = dimensions.map(\.maximum).reduce(0, +)
            score = maximum > 0 ? 100 * dimensions.map(\.points).reduce(0, +) / maximum : nil
        }
        let levels = questionnaire.overallLevels(typology: typology)
        return OverallScore(score: score, level: score.flatMap { MaturityLevel.level(for: $0, in: levels) })
    }

    /// Answered questions ranked by share earned, then weight, then questionnaire order.
    static func strengths(_ questions: [QuestionScore]) -> [String] {
        best(highlightCount, of: questions.indices.filter { questions[$0].status == .answered && (questions[$0].ratio ?? 0) > 0 })
        { a, b in
            let (qa, qb) = (questions[a], questions[b])
            let (ra, rb) = (qa.ratio ?? 0, qb.ratio ?? 0)
            if ra != rb { return ra > rb }
            if qa.maximum != qb.maximum { return qa.maximum > qb.maximum }
            return a < b
        }.map { questions[$0].id }
    }

    /// Answered questions ranked by points lost, then share earned, then questionnaire order.
    static func weaknesses(_ questions: [QuestionScore]) -> [String] {
        best(
            highlightCount,
            of: questions.indices.filter { questions[$0].answer != nil && questions[$0].counted && questions[$0].lost > 0 }
        ) { a, b in
            let (qa, qb) = (questions[a], questions[b])
            if qa.lost != qb.lost { return qa.lost > qb.lost }
            let (ra, rb) = (qa.ratio ?? 0, qb.ratio ?? 0)
            if ra != rb { return ra < rb }
            return a < b
        }
        .map { questions[$0].id }
    }

    /// The first `count` items in the order `before` defines, without sorting them all.
    static func best(_ count: Int, of items: [Int], by before: (Int, Int) -> Bool) -> [Int] {
        var kept: [Int] = []
        for item in items {
            let position = kept.firstIndex { before(item, $0) } ?? kept.count
            if position < count {
                kept.insert(item, at: position)
                if kept.count > count { kept.removeLast() }
            }
        }
        return kept
    }
}
