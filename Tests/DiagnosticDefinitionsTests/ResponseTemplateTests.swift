import DiagnosticCore
import DiagnosticTestSupport
import Testing

@testable import DiagnosticDefinitions

@Suite struct ResponseTemplateTests {
    @Test(arguments: ["region", "cc", "commune"])
    func templateListsExactlyTheQuestionsOfTheTypologyAndIsAValidResponse(_ typologyID: String) throws {
        let questionnaire = try Fixtures.mini()
        let typology = try #require(questionnaire.typology(typologyID))
        let text = ResponseTemplate(questionnaire: questionnaire, typology: typology, language: .fr).render()
        let listed = text.split(separator: "\n").compactMap { line -> String? in
            guard line.hasPrefix("  "), !line.hasPrefix("  #"), !line.hasPrefix("   "), line.hasSuffix(":") else { return nil }
            return String(line.dropFirst(2).dropLast())
        }.filter { questionnaire.question($0) != nil }
        #expect(listed == questionnaire.questions.filter { $0.isAsked(to: typology) }.map(\.id))
        let loaded = ResponseLoader.load(text: text, file: "template.yaml", questionnaire: questionnaire)
        #expect(
            loaded.diagnostics.map { $0.rendered(.en) } == [
                "template.yaml:10:3: error: respondent.organisation: required profile field 'organisation' is missing"
            ])
    }

    @Test func templateExplainsConditionsAndAnswers() throws {
        let questionnaire = try Fixtures.mini()
        let typology = try #require(questionnaire.typology("cc"))
        let text = ResponseTemplate(questionnaire: questionnaire, typology: typology, language: .en).render()
        #expect(text.contains("  # s2 — Where do you publish?\n  #   Only if s1 = \"Yes\"\n  #   A list [a, b] of: own"))
        #expect(text.contains("  #   Only if population ≥ 3,500 and staff ≥ 50; otherwise leave empty\n"))
        #expect(text.contains("  #   Answers: \"yes\" (Yes) · \"no\" (No) · dont_know (Don't know)\n  p1:\n"))
        #expect(text.contains("  #   A list [a, b] of: skills (Skills) · licence (Licence) — or: dont_know (Don't know)\n"))
        #expect(text.contains("  typology: cc\n"))
    }

    @Test func quotingForYAML() {
        #expect(ResponseTemplate.quoted("a \"b\"\n\\") == "\"a \\\"b\\\"\\n\\\\\"")
        #expect(ResponseTemplate.quotedIfNeeded("yes") == "\"yes\"")
        #expect(ResponseTemplate.quotedIfNeeded("portail") == "portail")
    }
}
