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
        for (file, start) in [("lucey.md", "# Commune de Lucey"), ("lucey.MARKDOWN", "# Commune de Lucey"), ("lucey.html", "<!DOCTYPE html>")]
        {
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
        #expect(named.err.contains("error: navigateur introuvable ou non exécutable : \(scratch.folder)/chromium"), "\(named.err)")
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
}
