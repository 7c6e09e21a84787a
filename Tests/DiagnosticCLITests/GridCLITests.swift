import DiagnosticTestSupport
import Foundation
import Testing

/// A questionnaire with a grid, end to end: validated, a response file scored, a table imported
/// into a campaign and its report written, as a user runs them.
@Suite struct GridCLITests {
    @Test func aGridQuestionnaireRunsFromValidationToReport() throws {
        let scratch = try Scratch()
        let questionnaire = try scratch.file(
            "grid.yaml", try Fixtures.miniTextWithGrid())
        let validate = runCLI(["validate", questionnaire])
        #expect(validate.status == 0, "\(validate.err)")
        let response = try scratch.file(
            "pays.yaml",
            "kind: response\nrespondent: {organisation: Pays Test, typology: cc}\nanswers: {g1: {budget: tout, marches: partie}}\n"
        )
        let score = runCLI(["score", response, "--questionnaire", questionnaire, "--format", "json"])
        #expect(score.status == 0, "\(score.err)")
        // (12 + 6 + 0) / 3 = 6 points of 12.
        let json = try #require(try JSONSerialization.jsonObject(with: Data(score.out.utf8)) as? [String: Any])
        let questions = try #require(json["questions"] as? [[String: Any]])
        let g1 = try #require(questions.first { $0["id"] as? String == "g1" })
        #expect(g1["answer"] as? [String: String] == ["budget": "tout", "marches": "partie"])
        #expect(g1["points"] as? Double == 6 && g1["maximum"] as? Double == 12)
        let table = try scratch.file(
            "rows.csv", "organisation,typology,g1.budget,g1.marches,g1.voirie\nPays Test,cc,Tout,En partie,Rien\n")
        let imported = runCLI(["import", "--campaign", "c", "--questionnaire", questionnaire, table, "--db", scratch.db])
        #expect(imported.status == 0, "\(imported.err)")
        let report = runCLI([
            "report", "--campaign", "c", "--organisation", "Pays Test", "--format", "md", "--lang", "fr", "--db", scratch.db,
        ])
        #expect(report.status == 0, "\(report.err)")
        #expect(report.out.contains("Budget : Tout ; Marchés publics : En partie ; Voirie : Rien"), "\(report.out)")
    }
}

/// A grid in the forms od4g writes: an array in LimeSurvey (a sub-question per row, the grid's
/// options as answers), read back from its export's `g1[budget]` columns with no mapping.
@Suite struct GridFormCLITests {
    @Test func aGridComesBackFromLimeSurvey() throws {
        let scratch = try Scratch()
        let questionnaire = try scratch.file("grid.yaml", try Fixtures.miniTextWithGrid())
        let survey = scratch.folder + "/survey.txt"
        let form = runCLI(["form", "--format", "limesurvey", "--questionnaire", questionnaire, "--output", survey])
        #expect(form.status == 0, "\(form.err)")
        let rows = try String(contentsOfFile: survey, encoding: .utf8).split(separator: "\n").map {
            $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        }
        let french = rows.filter { $0.count > 6 && ($0[6] == "fr" || $0[0] == "class") }
        let grid = try #require(french.firstIndex { $0[0] == "Q" && $0[2] == "g1" })
        #expect(french[grid][1] == "F")
        let after = french[(grid + 1)...].prefix { $0[0] == "SQ" || $0[0] == "A" }
        #expect(
            after.filter { $0[0] == "SQ" }.map { [$0[2], $0[4]] } == [
                ["budget", "Budget"], ["marches", "Marchés publics"], ["voirie", "Voirie"],
            ])
        let answers = Dictionary(after.filter { $0[0] == "A" }.map { ($0[4], $0[2]) }, uniquingKeysWith: { first, _ in first })
        let (tout, partie, rien) = (
            try #require(answers["Tout"]), try #require(answers["En partie"]), try #require(answers["Rien"])
        )
        let export = try scratch.file(
            "results.csv",
            "\u{FEFF}\"id\",\"submitdate\",\"organisation\",\"typology\",\"g1[budget]\",\"g1[marches]\",\"g1[voirie]\"\r\n"
                + "\"1\",\"2026-11-12 10:00:00\",\"Pays Test\",\"cc\",\"\(tout)\",\"\(partie)\",\"\(rien)\"\r\n")
        let imported = runCLI(["import", "--campaign", "c", "--questionnaire", questionnaire, export, "--db", scratch.db])
        #expect(imported.status == 0, "\(imported.err)")
        let report = runCLI([
            "report", "--campaign", "c", "--organisation", "Pays Test", "--format", "md", "--lang", "fr", "--db", scratch.db,
        ])
        #expect(report.out.contains("Budget : Tout ; Marchés publics : En partie ; Voirie : Rien"), "\(report.out)")
    }
}

/// `od4g simulate` reads the questionnaire's simulation file, which `od4g validate` checks.
@Suite struct SimulationFileCLITests {
    @Test func theSimulationFileIsValidatedAndUsed() throws {
        let validate = runCLI(["validate", Fixtures.repository("Questionnaires/od4growth-simulation.yaml"), "--lang", "en"])
        #expect(validate.status == 0, "\(validate.err)")
        #expect(validate.out.contains("valid simulation for 'od4growth' — 2 fixed organisations, 7 drawn typologies"))
        // A questionnaire copied without its simulation file is simulated the generic way: no département.
        let scratch = try Scratch()
        let copy = try scratch.file("mini.yaml", try String(contentsOfFile: Fixtures.path("mini.yaml"), encoding: .utf8))
        let generic = runCLI(["simulate", "--respondents", "30", "--seed", "2", "--questionnaire", copy])
        #expect(generic.status == 0, "\(generic.err)")
        let header = generic.out.split(separator: "\n").first.map { $0.split(separator: ",").map(String.init) } ?? []
        let column = try #require(header.firstIndex(of: "departement"))
        let rows = generic.out.split(separator: "\n").dropFirst().map {
            $0.split(separator: ",", omittingEmptySubsequences: false)
        }
        #expect(rows.count == 30 && rows.allSatisfy { $0.count > column && $0[column].isEmpty })
        // Beside it, the fixture's file gives départements again.
        _ = try scratch.file(
            "mini-simulation.yaml",
            try String(contentsOfFile: Fixtures.path("mini-simulation.yaml"), encoding: .utf8))
        let profiled = runCLI(["simulate", "--respondents", "30", "--seed", "2", "--questionnaire", copy])
        let profiledRows = profiled.out.split(separator: "\n").dropFirst().map {
            $0.split(separator: ",", omittingEmptySubsequences: false)
        }
        #expect(profiledRows.first.map { $0[column] } == "67", "the regional council, in Bas-Rhin")
    }
}

/// `od4g report`'s modes: one dispatch, the same usage errors as before it.
@Suite struct ReportDispatchTests {
    @Test func allWithoutAFolderIsAUsageErrorEvenWithAResponseFile() {
        let run = runCLI(["report", Fixtures.repository("Examples/responses/commune-lucey.yaml"), "--all", "--lang", "en"])
        #expect(run.status == 64)
        #expect(run.err.contains("--all needs --output FOLDER"), "\(run.err)")
    }
}
