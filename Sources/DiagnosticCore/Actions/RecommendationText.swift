/// Says recommendations in plain words: reasons, horizons, formats.
public struct RecommendationText: Sendable {
    /// The questionnaire whose labels are used.
    public let questionnaire: Questionnaire
    /// The catalogue whose titles are used.
    public let catalogue: ActionCatalogue
    /// The language.
    public let language: Language

    /// Every level's name by id: the questionnaire's levels first, then those of dimensions and typologies.
    private let levelNames: [String: String]

    /// Creates a describer.
    public init(questionnaire: Questionnaire, catalogue: ActionCatalogue, language: Language) {
        self.questionnaire = questionnaire
        self.catalogue = catalogue
        self.language = language
        let levels =
            questionnaire.levels + questionnaire.dimensions.flatMap { $0.levels ?? [] }
            + questionnaire.typologies.flatMap { $0.levels ?? [] }
        levelNames = Dictionary(
            levels.map { ($0.id, $0.label.resolved(language.rawValue)) }, uniquingKeysWith: { first, _ in first })
    }

    private var lang: String { language.rawValue }

    /// A level's name ("not assessed" for `nil`).
    public func levelName(_ id: String?) -> String {
        guard let id else { return language.pick("non évalué", "not assessed") }
        return levelNames[id] ?? id
    }

    /// A dimension's short name.
    public func dimensionName(_ id: String) -> String {
        questionnaire.dimension(id).map { ($0.shortLabel ?? $0.label).resolved(lang) } ?? id
    }

    private func answerText(_ value: AnswerValue, question: Question) -> String {
        if case .special(let kind) = value { return questionnaire.specialAnswer(kind)?.label.resolved(lang) ?? kind.rawValue }
        return question.kind.unit.phrase(value, of: question, in: AnswerText(questionnaire: questionnaire, language: language))
    }

    /// One reason in plain words.
    public func reason(_ reason: RecommendationReason) -> String {
        let l = language
        switch reason {
        case .answer(let id, let value):
            guard let question = questionnaire.question(id) else { return id }
            let label = question.label.resolved(lang)
            return l.pick("« \(label) » → ", "\"\(label)\" → ") + answerText(value, question: question)
        case .profile(let field, let value):
            let definition = questionnaire.profileField(field)
            let name = definition?.label.resolved(lang) ?? field
            // A personal field (a name, an e-mail) is never repeated in a plan.
            if definition?.personal ?? false { return name }
            let shown =
                definition?.kind == .typology
                ? questionnaire.typology(value.text)?.label.resolved(lang) ?? value.text
                : definition?.options.first { $0.id == value.text }?.label.resolved(lang) ?? value.text
            return name + l.pick(" : ", ": ") + shown
        case .dimensionBelow(let dimension, let current, let level):
            return l.pick(
                "\(dimensionName(dimension)) au niveau \(levelName(current)), sous « \(levelName(level)) »",
                "\(dimensionName(dimension)) at level \(levelName(current)), below \"\(levelName(level))\""
            )
        case .dimensionAtLeast(let dimension, let current, let level):
            return l.pick(
                "\(dimensionName(dimension)) au niveau \(levelName(current)) (au moins « \(levelName(level)) »)",
                "\(dimensionName(dimension)) at level \(levelName(current)) (at least \"\(levelName(level))\")"
            )
        case .target(let dimension, let current, let target):
            return l.pick(
                "objectif « \(levelName(target)) » en \(dimensionName(dimension)) (aujourd'hui \(levelName(current)))",
                "target \"\(levelName(target))\" in \(dimensionName(dimension)) (today \(levelName(current)))"
            )
        case .prerequisite(let of):
            return l.pick("préalable à « \(title(of)) »", "prerequisite of \"\(title(of))\"")
        }
    }

    /// All reasons of a recommendation, joined; the answers several respondents gave to one
    /// question are said once, their values joined by " | ".
    public func reasons(_ recommendation: Recommendation) -> String {
        reasonTexts(recommendation.reasons).joined(separator: " ; ")
    }

    /// Each reason in plain words, the answers to one question merged into one text.
    public func reasonTexts(_ reasons: [RecommendationReason]) -> [String] {
        var texts: [String] = []
        var answerSlot: [String: Int] = [:]
        for item in reasons {
            guard case .answer(let id, let value) = item, let question = questionnaire.question(id) else {
                texts.append(reason(item))
                continue
            }
            if let slot = answerSlot[id] {
                texts[slot] += " | " + answerText(value, question: question)
            } else {
                answerSlot[id] = texts.count
                texts.append(reason(item))
            }
        }
        return texts
    }

    /// A horizon's name.
    public func horizon(_ horizon: Horizon) -> String {
        switch horizon {
        case .first: language.pick("Dans les 3 mois", "Within 3 months")
        case .year: language.pick("De 3 à 12 mois", "From 3 to 12 months")
        case .later: language.pick("Au-delà de 12 mois", "Beyond 12 months")
        }
    }

    /// A format's name.
    public func format(_ format: ActionFormat) -> String {
        switch format {
        case .workshop: language.pick("atelier", "workshop")
        case .kit: language.pick("kit", "kit")
        case .coaching: language.pick("accompagnement", "coaching")
        case .funding: language.pick("financement", "funding")
        case .community: language.pick("événement collectif", "community event")
        }
    }

    /// An action's title, or its id when the catalogue does not know it.
    public func title(_ id: String) -> String { catalogue.action(id)?.title.resolved(lang) ?? id }

    /// "1 h", "7 h", or nothing.
    public func duration(_ action: SupportAction) -> String {
        action.durationHours.map { NumberText.format($0, decimals: 1, language: language) + " h" } ?? ""
    }
}
