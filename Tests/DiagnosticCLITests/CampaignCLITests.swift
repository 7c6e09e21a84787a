import DiagnosticTestSupport
import Foundation
import Testing

/// A scratch folder with a database path, removed at the end of the test.
final class Scratch {
    let folder: String
    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("od4g-cli-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(atPath: folder) }
    var db: String { folder + "/od4g.sqlite" }
    func file(_ name: String, _ contents: String) throws -> String {
        let path = folder + "/" + name
        try contents.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }
    func bytes(_ path: String) -> Data? { FileManager.default.contents(atPath: path) }
}

@Suite struct CampaignCLITests {
    let mini = Fixtures.path("mini.yaml")
    let campaignCSV = Fixtures.path("mini-campaign.csv")
    let header = "organisation,typology,population,agents,departement,role,email,p1,p2,p3,s1,s2,s3,s4,u1,u2\n"

    func importCampaign(_ scratch: Scratch, name: String = "c1", files: [String]? = nil, extra: [String] = []) -> CLIRun {
        runCLI(
            ["import", "--campaign", name, "--questionnaire", mini, "--db", scratch.db, "--lang", "en"] + (files ?? [campaignCSV])
                + extra)
    }

    @Test func importThenAggregateGivesTheHandComputedFigures() throws {
        let scratch = try Scratch()
        let imported = importCampaign(scratch)
        #expect(imported.status == 0, "\(imported.err)")
        #expect(imported.out == "Campaign 'c1': 9 response(s) added, 0 replaced\n")
        let run = runCLI([
            "aggregate", "--campaign", "c1", "--db", scratch.db, "--format", "json", "--lang", "en", "--min-group", "2",
        ])
        #expect(run.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.out.utf8)) as? [String: Any])
        #expect(json["schema"] as? String == "od4g-aggregate/1")
        let groups = try #require(json["groups"] as? [[String: Any]])
        #expect(groups.map { $0["key"] as? String } == ["*", "cc", "commune"])
        let commune = groups[2]
        #expect(commune["organisations"] as? Int == 6)
        #expect(commune["respondents"] as? Int == 7)
        let overall = try #require(commune["overall"] as? [String: Any])
        // median of 0, 0, 500/23, 50, 60.08, 100 = (21.739 + 50) / 2
        #expect(overall["median"] as? Double == 35.87)
        #expect(overall["q1"] as? Double == 5.43)
        #expect(commune["levels"] as? [String: Int] == ["n1": 3, "n3": 2, "n4": 1])
        #expect((commune["question_success"] as? [String: Double])?["p1"] == 0.4167)
        let tallies = try #require(commune["tallies"] as? [String: [String: Any]])
        #expect(tallies["u1"]?["counts"] as? [String: Int] == ["skills": 3, "licence": 2])
        // With the default threshold (5), the CC group (2 organisations) is withheld, and the
        // communes with it: the whole minus the communes would give the CCs' figures.
        let defaults = try #require(
            (try JSONSerialization.jsonObject(
                with: Data(runCLI(["aggregate", "--campaign", "c1", "--db", scratch.db, "--format", "json"]).out.utf8))
                as? [String: Any])?["groups"] as? [[String: Any]])
        let cc = defaults[1]
        #expect(cc["withheld"] as? Bool == true && cc["withheld_with_another"] as? Bool == false)
        #expect(cc["overall"] is NSNull)
        #expect(defaults[2]["withheld"] as? Bool == true && defaults[2]["withheld_with_another"] as? Bool == true)
        let open = runCLI(["aggregate", "--campaign", "c1", "--db", scratch.db, "--format", "json", "--min-group", "2"])
        let openGroups = try #require(
            (try JSONSerialization.jsonObject(with: Data(open.out.utf8)) as? [String: Any])?["groups"] as? [[String: Any]])
        #expect(openGroups[1]["withheld"] as? Bool == false)
    }

    @Test func aggregateAsTextAndCSV() throws {
        let scratch = try Scratch()
        #expect(importCampaign(scratch).status == 0)
        let text = runCLI(["aggregate", "--campaign", "c1", "--db", scratch.db, "--lang", "en"])
        #expect(text.out.contains("■ Municipality — 6 organisation(s), 7 respondent(s)\n"))
        #expect(
            text.out.contains(
                "■ Community of municipalities — 2 organisation(s), 2 respondent(s)\n  (withheld: group too small to publish)\n"))
        let csv = runCLI(["aggregate", "--campaign", "c1", "--db", scratch.db, "--format", "csv", "--by", "departement"])
        #expect(csv.status == 0)
        #expect(
            csv.out.hasPrefix(
                "group,organisations,respondents,withheld,indicator,statistic,value\n*,8,9,0,incomplete,organisations,0\n*,8,9,0,overall,count,8\n"
            ))
        #expect(csv.out.contains("\n55,3,3,1,,,\n"))
    }

    @Test func importingAgainReplacesInsteadOfDuplicating() throws {
        let scratch = try Scratch()
        #expect(importCampaign(scratch).status == 0)
        let again = importCampaign(scratch)
        #expect(again.out == "Campaign 'c1': 0 response(s) added, 9 replaced\n")
        #expect(runCLI(["campaigns", "--db", scratch.db, "--lang", "en"]).out == "c1 — mini 1.0, 8 organisations, 9 responses\n")
    }

    /// Each malformed input: its exact message, exit status 1, and the database byte for byte as before.
    @Test(arguments: [
        (
            "unbalanced-quotes", "Commune A,commune,300,3,55,dgs,,\"yes,funded,4,yes,own,,,,\n",
            ":3: error: quote opened on line 3 is never closed: check the quotes of that line"
        ),
        ("wrong-count", "Commune A,commune,300,3,55\n", ":3: error: row 3: 5 cells instead of 16 (one per header column)"),
        (
            "unknown-typology", "Commune A,canton,300,3,55,dgs,,yes,,,,,,,,\n",
            ":3: error: row 3, column 'typology': unknown typology 'canton' (known typologies: region, departement, cc, metropole, commune, pnr, agence)"
        ),
        (
            "option-not-offered", "Commune A,commune,300,3,55,dgs,,peut-être,,,,,,,,\n",
            ":3: error: row 3, column 'p1': answer 'peut-être' is not offered (possible answers: yes, no, dont_know)"
        ),
        (
            "duplicate-respondent", "Commune Z,commune,300,3,55,dgs,,yes,,,,,,,,\nCommune Z,commune,300,3,55,dgs,,no,,,,,,,,\n",
            ":4: error: row 4: same respondent of the same organisation as row 3: keep one row"
        ),
    ])
    func badRowsAreReportedAndNothingIsWritten(_ name: String, _ rows: String, _ expected: String) throws {
        let scratch = try Scratch()
        #expect(importCampaign(scratch).status == 0)
        let before = scratch.bytes(scratch.db)
        let path = try scratch.file("\(name).csv", header + "Commune Y,commune,300,3,55,dgs,,yes,,,,,,,,\n" + rows)
        let run = importCampaign(scratch, name: "c2", files: [path])
        #expect(run.status == 1)
        #expect(run.err.contains(path + expected + "\n"), "\(run.err)")
        // --skip-invalid is suggested only where it can help: not past a file that cannot be read.
        let advice =
            name == "unbalanced-quotes"
            ? "error(s): nothing was imported; fix them (an unreadable file or an invalid header stops the import, even with --skip-invalid)\n"
            : "error(s): nothing was imported (fix them, or use --skip-invalid to import the good rows)\n"
        #expect(run.err.hasSuffix(advice))
        #expect(scratch.bytes(scratch.db) == before)
    }

    @Test func unknownColumnAndInvalidUTF8() throws {
        let scratch = try Scratch()
        let columns = try scratch.file("columns.csv", "organisation,typology,remarque\nX,commune,2025\n")
        let run = importCampaign(scratch, files: [columns])
        #expect(run.status == 1)
        #expect(
            run.err.hasPrefix(
                columns
                    + ":1:3: error: unknown column 'remarque': name it by a question or profile id, or map it in a mapping file (--mapping)\n"
            ))
        var bytes = Data((header + "Commune A,commune,300,3,55,dgs,,yes,,,,,,,,\n").utf8)
        bytes.append(contentsOf: Array("Commune B,commune,300,3,55,dgs,,".utf8) + [0xE9] + Array("t\u{e9},,,,,,,,\n".utf8))
        let latin1 = scratch.folder + "/latin1.csv"
        FileManager.default.createFile(atPath: latin1, contents: bytes)
        let invalid = importCampaign(scratch, files: [latin1])
        #expect(invalid.status == 1)
        #expect(invalid.err.hasPrefix(latin1 + ":3: error: bytes that are not UTF-8 text: export the file as UTF-8\n"))
        #expect(!FileManager.default.fileExists(atPath: scratch.db), "a database the failed import created is removed")
    }

    @Test func skipInvalidImportsTheGoodRowsAndWritesTheOthersAside() throws {
        let scratch = try Scratch()
        let path = try scratch.file(
            "mixed.csv",
            header
                + "Commune Y,commune,300,3,55,dgs,,yes,,,,,,,,\nCommune A,canton,300,3,55,dgs,,yes,,,,,,,,\nCommune W,commune,300,3,55,dgs,,no,,,,,,,,\n"
        )
        let run = importCampaign(scratch, files: [path], extra: ["--skip-invalid"])
        #expect(run.status == 0)
        #expect(
            run.out
                == "Campaign 'c1': 2 response(s) added, 0 replaced\n1 row(s) rejected → \(scratch.folder)/mixed.rejected.csv\n")
        let rejected = try String(contentsOfFile: scratch.folder + "/mixed.rejected.csv", encoding: .utf8)
        #expect(
            rejected == header.dropLast()
                + ",od4g_errors\nCommune A,canton,300,3,55,dgs,,yes,,,,,,,,,\"row 3, column 'typology': unknown typology 'canton' (known typologies: region, departement, cc, metropole, commune, pnr, agence)\"\n"
        )
    }

    @Test func dryRunWritesNothing() throws {
        let scratch = try Scratch()
        let run = importCampaign(scratch, extra: ["--dry-run"])
        #expect(run.status == 0)
        #expect(run.out == "Check: 9 valid response(s), nothing written (--dry-run)\n")
        #expect(!FileManager.default.fileExists(atPath: scratch.db))
    }

    @Test func aFolderOfResponseFiles() throws {
        let scratch = try Scratch()
        let folder = scratch.folder + "/responses"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try "respondent: {organisation: Commune A, typology: commune}\nanswers: {p1: \"yes\"}\n".write(
            toFile: folder + "/a.yaml", atomically: true, encoding: .utf8)
        try #"{"respondent": {"organisation": "Commune B", "typology": "commune"}, "answers": {"p1": "no"}}"#.write(
            toFile: folder + "/b.json", atomically: true, encoding: .utf8)
        try "notes".write(toFile: folder + "/readme.txt.bak", atomically: true, encoding: .utf8)
        // Notes and the rows an earlier import set aside are not read from a folder.
        try "À lire : réponses de mars\n".write(toFile: folder + "/LISEZMOI.txt", atomically: true, encoding: .utf8)
        try "organisation,typology,p1,od4g_errors\nCommune C,commune,maybe,bad\n".write(
            toFile: folder + "/export.rejected.csv", atomically: true, encoding: .utf8)
        let run = importCampaign(scratch, files: [folder])
        #expect(run.status == 0, "\(run.err)")
        #expect(run.out == "Campaign 'c1': 2 response(s) added, 0 replaced\n")
        #expect(
            run.err.contains(
                "\(folder)/export.rejected.csv: warning: skipped: rows an earlier import set aside; correct them, then import this file by naming it"
            ), "\(run.err)")
    }

    @Test func openDataExportHasNoPersonalFieldOrFreeText() throws {
        let scratch = try Scratch()
        #expect(importCampaign(scratch).status == 0)
        let run = runCLI(["export", "--campaign", "c1", "--open-data", "--db", scratch.db])
        #expect(run.status == 0)
        let lines = run.out.split(separator: "\n")
        #expect(
            lines.first
                == "campaign,period,questionnaire,questionnaire_version,organisation,official_code,typology,family,departement,respondents,overall_score,overall_level,complete,piloter_score,piloter_level,partager_score,partager_level,q_p1,q_p2,q_p3,q_s1,q_s2,q_s3,q_s4"
        )
        #expect(lines.count == 9)
        #expect(lines.contains("c1,,mini,1.0,Commune F,,commune,commune,57,2,50,n3,1,50,n3,50,n3,0.5,0.5,0.5,0.5,0.5,,"))
        #expect(!run.out.contains("@example.org"))
        #expect(!run.out.contains("manquons"))
        #expect(!run.out.contains("dgs"))
        #expect(runCLI(["export", "--campaign", "c1", "--db", scratch.db]).status == 64)
    }

    @Test func compareAnOrganisationWithItsPeersAndAcrossCampaigns() throws {
        let scratch = try Scratch()
        #expect(importCampaign(scratch).status == 0)
        let position = runCLI([
            "compare", "--campaign", "c1", "--organisation", "commune d", "--db", scratch.db, "--format", "json",
        ])
        #expect(position.status == 0, "\(position.err)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(position.out.utf8)) as? [String: Any])
        let lines = try #require(json["position"] as? [[String: Any]])
        #expect(lines[0]["typology_percentile"] as? Double == 75)
        #expect(lines[0]["campaign_percentile"] as? Double == 68.75)
        let improved = try scratch.file("b.csv", header + "Commune B,commune,450,4,55,dgs,,yes,funded,4,no,,,,,\n")
        #expect(importCampaign(scratch, name: "c2", files: [improved]).status == 0)
        let change = runCLI([
            "compare", "--campaign", "c1", "--campaign", "c2", "--organisation", "Commune B", "--db", scratch.db, "--lang", "en",
        ])
        #expect(change.status == 0, "\(change.err)")
        #expect(change.out.contains("Change from 'c1' to 'c2'"))
        #expect(change.out.contains("Questions whose answer changed (2)"))
        let twoVoices = runCLI(["compare", "--campaign", "c1", "--organisation", "Commune F", "--db", scratch.db, "--lang", "en"])
        #expect(
            twoVoices.out.contains(
                """
                Commune F: gap between its 2 respondents (dgs, elu)
                  Steer                          spread 100 pts
                  Share                          spread 100 pts
                  Different answers: p1, p2, p3, s1
                """))
        let unknown = runCLI(["compare", "--campaign", "c1", "--organisation", "Commune Q", "--db", scratch.db, "--lang", "en"])
        #expect(unknown.status == 1)
        #expect(unknown.err == "error: organisation 'Commune Q' not found; did you mean 'Commune A'?\n")
        // Store errors are worded in the command's language: French by default.
        let french = runCLI(["compare", "--campaign", "c1", "--organisation", "Commune Q", "--db", scratch.db])
        #expect(french.err == "error: organisation « Commune Q » introuvable ; vouliez-vous dire « Commune A » ?\n")
    }

    @Test func databasesThatAreNotOursAreLeftAlone() throws {
        let scratch = try Scratch()
        let notes = try scratch.file("notes.sqlite", "not a database\n")
        let run = runCLI(["import", "--campaign", "c", "--questionnaire", mini, "--db", notes, campaignCSV, "--lang", "en"])
        #expect(run.status == 1)
        #expect(run.err == "error: \(notes) is not an SQLite database: choose another file with --db\n")
        #expect(try String(contentsOfFile: notes, encoding: .utf8) == "not a database\n")
        let missing = runCLI(["aggregate", "--campaign", "c", "--db", scratch.folder + "/none.sqlite", "--lang", "en"])
        #expect(missing.status == 1)
        #expect(missing.err.hasPrefix("error: database \(scratch.folder)/none.sqlite does not exist"))
    }

    /// The import is killed (SIGKILL) after 40 rows, inside its transaction: the database is as before.
    @Test func aKilledImportLeavesTheDatabaseAsItWas() throws {
        let scratch = try Scratch()
        #expect(importCampaign(scratch).status == 0)
        let before = runCLI(["aggregate", "--campaign", "c1", "--db", scratch.db, "--format", "csv"]).out
        let big = scratch.folder + "/big.csv"
        #expect(
            runCLI(["simulate", "--respondents", "200", "--seed", "3", "--questionnaire", mini, "--output", big]).status == 0)
        // od4g with the fault injected: production od4g has no such hook.
        let program = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            .appendingPathComponent("od4g-faults")
        #expect(FileManager.default.isExecutableFile(atPath: program.path), "od4g-faults is built next to the tests")
        let process = Process()
        process.executableURL = program
        process.arguments = ["import", "--campaign", "c2", "--questionnaire", mini, "--db", scratch.db, big]
        process.environment = ["OD4G_FAULT_KILL_AFTER_ROWS": "40"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)
        #expect(process.terminationStatus == SIGKILL)
        #expect(runCLI(["campaigns", "--db", scratch.db, "--lang", "en"]).out == "c1 — mini 1.0, 8 organisations, 9 responses\n")
        #expect(runCLI(["aggregate", "--campaign", "c1", "--db", scratch.db, "--format", "csv"]).out == before)
        let complete = runCLI(["import", "--campaign", "c2", "--questionnaire", mini, "--db", scratch.db, big, "--lang", "en"])
        #expect(complete.out == "Campaign 'c2': 200 response(s) added, 0 replaced\n", "\(complete.err)")
    }
}

/// Workbooks and CSV files in Windows-1252 import with the scores of the same answers in UTF-8 CSV.
@Suite struct WorkbookImportTests {
    let mini = Fixtures.path("mini.yaml")

    func imported(_ scratch: Scratch, _ files: [String], extra: [String] = []) -> CLIRun {
        runCLI(["import", "--campaign", "c", "--questionnaire", mini, "--db", scratch.db, "--lang", "en"] + files + extra)
    }

    func openData(_ scratch: Scratch) -> String {
        runCLI(["export", "--campaign", "c", "--open-data", "--db", scratch.db, "--lang", "en"]).out
    }

    @Test func xlsxAndODSWorkbooksImportWithTheScoresOfTheCSV() throws {
        let csv = try Scratch()
        #expect(imported(csv, [Fixtures.path("mini-campaign.csv")]).status == 0)
        let expected = openData(csv)
        #expect(expected.contains("Commune A"))
        let xlsx = try Scratch()
        // The first sheet is a note: the answers' sheet is named.
        let first = imported(xlsx, [Fixtures.path("exports/mini-campaign.xlsx")])
        #expect(first.status == 1)
        #expect(first.err.contains("unknown column 'Export des réponses du questionnaire mini'"), "\(first.err)")
        #expect(!FileManager.default.fileExists(atPath: xlsx.db))
        let named = imported(xlsx, [Fixtures.path("exports/mini-campaign.xlsx")], extra: ["--sheet", "Réponses"])
        #expect(named.status == 0, "\(named.err)")
        #expect(named.out == "Campaign 'c': 9 response(s) added, 0 replaced\n")
        #expect(openData(xlsx) == expected)
        let ods = try Scratch()
        #expect(imported(ods, [Fixtures.path("exports/mini-campaign.ods")]).status == 0)
        #expect(openData(ods) == expected)
        let unknown = imported(try Scratch(), [Fixtures.path("exports/mini-campaign.ods")], extra: ["--sheet", "Feuil1"])
        #expect(unknown.status == 1)
        #expect(
            unknown.err.hasPrefix(
                Fixtures.path("exports/mini-campaign.ods") + ": error: no sheet 'Feuil1' in this workbook; sheets: 'Réponses'\n"),
            "\(unknown.err)")
    }

    @Test func aWorkbookIsNeverReadAsYAMLNorCountedAsARejectedRow() throws {
        let scratch = try Scratch()
        let fake = try scratch.file("réponses.xlsx", "questionnaire: mini\n")
        let run = imported(scratch, [fake], extra: ["--skip-invalid"])
        #expect(run.status == 1)
        #expect(
            run.err.hasPrefix(
                fake + ": error: not a readable XLSX workbook (a damaged file, or another format under that extension)\n"),
            "\(run.err)")
        #expect(run.err.contains("nothing was imported"))
        #expect(!FileManager.default.fileExists(atPath: scratch.db), "no campaign is created")
    }

    @Test func aWindows1252CSVIsReadWithAWarningAndTheSameScores() throws {
        let utf8 = try Scratch()
        let text = try String(contentsOfFile: Fixtures.path("mini-campaign.csv"), encoding: .utf8)
            .replacingOccurrences(of: "Commune A,", with: "Commune d’Épinal,")
        let source = try utf8.file("utf8.csv", text)
        #expect(imported(utf8, [source]).status == 0)
        let windows = try Scratch()
        let path = windows.folder + "/windows.csv"
        try #require(text.data(using: .windowsCP1252)).write(to: URL(fileURLWithPath: path))
        let run = imported(windows, [path])
        #expect(run.status == 0, "\(run.err)")
        #expect(
            run.err.contains(
                path + ": warning: file read as Windows-1252 (it is not UTF-8): check the accents of the imported answers"),
            "\(run.err)")
        #expect(openData(windows) == openData(utf8))
        #expect(openData(windows).contains("Commune d’Épinal"))
    }
}
