import DiagnosticPipeline
import DiagnosticTestSupport
import Foundation
import Testing

/// The layouts survey tools write import with the scores of the same answers in od4g's own CSV.
@Suite struct SurveyExportTests {
    let mini = Fixtures.path("mini.yaml")
    let header = "organisation,typology,population,agents,departement,role,email,p1,p2,p3,s1,s2,s3,s4,u1,u2\n"
    /// The answers every layout below gives, in od4g's own CSV.
    let own = """
        Commune A,commune,300,3,55,dgs,,yes,funded,4,yes,own;shared,,,skills,
        Commune B,commune,450,4,55,dgs,,no,draft,2,no,,,,,Sans objet
        CC Une,cc,12000,40,55,cdo,,yes,none,,yes,national,60,,skills;licence,
        """

    func importing(_ scratch: Scratch, _ files: [String], _ extra: [String] = []) -> CLIRun {
        runCLI(["import", "--campaign", "c", "--questionnaire", mini, "--db", scratch.db, "--lang", "en"] + files + extra)
    }

    func openData(_ scratch: Scratch) -> String {
        runCLI(["export", "--campaign", "c", "--open-data", "--db", scratch.db, "--lang", "en"]).out
    }

    /// The open-data export of the same answers given in od4g's own CSV.
    func expected() throws -> String {
        let scratch = try Scratch()
        let run = importing(scratch, [try scratch.file("own.csv", header + own + "\n")])
        #expect(run.status == 0, "\(run.err)")
        return openData(scratch)
    }

    @Test func limeSurveyCodesPerQuestionOptionColumnsAndNoAnswerCellsNeedOnlyTheMapping() throws {
        let scratch = try Scratch()
        // Answer codes AO01… differ per question; a multiple choice is one Y column per option; N/A is no answer.
        let export = try scratch.file(
            "results-survey123.csv",
            "\u{FEFF}\"id\";\"submitdate\";\"org\";\"typ\";\"pop\";\"staff\";\"dep\";\"role\";\"P1\";\"P2\";\"P3\";\"S1\";\"S2[SQ001]\";\"S2[SQ002]\";\"S2[SQ003]\";\"S3\";\"U1[SQ001]\";\"U1[SQ002]\";\"U2\"\r\n"
                + "\"1\";\"2026-03-02 10:00:00\";\"Commune A\";\"commune\";\"300\";\"3\";\"55\";\"dgs\";\"AO01\";\"AO04\";\"Très bien\";\"AO01\";\"Y\";\"Y\";\"\";\"N/A\";\"Y\";\"\";\"\"\r\n"
                + "\"2\";\"2026-03-02 11:00:00\";\"Commune B\";\"commune\";\"450\";\"4\";\"55\";\"dgs\";\"AO02\";\"AO02\";\"2\";\"AO02\";\"\";\"\";\"\";\"N/A\";\"\";\"\";\"Sans objet\"\r\n"
                + "\"3\";\"2026-03-02 12:00:00\";\"CC Une\";\"cc\";\"12000\";\"40\";\"55\";\"cdo\";\"AO01\";\"AO01\";\"N/A\";\"AO01\";\"\";\"\";\"Y\";\"60\";\"Y\";\"Y\";\"\"\r\n"
        )
        let mapping = try scratch.file(
            "limesurvey.yaml",
            """
            kind: column-mapping
            columns:
              id: ignore
              submitdate: ignore
              org: organisation
              typ: typology
              pop: population
              staff: agents
              dep: departement
              P1: p1
              P2: p2
              P3: p3
              S1: s1
              "S2[SQ001]": s2.own
              "S2[SQ002]": s2.shared
              "S2[SQ003]": s2.national
              S3: s3
              "U1[SQ001]": u1.skills
              "U1[SQ002]": u1.licence
              U2: u2
            values:
              "N/A": ""
              p1: {AO01: "yes", AO02: "no"}
              s1: {AO01: "yes", AO02: "no"}
              p2: {AO01: none, AO02: draft, AO03: adopted, AO04: funded}
              p3: {"Très bien": "4"}
            """)
        let run = importing(scratch, [export], ["--mapping", mapping])
        #expect(run.status == 0, "\(run.err)")
        #expect(run.out == "Campaign 'c': 3 response(s) added, 0 replaced\n")
        #expect(openData(scratch) == (try expected()))
        // LimeSurvey's "N/A" is no answer even when the mapping does not say so.
        let withoutNA = try scratch.file(
            "no-na.yaml",
            try String(contentsOfFile: mapping, encoding: .utf8).replacingOccurrences(of: "  \"N/A\": \"\"\n", with: ""))
        #expect(!(try String(contentsOfFile: withoutNA, encoding: .utf8)).contains("N/A"))
        let unmapped = try Scratch()
        #expect(importing(unmapped, [export], ["--mapping", withoutNA]).status == 0)
        #expect(openData(unmapped) == (try expected()))
        // A code the mapping turns into an id the question does not offer: the cell as written is quoted too.
        let typo = try scratch.file(
            "typo.yaml", "columns:\n  org: organisation\n  typ: typology\n  P2: p2\nvalues:\n  p2: {AO04: fundde}\n")
        let mistyped = importing(
            try Scratch(), [try scratch.file("codes.csv", "org,typ,P2\nCommune A,commune,AO04\n")], ["--mapping", typo])
        #expect(mistyped.status == 1)
        #expect(
            mistyped.err.contains("codes.csv:2: error: row 2, column 'P2', cell 'AO04': answer 'fundde' is not offered"),
            "\(mistyped.err)")
        // An option column holding neither a mark nor nothing is an error of its row and column.
        let wrong = try scratch.file(
            "wrong.csv",
            "org,typ,P1,S1,S2[SQ001]\nCommune A,commune,AO01,AO01,peut-être\n")
        let refused = importing(try Scratch(), [wrong], ["--mapping", mapping])
        #expect(refused.status == 1)
        #expect(
            refused.err.contains(
                "wrong.csv:2: error: row 2, column 'S2[SQ001]': invalid value 'peut-être' for 'own' (possible values: Y, 1, X, N, 0)"
            ),
            "\(refused.err)")
    }

    @Test func koboToolboxGroupsAndChoiceColumnsAreRecognisedBesideTheSummary() throws {
        let scratch = try Scratch()
        let columns =
            "\"start\";\"_id\";\"organisation\";\"typology\";\"population\";\"agents\";\"departement\";\"role\";\"email\";\"piloter/p1\";\"piloter/p2\";\"piloter/p3\";\"partager/s1\";\"partager/s2\";\"partager/s2/own\";\"partager/s2/shared\";\"partager/s2/national\";\"partager/s3\";\"partager/s4\";\"u1\";\"u1/skills\";\"u1/licence\";\"u2\"\n"
        let rows = [
            "\"2026-03-02T10:00:00\";\"1\";\"Commune A\";\"commune\";\"300\";\"3\";\"55\";\"dgs\";\"\";\"yes\";\"funded\";\"4\";\"yes\";\"own shared\";\"1\";\"1\";\"0\";\"\";\"\";\"skills\";\"1\";\"0\";\"\"\n",
            "\"2026-03-02T11:00:00\";\"2\";\"Commune B\";\"commune\";\"450\";\"4\";\"55\";\"dgs\";\"\";\"no\";\"draft\";\"2\";\"no\";\"\";\"0\";\"0\";\"0\";\"\";\"\";\"\";\"0\";\"0\";\"Sans objet\"\n",
            "\"2026-03-02T12:00:00\";\"3\";\"CC Une\";\"cc\";\"12000\";\"40\";\"55\";\"cdo\";\"\";\"yes\";\"none\";\"\";\"yes\";\"national\";\"0\";\"0\";\"1\";\"60\";\"\";\"skills licence\";\"1\";\"1\";\"\"\n",
        ]
        let export = try scratch.file("kobo.csv", columns + rows.joined())
        // No mapping: Kobo's own columns (`start`, `_id`) are known for what they are.
        let run = importing(scratch, [export])
        #expect(run.status == 0, "\(run.err)")
        #expect(openData(scratch) == (try expected()))
    }

    @Test func rowsAboveTheHeaderArePassedOverAndRowNumbersStayThoseOfTheFile() throws {
        // Framaforms: the form's title on the first line, then the labels, tab-separated.
        let lines =
            ["Questionnaire mini (Framaforms)", String(header.dropLast()).replacingOccurrences(of: ",", with: "\t")]
            + own.split(separator: "\n").map { $0.replacingOccurrences(of: ",", with: "\t") }
        let scratch = try Scratch()
        let export = try scratch.file("framaforms.tsv", lines.joined(separator: "\n") + "\n")
        let run = importing(scratch, [export])
        #expect(run.status == 0, "\(run.err)")
        #expect(openData(scratch) == (try expected()))
        // An error names the row as the file numbers it: the third answer is on line 5.
        let wrong = try scratch.file(
            "wrong.tsv", lines.joined(separator: "\n").replacingOccurrences(of: "CC Une\tcc", with: "CC Une\tcanton") + "\n")
        let refused = importing(try Scratch(), [wrong])
        #expect(refused.err.contains("wrong.tsv:5: error: row 5, column 'typology'"), "\(refused.err)")
        // The mapping may say which row holds the headers.
        let mapping = try scratch.file("header.yaml", "kind: column-mapping\nheader_row: 2\n")
        let mapped = importing(try Scratch(), [export], ["--mapping", mapping])
        #expect(mapped.status == 0, "\(mapped.err)")
    }

    @Test func aScoredQuestionWithoutAColumnIsAWarningThatNamesIt() throws {
        let scratch = try Scratch()
        let export = try scratch.file(
            "partial.csv", "organisation,typology,p1,p2,p3,s1,Horodateur\nCommune A,commune,yes,funded,4,no,2026-03-02\n")
        let mapping = try scratch.file("ignore.yaml", "kind: column-mapping\ncolumns:\n  Horodateur: ignore\n")
        let run = importing(scratch, [export], ["--mapping", mapping])
        #expect(run.status == 0, "\(run.err)")
        #expect(
            run.err.contains(
                "partial.csv:1: warning: 3 scored question(s) with no column in this file, counted as unanswered in every row: s2, s3, s4 (a column ignored or misnamed? see --mapping)"
            ), "\(run.err)")
    }

    @Test func theRejectedRowsFileImportsAsItIsOnceCorrected() throws {
        let scratch = try Scratch()
        let path = try scratch.file(
            "mixed.csv", header + "Commune Y,commune,300,3,55,dgs,,yes,,,,,,,,\nCommune A,canton,300,3,55,dgs,,yes,,,,,,,,\n")
        #expect(importing(scratch, [path], ["--skip-invalid"]).status == 0)
        let rejected = scratch.folder + "/mixed.rejected.csv"
        let corrected = try String(contentsOfFile: rejected, encoding: .utf8).replacingOccurrences(
            of: "Commune A,canton", with: "Commune A,commune")
        try corrected.write(toFile: rejected, atomically: true, encoding: .utf8)
        let again = importing(scratch, [rejected])
        #expect(again.status == 0, "\(again.err)")
        #expect(again.out == "Campaign 'c': 1 response(s) added, 0 replaced\n")
    }

    @Test func skippingEveryRowIsAFailureThatCreatesNoCampaign() throws {
        let scratch = try Scratch()
        let path = try scratch.file(
            "bad.csv", header + "Commune A,canton,300,3,55,dgs,,yes,,,,,,,,\nCommune B,canton,300,3,55,dgs,,no,,,,,,,,\n")
        let run = importing(scratch, [path], ["--skip-invalid"])
        #expect(run.status == 1, "\(run.out) \(run.err)")
        #expect(run.err.contains("every row was rejected"), "\(run.err)")
        #expect(!FileManager.default.fileExists(atPath: scratch.db), "no campaign is created")
    }

    @Test func aRespondentWhoAnsweredTwiceKeepsTheFirstOrTheLatestRow() throws {
        // Google Forms: "Horodateur" first, day-first dates. Commune B answered on 3 March, then on
        // 2 March according to the timestamps, though the rows come in the other order.
        let columns = "Horodateur,organisation,typology,p1,s1\n"
        let rows =
            "03/03/2026 10:00:00,Commune B,commune,yes,no\n02/03/2026 09:00:00,Commune A,commune,no,no\n02/03/2026 09:30:00,Commune B,commune,no,no\n"
        let scratch = try Scratch()
        let export = try scratch.file("google.csv", columns + rows)
        // Google's "Horodateur" is known as the timestamp; the mapping may say it too.
        let mapping = try scratch.file("google.yaml", "kind: column-mapping\ncolumns:\n  Horodateur: timestamp\n")
        let unmapped = importing(try Scratch(), [export], ["--keep", "latest"])
        #expect(unmapped.err.contains("row 2 is kept (--keep latest)"), "\(unmapped.err)")
        func kept(_ lines: String) throws -> String {
            let only = try Scratch()
            #expect(importing(only, [try only.file("kept.csv", columns + lines)], ["--mapping", mapping]).status == 0)
            return openData(only)
        }
        let refused = importing(try Scratch(), [export], ["--mapping", mapping])
        #expect(refused.status == 1)
        #expect(
            refused.err.contains("google.csv:4: error: row 4: same respondent of the same organisation as row 2: keep one row"))
        let latest = try Scratch()
        let byTime = importing(latest, [export], ["--mapping", mapping, "--keep", "latest"])
        #expect(byTime.status == 0, "\(byTime.err)")
        #expect(byTime.out == "Campaign 'c': 2 response(s) added, 0 replaced\n1 duplicate row(s) not imported (--keep)\n")
        #expect(
            byTime.err.contains(
                "google.csv:4: warning: row 4: same respondent of the same organisation as row 2; row 2 is kept (--keep latest), this one is not imported"
            ), "\(byTime.err)")
        #expect(
            openData(latest)
                == (try kept("03/03/2026 10:00:00,Commune B,commune,yes,no\n02/03/2026 09:00:00,Commune A,commune,no,no\n")))
        // Without a timestamp column, the latest row is the last one in the file: it replaces the earlier.
        let last = try Scratch()
        let byOrder = importing(
            last, [export], ["--mapping", try scratch.file("plain.yaml", "columns:\n  Horodateur: ignore\n"), "--keep", "latest"])
        #expect(byOrder.status == 0, "\(byOrder.err)")
        #expect(byOrder.out == "Campaign 'c': 2 response(s) added, 0 replaced\n")
        #expect(
            byOrder.err.contains(
                "google.csv:4: warning: row 4: same respondent of the same organisation as row 2, which it replaces (--keep latest)"
            ))
        // (The organisations were met in another order: the lines are compared as a set.)
        #expect(
            Set(openData(last).split(separator: "\n"))
                == Set(
                    try kept("02/03/2026 09:00:00,Commune A,commune,no,no\n02/03/2026 09:30:00,Commune B,commune,no,no\n").split(
                        separator: "\n")))
        let first = importing(try Scratch(), [export], ["--mapping", mapping, "--keep", "first"])
        #expect(first.status == 0)
        #expect(first.err.contains("row 2 is kept (--keep first)"))
    }

    @Test func timestampsOfTheFormsSortAsTime() throws {
        let iso = try #require(KeepRule.time("2026-03-02T10:00:00Z"))
        #expect(KeepRule.time("02/03/2026 10:00:00") == iso, "day first, as French forms write it")
        #expect(KeepRule.time("2026-03-02 10:00:00") == iso)
        #expect(try #require(KeepRule.time("2026-03-02 10:00:01")) > iso)
        #expect(try #require(KeepRule.time("01/03/2026 23:59:59")) < iso)
        #expect(try #require(KeepRule.time("2025-12-31")) < iso)
        // A spreadsheet's date number: 46083 is 2 March 2026, 46083.5 its noon.
        #expect(try #require(KeepRule.time("46083.5")) > (try #require(KeepRule.time("46083"))))
        #expect(KeepRule.time("hier") == nil)
        #expect(KeepRule.time("31/13/2026") == nil)
    }
}
