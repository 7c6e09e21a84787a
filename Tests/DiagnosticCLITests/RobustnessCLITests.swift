import DiagnosticTestSupport
import Foundation
import Testing

@testable import DiagnosticCLI

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

    @Test func aQuestionnaireIdThatIsAPathIsRefused() throws {
        let scratch = try Scratch()
        // A questionnaire two folders up, where "../../evil-q" would lead from ./Questionnaires.
        _ = try scratch.file("evil-q.yaml", try Fixtures.miniText([]))
        let response = try scratch.file(
            "r.yaml",
            "questionnaire: \"../../evil-q\"\nrespondent: {organisation: X, typology: commune}\nanswers: {p1: \"yes\"}\n")
        for command in ["score", "validate", "report"] {
            let run = runCLI([command, response, "--lang", "en"])
            #expect(run.status == 1, "\(command)")
            #expect(
                run.err
                    == "\(response):1:16: error: '../../evil-q' is not a questionnaire id (letters, digits, '-', '_', '.', no '/' and no leading '.'): correct 'questionnaire' in the response, or give the file with --questionnaire FILE\n",
                "\(command)")
            #expect(run.out == "")
        }
        let hidden = try scratch.file("h.yaml", "questionnaire: .hidden\nrespondent: {organisation: X, typology: commune}\n")
        #expect(
            runCLI(["score", hidden]).err.hasPrefix(
                "\(hidden):1:16: error: « .hidden » n'est pas un identifiant de questionnaire"))
    }

    @Test func commandErrorsStartWithTheSamePrefixInFrench() throws {
        let template = runCLI(["template", "--typology", "canton", "--questionnaire", mini])
        #expect(template.err.hasPrefix("error: typologie inconnue « canton »"))
        let missing = runCLI(["aggregate", "--campaign", "c", "--db", "/nonexistent/none.sqlite"])
        #expect(missing.err.hasPrefix("error: la base /nonexistent/none.sqlite n'existe pas"))
        let locator = runCLI(["template", "--typology", "commune", "--questionnaire", "/nonexistent/q.yaml"])
        #expect(locator.err.hasPrefix("/nonexistent/q.yaml: error: "))
        let write = runCLI(["simulate", "--respondents", "1", "--questionnaire", mini, "--output", "/nonexistent/dir/x.csv"])
        #expect(write.err == "error: impossible d'écrire /nonexistent/dir/x.csv\n")
        for run in [template, missing, write] { #expect(!run.err.contains("erreur :")) }
    }

    /// A database SQLite cannot open (a folder given for it, a missing folder) says what to check.
    @Test func aDatabaseThatCannotBeOpenedSaysWhatToCheck() throws {
        let scratch = try Scratch()
        let folder = scratch.folder + "/base.sqlite"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
        for arguments in [
            ["campaigns", "--db", folder],
            [
                "import", "--campaign", "c", "--db", scratch.folder + "/missing/x.sqlite",
                Fixtures.repository("Examples/responses/commune-lucey.yaml"),
            ],
        ] {
            let run = runCLI(arguments + ["--lang", "en"])
            #expect(run.status == 1)
            #expect(run.err.hasPrefix("error: cannot open "), "\(run.err)")
            #expect(run.err.contains("(SQLite: “unable to open database file”): check that it is a file, that its folder exists"))
        }
    }

    @Test func aNonFiniteNumberInJSONIsAClearErrorNotFoundations() {
        #expect {
            _ = try JSONOutput.encode(["score": Double.nan], language: .en)
        } throws: { error in
            (error as? CommandFailure)?.message
                == "error: the result cannot be written as JSON (a number is not finite): check the questionnaire with od4g validate"
        }
        #expect((try? JSONOutput.encode(["score": 1.5], language: .en)) == "{\n  \"score\" : 1.5\n}")
    }

    @Test func simulateRefusesAWaveOutOfRange() {
        let run = runCLI(["simulate", "--respondents", "1", "--wave", "9223372036854775807", "--questionnaire", mini])
        #expect(run.status == 64)
        #expect(run.err.hasPrefix("error: --wave : de 0 à 1000 (9223372036854775807)\n"))
        let last = runCLI(["simulate", "--respondents", "2", "--wave", "1000", "--questionnaire", mini])
        #expect(last.status == 0)
        #expect(last.out.split(separator: "\n").count == 3)
    }
}

/// Form exports as they come: old line endings, trailing separators, bad cells, broken files.
@Suite struct ImportRobustnessCLITests {
    let mini = Fixtures.path("mini.yaml")

    func importFiles(_ scratch: Scratch, _ files: [String], extra: [String] = []) -> CLIRun {
        runCLI(["import", "--campaign", "c1", "--questionnaire", mini, "--db", scratch.db, "--lang", "en"] + files + extra)
    }

    @Test func oldMacLineEndingsAreRows() throws {
        let scratch = try Scratch()
        let path = try scratch.file(
            "cr.csv",
            "organisation,typology,population,agents,departement,role,email,p1,p2,p3,s1,s2,s3,s4,u1,u2\r"
                + "Commune A,commune,300,3,55,dgs,,yes,funded,4,yes,own;shared,,,skills,\r"
                + "Commune B,commune,450,4,55,dgs,,yes,none,0,no,,,,skills;licence,\r")
        let run = importFiles(scratch, [path])
        #expect(run.status == 0, "\(run.err)")
        #expect(run.out == "Campaign 'c1': 2 response(s) added, 0 replaced\n")
    }

    @Test func aTrailingSeparatorInTheHeaderIsNotAnUnknownColumn() throws {
        let scratch = try Scratch()
        let path = try scratch.file("t.csv", "organisation,typology,p1,\nA,commune,yes,\nB,commune,no\n")
        let run = importFiles(scratch, [path])
        #expect(run.status == 0, "\(run.err)")
        #expect(run.out == "Campaign 'c1': 2 response(s) added, 0 replaced\n")
        let value = try scratch.file("v.csv", "organisation,typology,p1,\nC,commune,yes,stray\n")
        let refused = importFiles(scratch, [value])
        #expect(refused.status == 1)
        #expect(
            refused.err.hasPrefix(
                value + ":2: error: row 2, unnamed column (column 4): value 'stray'; give the column a header or empty it\n"))
    }

    @Test func anInvalidConfidenceCellIsAnErrorAsInAResponseFile() throws {
        let scratch = try Scratch()
        let path = try scratch.file("conf.csv", "organisation,typology,p1.confidence,p1\nA,commune,maybe,yes\n")
        let run = importFiles(scratch, [path])
        #expect(run.status == 1)
        #expect(
            run.err.hasPrefix(
                path
                    + ":2: error: row 2, column 'p1.confidence': invalid value 'maybe' for 'confidence' (possible values: sure, unsure)\n"
            ))
        #expect(!FileManager.default.fileExists(atPath: scratch.db))
    }

    @Test func aJustificationWithoutAnswerIsWarnedAbout() throws {
        let scratch = try Scratch()
        let path = try scratch.file("j.csv", "organisation,typology,p1,p2.justification\nA,commune,yes,Délibération\n")
        let run = importFiles(scratch, [path])
        #expect(run.status == 0)
        #expect(
            run.err
                == path
                + ":2: warning: row 2, column 'p2.justification': justification, evidence or confidence given without an answer: they are not stored; add the answer (or dont_know)\n"
        )
    }

    @Test func skipInvalidCannotGetPastAnUnreadableFileAndLeavesNoRejectedFile() throws {
        let scratch = try Scratch()
        let path = try scratch.file("sk.csv", "organisation,typology,p1\nA,commune,yes\nB,commune,maybe\nC,commune,\"yes\n")
        let run = importFiles(scratch, [path], extra: ["--skip-invalid"])
        #expect(run.status == 1)
        #expect(run.err.contains(path + ":4: error: quote opened on line 4 is never closed: check the quotes of that line\n"))
        #expect(!run.err.contains("use --skip-invalid"))
        #expect(
            run.err.hasSuffix(
                "2 error(s): nothing was imported; fix them (an unreadable file or an invalid header stops the import, even with --skip-invalid)\n"
            ))
        #expect(!FileManager.default.fileExists(atPath: scratch.folder + "/sk.rejected.csv"))
        #expect(!FileManager.default.fileExists(atPath: scratch.db))
    }

    @Test func aMappingFileOfAnotherKindOrWithAnEmptySeparatorIsRefused() throws {
        let scratch = try Scratch()
        let csv = try scratch.file("a.csv", "organisation,typology,p1\nA,commune,yes\n")
        let mapping = try scratch.file("map.yaml", "kind: questionnaire\nseparator: \"\"\n")
        let run = importFiles(scratch, [csv], extra: ["--mapping", mapping])
        #expect(run.status == 1)
        #expect(
            run.err == """
                \(mapping):1:7: error: file kind 'questionnaire': this file must say 'kind: column-mapping'
                \(mapping):2:12: error: 'separator' cannot be empty: give the character that separates multiple choices (e.g. ';' or '|')

                """)
    }

    @Test func aFailedSimulationIntoANewDatabaseLeavesNoDatabase() throws {
        let scratch = try Scratch()
        // A required profile field the simulator cannot fill: every simulated respondent is refused.
        let questionnaire = try scratch.file(
            "q.yaml",
            try Fixtures.miniText([
                (
                    "  - {id: email, kind: text, personal: true,",
                    "  - {id: siret, kind: text, required: true, label: {fr: SIRET, en: SIRET}}\n  - {id: email, kind: text, personal: true,"
                )
            ]))
        let run = runCLI([
            "simulate", "--respondents", "2", "--campaign", "c1", "--questionnaire", questionnaire, "--db", scratch.db, "--lang",
            "en",
        ])
        #expect(run.status == 1)
        #expect(run.err.contains("simulation:1: error: respondent.siret: required profile field 'siret' is missing\n"))
        #expect(!FileManager.default.fileExists(atPath: scratch.db))
    }
}
