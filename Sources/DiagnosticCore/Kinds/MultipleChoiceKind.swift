/// Multiple-choice questions: option ids, each at most once, an exclusive option alone; the
/// points of the options chosen add up to the question's weight at most.
struct MultipleChoiceKind: AnswerKindUnit {
    func parse(_ raw: RawValue, for question: Question) -> Result<AnswerValue, ResponseIssue.Reason> {
        let ids: [String]
        switch raw {
        case .scalar(let text): ids = [text.trimmed]
        case .list(let items): ids = items.map { $0.trimmed }
        case .mapping: return .failure(.expectedOneValue)
        }
        var seen: Set<String> = []
        for id in ids {
            guard let option = question.option(id) else { return .failure(.optionNotOffered(id, offered: offered(question))) }
            guard seen.insert(id).inserted else { return .failure(.repeatedOption(id)) }
            if option.exclusive, ids.count > 1 { return .failure(.exclusiveCombined(id)) }
        }
        return .success(.choices(ids))
    }

    func scoring(_ question: Question) -> any AnswerScoring { OptionScoring(question) }

    func bestPoints(_ question: Question) -> Double? { question.options.compactMap(\.points).reduce(0, +) }

    func describe(_ value: AnswerValue, of question: Question, in words: AnswerText) -> String {
        guard case .choices(let ids) = value else { return "" }
        return ids.map { question.option($0)?.label.resolved(words.language.rawValue) ?? $0 }.joined(separator: ", ")
    }

    func allows(_ test: ConditionTest) -> Bool {
        switch test {
        case .answered, .includes, .oneOf: true
        case .equals, .atLeast, .atMost: false
        }
    }

    func conditionValueProblem(_ value: String, in question: Question) -> ConditionValueProblem? {
        question.option(value) == nil ? .notOffered(offered: offered(question)) : nil
    }

    func passes(_ value: AnswerValue, _ test: ConditionTest) -> Bool {
        guard case .choices(let ids) = value else { return false }
        switch test {
        case .equals(let wanted), .includes(let wanted): return ids.contains(wanted)
        case .oneOf(let wanted): return ids.contains(where: wanted.contains)
        case .answered: return true
        case .atLeast, .atMost: return false
        }
    }

    /// A test on one option names that option, not every option chosen.
    func quoted(_ value: AnswerValue, by test: ConditionTest) -> AnswerValue {
        guard case .choices(let chosen) = value else { return value }
        switch test {
        case .includes(let option), .equals(let option): return .choices(chosen.filter { $0 == option })
        case .oneOf(let options): return .choices(chosen.filter(options.contains))
        case .answered, .atLeast, .atMost: return value
        }
    }

    var talliesOptions: Bool { true }

    var cell: CellReading { CellReading(holdsList: true, namesOptions: true) }

    func simulate(
        _ question: Question, target: Double, theta: Double, profile: SimulationProfile, random: inout SplitMix64
    ) -> (RawValue, AnswerValue)? {
        // Options of a section less mature organisations choose more (problems met) are chosen so.
        let inverse = question.section.map(profile.inverseSections.contains) ?? false
        let probability = question.scored ? target : (inverse ? 0.55 - 0.3 * theta : 0.3)
        var chosen = question.options.filter { !$0.exclusive && random.chance(probability) }.map(\.id)
        if chosen.isEmpty {
            guard let fallback = question.options.first(where: \.exclusive) ?? question.options.first else { return nil }
            chosen = [fallback.id]
        }
        return (.list(chosen), .choices(chosen))
    }
}
