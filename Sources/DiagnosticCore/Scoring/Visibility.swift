/// Whether each question is put to a given respondent, and if not, why.
public enum Visibility: Sendable, Hashable {
    /// The question is asked.
    case asked
    /// The question is not for this typology.
    case notForTypology
    /// The question is not for this profile (e.g. below the population threshold).
    case notForProfile
    /// The question is a follow-up whose condition on earlier answers does not hold.
    case hidden

    /// Whether the question applies at all (asked or hidden by a follow-up condition).
    public var applies: Bool { self == .asked || self == .hidden }

    /// The visibility of every question, by question id.
    ///
    /// A condition reads only answers to questions that are themselves asked, so an answer to a
    /// hidden question never opens a follow-up.
    public static func of(
        _ questionnaire: Questionnaire, typology: Typology, profile: [String: ProfileValue],
        answers: [String: Answer]
    ) -> [String: Visibility] {
        let states = positional(
            questionnaire, typology: typology, profile: profile, answers: positionalAnswers(answers, in: questionnaire))
        var result: [String: Visibility] = [:]
        for (question, state) in zip(questionnaire.questions, states) { result[question.id] = state }
        return result
    }

    /// The visibility of every question, in questionnaire order, from answers by question position.
    static func positional(
        _ questionnaire: Questionnaire, typology: Typology, profile: [String: ProfileValue], answers: [Answer?]
    ) -> [Visibility] {
        // One context for the whole walk: it owns the visibility found so far, so nothing is copied.
        var context = ConditionContext(
            questionnaire: questionnaire, typology: typology, profile: profile, answers: answers, visibility: [])
        context.visibility.reserveCapacity(questionnaire.questions.count)
        for question in questionnaire.questions {
            context.visibility.append(context.visibility(of: question))
        }
        return context.visibility
    }

    /// Answers by question position (answers to unknown questions are left out).
    static func positionalAnswers(_ answers: [String: Answer], in questionnaire: Questionnaire) -> [Answer?] {
        var result = [Answer?](repeating: nil, count: questionnaire.questions.count)
        for (id, answer) in answers {
            if let index = questionnaire.questionIndex(id) { result[index] = answer }
        }
        return result
    }
}

/// What a condition is evaluated against.
struct ConditionContext {
    let questionnaire: Questionnaire
    let typology: Typology
    let profile: [String: ProfileValue]
    /// Answers by question position.
    var answers: [Answer?]
    /// Visibility of the questions decided so far, by position.
    var visibility: [Visibility]

    /// Whether `question` is asked, given the visibility of the questions before it.
    func visibility(of question: Question) -> Visibility {
        guard question.isAsked(to: typology) else { return .notForTypology }
        if let condition = question.appliesWhen, !holds(condition) { return .notForProfile }
        if let condition = question.shownWhen, !holds(condition) { return .hidden }
        return .asked
    }

    func holds(_ condition: Condition) -> Bool {
        switch condition {
        case .all(let conditions): conditions.allSatisfy(holds)
        case .any(let conditions): conditions.contains(where: holds)
        case .not(let condition): !holds(condition)
        case .answer(let question, let test):
            if let index = questionnaire.questionIndex(question), index < visibility.count, visibility[index] == .asked,
                let answer = answers[index]
            {
                Self.answer(answer.value, of: questionnaire.questions[index], passes: test)
            } else {
                false
            }
        case .profile(let field, let test):
            profileValue(field, passes: test)
        }
    }

    private func profileValue(_ field: String, passes test: ConditionTest) -> Bool {
        guard let value = profile[field] else { return false }
        let isTypology = questionnaire.profileField(field)?.kind == .typology
        func matches(_ expected: String) -> Bool {
            if isTypology { return typology.matches(expected) }
            if case .number(let number) = value, let wanted = ResponseChecker.number(expected) { return number == wanted }
            return value.text == expected
        }
        switch test {
        case .answered: return true
        case .equals(let expected), .includes(let expected): return matches(expected)
        case .oneOf(let expected): return expected.contains(where: matches)
        case .atLeast(let bound): return value.number.map { $0 >= bound } ?? false
        case .atMost(let bound): return value.number.map { $0 <= bound } ?? false
        }
    }

    /// Whether an answer to `question` passes a condition's test: any answer is answered; a
    /// special answer is tested by its id; other answers, by their kind.
    static func answer(_ value: AnswerValue, of question: Question, passes test: ConditionTest) -> Bool {
        if case .answered = test { return true }
        if case .special(let kind) = value { return SingleChoiceKind.textPasses(kind.rawValue, test) }
        return question.kind.unit.passes(value, test)
    }
}
