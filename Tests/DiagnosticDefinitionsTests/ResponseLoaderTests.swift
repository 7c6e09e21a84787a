import DiagnosticCore
import DiagnosticDefinitions
import DiagnosticTestSupport
import Testing

@Suite struct ResponseLoaderTests {
    func diagnostics(_ text: String) throws -> [String] {
        let questionnaire = try Fixtures.mini()
        return ResponseLoader.load(text: text, file: "r.yaml", questionnaire: questionnaire).diagnostics.map { $0.rendered(.en) }
    }

    @Test func detailedAnswersKeepJustificationEvidenceAndConfidence() throws {
        let questionnaire = try Fixtures.mini()
        let result = ResponseLoader.load(path: Fixtures.path("mini-commune.yaml"), questionnaire: questionnaire)
        #expect(result.diagnostics.isEmpty)
        let answer = try #require(result.value?.answers["p2"])
        #expect(answer.value == .choice("adopted"))
        #expect(answer.justification == "Délibération du conseil municipal")
        #expect(answer.evidence == ["https://example.org/deliberation-12"])
        #expect(answer.confidence == .unsure)
        #expect(result.value?.answers["s2"]?.value == .choices(["shared", "national"]))
        #expect(result.value?.profile["population"] == .number(300))
    }

    @Test func everyBadAnswerIsLocated() throws {
        let text = """
            questionnaire: mini
            respondent:
              organisation: Commune de Lucey
              typology: commune
              population: 300
            answers:
              p1: peut-être
              p9: "yes"
              s3: 4
              p3: [1, 2]
              s2: {answer: [own], confidence: maybe}
            """
        #expect(
            try diagnostics(text) == [
                "r.yaml:7:3: error: answers.p1: answer 'peut-être' is not offered (possible answers: yes, no, dont_know)",
                "r.yaml:8:3: error: answers.p9: unknown question 'p9'; did you mean 'p1'?",
                "r.yaml:9:3: error: answers.s3: this question does not apply to typology 'commune': remove this answer",
                "r.yaml:10:3: error: answers.p3: one value is expected, not a list",
                "r.yaml:11:3: warning: answers.s2: answer ignored: the question is only asked after an answer to 's1', which was not given",
                "r.yaml:11:35: error: invalid value 'maybe' for 'confidence' (possible values: sure, unsure)",
            ])
    }

    @Test func missingTypologyNamesTheField() throws {
        #expect(
            try diagnostics("respondent:\n  organisation: X\nanswers:\n  p1: \"yes\"\n") == [
                "r.yaml:1:1: error: respondent.typology: required profile field 'typology' is missing"
            ])
    }

    @Test func unknownTypologyAndProfileField() throws {
        #expect(
            try diagnostics("respondent:\n  organisation: X\n  typology: canton\n  maire: Dupont\n") == [
                "r.yaml:3:3: error: respondent.typology: unknown typology 'canton' (known typologies: region, departement, cc, metropole, commune, pnr, agence)",
                "r.yaml:4:3: error: respondent.maire: unknown profile field 'maire' (known fields: organisation, typology, population, agents, departement, role, email)",
            ])
    }

    @Test func wrongTopLevelShape() throws {
        #expect(try diagnostics("- just\n- a list\n") == ["r.yaml:1:1: error: 'response' must be a block of keys and values"])
        #expect(
            try diagnostics("respondent: {typology: commune, organisation: X}\nanswers: [p1]\n") == [
                "r.yaml:2:10: error: 'answers' must be a block of keys and values"
            ])
    }

    @Test func yesAndNoAreReadAsWrittenNotAsBooleans() throws {
        let questionnaire = try Fixtures.mini()
        let response = try Fixtures.response(
            "respondent: {typology: commune, organisation: X}\nanswers: {p1: yes, s1: no}", questionnaire: questionnaire)
        #expect(response.answers["p1"]?.value == .choice("yes"))
        #expect(response.answers["s1"]?.value == .choice("no"))
    }

    @Test func aJustificationWithoutAnAnswerIsAWarningNamingTheQuestion() throws {
        let questionnaire = try Fixtures.mini()
        let result = ResponseLoader.load(
            text: """
                questionnaire: mini
                respondent: {organisation: X, typology: commune}
                answers:
                  p1: {answer: "yes", confidence: unsure}
                  p2: {justification: "no answer but justification"}
                  p3: {evidence: ["https://example.org/a"]}
                """, file: "r.yaml", questionnaire: questionnaire)
        #expect(result.value != nil)
        #expect(
            result.diagnostics.map { $0.rendered(.en) } == [
                "r.yaml:5:3: warning: answers.p2: justification, evidence or confidence given without an answer: they are not stored; add the answer (or dont_know)",
                "r.yaml:6:3: warning: answers.p3: justification, evidence or confidence given without an answer: they are not stored; add the answer (or dont_know)",
            ])
    }

    @Test func storedNumbersAreReadBackWithoutLoss() throws {
        let raw = try #require(
            StoredResponseReader.raw(
                profileJSON: #"{"population":300,"organisation":"X"}"#,
                answersJSON: #"{"s3":0.2499996,"p3":2,"n":1e-07,"m":123456789.123456789}"#))
        let answers = Dictionary(uniqueKeysWithValues: raw.answers.map { ($0.questionID, $0.value) })
        #expect(answers["s3"] == .scalar("0.2499996"))
        #expect(answers["p3"] == .scalar("2"))
        #expect(answers["n"] == .scalar("1e-07"))
        #expect(
            answers["m"].flatMap { if case .scalar(let text) = $0 { ResponseChecker.number(text) } else { nil } }
                == 123456789.123456789)
        #expect(raw.profile.first { $0.field == "population" }?.value == .scalar("300"))
    }
}
