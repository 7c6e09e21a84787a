/// Scale questions: a whole number from the scale's minimum to its maximum, worth points linear
/// from 0 to the weight, or those the scale lists per value.
struct ScaleKind: NumericKind {
    func parse(_ raw: RawValue, for question: Question) -> Result<AnswerValue, ResponseIssue.Reason> {
        switch checkedNumber(raw) {
        case .failure(let reason): return .failure(reason)
        case .success(let (text, number)):
            guard number == number.rounded() else { return .failure(.notAnInteger(text)) }
            let low = Double(question.scale?.minimum ?? 0)
            let high = Double(question.scale?.maximum ?? 0)
            guard number >= low, number <= high else { return .failure(.outOfRange(text, minimum: low, maximum: high)) }
            return .success(.number(number))
        }
    }

    func scoring(_ question: Question) -> any AnswerScoring { Scoring(scale: question.scale, weight: question.weight) }

    /// Points of a value of the scale.
    struct Scoring: AnswerScoring {
        let scale: ScaleSpec?
        let weight: Double

        func score(_ value: AnswerValue) -> (points: Double, selections: [Int]) {
            guard case .number(let number) = value, let scale else { return (0, []) }
            return (Int(exactly: number).map { scale.points(for: $0, weight: weight) } ?? 0, [])
        }
    }

    func bestPoints(_ question: Question) -> Double? {
        guard let points = question.scale?.points else { return nil }
        return points.max() ?? 0
    }

    func describe(_ value: AnswerValue, of question: Question, in words: AnswerText) -> String {
        guard case .number(let number) = value else { return "" }
        let scaleMax = question.scale.map { " / \($0.maximum)" } ?? ""
        let figure = NumberText.format(number, decimals: 2, language: words.language) + scaleMax
        return words.scaleLabel(number, of: question).map { "\($0) (\(figure))" } ?? figure
    }

    /// A value by its label ("Rarement"), else the figure with its scale ("1 / 4").
    func phrase(_ value: AnswerValue, of question: Question, in words: AnswerText) -> String {
        guard case .number(let number) = value else { return "" }
        return words.scaleLabel(number, of: question) ?? describe(value, of: question, in: words)
    }

    /// Every value of the scale, when there are not too many.
    func cellCandidates(_ question: Question) -> [String] {
        guard let scale = question.scale, scale.maximum - scale.minimum <= ScaleSpec.maximumSteps else { return [] }
        return (scale.minimum...scale.maximum).map(String.init)
    }

    func simulate(
        _ question: Question, target: Double, theta: Double, profile: SimulationProfile, random: inout SplitMix64
    ) -> (RawValue, AnswerValue)? {
        guard let scale = question.scale else { return nil }
        let value = scale.minimum + Int((target * Double(scale.maximum - scale.minimum)).rounded())
        return (.scalar(String(value)), .number(Double(value)))
    }
}
