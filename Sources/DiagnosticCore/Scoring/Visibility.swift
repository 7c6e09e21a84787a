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
                Self.answer(answer.value, passes: test)
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

    static func answer(_ value: AnswerValue, passes test: ConditionTest) -> Bool {
        if case .answered = test { return true }
        switch value {
        case .choice(let id), .text(let id):
            return textTest(id, test)
        case .special(let kind):
            return textTest(kind.rawValue, test)
        case .choices(let ids):
            switch test {
            case .equals(let wanted), .includes(let wanted): return ids.contains(wanted)
            case .oneOf(let wanted): return ids.contains(where: wanted.contains)
            default: return false
            }
        case .number(let number):
            switch test {
            case .atLeast(let bound): return number >= bound
            case .atMost(let bound): return number <= bound
            // Read as validation reads them: "2,0" and "2.0" both mean 2.
            case .equals(let wanted), .includes(let wanted): return ResponseChecker.number(wanted) == number
            case .oneOf(let wanted): return wanted.contains { ResponseChecker.number($0) == number }
            case .answered: return true
            }
        }
    }

    private static func textTest(_ text: String, _ test: ConditionTest) -> Bool {
        switch test {
        case .equals(let wanted), .includes(let wanted): text == wanted
        case .oneOf(let wanted): wanted.contains(text)
        case .answered: true
        case .atLeast, .atMost: false
        }
    }
}
