import DiagnosticTestSupport
import Foundation
import Testing

/// A questionnaire with a grid, end to end: validated, a response file scored, a table imported
/// into a campaign and its report written, as a user runs them.
@Suite struct GridCLITests {
    @Test func aGridQuestionnaireRunsFromValidationToReport() throws {
        let scratch = try Scratch()
        let grid = """
              - id: g1
                dimension: partager
                kind: grid
                weight: 12
                label: {fr: Données publiées par domaine, en: Data published by domain}
                rows:
                  - {id: budget, label: {fr: Budget, en: Budget}}
                  - {id: marches, label: {fr: Marchés publics, en: Public contracts}}
                  - {id: voirie, label: {fr: Voirie, en: Roads}}
                options:
                  - {id: rien, label: {fr: Rien, en: Nothing}, points: 0}
                  - {id: partie, label: {fr: En partie, en: In part}, points: 6}
                  - {id: tout, label: {fr: Tout, en: All}, points: 12}

            """
        let questionnaire = try scratch.file(
            "grid.yaml", try Fixtures.miniText([("  - id: u1\n", grid + "  - id: u1\n")]))
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
