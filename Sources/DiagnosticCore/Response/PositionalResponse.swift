/// A checked response held by question position, as the compiled import path builds it: no
/// dictionary of answers by id, no score card, only what an import stores.
///
/// Only `ResponseChecker.checkedClean` makes one, and only for a response `check` would accept
/// without a single issue, so whatever is built from it is what the generic path builds.
public struct PositionalResponse: Sendable {
    /// Profile values by profile field id.
    public let profile: [String: ProfileValue]
    /// The typology the profile names.
    public let typology: Typology
    /// Answers by question position.
    public let answers: [Answer?]
    /// Visibility by question position.
    public let visibility: [Visibility]
}

extension ResponseChecker {
    /// The response made of `profile` (as read) and `answers` (parsed, by question position), when
    /// `check` would find nothing to say about it, not even a warning; otherwise `nil`, and the
    /// caller runs `check` for the diagnostics. `answers` holds answers with a value only: an answer
    /// left empty but justified (a warning for `check`) is the caller's to refuse.
    ///
    /// For imports: a clean row skips the raw response, the dictionaries and the score card.
    public func checkedClean(profile entries: [(field: String, value: RawValue)], answers: [Answer?]) -> PositionalResponse? {
        guard answers.count == questionnaire.questions.count else { return nil }
        var issues: [ResponseIssue] = []
        let profile = checkProfile(entries, issues: &issues)
        guard issues.isEmpty, let typology = typology(of: profile) else { return nil }
        let visibility = Visibility.positional(questionnaire, typology: typology, profile: profile, answers: answers)
        // An answer to a question not put to the respondent is an error or a warning for `check`.
        for index in answers.indices where answers[index] != nil && visibility[index] != .asked { return nil }
        return PositionalResponse(profile: profile, typology: typology, answers: answers, visibility: visibility)
    }
}
