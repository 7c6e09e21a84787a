import DiagnosticTestSupport
import Foundation
import Testing

/// Inputs found by review to crash, mislead or leak: each must end in a clear error or the right result.
@Suite struct RobustnessCLITests {
    let mini = Fixtures.path("mini.yaml")

    /// `mini.yaml` with each `(old, new)` replacement applied (each must be found), written to `scratch`.
    func miniVariant(_ scratch: Scratch, _ changes: [(String, String)], name: String = "q.yaml") throws -> String {
        try scratch.file(name, try Fixtures.miniText(changes))
    }

    @Test func validateReportsAHugeScaleInsteadOfCrashing() throws {
        let scratch = try Scratch()
        let path = try miniVariant(
            scratch, [("scale: {min: 0, max: 4}", "scale: {min: -9000000000000000000, max: 9000000000000000000}")])
        let run = runCLI(["validate", path, "--lang", "en"])
        #expect(run.status == 1)
        #expect(
            run.err == """
                \(path):79:12: error: the scale -9000000000000000000..9000000000000000000 has too many steps: at most 100 steps from minimum to maximum
                \(path): 1 error

                """)
    }

    @Test func validateRefusesAnOversizedWeightSoScoringNeverSeesIt() throws {
        let scratch = try Scratch()
        let path = try miniVariant(
            scratch, [("    weight: 10\n    label: {fr: Référent", "    weight: 1e308\n    label: {fr: Référent")])
        let run = runCLI(["validate", path, "--lang", "en"])
        #expect(run.status == 1)
        #expect(run.err.contains(":61:13: error: 1e+308 is above the limit of 1000000 for a weight or points\n"))
        let response = try scratch.file(
            "r.yaml", "questionnaire: mini\nrespondent: {organisation: X, typology: commune}\nanswers: {p1: \"yes\"}\n")
        let score = runCLI(["score", response, "--questionnaire", path, "--format", "json", "--lang", "en"])
        #expect(score.status == 1)
        #expect(score.out == "")
        #expect(!score.err.contains("EncodingError"))
    }

    @Test func simulateRefusesAWaveOutOfRange() {
        let run = runCLI(["simulate", "--respondents", "1", "--wave", "9223372036854775807", "--questionnaire", mini])
        #expect(run.status == 64)
        #expect(run.err.hasPrefix("Error: --wave : de 0 à 1000 / --wave: from 0 to 1000 (9223372036854775807)\n"))
        let last = runCLI(["simulate", "--respondents", "2", "--wave", "1000", "--questionnaire", mini])
        #expect(last.status == 0)
        #expect(last.out.split(separator: "\n").count == 3)
    }
}
