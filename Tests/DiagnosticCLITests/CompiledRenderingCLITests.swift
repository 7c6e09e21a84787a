import DiagnosticCore
import DiagnosticPipeline
import DiagnosticReports
import DiagnosticStore
import DiagnosticTestSupport
import Foundation
import Testing

@testable import DiagnosticCLI

/// Every report of a simulated campaign — individual reports with plans, targets, route and
/// progress, the regional report, the index and a comparison — comes out of the compiled renderer
/// exactly as swift-mustache writes it, in both formats and languages.
@Suite struct CompiledRenderingCLITests {
    @Test func reportsOfASimulatedCampaignMatchSwiftMustache() throws {
        let scratch = try Scratch()
        for (wave, name) in [(0, "wave-1"), (1, "wave-2")] {
            let run = runCLI([
                "simulate", "--respondents", "60", "--seed", "11", "--wave", String(wave), "--campaign", name, "--db", scratch.db,
            ])
            #expect(run.status == 0, "\(run.err)")
        }
        let export = runCLI(["export", "--campaign", "wave-2", "--open-data", "--db", scratch.db])
        let firstRow = try #require(export.out.split(separator: "\n").dropFirst().first)
        let code = firstRow.split(separator: ",", omittingEmptySubsequences: false)[5]
        for arguments in [
            ["target", "--organisation", String(code), "piloter=avance", "partager=avance"],
            ["follow", "--organisation", String(code), "kit-convaincre-elus"],
        ] {
            let run = runCLI(arguments + ["--db", scratch.db])
            #expect(run.status == 0, "\(run.err)")
        }
        let database = try CampaignDatabase.open(path: scratch.db)
        let folder = Fixtures.repository("Reports/templates")
        var reference = try ReportTemplates(folder: folder)
        reference.referenceRendering = true
        let engines = [("compiled", try ReportTemplates(folder: folder)), ("reference", reference)]
        for language in [Language.fr, .en] {
            let source = CampaignSource(commandLine: database, language: language)
            let campaign = try source.campaign(named: "wave-2")
            let catalogue = try CatalogueLocator(language: language).optional(explicitPath: nil, for: campaign.questionnaire)
            #expect(catalogue != nil)
            var profiles: [OrganisationProfile] = []
            try database.forEachOrganisation(campaign: campaign.info, questionnaire: campaign.questionnaire) { entries in
                if profiles.count < 3, let profile = OrganisationProfile(entries: entries, questionnaire: campaign.questionnaire)
                {
                    profiles.append(profile)
                }
            }
            for format in ReportFormat.allCases {
                var outputs: [String: [String: String]] = [:]
                for (engine, templates) in engines {
                    let renderer = ReportRenderer(templates: templates, language: language, date: "2026-11-23")
                    let output = scratch.folder + "/\(engine)-\(language.rawValue)-\(format.rawValue)"
                    let count = try AllReports(
                        source: source, campaign: campaign, renderer: renderer, format: format, minimumGroupSize: 5,
                        catalogue: catalogue, maximumActions: nil
                    ).write(into: output)
                    #expect(count > 40)
                    var files: [String: String] = [:]
                    for name in try FileManager.default.contentsOfDirectory(atPath: output) {
                        files[name] = try String(contentsOfFile: output + "/" + name, encoding: .utf8)
                    }
                    files["comparison"] = try renderer.comparison(
                        .sideBySide(questionnaire: campaign.questionnaire, campaign: "wave-2", organisations: profiles),
                        format: format)
                    outputs[engine] = files
                }
                let compiled = try #require(outputs["compiled"])
                let referenceFiles = try #require(outputs["reference"])
                #expect(compiled.keys.sorted() == referenceFiles.keys.sorted())
                let differing = compiled.keys.filter { compiled[$0] != referenceFiles[$0] }.sorted()
                #expect(differing.isEmpty, "\(language) \(format): \(differing.prefix(5))")
                // The organisation with targets shows its route in both.
                #expect(compiled.values.contains { $0.contains(language == .fr ? "Chemin le plus court" : "Shortest route") })
            }
        }
    }
}
