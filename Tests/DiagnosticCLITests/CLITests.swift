import DiagnosticTestSupport
import Foundation
import Testing

@Suite struct CLITests {
    let mini = Fixtures.path("mini.yaml")
    let commune = Fixtures.path("mini-commune.yaml")
    let base = Fixtures.repository("Tests/DiagnosticDefinitionsTests/Fixtures/base.yaml")
    let invalid = Fixtures.repository("Tests/DiagnosticDefinitionsTests/Fixtures/invalid/points-out-of-range.yaml")

    @Test func validateAcceptsAValidQuestionnaire() {
        let run = runCLI(["validate", base, "--lang", "en"])
        #expect(run.status == 0)
        #expect(run.out == "\(base): valid questionnaire 'base' 1.0 — 1 dimension, 2 scored questions, 0 unscored, 1 typology\n")
        #expect(run.err == "")
    }

    @Test func validateReportsEveryFileAndFails() {
        let run = runCLI(["validate", invalid, base, "--lang", "en"])
        #expect(run.status == 1)
        #expect(
            run.err == """
                \(invalid):31:48: error: 12 points outside 0..10 (the question's weight)
                \(invalid): 1 error

                """)
        #expect(run.out.contains("valid questionnaire 'base'"))
    }

    @Test func validateChecksResponseFilesToo() {
        let run = runCLI(["validate", commune, "--questionnaire", mini, "--lang", "en"])
        #expect(run.status == 0)
        #expect(run.out == "\(commune): valid response (6 answers)\n")
    }

    @Test func scoreAsJSONGivesTheHandComputedFigures() throws {
        let run = runCLI(["score", commune, "--questionnaire", mini, "--format", "json", "--lang", "en"])
        #expect(run.status == 0)
        #expect(run.err == "")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.out.utf8)) as? [String: Any])
        #expect(json["schema"] as? String == "od4g-score/1")
        let overall = try #require(json["overall"] as? [String: Any])
        // (18/23 × 100 + 100) / 2, rounded to 2 decimals
        #expect(overall["score"] as? Double == 89.13)
        #expect((overall["level"] as? [String: Any])?["id"] as? String == "n4")
        let dimensions = try #require(json["dimensions"] as? [[String: Any]])
        #expect(dimensions.map { $0["score"] as? Double } == [78.26, 100])
        #expect(json["unanswered"] as? [String] == ["u2"])
        #expect(json["not_applicable"] as? [String] == ["s3", "s4"])
        let questions = try #require(json["questions"] as? [[String: Any]])
        let p2 = try #require(questions.first { $0["id"] as? String == "p2" })
        #expect(p2["points"] as? Double == 4)
        #expect(p2["maximum"] as? Double == 5)
        #expect(p2["confidence"] as? String == "unsure")
        #expect(p2["evidence"] as? [String] == ["https://example.org/deliberation-12"])
        let u2 = try #require(questions.first { $0["id"] as? String == "u2" })
        #expect(u2["points"] is NSNull, "documented keys are present even without a value")
        #expect(u2["status"] as? String == "unanswered")
    }

    @Test func scoreAsTextShowsLevelsBarsAndTheUnansweredRule() {
        let run = runCLI(["score", commune, "--questionnaire", mini])
        #expect(run.status == 0)
        #expect(run.out.contains("Score global : 89,1 / 100 — niveau Avancé\n"))
        #expect(run.out.contains("Piloter       ████████████████░░░░   78,3  Avancé          18 / 23 pts\n"))
        #expect(run.out.contains("Complétude : 6 réponses sur 7 questions posées (86 %)\n"))
        #expect(
            run.out.contains(
                "Questions sans réponse (1) — règle pour les questions notées : comptées 0 point, leur poids reste dans le maximum\n  - u2 — Commentaires\n"
            ))
        #expect(run.out.contains("Réponses incertaines, à vérifier (1)\n  - p2 — Stratégie ?  4 / 5\n"))
    }

    @Test func scoreRejectsABadResponseWithItsLocation() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("od4g-bad-\(UUID().uuidString).yaml").path
        try "respondent:\n  organisation: X\n  typology: commune\nanswers:\n  p2: maybe\n".write(
            toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let run = runCLI(["score", path, "--questionnaire", mini, "--lang", "en"])
        #expect(run.status == 1)
        #expect(run.out == "")
        #expect(
            run.err
                == "\(path):5:3: error: answers.p2: answer 'maybe' is not offered (possible answers: none, draft, adopted, funded, dont_know)\n"
        )
    }

    @Test func missingFilesAreClearErrors() {
        let run = runCLI(["score", "/nonexistent/r.yaml", "--questionnaire", mini, "--lang", "en"])
        #expect(run.status == 1)
        #expect(run.err == "/nonexistent/r.yaml: error: cannot read the file: no such file (check the path)\n")
        let questionnaire = runCLI(["score", commune, "--questionnaire", "/nonexistent/q.yaml", "--lang", "en"])
        #expect(questionnaire.status == 1)
        #expect(questionnaire.err == "/nonexistent/q.yaml: error: cannot read the file: no such file (check the path)\n")
    }

    @Test func unknownQuestionnaireIdSaysWhereItLooked() {
        // mini-commune.yaml names the questionnaire "mini", which is not in any search folder.
        let run = runCLI(["score", commune, "--lang", "en"])
        #expect(run.status == 1)
        // Said where the response names it.
        #expect(run.err.hasPrefix("\(commune):2:16: error: questionnaire 'mini' not found (looked in: "), "\(run.err)")
        #expect(run.err.hasSuffix("; give it with --questionnaire FILE\n"))
    }

    @Test func templateForAnUnknownTypologyListsTheKnownOnes() {
        let run = runCLI(["template", "--typology", "canton", "--questionnaire", mini, "--lang", "en"])
        #expect(run.status == 1)
        #expect(
            run.err.hasPrefix(
                "error: unknown typology 'canton'; possible typologies: region (Region), departement (Département), cc ("))
    }

    @Test func badFlagsAreUsageErrors() {
        let run = runCLI(["score", commune, "--format", "pdf"])
        #expect(run.status == 64)
        #expect(run.err.contains("pdf"))
        #expect(runCLI(["frobnicate"]).status == 64)
    }

    @Test func helpAndVersionSucceed() {
        let help = runCLI(["--help"])
        #expect(help.status == 0)
        #expect(help.out.contains("validate"))
        #expect(help.out.contains("template"))
        #expect(help.out.contains("score"))
        #expect(runCLI(["--version"]).out == "0.1.0\n")
    }

    /// The README's quick-start command: the response names `od4growth`, found without --questionnaire.
    @Test func readmeQuickStartScoresTheBundledExample() {
        let run = runCLI(["score", Fixtures.repository("Examples/responses/commune-lucey.yaml")])
        #expect(run.status == 0)
        #expect(run.err == "")
        #expect(run.out.contains("Organisation : Commune de Lucey\n"))
        #expect(run.out.contains("Publication et partage             █████████████░░░░░░░   64,3  Structuré       54 / 84 pts\n"))
        #expect(run.out.contains("Questions sans réponse (2)"))
    }

    @Test func templateForTheBundledQuestionnaireInEnglish() {
        let run = runCLI(["template", "--typology", "commune", "--lang", "en"])
        #expect(run.status == 0)
        #expect(
            run.out.hasPrefix(
                "# Open-data maturity diagnostic of public authorities (OD4Growth) (od4growth 1.0)\n# Response template for: "))
        #expect(run.out.contains("\n  typology: commune\n"))
        #expect(!run.out.contains("\n  pil-cdo:"))
        #expect(run.out.contains("\n  par-canal:\n"))
    }

    @Test func validateWarnsButSucceedsWhenFullPointsAreOutOfReach() throws {
        let text = try String(contentsOfFile: base, encoding: .utf8)
            .replacingOccurrences(
                of: "    kind: yes_no\n    weight: 10\n", with: "    kind: yes_no\n    weight: 10\n    points: {yes: 8}\n")
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("od4g-warn-\(UUID().uuidString).yaml").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let run = runCLI(["validate", path, "--lang", "en"])
        #expect(run.status == 0)
        #expect(run.err == "\(path):22:5: warning: no answer earns the full weight (8 of 10)\n")
    }
}
