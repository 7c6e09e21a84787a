import DiagnosticCore
import DiagnosticDefinitions
import DiagnosticTestSupport
import Foundation
import Testing

/// The simulator is driven by the questionnaire's simulation file, not by OD4Growth's ids.
@Suite struct SimulationProfileTests {
    static func profile(_ text: String, _ questionnaire: Questionnaire) -> LoadResult<SimulationProfile> {
        SimulationProfileLoader.load(
            text: "kind: simulation\nquestionnaire: mini\n" + text, file: "s.yaml", questionnaire: questionnaire)
    }

    static func profileValue(_ respondent: RawResponse, _ field: String) -> String? {
        respondent.profile.first { $0.field == field }.flatMap { entry in
            if case .scalar(let text) = entry.value { return text }
            return nil
        }
    }

    @Test func theOD4GrowthFileStartsWithTheRegionThenEachDepartement() throws {
        let questionnaire = try Fixtures.questionnaire(at: Fixtures.od4growthPath)
        let profile = try #require(questionnaire.simulation)
        #expect(profile.mix.count == 7 && profile.departements.count == 10)
        let first = Array(Simulator(questionnaire: questionnaire, seed: 1).respondents(count: 40))
        // One respondent each for the region (two are possible) is not guaranteed: take organisations in order.
        var organisations: [(typology: String, departement: String)] = []
        for respondent in first {
            let pair = (Self.profileValue(respondent, "typology") ?? "", Self.profileValue(respondent, "departement") ?? "")
            if organisations.last.map({ $0 != pair }) ?? true { organisations.append(pair) }
        }
        #expect(organisations.prefix(11).map(\.typology) == ["region"] + Array(repeating: "departement", count: 10))
        #expect(
            organisations.prefix(11).map(\.departement) == ["67", "08", "10", "51", "52", "54", "55", "57", "67", "68", "88"])
    }

    @Test func anotherModelIsSimulatedFromItsOwnFile() throws {
        let questionnaire = try Fixtures.mini()
        let loaded = Self.profile(
            """
            mix: [{typology: cc, share: 1}]
            departements: [{code: "2A", weight: 1}]
            sizes:
              cc: {population: 1000, inhabitants_per_agent: 100}
            roles: {epci: [cdo]}
            """, questionnaire)
        #expect(loaded.diagnostics.isEmpty, "\(loaded.diagnostics.map { $0.rendered(.en) })")
        var model = questionnaire
        model.simulation = try #require(loaded.value)
        let respondents = Array(Simulator(questionnaire: model, seed: 9).respondents(count: 30))
        #expect(respondents.count == 30)
        for respondent in respondents {
            // Every organisation is a cc of 1,000 inhabitants and 1000 / 100 = 10 agents, in Corse-du-Sud, answered by its CDO.
            #expect(Self.profileValue(respondent, "typology") == "cc")
            #expect(Self.profileValue(respondent, "population") == "1000")
            #expect(Self.profileValue(respondent, "agents") == "10")
            #expect(Self.profileValue(respondent, "departement") == "2A")
            #expect(Self.profileValue(respondent, "role") == "cdo")
        }
    }

    @Test func withoutAFileEveryTypologyIsDrawnAlike() throws {
        var questionnaire = try Fixtures.mini()
        questionnaire.simulation = nil
        let respondents = Array(Simulator(questionnaire: questionnaire, seed: 4).respondents(count: 700))
        let typologies = Set(respondents.compactMap { Self.profileValue($0, "typology") })
        #expect(typologies == Set(questionnaire.typologies.map(\.id)))
        #expect(
            respondents.allSatisfy { Self.profileValue($0, "population") == nil && Self.profileValue($0, "departement") == nil })
    }

    @Test func mistakesAreLocatedAndSaid() throws {
        let questionnaire = try Fixtures.mini()
        let result = Self.profile(
            """
            mix: [{typology: comune, share: 0.8}, {typology: cc, share: 0}]
            maturity: {commune: 1.5}
            roles: {epcy: [cdo]}
            inverse_sections: [problems]
            """, questionnaire)
        #expect(result.value == nil)
        #expect(
            result.diagnostics.map { $0.rendered(.en) } == [
                "s.yaml:3:18: error: unknown typology 'comune'; did you mean 'commune'?",
                "s.yaml:3:61: error: 'share' is 0: expected > 0, ≤ 9007199254740991",
                "s.yaml:4:21: error: 'commune' is 1.5: expected 0..1",
                "s.yaml:5:9: error: unknown typology family 'epcy'; did you mean 'epci'?",
                "s.yaml:6:20: error: unknown section 'problems'; did you mean 'problemes'?",
            ])
        // Sizes beyond what a response holds are refused, not drawn (they would overflow).
        let huge = Self.profile(
            "sizes:\n  cc: {population: {median: 1000, spread: 0.1, min: 1, max: 1e300}, inhabitants_per_agent: 10}\n",
            questionnaire)
        #expect(huge.value == nil)
        #expect(
            huge.diagnostics.map { $0.rendered(.en) } == ["s.yaml:4:61: error: 'max' is 1e+300: expected > 0, ≤ 9007199254740991"]
        )
        let warned = Self.profile("fixed: [{typology: departement}]\n", questionnaire)
        #expect(warned.value != nil)
        #expect(
            warned.diagnostics.map { $0.rendered(.en) } == [
                "s.yaml:3:1: warning: fixed organisation without 'departement' and no 'departements' listed: it is simulated nowhere"
            ])
        let od4growth = try Fixtures.questionnaire(at: Fixtures.od4growthPath)
        let roles = SimulationProfileLoader.load(
            text: "kind: simulation\nquestionnaire: od4growth\nroles: {default: [maire]}\n", file: "s.yaml",
            questionnaire: od4growth)
        #expect(
            roles.diagnostics.map { $0.rendered(.en) } == [
                "s.yaml:3:18: warning: role 'maire' is not an option of the 'role' field (elu, dgs, cdo, sig, dsi, metier, communication, autre): these respondents get no role"
            ])
        let other = SimulationProfileLoader.load(
            text: "kind: simulation\nquestionnaire: od4growth\n", file: "s.yaml", questionnaire: questionnaire)
        #expect(
            other.diagnostics.map { $0.rendered(.fr) } == [
                "s.yaml:2:16: error: ce fichier de simulation est pour le questionnaire « od4growth », pas « mini »"
            ])
    }
}
