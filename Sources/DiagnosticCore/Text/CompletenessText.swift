extension ScoredCompleteness {
    /// Says that a diagnostic is incomplete, with the figures: how many scored questions were
    /// answered of those asked, and how many it takes for levels and a plan.
    public func incompleteVerdict(minimum: Double, language: Language) -> String {
        let share = NumberText.format(percent, decimals: 0, language: language)
        let wanted = NumberText.format(minimum, decimals: 0, language: language)
        return language.pick(
            "Diagnostic incomplet : \(answered) question(s) notée(s) répondue(s) sur \(asked) posée(s) (\(share) %) ; il en faut au moins \(needed(minimum)) (\(wanted) %) pour donner un niveau et un plan d'actions. Aucun niveau ni plan n'est donné.",
            "Incomplete diagnostic: \(answered) scored question(s) answered of \(asked) asked (\(share)%); it takes at least \(needed(minimum)) (\(wanted)%) to give a level and an action plan. No level and no plan are given."
        )
    }
}
