import DiagnosticCore
import DiagnosticTestSupport
import Foundation
import Testing

@testable import DiagnosticDefinitions

/// The codes of a LimeSurvey survey od4g writes never read like something else: another answer,
/// another option, or a column of LimeSurvey's own.
@Suite struct LimeSurveyCodesTests {
    /// The mini questionnaire with questions whose ids and options could collide with codes.
    func questionnaire() throws -> Questionnaire {
        var text = try String(contentsOfFile: Fixtures.path("mini.yaml"), encoding: .utf8)
        text += """
              - id: start-date
                section: problemes
                kind: single
                not_applicable: excluded
                label: {fr: Quand ?, en: When?}
                options:
                  - {id: na, label: {fr: Pas encore, en: Not yet}}
                  - {id: now, label: {fr: Maintenant, en: Now}}
                  - {id: autre, label: {fr: Autre, en: Other}}
              - id: u3
                section: problemes
                kind: multiple
                label: {fr: Quelles données ?, en: Which data?}
                options:
                  - {id: open-data, label: {fr: Données ouvertes, en: Open data}}
                  - {id: opendata, label: {fr: Jeu Opendata, en: Opendata set}}
                  - {id: autre, label: {fr: Autre, en: Other}}
              - id: u4
                section: problemes
                kind: text
                label: {fr: Lesquelles ?, en: Which?}
                when: {question: u3, includes: autre}
              - id: u5
                section: problemes
                kind: text
                label: {fr: Pourquoi ?, en: Why?}
                when: {any: [{question: p3, at_least: 2}, {question: start-date, equals: autre}]}

            """
        let result = QuestionnaireLoader.load(text: text, file: "mini-codes.yaml")
        return try #require(result.value, "\(result.diagnostics.map { $0.rendered(.en) })")
    }

    @Test func codesAvoidWhatTheyCouldBeTakenFor() throws {
        let codes = LimeSurveyCodes(try questionnaire())
        // `startdate` is a column of LimeSurvey's export.
        #expect(codes.questions["start-date"] == "startDate1")
        #expect(codes.questions["p1"] == "p1")
        // "NA" would read as the option `na`: "Non concerné" gets a code of its own.
        #expect(codes.answers["start-date"]?["na"] == "na")
        #expect(codes.answers["start-date"]?["not_applicable"] == "notap")
        #expect(codes.answers["start-date"]?["dont_know"] == "DK")
        #expect(codes.answers["p1"] == ["yes": "Y", "no": "N", "dont_know": "DK"])
        #expect(codes.answers["p3"]?["4"] == "4" && codes.answers["p3"]?["not_applicable"] == "NA")
        // `openData` would read as the option `opendata`.
        #expect(codes.subquestions["u3"]?["open-data"] == "openData1")
        #expect(codes.subquestions["u3"]?["opendata"] == "opendata")
        // LimeSurvey's own "Other" stands for `autre`: no sub-question, no answer code.
        #expect(codes.subquestions["u3"]?["autre"] == nil && codes.answers["start-date"]?["autre"] == nil)
    }

    @Test func conditionsOnOtherAndOnScalesReadLimeSurveysValues() throws {
        let form = LimeSurveyForm(questionnaire: try questionnaire(), typology: nil, language: .fr)
        let questionnaire = form.questionnaire
        #expect(form.relevance(try #require(questionnaire.question("u4"))) == "!is_empty(u3_other.NAOK)")
        // "Je ne sais pas" (DK) is not at least 2; a list's "Other" is `-oth-`.
        #expect(
            form.relevance(try #require(questionnaire.question("u5")))
                == "(is_numeric(p3.NAOK) and p3.NAOK >= 2) or (startDate1.NAOK == '-oth-')")
    }
}
