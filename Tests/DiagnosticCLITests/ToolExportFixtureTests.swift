import DiagnosticTestSupport
import Foundation
import GRDB
import Testing

/// The OD4Growth questionnaire answered by 20 respondents (communes, intercommunalities,
/// départements, parks) and exported by each survey tool in its own layout and encoding
/// (Fixtures/exports/od4growth, written by scripts/make_tool_exports.py), imported with the mapping
/// an advisor writes from docs/campaigns.md: the same scores, and the same stored answers (free
/// texts, "Autre" texts as justifications, "Je ne sais pas", "Non concerné"), as the same answers
/// in od4g's own CSV. One respondent answered twice: `--keep latest` keeps the later answers.
@Suite struct ToolExportFixtureTests {
    static func fixture(_ name: String) -> String { Fixtures.path("exports/od4growth/" + name) }

    /// What an import left: the campaign's open-data export, and every stored response (its
    /// organisation, respondent, profile and answers, JSON read back as values).
    struct Imported {
        var run: CLIRun
        var openData: String
        var responses: [String: NSDictionary]
    }

    func imported(_ file: String, mapping: String?, _ extra: [String] = ["--keep", "latest"]) throws -> Imported {
        try Self.imported(path: Self.fixture(file), mapping: mapping.map(Self.fixture), extra)
    }

    /// Imports the file at `path` (with the mapping at `mapping`) into a new database.
    static func imported(path: String, mapping: String?, _ extra: [String]) throws -> Imported {
        let scratch = try Scratch()
        let run = runCLI(
            ["import", "--campaign", "c", "--db", scratch.db, "--lang", "en", path]
                + (mapping.map { ["--mapping", $0] } ?? []) + extra)
        let openData = runCLI(["export", "--campaign", "c", "--open-data", "--db", scratch.db]).out
        var responses: [String: NSDictionary] = [:]
        if run.status == 0 {
            let queue = try DatabaseQueue(path: scratch.db)
            let rows = try queue.read { db in
                try Row.fetchAll(
                    db,
                    sql: """
                        SELECT o.key, r.respondent_key, r.profile, r.answers
                        FROM response r JOIN organisation o ON o.id = r.organisation_id
                        """)
            }
            for row in rows {
                let profile = try JSONSerialization.jsonObject(with: Data((row[2] as String).utf8))
                let answers = try JSONSerialization.jsonObject(with: Data((row[3] as String).utf8))
                responses[(row[0] as String) + " " + (row[1] as String)] = ["profile": profile, "answers": answers]
            }
        }
        return Imported(run: run, openData: openData, responses: responses)
    }

    /// The same answers in od4g's own CSV.
    func own() throws -> Imported {
        let own = try imported("answers.csv", mapping: nil, [])
        #expect(own.run.status == 0, "\(own.run.err)")
        #expect(own.run.out == "Campaign 'c': 20 response(s) added, 0 replaced\n")
        return own
    }

    /// Imports `file` with `mapping` and checks it gives what the own CSV gives.
    @discardableResult
    func expectSameAsOwn(_ file: String, mapping: String?, sourceLocation: SourceLocation = #_sourceLocation) throws
        -> Imported
    {
        let tool = try imported(file, mapping: mapping)
        #expect(tool.run.status == 0, "\(tool.run.err)", sourceLocation: sourceLocation)
        #expect(tool.run.out == "Campaign 'c': 20 response(s) added, 0 replaced\n", sourceLocation: sourceLocation)
        // The respondent who answered twice: the later answers are kept, the earlier row named.
        #expect(
            tool.run.err.contains("same respondent of the same organisation as row")
                && tool.run.err.contains("which it replaces (--keep latest)"), "\(tool.run.err)",
            sourceLocation: sourceLocation)
        let expected = try own()
        #expect(tool.openData.split(separator: "\n").count == 21, sourceLocation: sourceLocation)
        #expect(tool.openData == expected.openData, sourceLocation: sourceLocation)
        #expect(tool.responses.count == 20, sourceLocation: sourceLocation)
        for (key, response) in expected.responses {
            #expect(tool.responses[key] == response, "\(key)", sourceLocation: sourceLocation)
        }
        return tool
    }

    /// The fixtures hold what the issue asks of them: the special answers, "Autre" texts, free
    /// texts with commas, quotes and line breaks, the typologies.
    @Test func theOwnAnswersHoldWhatRealAnswersHold() throws {
        let text = try String(contentsOfFile: Self.fixture("answers.csv"), encoding: .utf8)
        for needle in ["dont_know", "not_applicable", "autre", ".justification", "\"\"ouvrir\"\"", "\n", "« Vélo en ville »"] {
            #expect(text.contains(needle), "\(needle)")
        }
        for typology in [",commune,", ",cc,", ",ca,", ",departement,", ",pnr,"] { #expect(text.contains(typology)) }
    }

    @Test func limeSurvey() throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: Self.fixture("limesurvey-results.csv")))
        #expect(data.starts(with: [0xEF, 0xBB, 0xBF]))
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("\"\r\n\"") && text.contains("\"N/A\"") && text.contains("[other]\""))
        // LimeSurvey ends the file with an empty line.
        #expect(text.hasSuffix("\"\r\n\r\n"))
        try expectSameAsOwn("limesurvey-results.csv", mapping: "limesurvey.yaml")
        // Without --keep, the respondent twice in the file is an error that names both rows.
        let twice = try imported("limesurvey-results.csv", mapping: "limesurvey.yaml", [])
        #expect(twice.run.status == 1)
        #expect(
            twice.run.err.contains("row 7: same respondent of the same organisation as row 6: keep one row"), "\(twice.run.err)")
    }

    @Test func koboToolboxCSVAndWorkbook() throws {
        let text = try String(contentsOfFile: Self.fixture("kobo.csv"), encoding: .utf8)
        #expect(text.hasPrefix("\"start\";\"end\";") && text.contains("\"_submission_time\""))
        #expect(text.contains("\"_index\"\r\n\""))
        try expectSameAsOwn("kobo.csv", mapping: "kobo.yaml")
        try expectSameAsOwn("kobo.xlsx", mapping: "kobo.yaml")
    }

    @Test func googleForms() throws {
        let tool = try expectSameAsOwn("google-forms.csv", mapping: "google-forms.yaml")
        // The "Autre" text, commas and all, is read whole as the justification of 'autre'.
        #expect(
            tool.run.err.contains(
                "'Répondre à une association, « Vélo en ville », qui nous l'a demandé' is not an option, read as 'autre'"),
            "\(tool.run.err)")
    }

    @Test func microsoftFormsWorkbookAndItsWindows1252CSV() throws {
        try expectSameAsOwn("microsoft-forms.xlsx", mapping: "microsoft-forms.yaml")
        let data = try Data(contentsOf: URL(fileURLWithPath: Self.fixture("microsoft-forms-excel.csv")))
        #expect(String(data: data, encoding: .utf8) == nil)
        let tool = try expectSameAsOwn("microsoft-forms-excel.csv", mapping: "microsoft-forms.yaml")
        #expect(tool.run.err.contains("Windows-1252"), "\(tool.run.err)")
    }

    @Test func framaforms() throws {
        let lines = try String(contentsOfFile: Self.fixture("framaforms.tsv"), encoding: .utf8).split(separator: "\n")
        // Webform's three header rows, every cell quoted; the submission's own columns need no mapping.
        #expect(lines[0].hasPrefix("\"Diagnostic open data OD4Growth\"\t\"\"\t"))
        #expect(lines[1].hasPrefix("\"Submission Details\"\t\"\"\t"))
        #expect(lines[2].hasPrefix("\"Serial\"\t\"SID\"\t\"Submitted Time\"\t\"Completed Time\"\t"))
        #expect(lines[2].contains("\"Autre...\""))
        let mapping = try String(contentsOfFile: Self.fixture("framaforms.yaml"), encoding: .utf8)
        #expect(!mapping.contains("Serial") && !mapping.contains("ignore"))
        try expectSameAsOwn("framaforms.tsv", mapping: "framaforms.yaml")
    }

    @Test func demarchesSimplifiees() throws {
        for file in ["demarches-simplifiees.csv", "demarches-simplifiees.xlsx", "demarches-simplifiees.ods"] {
            try expectSameAsOwn(file, mapping: "demarches-simplifiees.yaml")
        }
    }

    /// Only a header put together from several rows reads a tool's column after a `/`: in a
    /// one-row header, "Contact / Nom" is a column of its own, refused, not dropped as "Nom" would be.
    @Test func aSlashInAOneRowHeaderNamesNoToolsColumn() throws {
        let text = try String(contentsOfFile: Self.fixture("answers.csv"), encoding: .utf8)
        let scratch = try Scratch()
        let file = try scratch.file(
            "answers.csv", text.replacingOccurrences(of: ",respondent_name,", with: ",Contact / Nom,"))
        let run = runCLI(["import", "--campaign", "c", "--db", scratch.db, "--lang", "en", file])
        #expect(run.status == 1)
        #expect(run.err.contains("error: unknown column 'Contact / Nom'"), "\(run.err)")
    }
}
