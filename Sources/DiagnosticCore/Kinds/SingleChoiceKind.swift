/// Yes/no and single-choice questions: one option id.
struct SingleChoiceKind: AnswerKindUnit {
    func parse(_ raw: RawValue, for question: Question) -> Result<AnswerValue, ResponseIssue.Reason> {
        guard case .scalar(let text) = raw else { return .failure(.expectedOneValue) }
        let id = text.trimmed
        guard question.option(id) != nil else { return .failure(.optionNotOffered(id, offered: offered(question))) }
        return .success(.choice(id))
    }

    func scoring(_ question: Question) -> any AnswerScoring { OptionScoring(question) }

    func bestPoints(_ question: Question) -> Double? { question.options.compactMap(\.points).max() ?? 0 }

    func describe(_ value: AnswerValue, of question: Question, in words: AnswerText) -> String {
        guard case .choice(let id) = value else { return "" }
        return question.option(id)?.label.resolved(words.language.rawValue) ?? id
    }

    func allows(_ test: ConditionTest) -> Bool {
        switch test {
        case .answered, .equals, .oneOf: true
        case .includes, .atLeast, .atMost: false
        }
    }

    func conditionValueProblem(_ value: String, in question: Question) -> ConditionValueProblem? {
        question.option(value) == nil ? .notOffered(offered: offered(question)) : nil
    }

    func passes(_ value: AnswerValue, _ test: ConditionTest) -> Bool {
        guard case .choice(let id) = value else { return false }
        return Self.textPasses(id, test)
    }

    var talliesOptions: Bool { true }

    var cell: CellReading { CellReading(holdsList: false, namesOptions: true) }

    func simulate(
        _ question: Question, target: Double, theta: Double, profile: SimulationProfile, random: inout SplitMix64
    ) -> (RawValue, AnswerValue)? {
        guard let option = Self.simulatedOption(question, target: target, random: &random) else { return nil }
        return (.scalar(option.id), .choice(option.id))
    }

    /// The option a simulated respondent chooses: in a scored question, the one whose points are
    /// closest to `target` of the weight; otherwise one drawn at random.
    static func simulatedOption(_ question: Question, target: Double, random: inout SplitMix64) -> AnswerOption? {
        guard !question.options.isEmpty else { return nil }
        if question.scored, question.weight > 0 {
            return question.options.min { a, b in
                abs((a.points ?? 0) / question.weight - target) < abs((b.points ?? 0) / question.weight - target)
            } ?? question.options[0]
        }
        return question.options[min(question.options.count - 1, Int(random.unit() * Double(question.options.count)))]
    }
}

/// The scoring of a choice: the positions of the options chosen and the points they earn.
struct OptionScoring: AnswerScoring {
    /// The options' ids and points, by position.
    let ids: [String]
    let points: [Double?]
    /// `[position]` for each option, made once: the selections of a single choice.
    let single: [[Int]]
    /// The most a multiple choice earns: the question's base weight.
    let cap: Double

    init(_ question: Question) {
        ids = question.options.map(\.id)
        points = question.options.map(\.points)
        single = question.options.indices.map { [$0] }
        cap = question.weight
    }

    func score(_ value: AnswerValue) -> (points: Double, selections: [Int]) {
        switch value {
        case .choice(let id):
            let selections = ids.firstIndex(of: id).map { single[$0] } ?? []
            return (selections.first.flatMap { points[$0] } ?? 0, selections)
        case .choices(let chosen):
            var selections: [Int] = []
            selections.reserveCapacity(chosen.count)
            for id in chosen { if let position = ids.firstIndex(of: id) { selections.append(position) } }
            var sum = 0.0
            for position in selections { if let earned = points[position] { sum += earned } }
            return (min(sum, cap), selections)
        default:
            return (0, [])
        }
    }
}
