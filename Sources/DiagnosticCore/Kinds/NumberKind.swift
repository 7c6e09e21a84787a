/// Number questions: a number within the question's bounds, worth the points of the last band it reaches.
struct NumberKind: NumericKind {
    func parse(_ raw: RawValue, for question: Question) -> Result<AnswerValue, ResponseIssue.Reason> {
        switch checkedNumber(raw) {
        case .failure(let reason): return .failure(reason)
        case .success(let (text, number)):
            let spec = question.number
            if let low = spec?.minimum, number < low {
                return .failure(.outOfRange(text, minimum: low, maximum: spec?.maximum))
            }
            if let high = spec?.maximum, number > high {
                return .failure(.outOfRange(text, minimum: spec?.minimum, maximum: high))
            }
            return .success(.number(number))
        }
    }

    func scoring(_ question: Question) -> any AnswerScoring { Scoring(number: question.number) }

    /// Points of a number: those of its band.
    struct Scoring: AnswerScoring {
        let number: NumberSpec?

        func score(_ value: AnswerValue) -> (points: Double, selections: [Int]) {
            guard case .number(let figure) = value else { return (0, []) }
            return (number?.points(for: figure) ?? 0, [])
        }
    }

    func bestPoints(_ question: Question) -> Double? { question.number?.bands.map(\.points).max() ?? 0 }

    func describe(_ value: AnswerValue, of question: Question, in words: AnswerText) -> String {
        guard case .number(let number) = value else { return "" }
        let unit = question.number?.unit.map { " " + $0.resolved(words.language.rawValue) } ?? ""
        return NumberText.format(number, decimals: 2, language: words.language) + unit
    }

    func simulate(
        _ question: Question, target: Double, theta: Double, profile: SimulationProfile, random: inout SplitMix64
    ) -> (RawValue, AnswerValue)? {
        let bands = question.number?.bands ?? []
        var value = Double(Int(target * 100))
        if let band = bands.min(by: {
            abs($0.points / max(question.weight, 1) - target) < abs($1.points / max(question.weight, 1) - target)
        }) {
            value = band.minimum + Double(Int(random.unit() * 5))
        }
        if let maximum = question.number?.maximum { value = min(value, maximum) }
        if let minimum = question.number?.minimum { value = max(value, minimum) }
        // Six decimals at most, as long as rounding keeps the value within the bounds; else the exact value.
        let rounded = NumberText.round(value, decimals: 6)
        let inBounds =
            rounded >= (question.number?.minimum ?? -.infinity) && rounded <= (question.number?.maximum ?? .infinity)
        let text = inBounds ? NumberText.format(rounded, decimals: 6) : "\(value)"
        return (.scalar(text), .number(inBounds ? rounded : value))
    }
}
