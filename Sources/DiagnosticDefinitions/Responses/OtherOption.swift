import DiagnosticCore

extension Question {
    /// The ids an "Other" option goes by: its text, typed by the respondent, is kept as the answer's
    /// justification (a form's "Autre" field, LimeSurvey's `Q[other]`, KoboToolbox's `q/other`).
    static let otherOptionIDs: Set<String> = ["autre", "other"]

    /// The question's "Other" option, when it has one.
    var otherOption: AnswerOption? { options.first { Self.otherOptionIDs.contains($0.id) } }
}
