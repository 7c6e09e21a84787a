import DiagnosticCore
import DiagnosticDefinitions
import DiagnosticTestSupport
import Foundation
import Testing

/// The support-action catalogue format: the bundled catalogue is clean, and every mistake is located.
@Suite struct ActionCatalogueTests {
    let mini: Questionnaire
    let text: String

    init() throws {
        mini = try Fixtures.mini()
        text = try String(contentsOfFile: Fixtures.path("mini-actions.yaml"), encoding: .utf8)
    }

    /// The fixture with some text replaced (each replacement must apply), loaded as `c.yaml`.
    func diagnostics(_ replacements: [(String, String)], questionnaire: Questionnaire? = nil) throws -> [String] {
        let edited = try Fixtures.text(of: "mini-actions.yaml", replacing: replacements)
        return ActionCatalogueLoader.load(text: edited, file: "c.yaml", questionnaire: questionnaire ?? mini).diagnostics
            .map { $0.rendered(.en) }
    }

    @Test func bundledCatalogueCoversTheSourceDocumentsWithoutAnyWarning() throws {
        let od4growth = try Fixtures.questionnaire(at: Fixtures.od4growthPath)
        let result = ActionCatalogueLoader.load(
            path: Fixtures.repository("Questionnaires/support-actions.yaml"), questionnaire: od4growth)
        #expect(result.diagnostics.map { $0.rendered(.en) } == [])
        let catalogue = try #require(result.value)
        #expect(catalogue.families.map(\.id) == ["vision", "equipe", "organisation"])
        // The OD4Growth workshops and the DataGrandEst offers named in the source documents.
        for id in [
            "atelier-strategie-missions", "atelier-projet-service", "journee-technique", "atelier-solutions-exploitation",
            "atelier-risques-reglementation", "kit-convaincre-elus", "groupes-standardisation", "accompagnement-publication",
            "ami-feder", "datathon", "dataviz-du-mois", "tutoriels-par-niveau", "cafe-data-virtuel", "forum-technique",
        ] {
            #expect(catalogue.action(id) != nil, "missing action \(id)")
        }
        // Every action addresses at least one scored question and every format is used.
        #expect(catalogue.actions.allSatisfy { !$0.questions.isEmpty })
        #expect(Set(catalogue.actions.map(\.format)) == Set(ActionFormat.allCases))
    }

    @Test func theFixtureIsValid() throws {
        #expect(try diagnostics([]) == [])
    }

    @Test func helpContactsAreReadAndTheirAddressesChecked() throws {
        let catalogue = try Fixtures.miniActions(mini)
        #expect(
            catalogue.help == [
                HelpContact(
                    name: "Agence <régionale> & co",
                    description: LocalizedText(["fr": "Ateliers et conseil.", "en": "Workshops and advice."]),
                    url: "https://example.org/aide"),
                HelpContact(name: "Réseau des données", email: "contact@example.org"),
            ])
        #expect(
            try diagnostics([
                (#"url: "https://example.org/aide""#, #"url: "javascript:alert(1)""#),
                (#"email: "contact@example.org""#, #"email: "contact at example""#),
            ]) == [
                #"c.yaml:89:10: error: invalid web address 'javascript:alert(1)': an http:// or https:// address without spaces or < > ""#,
                #"c.yaml:90:39: error: invalid e-mail address 'contact at example': name@domain, without spaces or < > ""#,
            ])
    }

    @Test func unknownReferencesAreLocatedWithSuggestions() throws {
        #expect(
            try diagnostics([
                ("family: vision\n    format: coaching", "family: visio\n    format: coachin"),
                (
                    "questions: [p2]}\n    when:\n      - {question: p2, in: [none, draft]}",
                    "questions: [u1]}\n    when:\n      - {question: p2, in: [none, drafts]}"
                ),
                (
                    "questions: [p3]}\n    when:\n      - {question: u1, includes: skills}",
                    "questions: [s1]}\n    when:\n      - {question: u9, includes: skills}"
                ),
                ("typologies: [region, departement]", "typologies: [region, depart]"),
                ("{dimension: partager, below: n4}", "{dimension: partager, below: n9}"),
                ("actions: [a-portail]", "actions: [a-portal]"),
                ("    duration_hours: 7\n", "    duration_hours: -7\n    colour: red\n"),
            ]) == [
                "c.yaml:12:13: error: unknown action family 'visio'; did you mean 'vision'?",
                "c.yaml:13:13: error: invalid value 'coachin' for 'format' (possible values: workshop, kit, coaching, funding, community)",
                "c.yaml:27:52: error: 'u1' is not a scored question: an action only closes gaps in points",
                "c.yaml:29:9: error: 'drafts' is not a possible answer of 'p2' (possible answers: none, draft, adopted, funded, dont_know)",
                "c.yaml:36:26: error: unknown typology or family 'depart'",
                "c.yaml:43:21: error: invalid duration (-7.0): a number of hours above 0 and at most 10,000",
                "c.yaml:44:5: error: unknown key 'colour' (possible keys: id, family, format, duration_hours, provider, title, description, typologies, requires, addresses, when, first_step)",
                "c.yaml:47:52: error: question 's1' counts in 'partager', which addresses.dimensions does not list",
                "c.yaml:49:20: error: unknown question 'u9'; did you mean 'u1'?",
                "c.yaml:72:17: error: unknown action 'a-portal'; did you mean 'a-portail'?",
                "c.yaml:76:38: error: unknown level 'n9'; did you mean 'n1'?",
            ])
    }

    @Test func prerequisiteCyclesAreRefused() throws {
        #expect(
            try diagnostics([
                (
                    "    addresses: {dimensions: [piloter], questions: [p1]}",
                    "    requires: {actions: [a-strategie]}\n    addresses: {dimensions: [piloter], questions: [p1]}"
                )
            ]) == ["c.yaml:11:9: error: cycle of prerequisites: a-referent → a-strategie → a-referent"])
    }

    @Test func duplicatesMissingFrenchAndAnotherQuestionnaireAreRefused() throws {
        #expect(
            try diagnostics([
                ("  - id: a-grands", "  - id: a-strategie"), ("title: {fr: Café data, en: Data café}", "title: {en: Data café}"),
            ]) == [
                "c.yaml:30:9: error: duplicate action id 'a-strategie' (first defined at 20:9)",
                "c.yaml:53:12: error: the French text (fr) is missing",
            ])
        #expect(
            try diagnostics([("questionnaire: mini", "questionnaire: od4growth")]) == [
                "c.yaml:4:16: error: the catalogue refers to questionnaire 'od4growth', not 'mini': choose the right one with --questionnaire"
            ])
    }

    @Test func aDimensionTestNeedsExactlyOneComparison() throws {
        #expect(
            try diagnostics([("{dimension: partager, below: n4}", "{dimension: partager, below: n4, at_least: n2}")]) == [
                "c.yaml:75:9: error: a dimension test gives exactly one of: below, at_least"
            ])
    }
}
