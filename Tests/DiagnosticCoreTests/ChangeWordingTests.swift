import Testing

@testable import DiagnosticCore

/// How changes between campaigns are told: as the difference of the figures shown, and a changed
/// answer that earns the same points is not called progress.
@Suite struct ChangeWordingTests {
    @Test func aDifferentAnswerWorthTheSameIsNotProgress() {
        let same = CampaignChange.QuestionChange(id: "q", before: 0.4, after: 0.4, answerChanged: true)
        #expect(same.effect == .samePoints)
        #expect(same.effectText(.fr) == "réponse différente, mêmes points")
        // Shares are shown in whole per cent: 40.2 % and 39.9 % both read 40 %.
        #expect(CampaignChange.QuestionChange(id: "q", before: 0.402, after: 0.399, answerChanged: true).effect == .samePoints)
        #expect(
            CampaignChange.QuestionChange(id: "q", before: 0.4, after: 0.6, answerChanged: true).effectText(.en) == "more points")
        #expect(CampaignChange.QuestionChange(id: "q", before: 0.6, after: 0.4, answerChanged: true).effect == .fewerPoints)
        #expect(CampaignChange.QuestionChange(id: "q", before: nil, after: 0.4, answerChanged: true).effect == .unknown)
    }

    @Test func differencesAreThoseOfTheRoundedFigures() {
        #expect(NumberText.displayedDifference(from: 35.06, to: 40.64, decimals: 1) == 5.5)
        #expect(NumberText.displayedDifference(from: 0.4, to: 0.6, decimals: 0) == 1)
        #expect(NumberText.displayedDifference(from: 12.345, to: 12.355, decimals: 2) == 0.01)
    }
}
