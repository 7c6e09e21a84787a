import DiagnosticCore
import DiagnosticDefinitions
import DiagnosticTestSupport
import Foundation
import Testing

/// The `grid` kind: rows sharing one set of options, each row scored as a single choice, the
/// question earning the mean of its rows. Figures worked out by hand from docs/questionnaire-format.md.
@Suite struct GridKindTests {
    static let grid = Fixtures.gridQuestion

    static func questionnaire(_ grid: String = GridKindTests.grid) throws -> Questionnaire {
        try Fixtures.mini([("  - id: u1\n", grid + "  - id: u1\n")])
    }

    static func card(_ answers: String, _ questionnaire: Questionnaire) throws -> ScoreCard {
        let response = try Fixtures.response(
            "respondent: {organisation: Pays Test, typology: cc}\nanswers: {\(answers)}", questionnaire: questionnaire)
        return try Scorer(questionnaire: questionnaire).score(response)
    }

    @Test func eachRowScoresAsASingleChoiceAndTheGridEarnsTheirMean() throws {
        let questionnaire = try Self.questionnaire()
        // (12 + 6 + 0) / 3 = 6 of 12: the unanswered row counts 0.
        let partial = try Self.card("g1: {budget: tout, marches: partie}", questionnaire)
        let score = try #require(partial.questions.first { $0.id == "g1" })
        #expect(score.points == 6 && score.maximum == 12)
        // Positions row × 3 options + option: budget (0) tout (2) → 2, marches (1) partie (1) → 4.
        #expect(score.selections == [2, 4])
        // The only partager question that earns anything: the dimension's points are the grid's.
        #expect(partial.dimensions.first { $0.id == "partager" }?.points == 6)
        let full = try Self.card("g1: {budget: tout, marches: tout, voirie: tout}", questionnaire)
        #expect(full.questions.first { $0.id == "g1" }?.points == 12)
        // (0 + 6 + 6) / 3 = 4.
        let low = try Self.card("g1: {budget: rien, marches: partie, voirie: partie}", questionnaire)
        #expect(low.questions.first { $0.id == "g1" }?.points == 4)
    }

    @Test func aDetailedAnswerCarriesTheRowsUnderAnswer() throws {
        let questionnaire = try Self.questionnaire()
        let card = try Self.card(
            "g1: {answer: {budget: partie, voirie: tout}, justification: Délibération du 3 mars}", questionnaire)
        let score = try #require(card.questions.first { $0.id == "g1" })
        // (6 + 0 + 12) / 3 = 6.
        #expect(score.points == 6)
        #expect(score.answer?.justification == "Délibération du 3 mars")
        let words = AnswerText(questionnaire: questionnaire, language: .fr)
        let question = try #require(questionnaire.question("g1"))
        #expect(
            words.describe(try #require(score.answer).value, of: question) == "Budget : En partie ; Voirie : Tout")
    }

    @Test func wrongAnswersSayWhichRowAndWhy() throws {
        let questionnaire = try Self.questionnaire()
        func errors(_ answer: String) -> [String] {
            ResponseLoader.load(
                text: "respondent: {organisation: Pays Test, typology: cc}\nanswers: {g1: \(answer)}", file: "r.yaml",
                questionnaire: questionnaire
            ).diagnostics.map { $0.rendered(.en) }
        }
        #expect(
            errors("{budget: beaucoup}") == [
                "r.yaml:2:11: error: answers.g1: row 'budget': answer 'beaucoup' is not offered (possible answers: rien, partie, tout)"
            ])
        #expect(
            errors("{cantine: tout}") == [
                "r.yaml:2:11: error: answers.g1: unknown row 'cantine' (rows: budget, marches, voirie)"
            ])
        #expect(
            errors("tout") == [
                "r.yaml:2:11: error: answers.g1: one answer per row is expected: {budget: …, marches: …, voirie: …}"
            ])
        // A row left blank is unanswered; a grid with every row blank is no answer, as an empty cell is.
        #expect(errors("{budget: \"\"}") == [])
    }

    @Test func aGridIsDeclaredWithRowsAndOptions() throws {
        func diagnostics(_ grid: String) throws -> [String] {
            QuestionnaireLoader.load(text: try Fixtures.miniTextWithGrid(grid), file: "q.yaml")
                .diagnostics.map { $0.rendered(.fr) }
        }
        #expect(
            try diagnostics(Self.grid.replacingOccurrences(of: "{id: voirie,", with: "{id: answer,")) == [
                "q.yaml:122:14: error: « answer » ne peut pas être l'identifiant d'une ligne (réservé aux réponses détaillées et spéciales) : choisissez-en un autre"
            ])
        #expect(
            try diagnostics(Self.grid.replacingOccurrences(of: "{id: voirie,", with: "{id: voirie.urbaine,")) == [
                "q.yaml:122:14: error: l'identifiant de ligne « voirie.urbaine » contient un point : une table écrit la colonne « question.ligne », choisissez un identifiant sans point"
            ])
        #expect(
            try diagnostics(Self.grid.replacingOccurrences(of: "points: 12}", with: "points: 13}")) == [
                "q.yaml:126:56: error: 13 points hors de l'intervalle 0..12 (le poids de la question)"
            ])
        let withoutRows = Self.grid.components(separatedBy: "\n").filter {
            !$0.contains("rows:") && !$0.contains("label: {fr: Budget") && !$0.contains("Marchés") && !$0.contains("Voirie")
        }.joined(separator: "\n")
        #expect(try diagnostics(withoutRows) == ["q.yaml:114:5: error: la clé obligatoire « rows » manque"])
        let scale = Self.grid.replacingOccurrences(of: "kind: grid", with: "kind: single")
        #expect(try diagnostics(scale) == ["q.yaml:119:5: error: « rows » ne s'emploie pas dans une question « single »"])
    }

    @Test func aTableGivesEachRowInAColumnOfItsOwn() throws {
        let questionnaire = try Self.questionnaire()
        var table = TabularResponses(
            file: "export.csv",
            data: Data("organisation,typology,g1.budget,g1.marches,g1.voirie\nPays Test,cc,Tout,partie,\n".utf8),
            questionnaire: questionnaire)
        #expect(table.isUsable, "\(table.problems.map { $0.rendered(.en) })")
        let next = table.next()
        let row = try #require(next)
        let raw = try #require(row.response)
        let checked = ResponseChecker(questionnaire: questionnaire).check(raw)
        #expect(checked.issues.isEmpty, "\(checked.issues)")
        let response = try #require(checked.response)
        #expect(response.answers["g1"]?.value == .rows(["budget": "tout", "marches": "partie"]))
        // Read by labels ("Tout") as by ids: (12 + 6 + 0) / 3 = 6, as from a response file.
        #expect(try Scorer(questionnaire: questionnaire).score(response).questions.first { $0.id == "g1" }?.points == 6)
        #expect(table.checkedRow(row.cells, checker: ResponseChecker(questionnaire: questionnaire)) == nil)
    }

    @Test func aTableRefusesAGridGivenWholeAndByRowsAndLeavesBlankRowsUnanswered() throws {
        let questionnaire = try Self.questionnaire()
        let both = TabularResponses(
            file: "export.csv", data: Data("organisation,typology,g1,g1.budget\nPays Test,cc,dont_know,tout\n".utf8),
            questionnaire: questionnaire)
        #expect(both.problems.map { $0.rendered(.en) } == ["export.csv:1:4: error: column 'g1.budget' means the same as 'g1'"])
        var blank = TabularResponses(
            file: "export.csv", data: Data("organisation,typology,g1.budget,g1.marches\nPays Test,cc,  , \n".utf8),
            questionnaire: questionnaire)
        let next = blank.next()
        let raw = try #require(next?.response)
        let checked = ResponseChecker(questionnaire: questionnaire).check(raw)
        #expect(checked.issues.isEmpty, "\(checked.issues)")
        #expect(checked.response?.answers["g1"] == nil, "blank rows: the grid is unanswered, not an error")
    }

    @Test func onlyAGridTakesAMappingAsItsAnswer() throws {
        let questionnaire = try Self.questionnaire()
        let typo = ResponseLoader.load(
            text: "respondent: {organisation: Pays Test, typology: cc}\nanswers: {p1: {anwser: \"yes\"}}", file: "r.yaml",
            questionnaire: questionnaire)
        #expect(
            typo.diagnostics.map { $0.rendered(.en) }.first?.contains("unknown key 'anwser'") ?? false,
            "\(typo.diagnostics.map { $0.rendered(.en) })")
        let profile = ResponseLoader.load(
            text: "respondent: {organisation: {name: Pays Test}, typology: cc}\nanswers: {}", file: "r.yaml",
            questionnaire: questionnaire)
        #expect(profile.value == nil)
        #expect(!profile.diagnostics.map { $0.rendered(.en) }.contains { $0.contains("not a list") })
    }

    @Test func theStoredFormReadsBackToTheSameAnswer() throws {
        let questionnaire = try Self.questionnaire()
        let json = #"{"g1":{"budget":"tout","voirie":"partie"}}"#
        let raw = try #require(
            StoredResponseReader.raw(profileJSON: #"{"organisation":"Pays Test","typology":"cc"}"#, answersJSON: json))
        let response = try #require(ResponseChecker(questionnaire: questionnaire).check(raw).response)
        #expect(response.answers["g1"]?.value == .rows(["budget": "tout", "voirie": "partie"]))
        #expect(StoredValue(.rows(["budget": "tout"])) == .object(["budget": "tout"]))
    }

    @Test func theTemplateSaysHowToAnswerAGrid() throws {
        let questionnaire = try Self.questionnaire()
        let typology = try #require(questionnaire.typology("cc"))
        let text = ResponseTemplate(questionnaire: questionnaire, typology: typology, language: .en).render()
        #expect(
            text.contains(
                "#   Answers: one answer per row {budget: …, marches: …, voirie: …} among rien (Nothing) · partie (In part) · tout (All) · dont_know (Don't know)\n  g1:"
            ))
    }

    @Test func aGridIsSimulated() throws {
        let questionnaire = try Self.questionnaire()
        let respondents = Simulator(questionnaire: questionnaire, seed: 3, wave: 0).respondents(count: 20)
        let answered = Array(respondents).compactMap { $0.answers.first { $0.questionID == "g1" } }
        #expect(!answered.isEmpty)
        for answer in answered {
            guard case .mapping(let rows) = answer.value else {
                #expect(answer.value == .scalar("dont_know"))
                continue
            }
            #expect(Set(rows.keys) == ["budget", "marches", "voirie"])
            #expect(rows.values.allSatisfy { ["rien", "partie", "tout"].contains($0) })
        }
    }
}
