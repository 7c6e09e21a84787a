import DiagnosticCore
import Yams

extension QuestionnaireReader {
    static let conditionTests = ["equals", "in", "includes", "at_least", "at_most", "answered"]

    /// Reads a condition of question `owner`; `answers` says whether it may read answers (`when`) or only the profile.
    func readCondition(_ node: Node, name: String, owner: String, answers: Bool) -> Condition? {
        let keys = ["question", "profile", "all", "any", "not"] + Self.conditionTests
        guard let reader = MappingReader(node, name: name, keys: keys, context: context) else { return nil }
        let subjects = ["question", "profile", "all", "any", "not"].filter(reader.has)
        guard subjects.count == 1, let subject = subjects.first else {
            sink.report(.conditionShape, at: reader.position)
            return nil
        }
        switch subject {
        case "all", "any":
            guard let items = reader.list(subject) else { return nil }
            let conditions = items.compactMap { readCondition($0, name: subject, owner: owner, answers: answers) }
            guard conditions.count == items.count else { return nil }
            return subject == "all" ? .all(conditions) : .any(conditions)
        case "not":
            guard let inner = reader.node("not") else { return nil }
            return readCondition(inner, name: "not", owner: owner, answers: answers).map(Condition.not)
        case "question":
            guard let target = reader.string("question") else { return nil }
            let position = reader.node("question")?.position
            guard answers else {
                sink.report(.conditionOnAnswerInApplicability, at: position)
                return nil
            }
            guard let targetIndex = questionOrder[target] else {
                reportUnknown("question", target, among: questionOrder.keys.sorted(), at: position)
                return nil
            }
            conditionEdges[owner, default: []].append(target)
            if let ownerIndex = questionOrder[owner], targetIndex > ownerIndex {
                sink.report(.conditionLaterQuestion(target), at: position)
            }
            let test = readTest(reader)
            if let test, let question = readQuestions[target], target != owner {
                checkAnswerTest(test, on: question, at: reader.position)
            }
            return test.map { .answer(question: target, test: $0) }
        default:
            guard let fieldID = reader.string("profile") else { return nil }
            guard let field = profileFields.first(where: { $0.id == fieldID }) else {
                reportUnknown("profile field", fieldID, among: profileFields.map(\.id), at: reader.node("profile")?.position)
                return nil
            }
            let test = readTest(reader)
            if let test { checkProfileTest(test, on: field, at: reader.position) }
            return test.map { .profile(field: fieldID, test: $0) }
        }
    }

    private func readTest(_ reader: MappingReader) -> ConditionTest? {
        let given = Self.conditionTests.filter(reader.has)
        guard given.count == 1, let key = given.first else {
            sink.report(.conditionTestCount, at: reader.position)
            return nil
        }
        switch key {
        case "equals": return reader.string(key).map(ConditionTest.equals)
        case "includes": return reader.string(key).map(ConditionTest.includes)
        case "in": return reader.stringList(key).map { .oneOf($0.map(\.text)) }
        case "at_least": return reader.number(key).map(ConditionTest.atLeast)
        case "at_most": return reader.number(key).map(ConditionTest.atMost)
        default:
            if reader.boolean(key) == false { sink.report(.conditionTestCount, at: reader.position(of: key)) }
            return .answered
        }
    }

    private func testName(_ test: ConditionTest) -> String {
        switch test {
        case .equals: "equals"
        case .oneOf: "in"
        case .includes: "includes"
        case .atLeast: "at_least"
        case .atMost: "at_most"
        case .answered: "answered"
        }
    }

    private func compared(_ test: ConditionTest) -> [String] {
        switch test {
        case .equals(let value), .includes(let value): [value]
        case .oneOf(let values): values
        default: []
        }
    }

    private func checkAnswerTest(_ test: ConditionTest, on question: Question, at position: Position?) {
        let kind = question.kind
        let unit = kind.unit
        guard unit.allows(test) else {
            sink.report(.conditionTestNotForKind(test: testName(test), kind: kind.rawValue), at: position)
            return
        }
        let specials = question.specialAnswers.keys.sorted().map(\.rawValue)
        for value in compared(test) where !specials.contains(value) {
            switch unit.conditionValueProblem(value, in: question) {
            case .notOffered(let offered)?:
                sink.report(.conditionValueNotOffered(value: value, question: question.id, offered: offered), at: position)
            case .notANumber?:
                sink.report(.conditionNotANumber(value), at: position)
            case nil:
                break
            }
        }
    }

    private func checkProfileTest(_ test: ConditionTest, on field: ProfileField, at position: Position?) {
        let numeric = field.kind == .integer || field.kind == .number
        switch test {
        case .answered:
            return
        case .atLeast, .atMost:
            if !numeric { sink.report(.conditionTestNotForKind(test: testName(test), kind: field.kind.rawValue), at: position) }
            return
        case .includes:
            sink.report(.conditionTestNotForKind(test: testName(test), kind: field.kind.rawValue), at: position)
            return
        case .equals, .oneOf:
            break
        }
        for value in compared(test) {
            switch field.kind {
            case .typology:
                let known = typologies.map(\.id) + families.map(\.id)
                if !known.contains(value) { reportUnknown("typology or family", value, among: known, at: position) }
            case .choice:
                if !field.options.contains(where: { $0.id == value }) {
                    sink.report(
                        .conditionValueNotOffered(value: value, question: field.id, offered: field.options.map(\.id)),
                        at: position)
                }
            case .integer, .number:
                if ResponseChecker.number(value) == nil { sink.report(.conditionNotANumber(value), at: position) }
            case .text:
                break
            }
        }
    }
}
