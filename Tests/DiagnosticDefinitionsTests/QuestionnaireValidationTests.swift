import DiagnosticCore
import DiagnosticDefinitions
import DiagnosticTestSupport
import Foundation
import Testing

/// One invalid questionnaire per error kind, each a one-change copy of `base.yaml`, with the exact
/// diagnostics `od4g validate` must print (in English, with line and column).
struct InvalidFixture: Sendable, CustomTestStringConvertible {
    let name: String
    let expected: [String]
    init(_ name: String, _ expected: [String]) {
        self.name = name
        self.expected = expected
    }
    var testDescription: String { name }
}

let invalidFixtures: [InvalidFixture] = [
    InvalidFixture(
        "condition-cycle",
        [
            "condition-cycle.yaml:18:9: error: cycle of conditions: q1 → q2 → q1",
            "condition-cycle.yaml:23:22: error: the condition reads question 'q2', asked later: a condition can only read earlier questions",
        ]),
    InvalidFixture(
        "condition-later-question",
        [
            "condition-later-question.yaml:23:22: error: the condition reads question 'q2', asked later: a condition can only read earlier questions"
        ]),
    InvalidFixture(
        "condition-self-cycle",
        [
            "condition-self-cycle.yaml:23:9: error: cycle of conditions: q2 → q2"
        ]),
    InvalidFixture(
        "condition-unknown-question",
        [
            "condition-unknown-question.yaml:28:22: error: unknown question 'q0'; did you mean 'q1'?"
        ]),
    InvalidFixture(
        "condition-value-not-offered",
        [
            "condition-value-not-offered.yaml:28:11: error: 'maybe' is not a possible answer of 'q1' (possible answers: yes, no)"
        ]),
    InvalidFixture(
        "duplicate-key",
        [
            "duplicate-key.yaml:4:1: error: key 'version' appears twice in the same block (first at 3:1)"
        ]),
    InvalidFixture(
        "duplicate-question-id",
        [
            "duplicate-question-id.yaml:23:9: error: duplicate question id 'q1' (first defined at 18:9)"
        ]),
    InvalidFixture(
        "invalid-id",
        [
            "invalid-id.yaml:23:9: error: invalid id 'q 2': use letters, digits, '-', '_' or '.', without spaces"
        ]),
    InvalidFixture(
        "levels-first-not-zero",
        [
            "levels-first-not-zero.yaml:7:45: error: the first level must start at 0, not at 10"
        ]),
    InvalidFixture(
        "levels-not-increasing",
        [
            "levels-not-increasing.yaml:9:50: error: level thresholds must increase (40 after 50)"
        ]),
    InvalidFixture(
        "missing-french-label",
        [
            "missing-french-label.yaml:22:12: error: the French text (fr) is missing"
        ]),
    InvalidFixture(
        "missing-required-key",
        [
            "missing-required-key.yaml:1:1: error: required key 'version' is missing"
        ]),
    InvalidFixture(
        "points-out-of-range",
        [
            "points-out-of-range.yaml:31:48: error: 12 points outside 0..10 (the question's weight)"
        ]),
    InvalidFixture(
        "reserved-option-id",
        [
            "reserved-option-id.yaml:30:14: error: id 'dont_know' is reserved for special answers: choose another one"
        ]),
    InvalidFixture(
        "scored-text-question",
        [
            "scored-text-question.yaml:20:5: error: a free-text question cannot be scored: add scored: false"
        ]),
    InvalidFixture(
        "typology-field-count",
        [
            "typology-field-count.yaml:15:1: error: the profile needs exactly one field of kind 'typology' (0 found)"
        ]),
    InvalidFixture(
        "unknown-dimension",
        [
            "unknown-dimension.yaml:19:16: error: unknown dimension 'd2'; did you mean 'd1'?"
        ]),
    InvalidFixture(
        "unknown-family",
        [
            "unknown-family.yaml:14:27: error: unknown typology family 'communes'; did you mean 'commune'?"
        ]),
    InvalidFixture(
        "unknown-key",
        [
            "unknown-key.yaml:5:1: error: unknown key 'langauges'; did you mean 'languages'?"
        ]),
    InvalidFixture(
        "unknown-typology",
        [
            "unknown-typology.yaml:22:18: error: unknown typology or family 'comune'; did you mean 'commune'?"
        ]),
    InvalidFixture(
        "weight-not-positive",
        [
            "weight-not-positive.yaml:21:13: error: weight must be greater than 0, not 0"
        ]),
    InvalidFixture(
        "yaml-syntax",
        [
            "yaml-syntax.yaml:5:10: error: invalid YAML syntax: a block in braces is not closed with '}'"
        ]),
]

func definitionsFixture(_ relative: String) -> String {
    Fixtures.repository("Tests/DiagnosticDefinitionsTests/Fixtures/" + relative)
}

/// Loads a fixture and names it by its file name only, as the expectations do.
func loadQuestionnaireFixture(_ relative: String) throws -> LoadResult<Questionnaire> {
    let text = try String(contentsOfFile: definitionsFixture(relative), encoding: .utf8)
    return QuestionnaireLoader.load(text: text, file: URL(fileURLWithPath: relative).lastPathComponent)
}

@Suite struct QuestionnaireValidationTests {
    @Test func baseFixtureIsValid() throws {
        let result = try loadQuestionnaireFixture("base.yaml")
        #expect(result.diagnostics.map { $0.rendered(.en) } == [])
        #expect(result.value?.questions.count == 2)
    }

    @Test(arguments: invalidFixtures)
    func eachErrorKindIsReportedWithItsPosition(_ fixture: InvalidFixture) throws {
        let result = try loadQuestionnaireFixture("invalid/\(fixture.name).yaml")
        #expect(result.value == nil)
        #expect(result.diagnostics.map { $0.rendered(.en) } == fixture.expected)
    }

    @Test func everyFixtureDirectoryFileIsCovered() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: definitionsFixture("invalid"))
        #expect(Set(files.map { $0.replacingOccurrences(of: ".yaml", with: "") }) == Set(invalidFixtures.map(\.name)))
    }

    @Test func messagesAreFrenchByDefault() throws {
        let result = try loadQuestionnaireFixture("invalid/duplicate-question-id.yaml")
        #expect(
            result.diagnostics.map { $0.rendered(.fr) } == [
                "duplicate-question-id.yaml:23:9: error: identifiant de question en double « q1 » (première définition en 18:9)"
            ])
    }

    @Test func everyProblemIsReportedNotJustTheFirst() throws {
        var text = try String(contentsOfFile: definitionsFixture("base.yaml"), encoding: .utf8)
        text = text.replacingOccurrences(of: "dimension: d1\n    kind: yes_no", with: "dimension: dx\n    kind: yes_no")
            .replacingOccurrences(of: "points: 10}", with: "points: 11}")
            .replacingOccurrences(of: "min: 50}", with: "min: 150}")
            .replacingOccurrences(of: "label: {fr: Question deux, en: Question two}", with: "label: {en: Question two}")
        let result = QuestionnaireLoader.load(text: text, file: "many.yaml")
        #expect(
            result.diagnostics.map { $0.rendered(.en) } == [
                "many.yaml:8:47: error: threshold 150 outside 0..100",
                "many.yaml:19:16: error: unknown dimension 'dx'; did you mean 'd1'?",
                "many.yaml:27:12: error: the French text (fr) is missing",
                "many.yaml:31:48: error: 11 points outside 0..10 (the question's weight)",
            ])
    }

    @Test func missingTranslationIsAWarningOnly() throws {
        let text = try String(contentsOfFile: definitionsFixture("base.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "label: {fr: Question un, en: Question one}", with: "label: {fr: Question un}")
        let result = QuestionnaireLoader.load(text: text, file: "w.yaml")
        #expect(result.value != nil)
        #expect(result.diagnostics.map { $0.rendered(.en) } == ["w.yaml:22:12: warning: the 'en' text is missing"])
    }

    @Test func jsonIsAccepted() throws {
        let result = try loadQuestionnaireFixture("base.json")
        #expect(result.diagnostics.map { $0.rendered(.en) } == [])
        let questionnaire = try #require(result.value)
        #expect(questionnaire.question("q2")?.shownWhen == .answer(question: "q1", test: .equals("yes")))
    }

    @Test func missingFileAndInvalidUTF8() throws {
        let missing = QuestionnaireLoader.load(path: "/nonexistent/od4g.yaml")
        #expect(
            missing.diagnostics.map { $0.rendered(.en) } == [
                "/nonexistent/od4g.yaml: error: cannot read the file: no such file (check the path)"
            ])
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("od4g-latin1-\(UUID().uuidString).yaml").path
        try Data([0x69, 0x64, 0x3A, 0x20, 0xE9, 0x0A]).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(QuestionnaireLoader.load(path: path).diagnostics.map { $0.message } == [.notUTF8])
    }
}
