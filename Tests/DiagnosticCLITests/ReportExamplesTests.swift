import DiagnosticTestSupport
import Foundation
import Testing

/// `Reports/examples/` holds reports of a simulated Grand Est campaign; this test rebuilds them and
/// fails when a file differs. Regenerate them with:
///
///     OD4G_REGENERATE_EXAMPLES=1 swift test --filter ReportExamplesTests
@Suite struct ReportExamplesTests {
    static let date = "2026-11-23"
    static let examples = Fixtures.repository("Reports/examples")

    /// Builds the example campaign (two waves of 300 simulated respondents) and returns the codes
    /// of the first commune, EPCI and département of the later wave.
    func campaign(_ scratch: Scratch) throws -> [String: String] {
        for (wave, name) in [(0, "grand-est-2025"), (1, "grand-est-2026")] {
            let run = runCLI([
                "simulate", "--respondents", "300", "--seed", "2025", "--wave", String(wave), "--campaign", name, "--db",
                scratch.db,
            ])
            #expect(run.status == 0, "\(run.err)")
        }
        let export = runCLI(["export", "--campaign", "grand-est-2026", "--open-data", "--db", scratch.db])
        var codes: [String: String] = [:]
        for line in export.out.split(separator: "\n").dropFirst() {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard cells.count > 7 else { continue }
            let family = cells[7]
            if codes[family] == nil { codes[family] = cells[5] }
        }
        return codes
    }

    @Test func examplesAreUpToDate() throws {
        let scratch = try Scratch()
        let codes = try campaign(scratch)
        let wanted = [("commune", "commune"), ("epci", "epci"), ("departement", "departement")]
        // The commune has set targets and already followed an action: its report shows the route and the progress.
        let commune = try #require(codes["commune"])
        for arguments in [
            ["target", "--organisation", commune, "piloter=avance", "valoriser=structure"],
            ["follow", "--organisation", commune, "kit-convaincre-elus"],
        ] {
            let run = runCLI(arguments + ["--db", scratch.db])
            #expect(run.status == 0, "\(run.err)")
        }
        var generated: [String: String] = [:]
        for format in ["md", "html"] {
            for (family, name) in wanted {
                let code = try #require(codes[family], "the simulated campaign has a \(family)")
                let path = scratch.folder + "/\(name).\(format)"
                let run = runCLI([
                    "report", "--campaign", "grand-est-2026", "--organisation", code, "--db", scratch.db, "--format", format,
                    "--date", Self.date, "--output", path,
                ])
                #expect(run.status == 0, "\(run.err)")
                generated["\(name).\(format)"] = try String(contentsOfFile: path, encoding: .utf8)
            }
            let regional = scratch.folder + "/region.\(format)"
            let run = runCLI([
                "report", "--campaign", "grand-est-2026", "--regional", "--db", scratch.db, "--format", format, "--date",
                Self.date,
                "--output", regional,
            ])
            #expect(run.status == 0, "\(run.err)")
            generated["region.\(format)"] = try String(contentsOfFile: regional, encoding: .utf8)
        }
        if ProcessInfo.processInfo.environment["OD4G_REGENERATE_EXAMPLES"] == "1" {
            try FileManager.default.createDirectory(atPath: Self.examples, withIntermediateDirectories: true)
            for (name, text) in generated {
                try text.write(toFile: Self.examples + "/" + name, atomically: true, encoding: .utf8)
            }
        }
        for (name, text) in generated where name.hasSuffix(".html") {
            #expect(HTMLBalance.problems(text) == [], "\(name) is well formed")
        }
        for (name, text) in generated.sorted(by: { $0.key < $1.key }) {
            let stored = try? String(contentsOfFile: Self.examples + "/" + name, encoding: .utf8)
            #expect(
                stored == text,
                "Reports/examples/\(name) is out of date: run OD4G_REGENERATE_EXAMPLES=1 swift test --filter ReportExamplesTests")
        }
    }

    @Test func comparisonAllAndIndexReports() throws {
        let scratch = try Scratch()
        let codes = try campaign(scratch)
        let commune = try #require(codes["commune"])
        let epci = try #require(codes["epci"])
        let side = runCLI([
            "report", "--campaign", "grand-est-2026", "--organisation", commune, "--organisation", epci, "--db", scratch.db,
            "--lang", "en",
        ])
        #expect(side.status == 0, "\(side.err)")
        #expect(side.out.contains("<h1>Comparison — "))
        #expect(HTMLBalance.problems(side.out) == [])
        let change = runCLI([
            "report", "--campaign", "grand-est-2025", "--campaign", "grand-est-2026", "--organisation", commune, "--db",
            scratch.db, "--format", "md", "--lang", "en",
        ])
        #expect(change.status == 0, "\(change.err)")
        #expect(change.out.contains("| Change of the overall score |"))
        let folder = scratch.folder + "/all"
        let all = runCLI([
            "report", "--campaign", "grand-est-2026", "--all", "--output", folder, "--db", scratch.db, "--lang", "en", "--date",
            Self.date,
        ])
        #expect(all.status == 0, "\(all.err)")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder)
        let organisations = try #require(Int(all.out.split(separator: " ").first ?? ""))
        #expect(files.count == organisations + 2)
        let index = try String(contentsOfFile: folder + "/index.html", encoding: .utf8)
        #expect(index.contains(#"<a href="regional.html">regional report</a>"#))
        #expect(HTMLBalance.problems(index) == [])
        for file in files where file != "index.html" && file != "regional.html" {
            #expect(index.contains(#"<a href="\#(file)">"#), "index links \(file)")
        }
        let page = try String(contentsOfFile: folder + "/" + (files.first { $0.hasPrefix("sim") } ?? ""), encoding: .utf8)
        #expect(page.contains("Change since campaign grand-est-2025"))
        #expect(HTMLBalance.problems(page) == [])
    }
}
