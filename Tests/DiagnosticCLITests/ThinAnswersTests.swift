import DiagnosticCore
import DiagnosticDefinitions
import DiagnosticTestSupport
import Foundation
import Testing

/// A diagnostic with too few answers gives no level and no plan, says what is missing, and counts
/// apart in aggregates (the mini questionnaire: a commune is asked 5 scored questions, p1, p2, p3,
/// s1, s2; the default minimum is 50 %, so 3 answers are needed).
@Suite struct ThinAnswersTests {
    let mini = Fixtures.path("mini.yaml")
    let actions = Fixtures.path("mini-actions.yaml")

    func response(_ answers: String) -> String {
        """
        kind: response
        questionnaire: mini
        respondent: {organisation: Commune de Peu, typology: commune, population: 120}
        answers: {\(answers)}
        """
    }

    @Test func theCompletenessRuleIsTheDocumentedOne() throws {
        let questionnaire = try Fixtures.mini()
        #expect(questionnaire.scoring.minimumCompleteness == 50)
        let scorer = Scorer(questionnaire: questionnaire)
        let two = try scorer.score(try Fixtures.response(response(#"p1: "no", s1: "yes""#), questionnaire: questionnaire))
        #expect(two.scoredCompleteness == ScoredCompleteness(answered: 2, asked: 5))
        #expect(!two.isSufficient)
        #expect(two.scoredCompleteness.needed(50) == 3)
        // "Don't know" is an answer; unscored questions do not count.
        let three = try scorer.score(
            try Fixtures.response(response(#"p1: "no", s1: "yes", p2: dont_know, u1: [skills]"#), questionnaire: questionnaire))
        #expect(three.scoredCompleteness == ScoredCompleteness(answered: 3, asked: 5) && three.isSufficient)
        // The setting is the questionnaire's, from 0 to 100.
        let strict = try Fixtures.mini([("  overall: weighted_mean\n", "  overall: weighted_mean\n  minimum_completeness: 80\n")])
        #expect(
            !(try Scorer(questionnaire: strict).score(
                try Fixtures.response(response(#"p1: "no", s1: "yes", p2: none"#), questionnaire: strict))).isSufficient,
            "3 of 5 is 60 %, under 80 %")
        let wrong = QuestionnaireLoader.load(
            text: try Fixtures.miniText([
                ("  overall: weighted_mean\n", "  overall: weighted_mean\n  minimum_completeness: 150\n")
            ]),
            file: "mini.yaml")
        #expect(
            wrong.diagnostics.map { $0.rendered(.en) } == [
                "mini.yaml:9:25: error: invalid minimum_completeness (150): a share in per cent, from 0 to 100"
            ])
    }

    @Test func scoreReportAndRecommendSayTheDiagnosticIsIncomplete() throws {
        let scratch = try Scratch()
        let file = try scratch.file("thin.yaml", response(#"p1: "no", s1: "yes""#))
        let score = runCLI(["score", file, "--questionnaire", mini, "--lang", "en"])
        #expect(score.status == 0, "\(score.err)")
        #expect(
            score.out.contains(
                "Incomplete diagnostic: 2 scored question(s) answered of 5 asked (40%); it takes at least 3 (50%) to give a level and an action plan. No level and no plan are given."
            ))
        #expect(!score.out.contains("Overall score:"))
        #expect(!score.out.contains("Emerging"))
        #expect(score.out.contains("Unanswered questions"))
        let json = try #require(
            try JSONSerialization.jsonObject(
                with: Data(runCLI(["score", file, "--questionnaire", mini, "--format", "json"]).out.utf8))
                as? [String: Any])
        let overall = try #require(json["overall"] as? [String: Any])
        #expect(overall["level"] is NSNull && overall["score"] is NSNull)
        let completeness = try #require(json["completeness"] as? [String: Any])
        #expect(completeness["complete"] as? Bool == false && completeness["scored_asked"] as? Int == 5)

        let plan = runCLI(["recommend", file, "--questionnaire", mini, "--catalogue", actions, "--lang", "en"])
        #expect(plan.status == 0, "\(plan.err)")
        #expect(plan.out.contains("Incomplete diagnostic: 2 scored question(s) answered of 5 asked"))
        #expect(plan.out.contains("Scored questions to answer (3):\n  - "))
        #expect(!plan.out.contains("Within 3 months"))

        let report = runCLI(["report", file, "--questionnaire", mini, "--catalogue", actions, "--format", "md", "--lang", "en"])
        #expect(report.status == 0, "\(report.err)")
        #expect(report.out.contains("**Incomplete diagnostic: 2 scored question(s) answered of 5 asked"))
        #expect(report.out.contains("**Scored questions to answer**"))
        #expect(!report.out.contains("Overall level"))
        #expect(!report.out.contains("## Recommended support actions"))
        #expect(report.out.contains("## Answers in detail"))
    }

    @Test func aggregatesCountIncompleteDiagnosticsApart() throws {
        let scratch = try Scratch()
        var csv = try String(contentsOfFile: Fixtures.path("mini-campaign.csv"), encoding: .utf8)
        csv += "Commune Vide,commune,100,1,55,dgs,,no,,,,,,,,\n"
        let file = try scratch.file("campaign.csv", csv)
        let imported = runCLI(["import", "--campaign", "c", "--questionnaire", mini, "--db", scratch.db, file])
        #expect(imported.status == 0, "\(imported.err)")
        let run = runCLI(["aggregate", "--campaign", "c", "--db", scratch.db, "--format", "json", "--min-group", "1"])
        let document = try #require(try JSONSerialization.jsonObject(with: Data(run.out.utf8)) as? [String: Any])
        let groups = try #require(document["groups"] as? [[String: Any]])
        let all = try #require(groups.first { $0["key"] as? String == "*" })
        let organisations = try #require(all["organisations"] as? Int)
        #expect(all["incomplete"] as? Int == 1)
        #expect((all["overall"] as? [String: Any])?["count"] as? Int == organisations - 1, "the empty commune has no score")
        let communes = try #require(groups.first { $0["key"] as? String == "commune" })
        #expect(communes["incomplete"] as? Int == 1)
        let text = runCLI(["aggregate", "--campaign", "c", "--db", scratch.db, "--min-group", "1", "--lang", "en"])
        #expect(text.out.contains("Incomplete diagnostics (too few answers, left out): 1"))
        let export = runCLI(["export", "--campaign", "c", "--open-data", "--db", scratch.db])
        let line = try #require(export.out.split(separator: "\n").first { $0.contains("Commune Vide") })
        let header = export.out.split(separator: "\n")[0].split(separator: ",", omittingEmptySubsequences: false)
        let cells = line.split(separator: ",", omittingEmptySubsequences: false)
        let column = { (name: String) in header.firstIndex { $0 == name }.map { String(cells[$0]) } }
        #expect(column("overall_score") == "" && column("overall_level") == "" && column("complete") == "0")
    }
}
