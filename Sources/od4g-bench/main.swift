import DiagnosticCLI
import Foundation

// The campaign benchmark: `swift run -c release od4g-bench [N ...]` (default 10000 100000).
// Each size runs in a fresh process so that peak memory is that size's own.
let arguments = Array(CommandLine.arguments.dropFirst())
let sizes = arguments.compactMap(Int.init)

func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

if arguments.first == "--reports" {
    do {
        let size = sizes.first ?? 10_000
        let figures = try Benchmark.reports(respondents: size, directory: FileManager.default.temporaryDirectory.path)
        print(
            "od4g report --all --format html: \(figures.organisations) organisations in \(String(format: "%.2f", figures.seconds)) s (\(String(format: "%.0f", Double(figures.organisations) / max(figures.seconds, 1e-9))) reports/s), peak memory \(figures.peakMemory / 1_000_000) MB"
        )
    } catch {
        FileHandle.standardError.write(Data("benchmark failed: \(error)\n".utf8))
        exit(1)
    }
} else if arguments.first == "--stages", let size = sizes.first {
    do { try Benchmark.stages(respondents: size, directory: FileManager.default.temporaryDirectory.path) } catch {
        print("failed: \(error)")
    }
} else if arguments.first == "--one", let size = sizes.first {
    do {
        let figures = try Benchmark.run(
            respondents: size, directory: FileManager.default.temporaryDirectory.path,
            questionnairePath: ProcessInfo.processInfo.environment["OD4G_BENCH_QUESTIONNAIRE"])
        let n = Double(figures.respondents)
        func line(_ name: String, _ duration: Duration) -> String {
            let s = seconds(duration)
            return
                "  \(name.padding(toLength: 12, withPad: " ", startingAt: 0)) \(String(format: "%7.2f", s)) s  \(String(format: "%9.0f", n / max(s, 1e-9))) responses/s"
        }
        print(
            "N = \(figures.respondents) (CSV \(figures.csvBytes / 1_000_000) MB, database \(figures.databaseBytes / 1_000_000) MB)"
        )
        print(line("simulate", figures.simulate) + "   (not counted)")
        print(line("import", figures.importing) + "   (read CSV, check, store)")
        print(line("scoring", figures.scoring))
        print(line("  of which", figures.storing) + "   (import: SQLite writes)")
        print(line("  of which", figures.processing) + "   (check and score, all cores)")
        print(line("  of which", figures.committing) + "   (import: final commit to disk)")
        print(line("aggregation", figures.aggregating) + "   (by typology, from the database)")
        print(line("total", figures.total) + "   (import + scoring + aggregation)")
        print("  peak memory  \(figures.peakMemory / 1_000_000) MB")
    } catch {
        FileHandle.standardError.write(Data("benchmark failed: \(error)\n".utf8))
        exit(1)
    }
} else {
    for size in sizes.isEmpty ? [10_000, 100_000] : sizes {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        process.arguments = ["--one", String(size)]
        do {
            try process.run()
            process.waitUntilExit()
        } catch {
            FileHandle.standardError.write(Data("cannot run \(CommandLine.arguments[0]): \(error)\n".utf8))
            exit(1)
        }
        if process.terminationStatus != 0 { exit(process.terminationStatus) }
    }
}
