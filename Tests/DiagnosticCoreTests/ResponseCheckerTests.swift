import DiagnosticCore
import DiagnosticTestSupport
import Testing

@Suite struct ResponseCheckerTests {
    func check(_ answers: [RawAnswer], typology: String = "commune", extra: [(field: String, value: RawValue)] = [])
        throws -> (response: Response?, issues: [ResponseIssue])
    {
        let questionnaire = try Fixtures.mini()
        let raw = RawResponse(
            profile: [("organisation", .scalar("X")), ("typology", .scalar(typology))] + extra, answers: answers)
        return ResponseChecker(questionnaire: questionnaire).check(raw)
    }

    func messages(_ issues: [ResponseIssue]) -> [String] {
        issues.map { "\($0.fieldPath): \($0.message(.en))" }
    }

    @Test func unknownQuestionSuggestsTheClosestId() throws {
        let result = try check([RawAnswer(questionID: "p-1", value: .scalar("yes"))])
        #expect(result.response == nil)
        #expect(messages(result.issues) == ["answers.p-1: unknown question 'p-1'; did you mean 'p1'?"])
    }

    @Test func onlyDecimalNumbersAreNumbers() {
        #expect(ResponseChecker.number("3 500") == 3500)
        #expect(ResponseChecker.number("3\u{202F}500,5") == 3500.5)
        #expect(ResponseChecker.number("12,5") == 12.5)
        #expect(ResponseChecker.number("-2") == -2)
        #expect(ResponseChecker.number("+2") == 2)
        #expect(ResponseChecker.number("1e3") == 1000)
        #expect(ResponseChecker.number("2.5E-1") == 0.25)
        #expect(ResponseChecker.number(".5") == 0.5)
        for text in ["0x1p12", "0x10", "0X2", "nan", "inf", "-infinity", "1e", "1,2,3", ".", "-", "1e+", "e3", ""] {
            #expect(ResponseChecker.number(text) == nil, "\(text)")
        }
    }

    @Test func hexadecimalAnswersAndProfileValuesAreRefused() throws {
        let result = try check(
            [RawAnswer(questionID: "p3", value: .scalar("0x2"))],
            extra: [("population", .scalar("0x1p12")), ("agents", .scalar("0x10"))])
        #expect(result.response == nil)
        #expect(
            messages(result.issues) == [
                "respondent.population: '0x1p12' is not a number",
                "respondent.agents: '0x10' is not a number",
                "answers.p3: '0x2' is not a number",
            ])
    }

    @Test func negativePopulationAndAgentsAreRefused() throws {
        let result = try check([], extra: [("population", .scalar("-300")), ("agents", .scalar("-1"))])
        #expect(result.response == nil)
        #expect(
            messages(result.issues) == [
                "respondent.population: a population or a number of staff cannot be negative (-300)",
                "respondent.agents: a population or a number of staff cannot be negative (-1)",
            ])
        #expect(try check([], extra: [("population", .scalar("0"))]).response != nil)
    }

    @Test func optionNotOffered() throws {
        let result = try check([RawAnswer(questionID: "p2", value: .scalar("maybe"))])
        #expect(
            messages(result.issues) == [
                "answers.p2: answer 'maybe' is not offered (possible answers: none, draft, adopted, funded, dont_know)"
            ])
    }

    @Test func questionNotForTheTypology() throws {
        let result = try check([RawAnswer(questionID: "s3", value: .scalar("4"))])
        #expect(
            messages(result.issues) == [
                "answers.s3: this question does not apply to typology 'commune': remove this answer"
            ])
    }

    @Test func questionNotForTheProfile() throws {
        let result = try check(
            [RawAnswer(questionID: "s4", value: .scalar("yes"))], extra: [("population", .scalar("300"))])
        #expect(
            messages(result.issues) == [
                "answers.s4: this question does not apply to this profile (population, staff...): remove this answer"
            ])
    }

    @Test func missingAndUnknownTypology() throws {
        let questionnaire = try Fixtures.mini()
        let missing = ResponseChecker(questionnaire: questionnaire).check(
            RawResponse(profile: [("organisation", .scalar("X"))], answers: []))
        #expect(messages(missing.issues) == ["respondent.typology: required profile field 'typology' is missing"])
        let unknown = try check([], typology: "canton")
        #expect(
            messages(unknown.issues) == [
                "respondent.typology: unknown typology 'canton' (known typologies: region, departement, cc, metropole, commune, pnr, agence)"
            ])
    }

    @Test func wrongTypes() throws {
        let result = try check(
            [
                RawAnswer(questionID: "p1", value: .list(["yes", "no"])),
                RawAnswer(questionID: "p3", value: .scalar("beaucoup")),
                RawAnswer(questionID: "s1", value: .scalar("yes")),
                RawAnswer(questionID: "s2", value: .list(["own", "own"])),
            ], extra: [("population", .scalar("trois cents"))])
        #expect(
            messages(result.issues) == [
                "respondent.population: 'trois cents' is not a number",
                "answers.p1: one value is expected, not a list",
                "answers.p3: 'beaucoup' is not a number",
                "answers.s2: option 'own' is given twice",
            ])
    }

    @Test func scaleOutOfRangeAndNotWhole() throws {
        let result = try check([RawAnswer(questionID: "p3", value: .scalar("5"))])
        #expect(messages(result.issues) == ["answers.p3: value 5 is outside [0, 4]"])
        let half = try check([RawAnswer(questionID: "p3", value: .scalar("2,5"))])
        #expect(messages(half.issues) == ["answers.p3: '2,5' is not a whole number"])
    }

    @Test func specialAnswerNotOffered() throws {
        let result = try check([RawAnswer(questionID: "p1", value: .scalar("not_applicable"))])
        #expect(messages(result.issues) == ["answers.p1: answer 'not_applicable' is not offered for this question"])
    }

    @Test func answerToAHiddenFollowUpIsIgnoredWithAWarning() throws {
        let result = try check([
            RawAnswer(questionID: "s1", value: .scalar("no")),
            RawAnswer(questionID: "s2", value: .list(["own"])),
        ])
        let response = try #require(result.response)
        #expect(response.answers["s2"] == nil)
        #expect(result.issues.map(\.severity) == [.warning])
        // s1 was answered, but "no" does not open s2: the warning says so rather than "not given".
        #expect(
            messages(result.issues) == [
                "answers.s2: answer ignored: the question is only asked depending on the answer to 's1', and the answer given does not open it"
            ])
        let french = result.issues.map { $0.message(.fr) }
        #expect(
            french == [
                "réponse ignorée : la question n'est posée que selon la réponse à « s1 », et la réponse donnée ne l'ouvre pas"
            ])
    }

    @Test func answerToAFollowUpOfAnUnansweredQuestionSaysWhichOne() throws {
        let result = try check([RawAnswer(questionID: "s2", value: .list(["own"]))])
        #expect(result.response?.answers["s2"] == nil)
        #expect(
            messages(result.issues) == [
                "answers.s2: answer ignored: the question is only asked after an answer to 's1', which was not given"
            ])
        #expect(
            result.issues.map { $0.message(.fr) } == [
                "réponse ignorée : la question n'est posée qu'après une réponse à « s1 », qui n'a pas été donnée"
            ])
    }

    @Test func numbersWrittenByPeople() {
        #expect(ResponseChecker.number("3 500") == 3500)
        #expect(ResponseChecker.number("3\u{202F}500") == 3500)
        #expect(ResponseChecker.number("12,5") == 12.5)
        #expect(ResponseChecker.number("12.5") == 12.5)
        #expect(ResponseChecker.number("") == nil)
        #expect(ResponseChecker.number("inf") == nil)
        #expect(ResponseChecker.number("douze") == nil)
    }

    @Test func otherQuestionnaireIsRejected() throws {
        let questionnaire = try Fixtures.mini()
        let raw = RawResponse(
            questionnaireID: "odm-2023", profile: [("organisation", .scalar("X")), ("typology", .scalar("region"))], answers: [])
        let result = ResponseChecker(questionnaire: questionnaire).check(raw)
        #expect(result.response == nil)
        #expect(
            messages(result.issues) == [
                "questionnaire: the response was written for questionnaire 'odm-2023', not 'mini': choose the right file with --questionnaire"
            ])
    }
}
