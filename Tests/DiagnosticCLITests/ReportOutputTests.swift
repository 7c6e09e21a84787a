import DiagnosticCore
import DiagnosticPipeline
import DiagnosticTestSupport
import Foundation
import Testing

@testable import DiagnosticCLI

/// `od4g report --output FILE [--format md|html|pdf]`: the format follows the file's extension,
/// a contradiction is a usage error, and a PDF needs a browser that is found or named.
@Suite struct ReportOutputTests {
    let lucey = Fixtures.repository("Examples/responses/commune-lucey.yaml")

    @Test func theFormatFollowsTheOutputExtension() throws {
        let scratch = try Scratch()
        for (file, start) in [
            ("lucey.md", "# Commune de Lucey"), ("lucey.MARKDOWN", "# Commune de Lucey"), ("lucey.html", "<!DOCTYPE html>"),
        ] {
            let path = scratch.folder + "/" + file
            let run = runCLI(["report", lucey, "--output", path, "--date", "2026-12-02"])
            #expect(run.status == 0, "\(run.err)")
            let text = try String(contentsOfFile: path, encoding: .utf8)
            #expect(text.hasPrefix(start), "\(file) starts with \(start)")
        }
        // A file without an extension is HTML, as before.
        let plain = scratch.folder + "/lucey"
        #expect(runCLI(["report", lucey, "--output", plain]).status == 0)
        #expect(try String(contentsOfFile: plain, encoding: .utf8).hasPrefix("<!DOCTYPE html>"))
    }

    @Test(arguments: [
        (["--output", "x.pdf", "--format", "md"], "--format md contredit --output x.pdf (un fichier .pdf)"),
        (["--output", "x.md", "--format", "html"], "--format html contredit --output x.md (un fichier .md)"),
        (["--output", "x.txt"], "od4g n'écrit pas de fichier .txt ; choisissez .html, .md ou .pdf, ou donnez --format"),
        (["--format", "pdf"], "--format pdf écrit un fichier : donnez --output FICHIER.pdf"),
    ])
    func contradictionsAreUsageErrors(arguments: [String], message: String) throws {
        let scratch = try Scratch()
        let run = runCLI(["report", lucey] + arguments.map { $0.hasPrefix("x.") ? scratch.folder + "/" + $0 : $0 })
        #expect(run.status == 64)
        #expect(run.err.contains(message.replacingOccurrences(of: "x.", with: scratch.folder + "/x.")), "\(run.err)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.folder).isEmpty, "nothing written")
    }

    @Test func aPDFWithoutABrowserSaysHowToGetOne() throws {
        let scratch = try Scratch()
        let named = runCLI(["report", lucey, "--output", scratch.folder + "/x.pdf", "--browser", scratch.folder + "/chromium"])
        #expect(named.status == 1)
        #expect(
            named.err.contains("error: navigateur introuvable ou non exécutable : \(scratch.folder)/chromium"), "\(named.err)")
        // Nothing on PATH: the message names what was looked for and the two ways out.
        #expect(throws: CommandFailure.self) {
            try PDFPrinter.locate(explicit: nil, environment: ["PATH": scratch.folder], language: .en)
        }
        let message = PDFPrinter.notInstalled(.en)
        #expect(message.contains("looked for: chromium, chromium-browser, google-chrome, google-chrome-stable on PATH"))
        #expect(message.contains("apt-get install chromium"))
        #expect(message.contains("--output report.html"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.folder).isEmpty, "nothing written")
    }

    /// A browser that never finishes is stopped after the time allowed, with the helpers it
    /// started (one here ignores SIGTERM), and the message says so; nothing is written.
    @Test func aBrowserThatHangsIsStoppedWithItsHelpers() throws {
        let scratch = try Scratch()
        let helper = scratch.folder + "/helper.pid"
        let browser = try scratch.file(
            "hang.sh", "#!/bin/sh\nsh -c 'trap \"\" TERM; exec sleep 300' &\necho $! > \(helper)\nsleep 300\n")
        #expect(chmod(browser, 0o755) == 0)
        var printer = PDFPrinter(browser: browser, language: .en)
        printer.timeout = 1
        let start = Date()
        #expect {
            try printer.print(html: "<p>x</p>", to: scratch.folder + "/x.pdf")
        } throws: { error in
            (error as? CommandFailure)?.message?.contains("produced no PDF: stopped after 1 s without finishing") == true
        }
        #expect(Date().timeIntervalSince(start) < 30)
        let pid = try #require(
            Int32(try String(contentsOfFile: helper, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))
        // Stopped: gone, or a zombie waiting for an init that may never reap it (as in some containers).
        func running() -> Bool {
            guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8) else { return kill(pid, 0) == 0 }
            return stat.split(separator: ")").last?.split(separator: " ").first != "Z"
        }
        var waited = 0
        while running(), waited < 50 {
            usleep(100_000)
            waited += 1
        }
        #expect(!running(), "the helper the browser started is stopped too")
        #expect(!FileManager.default.fileExists(atPath: scratch.folder + "/x.pdf"))
    }

    @Test(.enabled(if: PrintTools.wanted)) func aPDFIsWrittenWhenChromiumIsThere() throws {
        try PrintTools.requireTools()
        let scratch = try Scratch()
        let path = scratch.folder + "/lucey.pdf"
        let run = runCLI(["report", lucey, "--output", path, "--lang", "en"])
        #expect(run.status == 0, "\(run.err)")
        #expect(run.out.contains("Report written to \(path)"))
        let pages = try PrintTools.pages(path)
        #expect(pages.first?.contains("Commune de Lucey") == true)
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.folder) == ["lucey.pdf"], "no temporary file left")
    }

    /// A file is written under a temporary name of the writing process's own: the ones a killed run
    /// left are removed, those of a run still going (here pid 1's) are not touched.
    @Test func temporaryFilesOfDeadRunsAreRemovedAndOthersKept() throws {
        let scratch = try Scratch()
        let dead = scratch.folder + "/.lucey.html.4194303-7.od4g-partial"
        let running = scratch.folder + "/.lucey.html.1-3.od4g-partial"
        let other = scratch.folder + "/.autre.html.4194303-1.od4g-partial"
        for path in [dead, running, other] { #expect(FileManager.default.createFile(atPath: path, contents: Data("<p>".utf8))) }
        let run = runCLI(["report", lucey, "--output", scratch.folder + "/lucey.html"])
        #expect(run.status == 0, "\(run.err)")
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: scratch.folder).sorted() == [
                ".autre.html.4194303-1.od4g-partial", ".lucey.html.1-3.od4g-partial", "lucey.html",
            ])
        #expect(OutputFile.partialName("x.html").hasPrefix(".x.html.\(getpid())-"))
        #expect(OutputFile.partialName("x.html") != OutputFile.partialName("x.html"), "each write its own name")
    }

    /// Organisations called "Index" or "Regional" do not overwrite the index and the regional report.
    @Test func reportNamesNeverTakeTheIndexOrTheRegionalReport() throws {
        let scratch = try Scratch()
        var csv = try String(contentsOfFile: Fixtures.path("mini-campaign.csv"), encoding: .utf8)
        csv += "Index,commune,100,1,55,dgs,,yes,none,0,no,,,,,\nRegional,commune,100,1,55,dgs,,no,none,0,yes,,,,,\n"
        let file = try scratch.file("c.csv", csv)
        #expect(
            runCLI(["import", "--campaign", "c", "--questionnaire", Fixtures.path("mini.yaml"), "--db", scratch.db, file]).status
                == 0)
        let folder = scratch.folder + "/all"
        let run = runCLI(["report", "--campaign", "c", "--all", "--output", folder, "--db", scratch.db, "--min-group", "1"])
        #expect(run.status == 0, "\(run.err)")
        let index = try String(contentsOfFile: folder + "/index.html", encoding: .utf8)
        #expect(index.contains(#"href="index-2.html""#) && index.contains(#"href="regional-2.html""#), "\(index)")
        #expect(try String(contentsOfFile: folder + "/index-2.html", encoding: .utf8).contains("<h1>Index</h1>"))
        #expect(try String(contentsOfFile: folder + "/regional.html", encoding: .utf8).contains("Diagnostic régional"))
    }

    @Test func departementsAppearWithTheirNames() throws {
        let scratch = try Scratch()
        #expect(runCLI(["simulate", "--respondents", "40", "--seed", "3", "--campaign", "c", "--db", scratch.db]).status == 0)
        let regional = runCLI(["report", "--campaign", "c", "--regional", "--format", "md", "--db", scratch.db])
        #expect(regional.status == 0, "\(regional.err)")
        #expect(regional.out.contains("| Moselle (57) |"), "the participation table names the départements")
        let aggregate = runCLI(["aggregate", "--campaign", "c", "--by", "departement", "--db", scratch.db, "--lang", "en"])
        #expect(aggregate.out.contains("■ Moselle (57) — "))
        // A names file the questionnaire asks for and that cannot be found: codes stay, with a warning.
        let text = try String(contentsOfFile: Fixtures.od4growthPath, encoding: .utf8)
            .replacingOccurrences(of: "names: fr-departements", with: "names: regioni-italiane")
        let questionnaire = try scratch.file("od4growth.yaml", text)
        let score = runCLI(["score", lucey, "--questionnaire", questionnaire, "--lang", "en"])
        #expect(score.status == 0)
        #expect(score.out.contains("Département number: 54\n"))
        #expect(score.err.contains("warning: names file 'regioni-italiane' not found (looked in: \(scratch.folder), "))
        #expect(runCLI(["score", lucey, "--lang", "en"]).out.contains("Département number: Meurthe-et-Moselle (54)\n"))
    }

    @Test func reportsSpeakToTheirReadersNotToTheCommandLine() throws {
        let scratch = try Scratch()
        #expect(runCLI(["simulate", "--respondents", "30", "--seed", "5", "--campaign", "c", "--db", scratch.db]).status == 0)
        // With the bundled catalogue, and without any (the mini questionnaire has none by default).
        let mini = [Fixtures.path("mini-commune.yaml"), "--questionnaire", Fixtures.path("mini.yaml")]
        for format in ["html", "md"] {
            for arguments in [["--campaign", "c", "--regional"], [lucey], mini] {
                let run = runCLI(["report"] + arguments + ["--db", scratch.db, "--format", format])
                #expect(run.status == 0, "\(run.err)")
                #expect(run.out.firstMatch(of: /od4g (report|recommend|aggregate|import|score|validate|export|simulate)/) == nil)
                #expect(!run.out.contains("docs/"), "no path into the source tree")
            }
        }
        let noCatalogue = runCLI(["report"] + mini + ["--format", "md"])
        #expect(noCatalogue.out.contains("les actions ne sont pas calculées."))
    }

    /// Every change a report shows is the difference of the two figures it shows beside it.
    @Test func displayedChangesAreTheDifferenceOfTheDisplayedFigures() throws {
        #expect(NumberText.displayedDifference(from: 35.06, to: 40.64) == 5.5)
        #expect(NumberText.displayedDifference(from: 35.14, to: 40.56) == 5.5)
        #expect(NumberText.displayedDifference(from: 40.64, to: 35.06) == -5.5)
        let scratch = try Scratch()
        for (wave, name) in [(0, "a"), (1, "b")] {
            #expect(
                runCLI([
                    "simulate", "--respondents", "60", "--seed", "9", "--wave", String(wave), "--campaign", name, "--db",
                    scratch.db,
                ])
                .status == 0)
        }
        let export = runCLI(["export", "--campaign", "b", "--open-data", "--db", scratch.db])
        let codes = export.out.split(separator: "\n").dropFirst().prefix(25).compactMap { line -> String? in
            let cells = line.split(separator: ",", omittingEmptySubsequences: false)
            return cells.count > 5 ? String(cells[5]) : nil
        }
        var checked = 0
        for code in codes {
            let run = runCLI(["report", "--campaign", "b", "--organisation", code, "--db", scratch.db, "--format", "md"])
            #expect(run.status == 0, "\(run.err)")
            // The rows of the change table: | name | before | after | change |
            for row in run.out.split(separator: "\n") {
                let cells = row.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
                guard cells.count == 4, let before = Double(cells[1].replacingOccurrences(of: ",", with: ".")),
                    let after = Double(cells[2].replacingOccurrences(of: ",", with: ".")),
                    let change = Double(cells[3].replacingOccurrences(of: ",", with: ".").replacingOccurrences(of: "+", with: ""))
                else { continue }
                #expect(abs((after - before) - change) < 1e-9, "\(code): \(row)")
                checked += 1
            }
        }
        #expect(checked >= 25, "change rows checked: \(checked)")
    }
}
