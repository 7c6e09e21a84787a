import DiagnosticCore
import DiagnosticPipeline
import DiagnosticReports
import DiagnosticStore
import DiagnosticTestSupport
import DiagnosticWeb
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// Two respondents of one organisation, each with their own link: each keeps their own answers,
/// and the organisation's diagnostic combines them, as a campaign import does.
@Suite struct SeveralRespondentsTests {
    @Test func eachRespondentHasTheirOwnAnswersAndTheReportCombinesThem() async throws {
        let questionnaire = try Fixtures.mini()
        let text = try String(contentsOfFile: Fixtures.path("mini.yaml"), encoding: .utf8)
        let database = try CampaignDatabase.inMemory()
        let tokens = [InvitationToken.make(), InvitationToken.make()]
        try database.invite(
            [
                (
                    Invitation(
                        organisation: "Pays Test", typology: "cc", population: 22_000, agents: 140, departement: "55",
                        email: "dgs@pays.example"), tokens[0]
                ),
                (
                    Invitation(
                        organisation: "Pays Test", typology: "cc", population: 22_000, agents: 140, departement: "55",
                        email: "sig@pays.example"), tokens[1]
                ),
            ],
            campaign: "web", period: nil, questionnaire: questionnaire, questionnaireText: text, now: Date())
        let renderer = ReportRenderer(
            templates: try ReportTemplates(folder: Fixtures.repository("Reports/templates")), language: .fr, date: "2026-12-02")
        let server = try WebServer(source: CampaignSource(database: database, language: .fr), store: database, renderer: renderer)
        try await Application(router: server.router()).test(.router) { client in
            for (token, answer) in [(tokens[0], "yes"), (tokens[1], "no")] {
                let csrf = WebFixture.csrf(try await client.get("/r/\(token)").1)
                #expect(
                    try await client.post(
                        "/r/\(token)",
                        [
                            ("csrf", csrf), ("a.p1", answer), ("a.p2", "adopted"), ("a.p3", "2"), ("a.s1", "no"),
                            ("a.s4", "yes"),
                        ]
                    ).0 == .seeOther)
            }
            #expect(try await client.get("/r/\(tokens[0])").1.contains("name=\"a.p1\" value=\"yes\" checked"))
            #expect(try await client.get("/r/\(tokens[1])").1.contains("name=\"a.p1\" value=\"no\" checked"))
            let report = try await client.get("/r/\(tokens[1])/report").1
            #expect(report.contains("<h1>Pays Test</h1>"))
            #expect(report.contains("répondants : "), "the report names its two respondents")
        }
        let info = try database.campaign(named: "web").campaign
        #expect(info.organisations == 1 && info.responses == 2)
        let profile = try #require(
            try database.profile(
                of: try database.organisationKey(matching: "Pays Test", campaign: info), campaign: info,
                questionnaire: questionnaire))
        #expect(profile.respondents.count == 2)
        // p1 is "yes" for one, "no" for the other: half its points in the mean, and a disagreement.
        #expect(profile.questionRatios.first == 0.5)
        #expect(profile.disagreements == [0])
    }
}
