import DiagnosticCore
import DiagnosticDefinitions
import DiagnosticTestSupport
import Foundation
import Testing

/// What people type is understood, and answered in their language.
@Suite struct UnderstoodInputTests {
    let mini = Fixtures.path("mini.yaml")

    func score(_ respondent: String, _ answers: String, in scratch: Scratch) throws -> CLIRun {
        let file = try scratch.file(
            "r.yaml", "questionnaire: mini\nrespondent: {\(respondent)}\nanswers:\n\(answers)\n")
        return runCLI(["score", file, "--questionnaire", mini, "--format", "json", "--lang", "en"])
    }

    func overall(_ run: CLIRun) throws -> Double? {
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.out.utf8)) as? [String: Any], "\(run.err)")
        return (json["overall"] as? [String: Any])?["score"] as? Double
    }

    /// A response file says what the CSV import already accepts: labels in either language, any
    /// case, "Oui"/"Non", special answers by their label, the typology by its label.
    @Test func responseFilesAcceptLabelsAndAnyCase() throws {
        let scratch = try Scratch()
        let ids = try score(
            "organisation: Lucey, typology: commune, population: 300",
            "  p1: \"yes\"\n  p2: draft\n  p3: 2\n  s1: \"no\"\n  s2: [shared, national]\n  u1: [skills]", in: scratch)
        #expect(ids.status == 0, "\(ids.err)")
        let words = try score(
            "organisation: Lucey, typology: Commune, population: 300",
            "  p1: Oui\n  p2: EN PROJET\n  p3: 2\n  s1: non\n  s2: [\"Portail mutualisé\", DATA.GOUV.FR]\n  u1: [compétences]",
            in: scratch)
        #expect(words.status == 0, "\(words.err)")
        #expect(try overall(words) == overall(ids))
        #expect(try overall(ids) != nil)
        let english = try score(
            "organisation: Lucey, typology: Municipality, population: 300",
            "  p1: Yes\n  p2: Draft\n  p3: 2\n  s1: No\n  s2: [Shared portal, data.gouv.fr]\n  u1: [Skills]", in: scratch)
        #expect(try overall(english) == overall(ids))
        let unsure = try score(
            "organisation: Lucey, typology: commune", "  p1: Je ne sais pas\n  p2: draft\n  p3: 2\n  s1: \"yes\"", in: scratch)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(unsure.out.utf8)) as? [String: Any])
        let p1 = (json["questions"] as? [[String: Any]])?.first { $0["id"] as? String == "p1" }
        #expect(p1?["status"] as? String == "dont_know")
    }

    @Test func aTypologyIsFoundByLabelAFamilyIsExplainedAndATypoGetsASuggestion() throws {
        let scratch = try Scratch()
        let family = try score("organisation: CC du Pays, typology: epci", "  p1: \"yes\"", in: scratch)
        #expect(family.status == 1)
        #expect(family.err.contains("'epci' is a family of typologies: choose one of them, cc, metropole"), "\(family.err)")
        let typo = try score("organisation: Lucey, typology: comune", "  p1: \"yes\"", in: scratch)
        #expect(typo.err.contains("unknown typology 'comune'; did you mean 'commune'?"), "\(typo.err)")
        for (given, expected) in [("Commune", "commune"), ("COMMUNAUTÉ DE COMMUNES", "cc"), ("Region", "region")] {
            let run = runCLI(["template", "--typology", given, "--questionnaire", mini, "--lang", "en"])
            #expect(run.status == 0, "\(run.err)")
            #expect(run.out.contains("typology: \(expected)"), "\(given)")
        }
        let epci = runCLI(["template", "--typology", "epci", "--questionnaire", mini])
        #expect(epci.status == 1)
        #expect(
            epci.err.contains(
                "error: « epci » est une famille (EPCI) : choisissez l'une de ses typologies, cc (Communauté de communes), metropole (Métropole)"
            ))
        let typoed = runCLI(["template", "--typology", "comune", "--questionnaire", mini])
        #expect(typoed.err.hasPrefix("error: typologie inconnue « comune » ; vouliez-vous dire « commune » ?"))
    }

    @Test func organisationsAreFoundWhateverTheCase() throws {
        let scratch = try Scratch()
        #expect(runCLI(["simulate", "--respondents", "20", "--seed", "4", "--campaign", "c", "--db", scratch.db]).status == 0)
        for name in ["sim000003", "SIM000003", "conseil départemental simulé n° 3", "CONSEIL DEPARTEMENTAL SIMULE N° 3"] {
            let run = runCLI(["report", "--campaign", "c", "--organisation", name, "--format", "md", "--db", scratch.db])
            #expect(run.status == 0, "\(name): \(run.err)")
            #expect(run.out.hasPrefix("# Conseil départemental simulé n° 3\n"), "\(name)")
        }
    }

    @Test func frenchMessagesHoldNoEnglish() throws {
        let scratch = try Scratch()
        let broken = try scratch.file("broken.yaml", "respondent:\n  organisation: a: b\n")
        let syntax = runCLI(["score", broken, "--questionnaire", mini])
        #expect(
            syntax.err
                == "\(broken):2:18: error: syntaxe YAML invalide : un « : » inattendu (une valeur contenant « : » doit être entre guillemets, ou l'indentation est décalée)\n"
        )
        let missing = runCLI(["score", scratch.folder + "/absent.yaml", "--questionnaire", mini])
        #expect(missing.err == "\(scratch.folder)/absent.yaml: error: lecture impossible : fichier absent (vérifiez le chemin)\n")
        let folder = runCLI(["score", scratch.folder, "--questionnaire", mini])
        #expect(folder.err == "\(scratch.folder): error: lecture impossible : c'est un dossier, pas un fichier\n")
        let option = runCLI(["report", "--frmat", "md"])
        #expect(option.status == 64)
        #expect(
            option.err.hasPrefix(
                "error: option inconnue « --frmat » ; vouliez-vous dire « --format » ?\nUtilisation : od4g report"))
        let value = runCLI(["score", broken, "--format", "xml"])
        #expect(
            value.err.hasPrefix(
                "error: la valeur « xml » n'est pas valide pour « --format <format> » ; valeurs possibles : 'text' et 'json'."))
        for run in [syntax, missing, folder, option, value] {
            #expect(run.err.firstMatch(of: /\b(the|is|not|found|Usage|Error|Please|provide|invalid)\b/) == nil, "\(run.err)")
        }
        // The English side stays English, with the same "error:".
        #expect(
            runCLI(["report", "--frmat", "md", "--lang", "en"]).err.hasPrefix(
                "error: Unknown option '--frmat'. Did you mean '--format'?"))
    }

    @Test func helpOnAnUnknownCommandIsAUsageError() {
        let run = runCLI(["help", "reprt"])
        #expect(run.status == 64)
        #expect(run.err.hasPrefix("error: commande inconnue « reprt » ; vouliez-vous dire « report » ?"))
        #expect(runCLI(["help", "report"]).status == 0)
    }

    @Test func simulatedNamesAgreeAndGrandEstHasOneRegionAndTenDepartements() throws {
        let questionnaire = try Fixtures.questionnaire(at: Fixtures.od4growthPath)
        let rows = Array(Simulator(questionnaire: questionnaire, seed: 3).respondents(count: 400))
        func field(_ row: RawResponse, _ name: String) -> String? {
            row.profile.first { $0.field == name }.flatMap { if case .scalar(let text) = $0.value { text } else { nil } }
        }
        var organisations: [String: (typology: String, departement: String)] = [:]
        for row in rows {
            guard let name = field(row, "organisation"), let typology = field(row, "typology") else { continue }
            organisations[name] = (typology, field(row, "departement") ?? "")
        }
        let regions = organisations.filter { $0.value.typology == "region" }
        let councils = organisations.filter { $0.value.typology == "departement" }
        #expect(regions.count == 1)
        #expect(councils.count == 10)
        #expect(Set(councils.values.map(\.departement)) == ["08", "10", "51", "52", "54", "55", "57", "67", "68", "88"])
        #expect(regions.keys.first == "Conseil régional simulé n° 1")
        #expect(councils.keys.allSatisfy { $0.hasPrefix("Conseil départemental simulé n° ") })
        #expect(organisations.keys.contains { $0.hasPrefix("Communauté de communes simulée n° ") })
    }

    @Test func theChangeReportIsTitledAsSuch() throws {
        let scratch = try Scratch()
        for (wave, name) in [(0, "a"), (1, "b")] {
            #expect(
                runCLI([
                    "simulate", "--respondents", "15", "--seed", "8", "--wave", String(wave), "--campaign", name, "--db",
                    scratch.db,
                ])
                .status == 0)
        }
        let run = runCLI([
            "report", "--campaign", "a", "--campaign", "b", "--organisation", "SIM000001", "--db", scratch.db,
        ])
        #expect(run.out.contains("<title>Évolution — Conseil régional simulé n° 1</title>"))
    }
}
