import DiagnosticCore
import DiagnosticDefinitions
import DiagnosticPipeline
import DiagnosticReports
import DiagnosticStore
import DiagnosticTestSupport
import Foundation
import Testing

@testable import DiagnosticCLI

/// The store seam: the same two simulated campaigns imported through `ImportPipeline` into the
/// SQLite store and into `MemoryStore` (written against `CampaignStore` alone) give the same
/// reports, byte for byte: every organisation's report with its peers, change and plan, the
/// regional report and the index.
@Suite struct CampaignStoreSeamTests {
    @Test func aStoreWrittenAgainstTheProtocolGivesTheSameReportsAsSQLite() throws {
        let scratch = try Scratch()
        var files: [(campaign: String, path: String)] = []
        for (wave, name) in [(0, "wave-1"), (1, "wave-2")] {
            let path = scratch.folder + "/\(name).csv"
            let run = runCLI([
                "simulate", "--respondents", "80", "--seed", "5", "--wave", String(wave), "--output", path,
            ])
            #expect(run.status == 0, "\(run.err)")
            files.append((name, path))
        }
        let questionnairePath = Fixtures.repository("Questionnaires/od4growth.yaml")
        let text = try String(contentsOfFile: questionnairePath, encoding: .utf8)
        let questionnaire = try #require(QuestionnaireLoader.load(text: text, file: questionnairePath).value)
        let stores: [(name: String, store: any CampaignStore)] = [
            ("sqlite", try CampaignDatabase.open(path: scratch.db)), ("memory", MemoryStore()),
        ]
        var written: [String: [String: String]] = [:]
        for (name, store) in stores {
            for (index, file) in files.enumerated() {
                let pipeline = ImportPipeline(
                    questionnaire: questionnaire, language: .fr, mapping: ColumnMapping(), skipInvalid: false, dryRun: false,
                    progress: nil)
                var report = ImportPipeline.Report()
                let outcome = try store.importing(
                    campaign: file.campaign, period: nil, questionnaire: questionnaire, questionnaireText: text,
                    now: Date(timeIntervalSince1970: 1_780_000_000 + Double(index) * 86_400)
                ) { batch in try pipeline.run([file.path], session: batch, report: &report) }
                #expect(outcome.committed && outcome.inserted == 80, "\(name): \(report.diagnostics)")
            }
            let source = CampaignSource(commandLine: store, language: .fr)
            let campaign = try source.campaign(named: "wave-2")
            let first = try store.organisationKey(matching: "SIM000002", campaign: campaign.info)
            try store.setTargets(of: first, ["piloter": "avance"], source: "test")
            try store.recordFollowed(of: first, ["kit-convaincre-elus"], source: "test")
            let catalogue = try CatalogueLocator(language: .fr).optional(explicitPath: nil, for: campaign.questionnaire)
            let renderer = ReportRenderer(
                templates: try ReportTemplates(folder: Fixtures.repository("Reports/templates")), language: .fr,
                date: "2026-12-02")
            let folder = scratch.folder + "/" + name
            let count = try AllReports(
                source: source, campaign: campaign, renderer: renderer, format: .html, minimumGroupSize: 5,
                catalogue: catalogue, maximumActions: nil
            ).write(into: folder)
            #expect(count > 40)
            var contents: [String: String] = [:]
            for file in try FileManager.default.contentsOfDirectory(atPath: folder) {
                contents[file] = try String(contentsOfFile: folder + "/" + file, encoding: .utf8)
            }
            written[name] = contents
        }
        let sqlite = try #require(written["sqlite"])
        let memory = try #require(written["memory"])
        #expect(sqlite.keys.sorted() == memory.keys.sorted())
        #expect(sqlite.keys.filter { sqlite[$0] != memory[$0] }.sorted() == [])
        // The plan of the organisation with a target shows it, and its change since wave-1 is there.
        let report = try #require(sqlite.first { $0.value.contains("SIM000002") && $0.key != "index.html" }?.value)
        #expect(report.contains("wave-1"))
    }
}
