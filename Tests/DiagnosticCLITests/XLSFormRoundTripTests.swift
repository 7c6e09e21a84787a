import DiagnosticDefinitions
import DiagnosticTestSupport
import Foundation
import Testing

@testable import DiagnosticCLI

/// `od4g form --format xlsform`, then the export KoboToolbox makes of a survey built from that form
/// ("XML values and headers", group separator `/`): imported with no mapping, the answers of od4g's
/// own CSV come back with exactly their scores and stored answers.
///
/// The export is written here from the form's own survey and choices sheets, as KoboToolbox lays
/// it out: one column per field, named by its groups and its name (`piloter/pil-strategie`), a
/// calculated field as a column too; a select_multiple as its summary (the choices' names joined
/// by a space) followed by one `1`/`0` column per choice (`usages/usa-domaines/autre`), blank
/// when the question was not answered; then the metadata columns; `;`, every cell quoted, CR LF.
@Suite struct XLSFormRoundTripTests {
    /// A field of the form's survey sheet, as its export names its columns.
    struct Field {
        /// `group/…/name`.
        var path: String
        var name: String
        var type: String
        /// A select_multiple's choices' names, in order.
        var choices: [String]
        /// When it is shown (XPath), `""`: always.
        var relevant: String
    }

    /// The form `od4g form` writes with `arguments`.
    func form(_ arguments: [String]) throws -> (fields: [Field], run: CLIRun) {
        let scratch = try Scratch()
        let output = scratch.folder + "/form.xlsx"
        let run = runCLI(["form", "--format", "xlsform", "--output", output, "--lang", "en"] + arguments)
        guard run.status == 0, let data = scratch.bytes(output) else { return ([], run) }
        let survey = try WorkbookSheet.read(data, format: .xlsx, sheet: "survey").get().rows.map(\.cells)
        let choices = try WorkbookSheet.read(data, format: .xlsx, sheet: "choices").get().rows.map(\.cells)
        #expect(Array(survey[0].prefix(2)) == ["type", "name"])
        #expect(Array(choices[0].prefix(2)) == ["list_name", "name"])
        let relevant = try #require(survey[0].firstIndex(of: "relevant"))
        var lists: [String: [String]] = [:]
        for row in choices.dropFirst() { lists[row[0], default: []].append(row[1]) }
        var groups: [String] = []
        var fields: [Field] = []
        for row in survey.dropFirst() {
            let type = row[0]
            let name = row[1]
            switch type {
            case "begin_group": groups.append(name)
            case "end_group": groups.removeLast()
            default:
                let list = type.hasPrefix("select_multiple ") ? lists[String(type.dropFirst("select_multiple ".count))] : nil
                #expect(list?.isEmpty != true, "\(name): no choices")
                fields.append(
                    Field(
                        path: (groups + [name]).joined(separator: "/"), name: name, type: type, choices: list ?? [],
                        relevant: relevant < row.count ? row[relevant] : ""))
            }
        }
        #expect(groups.isEmpty, "groups left open: \(groups)")
        return (fields, run)
    }

    /// The rows of od4g's own CSV, by column.
    static func ownRows() throws -> (header: [String], rows: [[String: String]]) {
        let data = try Data(contentsOf: URL(fileURLWithPath: ToolExportFixtureTests.fixture("answers.csv")))
        var reader = CSVReader(data: data)
        guard let header = try reader.next()?.cells else { return ([], []) }
        var rows: [[String: String]] = []
        while let record = try reader.next() {
            rows.append(Dictionary(zip(header, record.cells), uniquingKeysWith: { first, _ in first }))
        }
        return (header, rows)
    }

    /// Every cell quoted, quotes doubled.
    static func line(_ cells: [String], separator: String) -> String {
        cells.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }.joined(separator: separator) + "\r\n"
    }

    /// The KoboToolbox export of `rows` answered on the form of `fields`: a field the form does not
    /// show (its `relevant` false, worked out from the values before it) is left empty, and an
    /// answer there is an error of the form.
    func koboExport(_ fields: [Field], _ rows: [[String: String]]) throws -> [[String]] {
        let metadata = [
            "_id", "_uuid", "_submission_time", "_validation_status", "_notes", "_status", "_submitted_by", "__version__",
            "_tags", "_index",
        ]
        var header: [String] = []
        for field in fields {
            header.append(field.path)
            header += field.choices.map { field.path + "/" + $0 }
        }
        var table = [header + metadata]
        // Follow-ups and size rules hide questions from some respondents.
        var hidden = 0
        defer { #expect(hidden > 0) }
        for (number, row) in rows.enumerated() {
            var cells: [String] = []
            var given: [String: String] = [:]
            for field in fields {
                var value = row[field.name] ?? ""
                var expression = FormExpression { given[$0] ?? "" }
                if try !expression.holds(field.relevant) {
                    #expect(
                        value.isEmpty, "row \(number + 1): \(field.name) is answered, but the form hides it (\(field.relevant))")
                    value = ""
                    hidden += 1
                }
                given[field.name] = field.choices.isEmpty ? value : value.split(separator: ";").joined(separator: " ")
                if field.type == "calculate" {
                    // The form's typology, given to every response.
                    cells.append(value)
                } else if field.choices.isEmpty {
                    cells.append(value)
                } else {
                    let chosen = value.split(separator: ";").map(String.init)
                    cells.append(chosen.joined(separator: " "))
                    cells += field.choices.map { choice in value.isEmpty ? "" : chosen.contains(choice) ? "1" : "0" }
                }
            }
            cells += [
                String(51000 + number), "0f8e\(number)-4c1a-4d6a-9b1f-3f0e6c00\(number)",
                "2026-11-\(10 + number)T09:30:00", "", "", "submitted_via_web", "", "vA1b2C3d4E5f6G7h8", "", String(number + 1),
            ]
            table.append(cells)
        }
        return table
    }

    /// `rows` of od4g's own CSV written back with `header`.
    static func ownCSV(_ header: [String], _ rows: [[String: String]]) -> String {
        ([header] + rows.map { row in header.map { row[$0] ?? "" } }).map { line($0, separator: ",") }.joined()
    }

    func expectRoundTrip(
        _ arguments: [String], keeping keep: (([String: String]) -> Bool)? = nil,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let (fields, run) = try form(arguments)
        #expect(run.status == 0, "\(run.err)", sourceLocation: sourceLocation)
        let own = try Self.ownRows()
        let rows = keep.map { own.rows.filter($0) } ?? own.rows
        // Every answer of the own CSV has its field in the form (none is left out).
        let names = Set(fields.map(\.name))
        for row in rows {
            for (column, value) in row where !value.isEmpty {
                #expect(names.contains(column), "\(column) is not in the form", sourceLocation: sourceLocation)
            }
        }
        let scratch = try Scratch()
        let table = try koboExport(fields, rows)
        let csv = try scratch.file("kobo-export.csv", table.map { Self.line($0, separator: ";") }.joined())
        let xlsx = scratch.folder + "/kobo-export.xlsx"
        try WorkbookWriter.xlsx([WorkbookWriter.Sheet(name: "OD4Growth", rows: table)]).write(to: URL(fileURLWithPath: xlsx))
        try Self.expectImportedAsOwn([csv, xlsx], header: own.header, rows: rows, sourceLocation: sourceLocation)
    }

    /// Each of `exports`, imported with no mapping, gives the scores and stored answers of `rows`
    /// of od4g's own CSV, with nothing left unread.
    static func expectImportedAsOwn(
        _ exports: [String], header: [String], rows: [[String: String]], sourceLocation: SourceLocation
    ) throws {
        let scratch = try Scratch()
        let expected = try ToolExportFixtureTests.imported(
            path: try scratch.file("own.csv", Self.ownCSV(header, rows)), mapping: nil, [])
        #expect(expected.run.status == 0, "\(expected.run.err)", sourceLocation: sourceLocation)
        #expect(expected.responses.count == rows.count, sourceLocation: sourceLocation)
        for export in exports {
            let tool = try ToolExportFixtureTests.imported(path: export, mapping: nil, [])
            #expect(tool.run.status == 0, "\(tool.run.err)", sourceLocation: sourceLocation)
            #expect(
                tool.run.out == "Campaign 'c': \(rows.count) response(s) added, 0 replaced\n", sourceLocation: sourceLocation)
            // Nothing left unread: no column ignored, no value set aside.
            #expect(tool.run.err == "", "\(tool.run.err)", sourceLocation: sourceLocation)
            #expect(tool.openData == expected.openData, sourceLocation: sourceLocation)
            #expect(tool.responses.count == rows.count, sourceLocation: sourceLocation)
            for (key, response) in expected.responses {
                #expect(tool.responses[key] == response, "\(key)", sourceLocation: sourceLocation)
            }
        }
    }

    @Test func theFormForEveryTypologyComesBackWithNoMapping() throws {
        try expectRoundTrip(["--all"])
        // Without --typology, the form is for every typology too.
        let (fields, run) = try form([])
        #expect(run.out.contains("(every typology) written to"), "\(run.out)")
        #expect(fields.map(\.path) == (try form(["--all"])).fields.map(\.path))
    }

    @Test func theFormForCommunesComesBackWithNoMapping() throws {
        let (fields, _) = try form(["--typology", "commune"])
        // The type is the form's own, not asked.
        #expect(fields.first { $0.name == "typology" }?.type == "calculate")
        try expectRoundTrip(["--typology", "commune"]) { $0["typology"] == "commune" }
    }

    /// `od4g form` with `arguments` fails with `message` and writes nothing.
    func expectFormRefused(_ arguments: [String], _ message: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let scratch = try Scratch()
        let output = scratch.folder + "/form.xlsx"
        let run = runCLI(["form", "--format", "xlsform", "--output", output, "--lang", "en"] + arguments)
        #expect(run.status == 1, sourceLocation: sourceLocation)
        #expect(run.err.contains(message), "\(run.err)", sourceLocation: sourceLocation)
        #expect(!FileManager.default.fileExists(atPath: output), sourceLocation: sourceLocation)
    }

    @Test func aFormIsForOneTypologyOrForAll() throws {
        try expectFormRefused(
            ["--all", "--typology", "commune"],
            "error: give --typology T (a form for one typology) or --all (for every typology), not both")
        try expectFormRefused(["--typology", "comune"], "error: unknown typology 'comune'; did you mean 'commune'?")
        try expectFormRefused(
            ["--typology", "epci"], "error: 'epci' is a family (Inter-municipal body (EPCI)): choose one of its typologies, cc (")
    }

    /// A condition on a typology family ("epci") stands for the family's typologies, the values
    /// the type's field holds.
    @Test func aFamilyInAConditionIsItsTypologies() throws {
        let scratch = try Scratch()
        let output = scratch.folder + "/form.xlsx"
        #expect(runCLI(["form", "--format", "xlsform", "--all", "--output", output]).status == 0)
        let survey = try WorkbookSheet.read(try #require(scratch.bytes(output)), format: .xlsx, sheet: "survey").get()
        let header = survey.rows[0].cells
        let relevant = try #require(header.firstIndex(of: "relevant"))
        let row = try #require(survey.rows.first { $0.cells.count > 1 && $0.cells[1] == "par-obligation" })
        let condition = row.cells[relevant]
        #expect(!condition.contains("'epci'"), "\(condition)")
        for typology in ["cc", "ca", "cu", "metropole", "commune", "pnr"] {
            #expect(condition.contains("${typology} = '\(typology)'"), "\(typology): \(condition)")
        }
    }

    /// pyxform, the converter KoboToolbox and ODK run on an uploaded XLSForm, takes both forms:
    /// every group closed, every name valid, every `relevant` and `constraint` an XPath it parses.
    @Test(.enabled(if: FormTools.wanted)) func pyxformConvertsTheForms() throws {
        let converter = try #require(FormTools.xls2xform, "xls2xform is needed (python3 -m pip install pyxform)")
        for arguments in [["--all"], ["--typology", "commune"], ["--typology", "departement", "--lang", "fr"]] {
            let scratch = try Scratch()
            let form = scratch.folder + "/form.xlsx"
            #expect(runCLI(["form", "--format", "xlsform", "--output", form, "--lang", "en"] + arguments).status == 0)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: converter)
            process.arguments = [form, scratch.folder + "/form.xml"]
            let errors = Pipe()
            process.standardError = errors
            process.standardOutput = Pipe()
            try process.run()
            let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            #expect(process.terminationStatus == 0, "\(arguments): \(message)")
            let xml = try String(contentsOfFile: scratch.folder + "/form.xml", encoding: .utf8)
            #expect(xml.contains("nodeset=\"/data/piloter/pil-strategie\""), "\(arguments)")
            #expect(xml.contains("nodeset=\"/data/usages/usa-domaines.justification\""), "\(arguments)")
        }
    }
}

/// pyxform's `xls2xform`; `.ci/run` installs it and sets `OD4G_REQUIRE_FORM_TOOLS=1`, so that CI
/// fails instead of skipping when it is missing.
enum FormTools {
    static let environment = ProcessInfo.processInfo.environment
    static let xls2xform = PDFPrinter.executable("xls2xform", searchPath: environment["PATH"] ?? "")
    static let wanted = environment["OD4G_REQUIRE_FORM_TOOLS"] == "1" || xls2xform != nil
}
