import DiagnosticCore
import DiagnosticTestSupport
import Testing

@Suite struct ConditionTests {
    let typology = Typology(id: "cc", family: "epci", label: LocalizedText(fr: "CC"))

    func questionnaire() -> Questionnaire {
        let yesNo = [
            AnswerOption(id: "yes", label: .init(fr: "Oui"), points: 1),
            AnswerOption(id: "no", label: .init(fr: "Non"), points: 0),
        ]
        return Questionnaire(
            id: "c", version: "1", title: .init(fr: "C"), levels: [MaturityLevel(id: "a", label: .init(fr: "A"), minimum: 0)],
            dimensions: [Dimension(id: "d", label: .init(fr: "D"))],
            typologyFamilies: [TypologyFamily(id: "epci", label: .init(fr: "EPCI"))], typologies: [typology],
            profileFields: [
                ProfileField(id: "typology", label: .init(fr: "T"), kind: .typology),
                ProfileField(id: "population", label: .init(fr: "Population"), kind: .integer),
            ],
            questions: [
                Question(id: "a", label: .init(fr: "A"), dimension: "d", kind: .yesNo, weight: 1, options: yesNo),
                Question(
                    id: "b", label: .init(fr: "B"), dimension: "d", kind: .multiple, weight: 1,
                    options: [
                        AnswerOption(id: "x", label: .init(fr: "X"), points: 1),
                        AnswerOption(id: "y", label: .init(fr: "Y"), points: 1),
                    ]),
                Question(
                    id: "c", label: .init(fr: "C"), dimension: "d", kind: .yesNo, weight: 1, options: yesNo,
                    shownWhen: .all([
                        .answer(question: "a", test: .equals("yes")),
                        .any([.answer(question: "b", test: .includes("y")), .profile(field: "population", test: .atLeast(3500))]),
                        .not(.profile(field: "typology", test: .oneOf(["commune"]))),
                    ])),
                Question(
                    id: "e", label: .init(fr: "E"), dimension: "d", kind: .yesNo, weight: 1, options: yesNo,
                    shownWhen: .answer(question: "c", test: .answered)),
            ])
    }

    func visibility(_ answers: [String: AnswerValue], population: Double? = nil) -> [String: Visibility] {
        var profile: [String: ProfileValue] = ["typology": .text("cc")]
        if let population { profile["population"] = .number(population) }
        return Visibility.of(
            questionnaire(), typology: typology, profile: profile, answers: answers.mapValues { Answer($0) })
    }

    @Test func nestedConditionsHoldOrNot() {
        #expect(visibility(["a": .choice("yes"), "b": .choices(["y"])])["c"] == .asked)
        #expect(visibility(["a": .choice("yes"), "b": .choices(["x"])])["c"] == .hidden)
        #expect(visibility(["a": .choice("yes"), "b": .choices(["x"])], population: 3500)["c"] == .asked)
        #expect(visibility(["a": .choice("no"), "b": .choices(["y"])])["c"] == .hidden)
        #expect(visibility([:], population: 100_000)["c"] == .hidden)
    }

    @Test func anAnswerToAHiddenQuestionOpensNoFollowUp() {
        #expect(visibility(["a": .choice("no"), "c": .choice("yes")])["e"] == .hidden)
        #expect(visibility(["a": .choice("yes"), "b": .choices(["y"]), "c": .choice("no")])["e"] == .asked)
    }

    @Test func numbersWrittenWithACommaHoldAsValidationReadsThem() {
        var q = questionnaire()
        q.questions.append(
            Question(
                id: "n", label: .init(fr: "N"), dimension: "d", kind: .number, weight: 1,
                number: NumberSpec(bands: [NumberBand(minimum: 0, points: 1)])))
        q.questions.append(
            Question(
                id: "f", label: .init(fr: "F"), kind: .text, scored: false,
                appliesWhen: .profile(field: "population", test: .equals("300,0")),
                shownWhen: .any([.answer(question: "n", test: .oneOf(["2,0"])), .answer(question: "n", test: .equals("7,5"))])))
        func state(_ n: Double, population: Double) -> Visibility? {
            Visibility.of(
                q, typology: typology, profile: ["typology": .text("cc"), "population": .number(population)],
                answers: ["n": Answer(.number(n))])["f"]
        }
        #expect(state(2, population: 300) == .asked)
        #expect(state(7.5, population: 300) == .asked)
        #expect(state(3, population: 300) == .hidden)
        #expect(state(2, population: 301) == .notForProfile)
    }

    @Test func typologyTestsMatchFamilies() {
        let questionnaire = questionnaire()
        var q = questionnaire
        q.questions[0].appliesWhen = .profile(field: "typology", test: .equals("epci"))
        let shown = Visibility.of(q, typology: typology, profile: ["typology": .text("cc")], answers: [:])
        #expect(shown["a"] == .asked)
        q.questions[0].appliesWhen = .profile(field: "typology", test: .equals("commune"))
        let hidden = Visibility.of(q, typology: typology, profile: ["typology": .text("cc")], answers: [:])
        #expect(hidden["a"] == .notForProfile)
    }

    @Test func conditionsInWords() {
        let text = ConditionText(questionnaire: questionnaire(), language: .fr)
        #expect(text.describe(.answer(question: "a", test: .equals("yes"))) == "a = « Oui »")
        #expect(
            text.describe(
                .all([.profile(field: "population", test: .atLeast(3500)), .answer(question: "b", test: .includes("x"))]))
                == "population ≥ 3\u{202F}500 et b inclut « X »")
        let english = ConditionText(questionnaire: questionnaire(), language: .en)
        #expect(english.describe(.not(.profile(field: "typology", test: .oneOf(["epci"])))) == "not (t in EPCI)")
    }

    @Test func cyclesAreFoundOnceEach() {
        let cycles = CycleFinder.cycles(order: ["a", "b", "c", "d"], edges: ["a": ["b"], "b": ["a"], "c": ["c"], "d": ["a"]])
        #expect(cycles == [["a", "b", "a"], ["c", "c"]])
    }

    @Test func numbersForPeople() {
        #expect(NumberText.format(66.666, decimals: 1, language: .fr) == "66,7")
        #expect(NumberText.format(100, decimals: 1) == "100")
        #expect(NumberText.format(0.05, decimals: 1) == "0.1")
        #expect(NumberText.format(-0.01, decimals: 1) == "0")
        #expect(NumberText.round(78.2608695, decimals: 2) == 78.26)
    }
}
