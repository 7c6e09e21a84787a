import DiagnosticStore
import DiagnosticTestSupport
import Foundation
import GRDB
import Testing

/// Faults od4g meets in real use: a run killed at any moment, a second writer, damaged or altered
/// databases, files built to exhaust it.
@Suite struct FaultTests {
    /// The od4g program, built next to the tests.
    static let program = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("od4g")

    func start(_ arguments: [String]) throws -> Process {
        let process = Process()
        process.executableURL = Self.program
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// `report --all` killed with SIGKILL at random moments: the folder only ever holds complete
    /// reports, of this run or of the one before, and nothing half-written or hidden; the next run
    /// clears what the killed one left aside.
    @Test func aKilledReportAllLeavesOnlyCompleteReports() throws {
        try #require(
            FileManager.default.isExecutableFile(atPath: Self.program.path), "the od4g program is built next to the tests")
        let scratch = try Scratch()
        #expect(runCLI(["simulate", "--respondents", "300", "--seed", "6", "--campaign", "c", "--db", scratch.db]).status == 0)
        let folder = scratch.folder + "/all"
        let first = runCLI(["report", "--campaign", "c", "--all", "--output", folder, "--db", scratch.db, "--date", "2026-01-01"])
        #expect(first.status == 0, "\(first.err)")
        let names = Set(try FileManager.default.contentsOfDirectory(atPath: folder))
        #expect(names.count > 250)
        var random = SystemRandomNumberGenerator()
        var killed: [Int32] = []
        for trial in 0..<6 {
            let process = try start([
                "report", "--campaign", "c", "--all", "--output", folder, "--db", scratch.db, "--date", "2026-02-0\(trial + 2)",
            ])
            usleep(UInt32.random(in: 150_000...2_500_000, using: &random))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            killed.append(process.processIdentifier)
            let entries = try FileManager.default.contentsOfDirectory(atPath: folder)
            // A run killed before it cleared the folder leaves the staging folders of earlier ones too.
            let staging = entries.filter { entry in
                killed.contains { entry.hasPrefix(".reports.\($0)-") } && entry.hasSuffix(".od4g-partial")
            }
            let files = entries.filter { !staging.contains($0) }
            #expect(Set(files).isSubset(of: names), "trial \(trial): only report names in the folder")
            #expect(!files.contains { $0.hasPrefix(".") }, "trial \(trial): nothing else hidden in the folder")
            for file in files {
                let text = try String(contentsOfFile: folder + "/" + file, encoding: .utf8)
                #expect(text.hasSuffix("</html>\n"), "trial \(trial): \(file) is complete")
                #expect(HTMLBalance.problems(text) == [], "trial \(trial): \(file) is well formed")
            }
        }
        let last = runCLI(["report", "--campaign", "c", "--all", "--output", folder, "--db", scratch.db, "--date", "2026-03-01"])
        #expect(last.status == 0, "\(last.err)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.folder).sorted() == ["all", "od4g.sqlite"])
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasPrefix(".") } == [],
            "the staging folders the killed runs left are removed")
        let index = try String(contentsOfFile: folder + "/index.html", encoding: .utf8)
        #expect(index.contains("2026-03-01"))
    }

    /// A second writer waits for the first for `--wait` seconds, then says who holds the database;
    /// a reader never waits.
    @Test func aSecondWriterWaitsThenNamesTheHolderAndReadersNeverWait() throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.program.path))
        let scratch = try Scratch()
        let big = scratch.folder + "/big.csv"
        #expect(runCLI(["simulate", "--respondents", "12000", "--seed", "2", "--output", big]).status == 0)
        #expect(
            runCLI(["simulate", "--respondents", "50", "--seed", "1", "--campaign", "small", "--db", scratch.db]).status == 0)
        let importer = try start(["import", "--campaign", "big", big, "--db", scratch.db])
        defer { importer.waitUntilExit() }
        // Wait until the importer holds the database (its note appears beside it).
        var waited = 0
        while !FileManager.default.fileExists(atPath: scratch.db + ".od4g-writer"), waited < 200 {
            usleep(20_000)
            waited += 1
        }
        try #require(FileManager.default.fileExists(atPath: scratch.db + ".od4g-writer"), "the import started writing")
        let reader = runCLI(["aggregate", "--campaign", "small", "--db", scratch.db, "--format", "json"])
        #expect(reader.status == 0, "a reader does not wait for the writer: \(reader.err)")
        let second = runCLI(["import", "--campaign", "other", big, "--db", scratch.db, "--wait", "1", "--lang", "en"])
        #expect(second.status == 1)
        #expect(second.err.contains("is being written by od4g import (pid \(importer.processIdentifier), "), "\(second.err)")
        #expect(second.err.contains("waited 1 s and it was not released"))
        importer.waitUntilExit()
        #expect(importer.terminationStatus == 0)
        #expect(!runCLI(["campaigns", "--db", scratch.db]).out.contains("other"), "the second import wrote nothing")
        // Given time, the second writer gets its turn.
        let patient = runCLI([
            "import", "--campaign", "other", Fixtures.repository("Examples/responses/commune-lucey.yaml"), "--db", scratch.db,
        ])
        #expect(patient.status == 0, "\(patient.err)")
    }
}

/// Inputs built to exhaust od4g, and values other programs left in its database: each is a clear
/// error at once, and nothing stored changes.
@Suite struct HostileInputTests {
    /// `levels` levels of ten aliases each: 10^levels values in a file of a few hundred bytes.
    static func aliasBomb(levels: Int, asKey: Bool) -> String {
        var lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
        for level in 1..<levels {
            lines.append("a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ") + "]")
        }
        lines += ["questionnaire: od4growth", "respondent: {organisation: x, typology: commune}", "answers:"]
        lines += asKey ? ["  ? *a\(levels - 1)", "  : yes"] : ["  pil-referent: *a\(levels - 1)"]
        return lines.joined(separator: "\n") + "\n"
    }

    /// Runs od4g and returns what it said and how long it took.
    func timed(_ arguments: [String]) -> (run: CLIRun, seconds: Double) {
        let start = Date()
        let run = runCLI(arguments)
        return (run, Date().timeIntervalSince(start))
    }

    @Test func aliasBombsAreRefusedAtOnceWhereverTheyAre() throws {
        let scratch = try Scratch()
        let key = try scratch.file("key.yaml", Self.aliasBomb(levels: 9, asKey: true))
        let value = try scratch.file("value.yaml", Self.aliasBomb(levels: 9, asKey: false))
        for (name, arguments) in [
            ("response (key)", ["score", key]), ("response (value)", ["score", value]), ("validate", ["validate", key]),
            ("questionnaire", ["score", Fixtures.repository("Examples/responses/commune-lucey.yaml"), "--questionnaire", key]),
            ("mapping", ["import", "--campaign", "c", "--db", scratch.db, "--mapping", key, Fixtures.path("mini-campaign.csv")]),
        ] {
            let (run, seconds) = timed(arguments + ["--lang", "en"])
            #expect(run.status == 1, "\(name)")
            #expect(
                run.err.contains(":6:45: error: file too large once its aliases '*' are expanded (more than 1000000 values)"),
                "\(name): \(run.err)")
            // Minutes before the limit; a debug build on a busy machine stays far under this bound.
            #expect(seconds < 10, "\(name) took \(seconds) s")
        }
        #expect(!FileManager.default.fileExists(atPath: scratch.db), "the import wrote nothing")
        // A list used as a key (a small one) is refused too: Yams would hash it as a key.
        let listKey = try scratch.file("list.yaml", "a: &a [x, y]\nanswers:\n  ? *a\n  : yes\n")
        #expect(
            runCLI(["score", listKey, "--lang", "en"]).err.contains(
                ":3:5: error: a key must be a text, not a list or a block (nor an alias '*' of one)"))
        // A long text used as a key through an alias is as long as the text itself.
        let longKey = try scratch.file(
            "longkey.yaml", "t: &t " + String(repeating: "k", count: 5_000) + "\nanswers:\n  *t : yes\n")
        #expect(
            runCLI(["score", longKey, "--lang", "en"]).err.contains(":3:3: error: key too long (5000 bytes; at most 1024)"))
        // A 100 kB text used a thousand times is 100 MB once expanded, in few values.
        let text = try scratch.file(
            "text.yaml",
            "t: &t " + String(repeating: "x", count: 100_000) + "\nl: &l ["
                + Array(repeating: "*t", count: 10).joined(separator: ", ")
                + "]\nm: [" + Array(repeating: "*l", count: 100).joined(separator: ", ") + "]\n")
        let (bytes, bytesSeconds) = timed(["score", text, "--lang", "en"])
        #expect(bytes.status == 1)
        #expect(
            bytes.err.contains("error: file too large once its aliases '*' are expanded (more than 64 MiB of text)"),
            "\(bytes.err)")
        #expect(bytesSeconds < 10)
        // Anchors within bounds still work.
        let reuse = try scratch.file(
            "reuse.yaml",
            "questionnaire: mini\nrespondent: {organisation: &n Lucey, typology: commune}\nanswers:\n  p1: &yes \"yes\"\n  s1: *yes\n"
        )
        #expect(runCLI(["score", reuse, "--questionnaire", Fixtures.path("mini.yaml")]).status == 0)
    }

    @Test func hugeHeadersAreRefusedAtOnce() throws {
        let scratch = try Scratch()
        let wide = try scratch.file("wide.csv", (0..<1_000_000).map { "c\($0)" }.joined(separator: ",") + "\n")
        let (many, manySeconds) = timed(["import", "--campaign", "c", wide, "--db", scratch.db, "--lang", "en"])
        #expect(many.status == 1)
        #expect(
            many.err.hasPrefix(
                "\(wide):1: error: the header has 1000000 columns, at most 10000 are read: check the separator and the export\n"))
        #expect(manySeconds < 15, "a million columns took \(manySeconds) s")
        let long = try scratch.file(
            "long.csv", "organisation,typology," + String(repeating: "x", count: 10_000_000) + "\nA,commune,1\n")
        let (cell, cellSeconds) = timed(["import", "--campaign", "c", long, "--db", scratch.db, "--lang", "en"])
        #expect(cell.status == 1)
        #expect(cell.err.contains("error: unknown column 'xxxxxxxxxx"))
        #expect(cell.err.contains("… (10000000 characters)"))
        #expect(cell.err.utf8.count < 2_000, "the message quotes the beginning only")
        #expect(cellSeconds < 15, "a 10 MB header cell took \(cellSeconds) s")
        #expect(!FileManager.default.fileExists(atPath: scratch.db))
    }

    /// Values another program put in the database (a BLOB where a name is expected, a count below
    /// zero) are store errors naming the table, the row and the column, not a crash inside GRDB.
    @Test func alteredDatabaseValuesAreNamedNotFatal() throws {
        let scratch = try Scratch()
        #expect(runCLI(["simulate", "--respondents", "20", "--seed", "4", "--campaign", "c", "--db", scratch.db]).status == 0)
        try Self.alter(
            scratch.db,
            "UPDATE organisation SET name = X'00FF80' WHERE key = (SELECT key FROM organisation ORDER BY id LIMIT 1 OFFSET 1)")
        let lookup = runCLI(["report", "--campaign", "c", "--organisation", "SIM000005", "--db", scratch.db, "--lang", "en"])
        #expect(lookup.status == 1)
        #expect(lookup.err.contains("error: unreadable value in \(scratch.db): table 'organisation', row key "), "\(lookup.err)")
        #expect(lookup.err.contains(", column 'name'; the database was changed by another program"))
        try Self.alter(scratch.db, "UPDATE organisation SET name = 'Fixed'")
        try Self.alter(scratch.db, "PRAGMA ignore_check_constraints = ON; UPDATE response_score SET answered = -5")
        let counts = runCLI([
            "report", "--campaign", "c", "--all", "--output", scratch.folder + "/all", "--db", scratch.db, "--lang", "en",
        ])
        #expect(counts.status == 1)
        #expect(counts.err.contains("the stored scores of response"), "\(counts.err)")
    }

    /// A database whose pages are damaged is refused before anything is written to it.
    @Test func aDamagedDatabaseIsNotWrittenTo() throws {
        let scratch = try Scratch()
        #expect(runCLI(["simulate", "--respondents", "200", "--seed", "4", "--campaign", "c", "--db", scratch.db]).status == 0)
        let handle = try #require(FileHandle(forUpdatingAtPath: scratch.db))
        try handle.seek(toOffset: 4096 * 4)
        handle.write(Data(repeating: 0xFF, count: 64))
        try handle.close()
        let before = try Data(contentsOf: URL(fileURLWithPath: scratch.db))
        let run = runCLI([
            "import", "--campaign", "d", Fixtures.repository("Examples/responses/commune-lucey.yaml"), "--db", scratch.db,
            "--lang", "en",
        ])
        #expect(run.status == 1)
        #expect(
            run.err.hasPrefix("error: \(scratch.db) is damaged (SQLite reports: “*** in database main *** Page 5: "), "\(run.err)"
        )
        #expect(run.err.contains("nothing was written to it"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: scratch.db)) == before)
        #expect(runCLI(["target", "--organisation", "SIM000001", "piloter=avance", "--db", scratch.db]).status == 1)
    }

    @Test func impossibleValuesAreRefused() throws {
        let scratch = try Scratch()
        let lucey = Fixtures.repository("Examples/responses/commune-lucey.yaml")
        let date = runCLI(["report", lucey, "--date", "2025-02-30", "--lang", "en"])
        #expect(date.status == 64)
        #expect(date.err.hasPrefix("error: --date 2025-02-30: a real date YYYY-MM-DD, for example 2026-02-28\n"))
        #expect(runCLI(["report", lucey, "--date", "2024-02-29", "--format", "md"]).status == 0, "a leap day is a date")
        for (population, message) in [
            ("1e23", "'1e23' is too large (at most 9,007,199,254,740,991)"),
            ("9007199254740993", "'9007199254740993' is too large"),
        ] {
            let file = try scratch.file(
                "r.yaml", "questionnaire: mini\nrespondent: {organisation: X, typology: commune, population: \(population)}\n")
            let run = runCLI(["score", file, "--questionnaire", Fixtures.path("mini.yaml"), "--lang", "en"])
            #expect(run.status == 1)
            #expect(run.err.contains(message), "\(run.err)")
        }
    }

    @Test func emptyFoldersAndFilesThatAreNotFilesAreRefusedForWhatTheyAre() throws {
        let scratch = try Scratch()
        let empty = scratch.folder + "/empty"
        let named = scratch.folder + "/x.csv"
        for folder in [empty, named] {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let run = runCLI(["import", "--campaign", "c", folder, "--db", scratch.db, "--lang", "en"])
            #expect(run.status == 1)
            #expect(
                run.err.hasPrefix(
                    "\(folder): error: this folder holds no response file (.yaml, .yml, .json, .csv, .tsv): nothing to import\n"
                ))
        }
        let header = try scratch.file("header.csv", "organisation,typology\n")
        let nothing = runCLI(["import", "--campaign", "c", header, "--db", scratch.db, "--lang", "en"])
        #expect(nothing.err.hasPrefix("\(header): error: no response in this file: nothing to import, no campaign is created\n"))
        #expect(!FileManager.default.fileExists(atPath: scratch.db), "no empty campaign, no database")
        let zero = runCLI(["score", "/dev/zero", "--lang", "en"])
        #expect(zero.err == "/dev/zero: error: cannot read the file: not a regular file (a device, pipe or socket)\n")
        let fifo = scratch.folder + "/pipe.yaml"
        #expect(mkfifo(fifo, 0o600) == 0)
        let pipe = runCLI(["validate", fifo, "--lang", "en"])
        #expect(pipe.err.hasPrefix("\(fifo): error: cannot read the file: not a regular file (a device, pipe or socket)\n"))
        let table = runCLI(["import", "--campaign", "c", "/dev/zero", "--db", scratch.db, "--lang", "en"])
        #expect(table.err.hasPrefix("/dev/zero: error: cannot read the file: not a regular file (a device, pipe or socket)\n"))
        let latin1 = scratch.folder + "/latin1.yaml"
        try Data(
            "questionnaire: mini\nrespondent:\n  organisation: Mairie de Th\u{E9}".utf8.map { $0 }.prefix(50) + [0xE9, 0x0A]
        ).write(
            to: URL(fileURLWithPath: latin1))
        let encoding = runCLI(["score", latin1, "--lang", "en"])
        #expect(encoding.err.hasPrefix("\(latin1):3:"), "the first byte that is not UTF-8 is located: \(encoding.err)")
        // A real U+FFFD (valid UTF-8) before it is text, not the fault; an overlong "/" (C0 AF) is one.
        let replacement = scratch.folder + "/fffd.yaml"
        try Data(Array("questionnaire: mini\n# \u{FFFD}\nrespondent: {organisation: A".utf8) + [0xC0, 0xAF, 0x7D, 0x0A]).write(
            to: URL(fileURLWithPath: replacement))
        let located = runCLI(["score", replacement, "--lang", "en"])
        #expect(located.err.hasPrefix("\(replacement):3:29: "), "\(located.err)")
        let id = try scratch.file("id.yaml", "kind: response\nquestionnaire: ../secret\nrespondent: {organisation: x}\n")
        #expect(runCLI(["score", id, "--lang", "en"]).err.hasPrefix("\(id):2:16: error: '../secret' is not a questionnaire id"))
        let emptyDB = try scratch.file("empty.sqlite", "")
        let read = runCLI(["campaigns", "--db", emptyDB, "--lang", "en"])
        #expect(read.status == 1)
        #expect(read.err.hasPrefix("error: database \(emptyDB) is an empty file (0 bytes), not a campaign database"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: emptyDB)).isEmpty, "left as it was")
    }

    /// Changes the database as another program would, behind od4g's back.
    static func alter(_ path: String, _ sql: String) throws {
        let queue = try DatabaseQueue(path: path)
        try queue.writeWithoutTransaction { try $0.execute(sql: sql) }
    }
}
