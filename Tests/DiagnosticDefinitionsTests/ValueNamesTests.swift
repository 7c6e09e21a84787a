import DiagnosticCore
import DiagnosticDefinitions
import DiagnosticTestSupport
import Foundation
import Testing

/// Files of names for profile codes (`kind: value-names`): the French départements ship with od4g,
/// another country brings its own file of the same shape.
@Suite struct ValueNamesTests {
    @Test func theBundledDepartementsAreComplete() throws {
        let result = ValueNamesLoader.load(path: Fixtures.repository("Questionnaires/fr-departements.yaml"))
        #expect(result.diagnostics.map { $0.rendered(.en) } == [])
        let names = try #require(result.value)
        #expect(names.id == "fr-departements")
        // 96 in metropolitan France (Corsica as 2A and 2B) and 5 overseas.
        #expect(names.names.count == 101)
        #expect(names.names["57"] == "Moselle")
        #expect(names.names["2A"] == "Corse-du-Sud")
        #expect(names.names["976"] == "Mayotte")
        // The Grand Est's ten.
        #expect(
            ["08", "10", "51", "52", "54", "55", "57", "67", "68", "88"].compactMap { names.names[$0] } == [
                "Ardennes", "Aube", "Marne", "Haute-Marne", "Meurthe-et-Moselle", "Meuse", "Moselle", "Bas-Rhin", "Haut-Rhin",
                "Vosges",
            ])
        // The questionnaire's département field names it, and a questionnaire with it names its codes.
        let questionnaire = try Fixtures.questionnaire(at: Fixtures.od4growthPath)
        #expect(questionnaire.profileField("departement")?.namesID == "fr-departements")
        #expect(questionnaire.departementName("57") == "57")
        let named = questionnaire.attaching([names])
        #expect(named.departementName("57") == "Moselle (57)")
        #expect(named.departementName("99") == "99")
    }

    @Test func mistakesAreLocated() {
        let text = """
            kind: value-names
            id: regions-it
            title: {fr: Régions italiennes}
            names:
              "": Nowhere
              "05": ""
              "06": [Friuli]
              "12": Lazio
            """
        let result = ValueNamesLoader.load(text: text, file: "it.yaml")
        #expect(
            result.diagnostics.map { $0.rendered(.en) } == [
                "it.yaml:5:3: error: invalid code '': a non-empty code of at most 40 characters",
                "it.yaml:6:9: error: '05' must be a text",
                "it.yaml:7:9: error: 'names' must be a text",
            ])
        #expect(result.value == nil)
        let fine = ValueNamesLoader.load(
            text: "kind: value-names\nid: it\ntitle: {fr: x}\nnames: {\"12\": Lazio}\n", file: "i.yaml")
        #expect(fine.value?.names == ["12": "Lazio"])
        #expect(DefinitionKind.detect(path: Fixtures.repository("Questionnaires/fr-departements.yaml")) == .valueNames)
    }

    @Test func onlyATextFieldHasNames() throws {
        let result = QuestionnaireLoader.load(
            text: try Fixtures.miniText([
                ("{id: population, kind: integer,", "{id: population, kind: integer, names: fr-departements,")
            ]), file: "mini.yaml")
        #expect(result.diagnostics.map { $0.rendered(.en) }.contains { $0.contains("'names'") && $0.contains("integer") })
    }
}
