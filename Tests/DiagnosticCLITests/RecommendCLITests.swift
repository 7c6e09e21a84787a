import DiagnosticTestSupport
import Foundation
import Testing

/// `od4g recommend`, `od4g target` and `od4g follow`, run end to end on the mini questionnaire and catalogue.
@Suite struct RecommendCLITests {
    let mini = Fixtures.path("mini.yaml")
    let actions = Fixtures.path("mini-actions.yaml")

    /// The commune of `RecommenderTests` (piloter 15.94, partager 63.64), as a response file.
    static func response(p1: String = "no", extra: String = "") -> String {
        """
        kind: response
        questionnaire: mini
        version: "1.0"
        respondent: {organisation: Commune de Lucey, typology: commune, population: 300, agents: 3, departement: "54"}
        answers: {p1: "\(p1)", p2: draft, p3: 1, s1: "yes", s2: [national], u1: [skills, licence]}
        \(extra)
        """
    }

    func json(_ run: CLIRun) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(run.out.utf8)) as? [String: Any], "\(run.err)")
    }

    @Test func recommendsASequencedPlanForAResponseFile() throws {
        let scratch = try Scratch()
        let file = try scratch.file("lucey.yaml", Self.response())
        let run = runCLI(["recommend", file, "--questionnaire", mini, "--catalogue", actions, "--lang", "en"])
        #expect(run.status == 0, "\(run.err)")
        #expect(run.out.hasPrefix("Support action plan — Commune de Lucey (Municipality)\n"))
        #expect(
            run.out.contains(
                """
                Within 3 months
                  1. Appoint a referent [a-referent] (coaching, 2 h)
                     Expected gain: +21.7 overall score point(s)
                     Recommended because: "Data referent?" → No

                From 3 to 12 months
                  2. Licence kit [a-licence] (kit, 1 h)
                """))
        #expect(
            run.out.contains(
                """
                  6. Portal kit [a-portail] (kit, 2 h)
                     Expected gain: +0 overall score point(s)
                     Needed: prerequisite of "Publication support"
                  7. Publication support [a-publier] (coaching)
                     Expected gain: +18.2 overall score point(s)
                     Recommended because: Share at level Structured, below "Advanced"
                     After: Portal kit
                """))
    }

    @Test func jsonPlanWithTargetsFollowedActionsAndTheShortestRoute() throws {
        let scratch = try Scratch()
        let file = try scratch.file(
            "lucey.yaml", Self.response(extra: "targets: {partager: n4}\nfollowed_actions: [a-referent, a-unknown]"))
        let run = runCLI([
            "recommend", file, "--questionnaire", mini, "--catalogue", actions, "--format", "json", "--target", "piloter=n3",
        ])
        let document = try json(run)
        #expect(document["schema"] as? String == "od4g-plan/1")
        #expect(document["targets"] as? [String: String] == ["partager": "n4", "piloter": "n3"])
        #expect(document["followed"] as? [String] == ["a-referent", "a-unknown"])
        #expect(document["unknown_followed"] as? [String] == ["a-unknown"])
        let items = try #require(document["recommendations"] as? [[String: Any]])
        #expect(!items.contains { $0["action"] as? String == "a-referent" })
        #expect(items.map { $0["rank"] as? Int } == Array(1...items.count).map { Optional($0) })
        let licence = try #require(items.first { $0["action"] as? String == "a-licence" })
        #expect(licence["gain"] as? Double == 18.18)
        let reasons = try #require(licence["reasons"] as? [[String: Any]])
        #expect(reasons.map { $0["kind"] as? String } == ["answer", "target"])
        // Without a-referent: piloter 15.94 → n3 (50) needs (50 − 15.94) × 23/100 = 7.83 points; p2 (3.33)
        // and p3 (6) give 9.33: a-strategie + a-profile (2 h) beat a-strategie + a-formation (8 h).
        // Partager → n4 needs 2.5 points: a-licence (1 h) is in the same set of three.
        let route = try #require(document["route"] as? [String: Any])
        #expect(route["actions"] as? [String] == ["a-strategie", "a-profile", "a-licence"])
        #expect(route["hours"] as? Double == 3)
        #expect(route["unreachable"] as? [String] == [])
    }

    @Test func badTargetsAndCataloguesAreRefusedClearly() throws {
        let scratch = try Scratch()
        let file = try scratch.file("lucey.yaml", Self.response())
        let level = runCLI([
            "recommend", file, "--questionnaire", mini, "--catalogue", actions, "--target", "piloter=n9", "--lang", "en",
        ])
        #expect(level.status == 1)
        #expect(level.err == "error: target 'piloter=n9': unknown level 'n9' (levels: n1, n2, n3, n4)\n")
        let shape = runCLI([
            "recommend", file, "--questionnaire", mini, "--catalogue", actions, "--target", "piloter", "--lang", "en",
        ])
        #expect(shape.err == "error: target 'piloter': write DIMENSION=LEVEL, for example piloter=structure\n")
        // In French too, the line starts with the English word "error:", which editors and scripts look for.
        let french = runCLI(["recommend", file, "--questionnaire", mini, "--catalogue", actions, "--target", "piloter"])
        #expect(french.err == "error: objectif « piloter » : écrivez DIMENSION=NIVEAU, par exemple piloter=structure\n")
        let wrongCatalogue = runCLI([
            "recommend", file, "--questionnaire", mini, "--catalogue", Fixtures.repository("Questionnaires/support-actions.yaml"),
        ])
        #expect(wrongCatalogue.err.hasPrefix("error: "))
        let other = runCLI([
            "recommend", file, "--questionnaire", mini, "--catalogue", Fixtures.repository("Questionnaires/support-actions.yaml"),
            "--lang", "en",
        ])
        #expect(other.status == 1)
        #expect(other.err.contains("is a catalogue for questionnaire 'od4growth', the responses follow 'mini'"))
        let inFile = try scratch.file("bad.yaml", Self.response(extra: "targets: {pilot: n3}"))
        let located = runCLI(["recommend", inFile, "--questionnaire", mini, "--catalogue", actions, "--lang", "en"])
        #expect(located.status == 1)
        #expect(
            located.err.contains("bad.yaml:6:11: error: targets.pilot: unknown dimension 'pilot' (dimensions: piloter, partager)")
        )
    }

    @Test func targetsFollowedActionsAndProgressAcrossCampaigns() throws {
        let scratch = try Scratch()
        let before = try scratch.file("2025.yaml", Self.response())
        let after = try scratch.file("2026.yaml", Self.response(p1: "yes"))
        for (campaign, file) in [("c2025", before), ("c2026", after)] {
            let run = runCLI(["import", "--campaign", campaign, "--questionnaire", mini, "--db", scratch.db, file])
            #expect(run.status == 0, "\(run.err)")
        }
        let common = ["--db", scratch.db, "--lang", "en"]
        let set = runCLI(["target", "--organisation", "Commune de Lucey", "piloter=n4", "partager=n3"] + common)
        #expect(set.status == 0, "\(set.err)")
        #expect(set.out.hasPrefix("Targets of Commune de Lucey:\n  Steer [piloter] → Advanced [n4] (set on "))
        // A wrong level changes nothing.
        let stored = try #require(scratch.bytes(scratch.db))
        let wrong = runCLI(["target", "--organisation", "Commune de Lucey", "piloter=n7"] + common)
        #expect(wrong.status == 1 && wrong.err == "error: target 'piloter=n7': unknown level 'n7' (levels: n1, n2, n3, n4)\n")
        #expect(scratch.bytes(scratch.db) == stored)
        let unknown = runCLI(["follow", "--organisation", "Commune de Lucey", "--catalogue", actions, "a-strategy"] + common)
        #expect(
            unknown.status == 1
                && unknown.err == "error: action 'a-strategy' is not in catalogue mini-actions; did you mean 'a-strategie'?\n")
        let follow = runCLI(["follow", "--organisation", "Commune de Lucey", "--catalogue", actions, "a-strategie"] + common)
        #expect(follow.status == 0 && follow.out.contains("  a-strategie — Strategy workshop (recorded on "))

        let run = runCLI(
            [
                "recommend", "--campaign", "c2026", "--organisation", "lucey", "--catalogue", actions, "--format", "json",
            ] + common)
        #expect(run.status == 1 && run.err.contains("organisation 'lucey' not found; did you mean 'Commune de Lucey'?"))
        let plan = try json(
            runCLI(
                [
                    "recommend", "--campaign", "c2026", "--organisation", "Commune de Lucey", "--catalogue", actions, "--format",
                    "json",
                ]
                    + common))
        #expect(plan["campaign"] as? String == "c2026")
        #expect(plan["targets"] as? [String: String] == ["partager": "n3", "piloter": "n4"])
        #expect(plan["followed"] as? [String] == ["a-strategie"])
        let ids = try #require(plan["recommendations"] as? [[String: Any]]).compactMap { $0["action"] as? String }
        #expect(!ids.contains("a-strategie"))
        // Piloter went from 100 × 3.667/23 = 15.94 to 100 × 13.667/23 = 59.42; the n4 target is at 75:
        // (59.42 − 15.94) / (75 − 15.94) = 0.7362 of the way. Partager stays at 63.64, above n3 (50).
        let progress = try #require(plan["progress"] as? [String: Any])
        #expect(progress["since"] as? String == "c2025")
        let steps = try #require(progress["dimensions"] as? [[String: Any]])
        #expect(steps.map { $0["dimension"] as? String } == ["piloter", "partager"])
        #expect(steps[0]["before"] as? Double == 15.94 && steps[0]["after"] as? Double == 59.42)
        #expect(steps[0]["share"] as? Double == 0.7362 && steps[0]["reached"] as? Bool == false)
        #expect(steps[1]["reached"] as? Bool == true)
        // Without --campaign: the organisation's latest campaign, c2026.
        let text = runCLI(["recommend", "--organisation", "Commune de Lucey", "--catalogue", actions] + common)
        #expect(text.out.contains("Campaign: c2026\n"))
        #expect(
            text.out.contains(
                "Progress toward the targets since 'c2025'\n  Steer: 15.9 → 59.4 (target Advanced at 75) — 73.6 % of the way covered\n  Share: 63.6 → 63.6 (target Structured at 50) — reached\n"
            ))
        #expect(text.out.contains("Already followed (not recommended): Strategy workshop\n"))

        let cleared = runCLI(["target", "--organisation", "Commune de Lucey", "--clear", "partager"] + common)
        #expect(cleared.out.contains("[piloter]") && !cleared.out.contains("[partager]"))
        let forgot = runCLI(
            ["follow", "--organisation", "Commune de Lucey", "--catalogue", actions, "--forget", "a-strategie"] + common)
        #expect(forgot.out.hasSuffix(":\n  none\n"))
    }

    @Test func responseFileTargetsAndFollowedActionsAreStoredOnImport() throws {
        let scratch = try Scratch()
        let file = try scratch.file(
            "lucey.yaml", Self.response(extra: "targets: {partager: n4}\nfollowed_actions: [a-referent]"))
        #expect(runCLI(["import", "--campaign", "c", "--questionnaire", mini, "--db", scratch.db, file]).status == 0)
        let targets = runCLI(["target", "--organisation", "Commune de Lucey", "--db", scratch.db, "--lang", "en"])
        #expect(targets.out.contains("  Share [partager] → Advanced [n4] (set on "))
        #expect(targets.out.contains("lucey.yaml"))
        let followed = runCLI([
            "follow", "--organisation", "Commune de Lucey", "--catalogue", actions, "--db", scratch.db, "--lang", "en",
        ])
        #expect(followed.out.contains("  a-referent — Appoint a referent (recorded on "))
    }

    @Test func demandCountsOrganisationsByTypologyAndDepartement() throws {
        let scratch = try Scratch()
        let imported = runCLI([
            "import", "--campaign", "c1", "--questionnaire", mini, "--db", scratch.db, Fixtures.path("mini-campaign.csv"),
        ])
        #expect(imported.status == 0, "\(imported.err)")
        let csv = runCLI([
            "recommend", "--campaign", "c1", "--demand", "--all", "--catalogue", actions, "--format", "csv", "--db", scratch.db,
            "--min-group", "1",
        ])
        #expect(csv.status == 0, "\(csv.err)")
        let lines = csv.out.split(separator: "\n").map(String.init)
        #expect(lines.first == "action,title,family,grouping,group,organisations")
        // a-referent (p1 = no): communes C, D and F (one of its two respondents), and CC Deux; E answered
        // "don't know". Commune B (p2 none) gets a-strategie, whose prerequisite it is.
        // By département: 54 (C, D, CC Deux), 55 (B), 57 (F).
        #expect(
            lines.filter { $0.hasPrefix("a-referent,") } == [
                "a-referent,Désigner un référent,vision,all,*,5",
                "a-referent,Désigner un référent,vision,typology,commune,4",
                "a-referent,Désigner un référent,vision,typology,cc,1",
                "a-referent,Désigner un référent,vision,departement,54,3",
                "a-referent,Désigner un référent,vision,departement,55,1",
                "a-referent,Désigner un référent,vision,departement,57,1",
            ])
        // a-licence suits communes only: B (55) and D (54) said licences are a problem.
        #expect(lines.contains("a-licence,Kit licences,organisation,all,*,2"))
        #expect(!lines.contains { $0.hasPrefix("a-grands,") })
        let json = try json(
            runCLI([
                "recommend", "--campaign", "c1", "--demand", "--max", "1", "--catalogue", actions, "--format", "json", "--db",
                scratch.db,
            ]))
        #expect(json["schema"] as? String == "od4g-demand/1")
        #expect(json["organisations"] as? Int == 8)
        #expect(json["actions_per_organisation"] as? Int == 1)
        // Each organisation's first action, plus its prerequisites: never more than with --all, and at
        // least one per organisation that gets a plan (all eight here).
        let first = try #require(json["actions"] as? [[String: Any]])
        let all = Dictionary(
            uniqueKeysWithValues: lines.filter { $0.contains(",all,*,") }.map {
                let cells = $0.split(separator: ",")
                return (String(cells[0]), Int(cells[cells.count - 1]) ?? 0)
            })
        #expect(first.allSatisfy { ($0["organisations"] as? Int ?? 0) <= all[$0["action"] as? String ?? "", default: 0] })
        #expect(first.compactMap { $0["organisations"] as? Int }.reduce(0, +) >= 8)
    }

    /// The regional report of `--all` counts the same actions per plan as `--regional`, for any `--max-actions`.
    @Test func reportAllAndRegionalCountTheSameDemand() throws {
        let scratch = try Scratch()
        let imported = runCLI([
            "import", "--campaign", "c1", "--questionnaire", mini, "--db", scratch.db, Fixtures.path("mini-campaign.csv"),
        ])
        #expect(imported.status == 0, "\(imported.err)")
        for maximum in ["1", "5"] {
            let common = [
                "--campaign", "c1", "--catalogue", actions, "--max-actions", maximum, "--min-group", "1", "--format", "md",
                "--date", "2026-11-23", "--db", scratch.db,
            ]
            let folder = scratch.folder + "/all-\(maximum)"
            let all = runCLI(["report", "--all", "--output", folder] + common)
            #expect(all.status == 0, "\(all.err)")
            let regional = runCLI(["report", "--regional"] + common)
            #expect(regional.status == 0, "\(regional.err)")
            let written = try String(contentsOfFile: folder + "/regional.md", encoding: .utf8)
            #expect(written + "\n" == regional.out, "--max-actions \(maximum)")
        }
    }

    @Test func theBundledCatalogueValidatesAndServesTheExamples() throws {
        let valid = runCLI(["validate", Fixtures.repository("Questionnaires/support-actions.yaml"), "--lang", "en"])
        #expect(valid.status == 0, "\(valid.err)")
        #expect(valid.out.contains("valid catalogue 'od4growth-actions'"))
        let run = runCLI([
            "recommend", Fixtures.repository("Examples/responses/commune-lucey.yaml"), "--max", "3", "--lang", "en",
        ])
        #expect(run.status == 0, "\(run.err)")
        #expect(run.out.contains("Recommended because: "))
    }

    /// The bundled catalogue on the bundled example, a 300-inhabitant commune: reasons give the
    /// answers' labels, never a bare number, and the plan shows five actions, the others for later.
    @Test func aSmallCommuneGetsFiveActionsWithReasonsInWords() throws {
        let lucey = Fixtures.repository("Examples/responses/commune-lucey.yaml")
        let run = runCLI(["recommend", lucey])
        #expect(run.status == 0, "\(run.err)")
        #expect(run.out.firstMatch(of: /→ [0-9]/) == nil, "a scale answer is said by its label")
        #expect(run.out.contains("» → entre « Personne » et « Quelques agents »"))
        let numbered = run.out.split(separator: "\n").filter { $0.firstMatch(of: /^  [0-9]+\.\s/) != nil }
        #expect(numbered.count == 5)
        #expect(run.out.contains("Plus tard, une fois ces actions engagées : "))
        // The inventory is a first step: never beyond twelve months.
        let lines = run.out.split(separator: "\n").map(String.init)
        let inventory = try #require(lines.firstIndex { $0.contains("[inventaire-donnees]") })
        let horizon = lines[..<inventory].last { ["Dans les 3 mois", "De 3 à 12 mois", "Au-delà de 12 mois"].contains($0) }
        #expect(horizon == "Dans les 3 mois")
        let json = try self.json(runCLI(["recommend", lucey, "--format", "json"]))
        #expect((json["recommendations"] as? [Any])?.count == 5)
        #expect(((json["later"] as? [Any])?.count ?? 0) > 0)
        // --max says how many, whatever the catalogue's size rule.
        #expect(
            try (self.json(runCLI(["recommend", lucey, "--format", "json", "--max", "8"]))["recommendations"] as? [Any])?.count
                ?? 0 >= 8)
    }
}
