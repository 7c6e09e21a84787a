import DiagnosticTestSupport
import Foundation
import Testing

@testable import DiagnosticCLI

/// Reports printed to A4 by a real headless Chromium (`od4g report --output x.pdf`) and read back
/// with poppler's `pdftotext`: what the HTML holds is in the PDF, nothing cut by a page edge.
///
/// Runs where Chromium and pdftotext are installed; `.ci/run` installs them and sets
/// `OD4G_REQUIRE_PRINT=1`, so that CI fails instead of skipping when they are missing.
@Suite(.enabled(if: PrintTools.wanted)) struct PrintedReportsTests {
    /// A simulated campaign with every typology shown (`--min-group 1` in the regional report: its
    /// widest tables), and the first organisations' codes.
    func campaign(_ scratch: Scratch) throws -> [String] {
        let run = runCLI(["simulate", "--respondents", "80", "--seed", "11", "--campaign", "c", "--db", scratch.db])
        #expect(run.status == 0, "\(run.err)")
        let export = runCLI(["export", "--campaign", "c", "--open-data", "--db", scratch.db])
        return export.out.split(separator: "\n").dropFirst().compactMap { line in
            let cells = line.split(separator: ",", omittingEmptySubsequences: false)
            return cells.count > 5 ? String(cells[5]) : nil
        }
    }

    /// Writes the HTML and the PDF of one report; returns both texts (the PDF's, one string per page).
    func printed(_ arguments: [String], name: String, in scratch: Scratch) throws -> (html: String, pages: [String]) {
        let html = scratch.folder + "/\(name).html"
        let pdf = scratch.folder + "/\(name).pdf"
        for path in [html, pdf] {
            let run = runCLI(["report"] + arguments + ["--db", scratch.db, "--date", "2026-12-02", "--output", path])
            #expect(run.status == 0, "\(name) → \(path): \(run.err)")
        }
        return (try String(contentsOfFile: html, encoding: .utf8), try PrintTools.pages(pdf))
    }

    @Test func everyFigureOfTheHTMLIsInThePrintedPDF() throws {
        try PrintTools.requireTools()
        let scratch = try Scratch()
        let codes = try campaign(scratch)
        try #require(codes.count >= 3)
        let individual = try printed(["--campaign", "c", "--organisation", codes[0]], name: "individual", in: scratch)
        let comparison = try printed(
            ["--campaign", "c", "--organisation", codes[0], "--organisation", codes[1], "--organisation", codes[2]],
            name: "comparison", in: scratch)
        let regional = try printed(["--campaign", "c", "--regional", "--min-group", "1"], name: "regional", in: scratch)
        let all = runCLI(["report", "--campaign", "c", "--all", "--output", scratch.folder + "/all", "--db", scratch.db])
        #expect(all.status == 0, "\(all.err)")
        let indexHTML = try String(contentsOfFile: scratch.folder + "/all/index.html", encoding: .utf8)
        try PDFPrinter.locate(explicit: nil, environment: ProcessInfo.processInfo.environment, language: .en)
            .print(html: indexHTML, to: scratch.folder + "/index.pdf")
        let index = (html: indexHTML, pages: try PrintTools.pages(scratch.folder + "/index.pdf"))

        for (name, report) in [
            ("individual", individual), ("comparison", comparison), ("regional", regional), ("index", index),
        ] {
            let text = PrintTools.squeezed(report.pages.joined())
            let missing = PrintTools.cells(report.html).filter { !text.contains(PrintTools.squeezed($0)) }
            #expect(missing.isEmpty, "\(name): table cells missing from the PDF: \(missing.prefix(10))")
            #expect(report.pages.count > 0)
            for (number, page) in report.pages.enumerated() {
                #expect(
                    page.contains("page \(number + 1) / \(report.pages.count)"),
                    "\(name): page \(number + 1) carries its number")
            }
            let lonely = PrintTools.headingsEndingAPage(report.html, pages: report.pages)
            #expect(lonely.isEmpty, "\(name): headings left alone at the bottom of a page: \(lonely)")
        }

        // The figures the issue names, found on their own too: every organisation's overall score in
        // the comparison, every typology and every dimension of the regional report.
        let comparisonText = PrintTools.squeezed(comparison.pages.joined())
        let overall = try #require(PrintTools.row("Score global", in: comparison.html))
        #expect(overall.count == 3)
        for score in overall { #expect(comparisonText.contains(PrintTools.squeezed(score)), "overall score \(score)") }
        let regionalText = PrintTools.squeezed(regional.pages.joined())
        let questionnaire = try Fixtures.questionnaire(at: Fixtures.od4growthPath)
        for label in questionnaire.typologies.map({ $0.label.resolved("fr") })
            + questionnaire.dimensions.map({
                $0.label.resolved("fr")
            }) where PrintTools.squeezed(PrintTools.text(regional.html)).contains(PrintTools.squeezed(label))
        {
            #expect(regionalText.contains(PrintTools.squeezed(label)), "regional: \(label)")
        }
        // Every printed page names what it is about and when it was issued.
        for page in individual.pages {
            let name = try #require(PrintTools.firstMatch(#"<h1>([^<]*)</h1>"#, in: individual.html))
            #expect(PrintTools.squeezed(page).contains(PrintTools.squeezed(PrintTools.decoded(name) + " · édité le 2026-12-02")))
        }
    }
}

extension PrintedReportsTests {
    /// The summary for the council is two to four A4 pages, for a small commune's own response and
    /// for a campaign's organisations with peers and a plan; the full report is longer.
    @Test func theSummaryPrintsOnTwoToFourPages() throws {
        try PrintTools.requireTools()
        let scratch = try Scratch()
        let codes = try campaign(scratch)
        let lucey = Fixtures.repository("Examples/responses/commune-lucey.yaml")
        for (name, source) in [("lucey", [lucey]), ("first", ["--campaign", "c", "--organisation", codes[0]])] {
            var pages: [String: Int] = [:]
            for detail in ["summary", "full"] {
                let path = scratch.folder + "/\(name)-\(detail).pdf"
                let run = runCLI(["report"] + source + ["--db", scratch.db, "--detail", detail, "--output", path])
                #expect(run.status == 0, "\(run.err)")
                pages[detail] = try PrintTools.pages(path).count
            }
            let summary = try #require(pages["summary"])
            #expect((2...4).contains(summary), "\(name): the summary takes \(summary) pages")
            #expect(try #require(pages["full"]) > summary + 2, "\(name): the annex follows the summary")
        }
    }
}

/// Chromium and poppler, and reading what they print.
enum PrintTools {
    static let environment = ProcessInfo.processInfo.environment
    static let required = environment["OD4G_REQUIRE_PRINT"] == "1"
    static let pdftotext = PDFPrinter.executable("pdftotext", searchPath: environment["PATH"] ?? "")
    static let browser = (try? PDFPrinter.locate(explicit: nil, environment: environment, language: .en))?.browser
    /// Whether the suite runs: the tools are there, or CI says they must be.
    static let wanted = required || (pdftotext != nil && browser != nil)

    static func requireTools() throws {
        try #require(browser != nil, "Chromium is needed to print reports (apt-get install chromium)")
        try #require(pdftotext != nil, "pdftotext is needed to read printed reports (apt-get install poppler-utils)")
    }

    /// The text of each page of a PDF, in the order Chromium drew it (`pdftotext -raw`).
    static func pages(_ pdf: String) throws -> [String] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(pdftotext))
        process.arguments = ["-raw", "-enc", "UTF-8", pdf, "-"]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        var pages = String(decoding: data, as: UTF8.self).components(separatedBy: "\u{0C}")
        if pages.last?.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty == true { pages.removeLast() }
        return pages
    }

    /// Text without any white space, so that a line wrapped in print compares with its HTML.
    static func squeezed(_ text: String) -> String {
        String(text.unicodeScalars.filter { !$0.properties.isWhitespace }.map(Character.init))
    }

    static func decoded(_ text: String) -> String {
        text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
    }

    /// The visible text of some HTML: tags removed (and the `<style>` and `<title>`), entities decoded.
    static func text(_ html: String) -> String {
        var text = html.replacingOccurrences(of: #"<(style|title|svg)[^>]*>.*?</\1>"#, with: " ", options: .regularExpression)
        text = text.replacingOccurrences(of: "<[^>]*>", with: " ", options: .regularExpression)
        return decoded(text)
    }

    static func matches(_ pattern: String, in text: String) -> [[String]] {
        guard let expression = try? NSRegularExpression(pattern: pattern, options: [.dotMatchesLineSeparators]) else { return [] }
        let source = text as NSString
        return expression.matches(in: text, range: NSRange(location: 0, length: source.length)).map { match in
            (1..<match.numberOfRanges).map { source.substring(with: match.range(at: $0)) }
        }
    }

    static func firstMatch(_ pattern: String, in text: String) -> String? { matches(pattern, in: text).first?.first }

    /// The text of every table cell (`<th>` and `<td>`) outside the charts.
    static func cells(_ html: String) -> [String] {
        let body = html.replacingOccurrences(of: #"<svg.*?</svg>"#, with: "", options: .regularExpression)
        return matches(#"<t([hd])\b[^>]*>(.*?)</t\1>"#, in: body).map { text($0[1]) }
            .filter { !squeezed($0).isEmpty }
    }

    /// The cells of the table row whose header is `label`.
    static func row(_ label: String, in html: String) -> [String]? {
        matches(#"<tr><th scope="row">\#(label)</th>(.*?)</tr>"#, in: html).first.map { row in
            matches(#"<td[^>]*>(.*?)</td>"#, in: row[0]).map { text($0[0]) }
        }
    }

    /// The headings (`h2`, `h3`) that are the last thing on a page, its margin boxes aside.
    static func headingsEndingAPage(_ html: String, pages: [String]) -> [String] {
        let headings = matches(#"<h[23][^>]*>(.*?)</h[23]>"#, in: html).map { squeezed(text($0[0])) }.filter { !$0.isEmpty }
        return pages.dropLast().compactMap { page in
            let lines = page.split(separator: "\n").filter { line in
                !(line.contains("édité le ") || line.contains("issued on ") || line.contains(/^page \d+ \/ \d+$/))
            }
            let body = squeezed(lines.joined())
            return headings.first { body.hasSuffix($0) }
        }
    }
}
