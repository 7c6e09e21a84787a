import DiagnosticCore
import DiagnosticDefinitions
import DiagnosticTestSupport
import Foundation
import Testing

/// Loads `mini.yaml` with each `(old, new)` replacement applied (each must be found), as `file`.
func loadMini(_ changes: [(String, String)], file: String = "q.yaml") throws -> LoadResult<Questionnaire> {
    QuestionnaireLoader.load(text: try Fixtures.miniText(changes), file: file)
}

/// Limits on scales, weights and points: checked at validation, so scoring never overflows or produces NaN.
@Suite struct QuestionnaireLimitsTests {
    @Test func aHugeScaleRangeIsReportedWithoutOverflow() throws {
        let result = try loadMini([
            ("scale: {min: 0, max: 4}", "scale: {min: -9000000000000000000, max: 9000000000000000000}")
        ])
        #expect(result.value == nil)
        #expect(
            result.diagnostics.map { $0.rendered(.en) } == [
                "q.yaml:79:12: error: the scale -9000000000000000000..9000000000000000000 has too many steps: at most 100 steps from minimum to maximum"
            ])
    }

    @Test func aScaleOfMoreThanAHundredStepsSaysTheLimit() throws {
        let result = try loadMini([("scale: {min: 0, max: 4}", "scale: {min: 0, max: 100000}")])
        #expect(
            result.diagnostics.map { $0.rendered(.fr) } == [
                "q.yaml:79:12: error: l'échelle 0..100000 a trop de crans : au plus 100 crans du minimum au maximum"
            ])
        #expect(try loadMini([("scale: {min: 0, max: 4}", "scale: {min: -50, max: 50}")]).value != nil)
        let reversed = try loadMini([("scale: {min: 0, max: 4}", "scale: {min: 4, max: 0}")])
        #expect(
            reversed.diagnostics.map { $0.rendered(.en) } == [
                "q.yaml:79:12: error: the scale must go from a minimum to a greater maximum (4..0)"
            ])
    }

    @Test func weightsAndPointsAboveTheLimitAreReportedWhereTheyStand() throws {
        let result = try loadMini([
            ("    weight: 10\n    label: {fr: Référent", "    weight: 1e308\n    label: {fr: Référent"),
            ("weight_for: {commune: 5}", "weight_for: {commune: 2000000}"),
            (
                "{id: piloter, label: {fr: Piloter, en: Steer}, weight: 1}",
                "{id: piloter, label: {fr: Piloter, en: Steer}, weight: 1e300}"
            ),
            ("dimension_weights: {partager: 1}", "dimension_weights: {partager: 1e7}"),
        ])
        #expect(result.value == nil)
        #expect(
            result.diagnostics.map { $0.rendered(.en) } == [
                "q.yaml:18:60: error: 1e+300 is above the limit of 1000000 for a weight or points",
                "q.yaml:37:35: error: 10000000 is above the limit of 1000000 for a weight or points",
                "q.yaml:61:13: error: 1e+308 is above the limit of 1000000 for a weight or points",
                "q.yaml:73:27: error: 2000000 is above the limit of 1000000 for a weight or points",
            ])
    }

    @Test func theLargestAllowedWeightScoresFinitely() throws {
        let questionnaire = try #require(
            try loadMini([("    weight: 10\n    label: {fr: Référent", "    weight: 1000000\n    label: {fr: Référent")]).value)
        let response = try Fixtures.response(
            "questionnaire: mini\nrespondent: {organisation: X, typology: commune}\nanswers: {p1: \"yes\"}\n",
            questionnaire: questionnaire)
        let card = try Scorer(questionnaire: questionnaire).score(response)
        #expect(card.overall.score?.isFinite == true)
        #expect(card.dimensions.allSatisfy { $0.score?.isFinite ?? true })
    }

    @Test func specialPointsDeclaredAtTheTopAreCheckedForEveryQuestionThatInheritsThem() throws {
        let result = try loadMini([
            ("    scoring: zero\n    offered_by_default: true", "    scoring: 9\n    offered_by_default: true")
        ])
        #expect(result.value == nil)
        // p1 (10), p2 (15), s1 (10) and s2 (12) can give 9 points; p3 (8), s3 (6) and s4 (4) cannot.
        #expect(
            result.diagnostics.map { $0.rendered(.en) } == [
                "q.yaml:74:5: error: answer 'dont_know' earns 9 points (special_answers), more than this question's weight (8): give it its own scoring here, e.g. 'dont_know: zero'",
                "q.yaml:98:5: error: answer 'dont_know' earns 9 points (special_answers), more than this question's weight (6): give it its own scoring here, e.g. 'dont_know: zero'",
                "q.yaml:107:5: error: answer 'dont_know' earns 9 points (special_answers), more than this question's weight (4): give it its own scoring here, e.g. 'dont_know: zero'",
            ])
        let negative = try loadMini([
            ("    scoring: zero\n    offered_by_default: true", "    scoring: -1\n    offered_by_default: true")
        ])
        #expect(negative.diagnostics.map { $0.rendered(.en) } == ["q.yaml:51:14: error: points cannot be negative (-1)"])
    }

    @Test func aQuestionThatOptsInWithTrueIsCheckedToo() throws {
        let result = try loadMini([
            (
                "  not_applicable:\n    label: {fr: Non concerné, en: Not applicable}\n    scoring: excluded",
                "  not_applicable:\n    label: {fr: Non concerné, en: Not applicable}\n    scoring: 5"
            ),
            ("    not_applicable: excluded\n", "    not_applicable: true\n"),
        ])
        #expect(
            result.diagnostics.map { $0.rendered(.en) } == [
                "q.yaml:113:21: error: answer 'not_applicable' earns 5 points (special_answers), more than this question's weight (4): give it its own scoring here, e.g. 'not_applicable: zero'"
            ])
        // A question that gives its own scoring is not bound by the declared points.
        let own = try loadMini([
            ("    scoring: zero\n    offered_by_default: true", "    scoring: 9\n    offered_by_default: true"),
            ("    scale: {min: 0, max: 4}\n", "    scale: {min: 0, max: 4}\n    dont_know: zero\n"),
            (
                "      bands: [{min: 1, points: 2}, {min: 10, points: 4}, {min: 50, points: 6}]\n",
                "      bands: [{min: 1, points: 2}, {min: 10, points: 4}, {min: 50, points: 6}]\n    dont_know: false\n"
            ),
            ("    applies_when:", "    dont_know: 3\n    applies_when:"),
        ])
        #expect(own.diagnostics.map { $0.rendered(.en) } == [])
    }
}

/// Limits of the stored results (`ResultPacking`): a questionnaire that would need more is refused
/// at validation, so a result is never truncated when it is stored.
@Suite struct StoredFormLimitsTests {
    @Test func aMultipleChoiceOfMoreThan255OptionsIsRefused() throws {
        let options = (1...256).map { "      - {id: o\($0), label: {fr: O\($0), en: O\($0)}}" }.joined(separator: "\n")
        let result = try loadMini([
            (
                "      - {id: skills, label: {fr: Compétences, en: Skills}}\n      - {id: licence, label: {fr: Licence, en: Licence}}",
                options
            )
        ])
        #expect(result.value == nil)
        #expect(
            result.diagnostics.map { $0.rendered(.fr) } == [
                "q.yaml:118:5: error: une question « multiple » propose au plus 255 options, celle-ci en a 256 : scindez-la"
            ])
        let fits = (1...255).map { "      - {id: o\($0), label: {fr: O\($0), en: O\($0)}}" }.joined(separator: "\n")
        let accepted = try loadMini([
            (
                "      - {id: skills, label: {fr: Compétences, en: Skills}}\n      - {id: licence, label: {fr: Licence, en: Licence}}",
                fits
            )
        ])
        #expect(accepted.value?.question("u1")?.options.count == 255)
    }

    @Test func aLevelIdLongerThan255BytesIsRefused() throws {
        let long = String(repeating: "x", count: 256)
        let result = try loadMini([("  - {id: n4, label: {fr: Avancé", "  - {id: \(long), label: {fr: Avancé")])
        #expect(result.value == nil)
        #expect(
            result.diagnostics.map { $0.rendered(.en) } == [
                "q.yaml:13:10: error: level id '\(String(repeating: "x", count: 40))…' too long (256 bytes; at most 255)"
            ])
        let fits = String(repeating: "x", count: 255)
        #expect(try loadMini([("  - {id: n4, label: {fr: Avancé", "  - {id: \(fits), label: {fr: Avancé")]).value != nil)
    }
}
