import DiagnosticTestSupport
import Foundation
import GRDB
import Testing

/// Reports read campaigns back the same way everywhere: without loss, without personal data, and
/// failing clearly (never silently) on a stored response that cannot be read back.
@Suite struct ReportRobustnessCLITests {
    let mini = Fixtures.path("mini.yaml")

    func importCSV(_ scratch: Scratch, _ csv: String, campaign: String = "c1", questionnaire: String? = nil) throws -> CLIRun {
        let path = try scratch.file("\(campaign).csv", csv)
        return runCLI([
            "import", "--campaign", campaign, "--questionnaire", questionnaire ?? mini, "--db", scratch.db, path, "--lang", "en",
        ])
    }

    /// A scratch database holding `mini-campaign.csv` as campaign `c1`.
    func importedMiniCampaign() throws -> Scratch {
        let scratch = try Scratch()
        let run = runCLI([
            "import", "--campaign", "c1", "--questionnaire", mini, "--db", scratch.db, Fixtures.path("mini-campaign.csv"),
        ])
        #expect(run.status == 0, "\(run.err)")
        return scratch
    }

    @Test func respondentsWithoutRoleAreNumberedNeverNamedByTheirEmail() throws {
        let scratch = try Scratch()
        let imported = try importCSV(
            scratch,
            "organisation,typology,email,role,p1\nOrgE,commune,jean.dupont@example.org,,yes\nOrgE,commune,marie@example.org,,no\n"
        )
        #expect(imported.status == 0, "\(imported.err)")
        let folder = scratch.folder + "/all"
        let all = runCLI([
            "report", "--campaign", "c1", "--all", "--output", folder, "--format", "md", "--db", scratch.db, "--lang", "en",
        ])
        #expect(all.status == 0, "\(all.err)")
        let one = runCLI(["report", "--campaign", "c1", "--organisation", "OrgE", "--format", "md", "--db", scratch.db])
        #expect(one.status == 0, "\(one.err)")
        let html = runCLI(["report", "--campaign", "c1", "--organisation", "OrgE", "--db", scratch.db])
        let compare = runCLI(["compare", "--campaign", "c1", "--organisation", "OrgE", "--db", scratch.db, "--lang", "en"])
        let json = runCLI(["compare", "--campaign", "c1", "--organisation", "OrgE", "--db", scratch.db, "--format", "json"])
        let side = runCLI([
            "report", "--campaign", "c1", "--organisation", "OrgE", "--organisation", "OrgE", "--db", scratch.db,
        ])
        let aggregate = runCLI(["aggregate", "--campaign", "c1", "--db", scratch.db, "--min-group", "1", "--format", "json"])
        let export = runCLI(["export", "--campaign", "c1", "--open-data", "--db", scratch.db])
        #expect(export.status == 0, "\(export.err)")
        var outputs = [one.out, html.out, compare.out, json.out, side.out, all.out, aggregate.out, export.out]
        outputs += [one.err, all.err, compare.err, export.err]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder) {
            outputs.append(try String(contentsOfFile: folder + "/" + name, encoding: .utf8))
        }
        for output in outputs {
            #expect(!output.contains("example.org"))
            #expect(!output.contains("jean.dupont"))
        }
        let report = try String(contentsOfFile: folder + "/orge.md", encoding: .utf8)
        #expect(report.contains("respondents: Respondent 1, Respondent 2"))
        #expect(report.contains("| Data referent? (p1) | **Respondent 1**: Yes | 10 / 10 |"))
        #expect(report.contains("| Data referent? (p1) | **Respondent 2**: No | 0 / 10 |"))
        #expect(one.out.contains("| Référent données ? (p1) | **Répondant 1** : Oui | 10 / 10 |"))
        #expect(one.out.contains("| Référent données ? (p1) | **Répondant 2** : Non | 0 / 10 |"))
        #expect(compare.out.contains("OrgE: gap between its 2 respondents (Respondent 1, Respondent 2)\n"))
    }

    @Test func rolesLabelRespondentsAndASharedRoleIsNumbered() throws {
        let scratch = try Scratch()
        let imported = try importCSV(
            scratch,
            "organisation,typology,email,role,p1\nOrgE,commune,a@example.org,sig,yes\nOrgE,commune,b@example.org,dsi,no\n"
                + "OrgF,commune,c@example.org,sig,yes\nOrgF,commune,d@example.org,sig,no\n")
        #expect(imported.status == 0, "\(imported.err)")
        let roles = runCLI(["compare", "--campaign", "c1", "--organisation", "OrgE", "--db", scratch.db, "--lang", "en"])
        #expect(roles.out.contains("OrgE: gap between its 2 respondents (sig, dsi)\n"))
        let shared = runCLI(["compare", "--campaign", "c1", "--organisation", "OrgF", "--db", scratch.db])
        #expect(shared.out.contains("OrgF : écart entre ses 2 répondants (Répondant 1 (sig), Répondant 2 (sig))\n"))
    }

    @Test func aRoleMarkedPersonalIsNotUsedAsALabel() throws {
        let scratch = try Scratch()
        let questionnaire = try scratch.file(
            "q.yaml",
            try Fixtures.miniText([
                ("{id: role, kind: text, label:", "{id: role, kind: text, personal: true, label:")
            ]))
        let imported = try importCSV(
            scratch, "organisation,typology,email,role,p1\nOrgE,commune,a@example.org,Jean Dupont,yes\nOrgE,commune,,Marie,no\n",
            questionnaire: questionnaire)
        #expect(imported.status == 0, "\(imported.err)")
        let compare = runCLI(["compare", "--campaign", "c1", "--organisation", "OrgE", "--db", scratch.db, "--lang", "en"])
        #expect(compare.out.contains("OrgE: gap between its 2 respondents (Respondent 1, Respondent 2)\n"))
        #expect(!compare.out.contains("Dupont"))
    }

    @Test func numbersAreReadBackWithoutRoundingSoReportsAgreeWithAggregates() throws {
        let scratch = try Scratch()
        let questionnaire = try scratch.file(
            "q.yaml",
            try Fixtures.miniText([
                (
                    "      bands: [{min: 1, points: 2}, {min: 10, points: 4}, {min: 50, points: 6}]\n    applies_to: [region, departement, epci]\n",
                    "      bands: [{min: 0.25, points: 6}]\n"
                )
            ]))
        let imported = try importCSV(
            scratch, "organisation,typology,p1,p2,p3,s3\nPrec,commune,yes,none,0,0.2499996\nExact,commune,yes,none,0,0.25\n",
            questionnaire: questionnaire)
        #expect(imported.status == 0, "\(imported.err)")
        let below = runCLI([
            "report", "--campaign", "c1", "--organisation", "Prec", "--format", "md", "--db", scratch.db, "--lang", "en",
        ])
        #expect(below.out.contains("| Number of datasets published (s3) | 0.25 | 0 / 6 |"))
        let at = runCLI([
            "report", "--campaign", "c1", "--organisation", "Exact", "--format", "md", "--db", scratch.db, "--lang", "en",
        ])
        #expect(at.out.contains("| Number of datasets published (s3) | 0.25 | 6 / 6 |"))
        let aggregate = runCLI([
            "aggregate", "--campaign", "c1", "--db", scratch.db, "--format", "json", "--min-group", "1",
        ])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(aggregate.out.utf8)) as? [String: Any])
        let success = try #require((json["groups"] as? [[String: Any]])?.first?["question_success"] as? [String: Double])
        // one of the two earns the band: the stored scores and the re-scored report say the same
        #expect(success["s3"] == 0.5)
    }

    @Test func aLaterCampaignDoesNotRenameTheOrganisationInAnEarlierOne() throws {
        let scratch = try Scratch()
        #expect(try importCSV(scratch, "organisation,typology,p1\nCommune de Lucey,commune,yes\n", campaign: "A").status == 0)
        #expect(try importCSV(scratch, "organisation,typology,p1\nCOMMUNE DE LUCEY,commune,no\n", campaign: "B").status == 0)
        let a = runCLI(["compare", "--campaign", "A", "--organisation", "commune de lucey", "--db", scratch.db, "--lang", "en"])
        #expect(a.out.hasPrefix("Commune de Lucey — Municipality — 1 respondent(s) — campaign 'A'\n"), "\(a)")
        let b = runCLI(["compare", "--campaign", "B", "--organisation", "commune de lucey", "--db", scratch.db, "--lang", "en"])
        #expect(b.out.hasPrefix("COMMUNE DE LUCEY — Municipality — 1 respondent(s) — campaign 'B'\n"), "\(b)")
    }

    /// Breaks the stored answers of `organisation` in `campaign`; returns its organisation key.
    func corruptAnswers(_ scratch: Scratch, organisation: String) throws -> String {
        try DatabaseQueue(path: scratch.db).write { db in
            let key = try String.fetchOne(db, sql: "SELECT key FROM organisation WHERE name = ?", arguments: [organisation])
            try db.execute(
                sql:
                    "UPDATE response SET answers = '{\"p1\": \"maybe\"}' WHERE organisation_id = (SELECT id FROM organisation WHERE name = ?)",
                arguments: [organisation])
            return key ?? ""
        }
    }

    @Test func reportAllFailsLikeOneReportOnAResponseThatCannotBeReadBack() throws {
        let scratch = try importedMiniCampaign()
        let key = try corruptAnswers(scratch, organisation: "Commune B")
        let expected = "error: the stored response of \(key) cannot be read back: import the campaign again\n"
        let one = runCLI(["report", "--campaign", "c1", "--organisation", "Commune B", "--db", scratch.db, "--lang", "en"])
        #expect(one.status == 1)
        #expect(one.err == expected)
        let all = runCLI([
            "report", "--campaign", "c1", "--all", "--output", scratch.folder + "/all", "--db", scratch.db, "--lang", "en",
        ])
        #expect(all.status == 1)
        #expect(all.err == expected)
    }

    @Test func aCorruptEarlierCampaignIsAClearError() throws {
        let scratch = try Scratch()
        let csv = Fixtures.path("mini-campaign.csv")
        #expect(runCLI(["import", "--campaign", "c1", "--questionnaire", mini, "--db", scratch.db, csv]).status == 0)
        #expect(runCLI(["import", "--campaign", "c2", "--questionnaire", mini, "--db", scratch.db, csv]).status == 0)
        let id = try DatabaseQueue(path: scratch.db).write { db in
            let id = try Int64.fetchOne(
                db,
                sql: """
                    SELECT r.id FROM response r JOIN organisation o ON o.id = r.organisation_id
                    JOIN campaign c ON c.id = r.campaign_id WHERE o.name = 'Commune B' AND c.name = 'c1'
                    """)
            try db.execute(sql: "UPDATE response_score SET dimensions = x'00' WHERE response_id = ?", arguments: [id])
            return id ?? 0
        }
        let run = runCLI(["report", "--campaign", "c2", "--organisation", "Commune B", "--db", scratch.db, "--lang", "en"])
        #expect(run.status == 1)
        #expect(
            run.err
                == "error: the stored scores of response \(id) are unreadable in \(scratch.db): import the campaign again\n")
        #expect(!run.err.contains("StoreError"))
    }

    @Test func reportAllIntoAnExistingFileSaysSo() throws {
        let scratch = try importedMiniCampaign()
        let file = try scratch.file("taken", "x")
        let run = runCLI(["report", "--campaign", "c1", "--all", "--output", file, "--db", scratch.db, "--lang", "en"])
        #expect(run.status == 1)
        #expect(run.err == "error: \(file) is a file, not a folder: --all writes a folder of reports; choose another --output\n")
        #expect(try String(contentsOfFile: file, encoding: .utf8) == "x")
    }

    /// A second `--all` into the same folder replaces each report whole; a report that cannot be
    /// written (here a folder stands in its place) fails the command and names it.
    @Test func reportAllReplacesEarlierReportsAndNamesOneItCannotWrite() throws {
        let scratch = try importedMiniCampaign()
        let folder = scratch.folder + "/all"
        let arguments = ["report", "--campaign", "c1", "--all", "--output", folder, "--db", scratch.db, "--lang", "en"]
        #expect(runCLI(arguments).status == 0)
        let names = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        let report = try #require(names.first { $0 != "index.html" && $0 != "regional.html" })
        let first = try String(contentsOfFile: folder + "/" + report, encoding: .utf8)
        try "stale".write(toFile: folder + "/" + report, atomically: true, encoding: .utf8)
        let again = runCLI(arguments)
        #expect(again.status == 0, "\(again.err)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == names)
        #expect(try String(contentsOfFile: folder + "/" + report, encoding: .utf8) == first)

        let blocked = scratch.folder + "/blocked"
        try FileManager.default.createDirectory(atPath: blocked + "/" + report, withIntermediateDirectories: true)
        let run = runCLI(["report", "--campaign", "c1", "--all", "--output", blocked, "--db", scratch.db, "--lang", "en"])
        #expect(run.status == 1)
        #expect(run.err == "error: cannot write \(blocked)/\(report)\n")
    }

    @Test func aCampaignAloneSaysWhatElseIsNeeded() throws {
        let run = runCLI(["report", "--campaign", "c1", "--db", "/nonexistent.sqlite"])
        #expect(run.status == 64)
        #expect(
            run.err.hasPrefix(
                "error: avec --campaign, indiquez quoi produire : --organisation X (diagnostic), plusieurs --organisation (comparaison), --regional, ou --all --output DOSSIER ; avec deux --campaign, une --organisation (évolution)\n"
            ))
        #expect(run.err.contains("Utilisation : od4g report"))
        #expect(!run.err.contains("with --campaign"), "no English in a French message")
        let english = runCLI(["report", "--campaign", "c1", "--db", "/nonexistent.sqlite", "--lang", "en"])
        #expect(english.err.hasPrefix("error: with --campaign, say what to produce: "))
        #expect(english.err.contains("Usage: od4g report"))
    }

    @Test func theWithheldNoteStatesTheRealThreshold() throws {
        let scratch = try importedMiniCampaign()
        // two communautés de communes: below the default threshold of 5, and below 3
        let english = runCLI(["compare", "--campaign", "c1", "--organisation", "CC Une", "--db", scratch.db, "--lang", "en"])
        #expect(
            english.out.contains("(typology: fewer than 5 organisations with a score, median and percentile withheld)\n"),
            "\(english)")
        let french = runCLI([
            "compare", "--campaign", "c1", "--organisation", "CC Une", "--db", scratch.db, "--min-group", "3",
        ])
        #expect(
            french.out.contains("(typologie : moins de 3 organisations avec un score, médiane et percentile masqués)\n"),
            "\(french)")
    }
}
