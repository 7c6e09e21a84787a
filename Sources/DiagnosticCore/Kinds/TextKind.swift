/// Free-text questions: never scored, never simulated.
struct TextKind: AnswerKindUnit {
    func parse(_ raw: RawValue, for question: Question) -> Result<AnswerValue, ResponseIssue.Reason> {
        switch raw {
        case .scalar(let text): .success(.text(text))
        case .list, .mapping: .failure(.expectedOneValue)
        }
    }

    func scoring(_ question: Question) -> any AnswerScoring { Scoring() }

    /// Text earns nothing.
    struct Scoring: AnswerScoring {
        func score(_ value: AnswerValue) -> (points: Double, selections: [Int]) { (0, []) }
    }

    func bestPoints(_ question: Question) -> Double? { nil }

    func describe(_ value: AnswerValue, of question: Question, in words: AnswerText) -> String {
        guard case .text(let text) = value else { return "" }
        return words.quotingText ? "« " + text + " »" : text
    }

    /// The text as it was written.
    func phrase(_ value: AnswerValue, of question: Question, in words: AnswerText) -> String {
        guard case .text(let text) = value else { return "" }
        return text
    }

    func allows(_ test: ConditionTest) -> Bool {
        switch test {
        case .answered, .equals, .oneOf: true
        case .includes, .atLeast, .atMost: false
        }
    }

    func conditionValueProblem(_ value: String, in question: Question) -> ConditionValueProblem? { nil }

    func passes(_ value: AnswerValue, _ test: ConditionTest) -> Bool {
        guard case .text(let text) = value else { return false }
        return Self.textPasses(text, test)
    }

    var talliesOptions: Bool { false }

    var cell: CellReading { CellReading(holdsList: false, namesOptions: false) }

    func simulate(
        _ question: Question, target: Double, theta: Double, profile: SimulationProfile, random: inout SplitMix64
    ) -> (RawValue, AnswerValue)? {
        nil
    }
}
