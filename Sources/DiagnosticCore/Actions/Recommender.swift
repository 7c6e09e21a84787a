/// Why an action is recommended, in terms a person can check against the answers.
public enum RecommendationReason: Sendable, Hashable {
    /// An answer that calls for it.
    case answer(question: String, value: AnswerValue)
    /// A profile value that calls for it.
    case profile(field: String, value: ProfileValue)
    /// A dimension below a level (`current` is `nil` when the dimension could not be scored).
    case dimensionBelow(dimension: String, current: String?, level: String)
    /// A dimension at or above a level.
    case dimensionAtLeast(dimension: String, current: String?, level: String)
    /// A target level the dimension has not reached yet.
    case target(dimension: String, current: String?, target: String)
    /// A prerequisite of another recommended action.
    case prerequisite(of: String)
}

/// When, in the plan, an action is to be followed.
public enum Horizon: Int, Sendable, Hashable, CaseIterable, Comparable {
    /// The first three months.
    case first = 0
    /// From three to twelve months.
    case year = 1
    /// Beyond twelve months.
    case later = 2

    /// Orders horizons in time.
    public static func < (lhs: Horizon, rhs: Horizon) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// One recommended action, with its reasons, its expected gain and its place in the plan.
public struct Recommendation: Sendable, Hashable {
    /// The action.
    public var action: SupportAction
    /// Why it is recommended.
    public var reasons: [RecommendationReason]
    /// Overall score points it could recover: the points still missing on the questions it
    /// addresses, converted into overall score points (docs/recommendations.md).
    public var gain: Double
    /// Its horizon in the plan.
    public var horizon: Horizon
    /// Whether it is only in the plan as a prerequisite of another action.
    public var prerequisiteOnly: Bool
}

/// A sequenced plan of support actions for one respondent.
public struct ActionPlan: Sendable, Hashable {
    /// The recommendations, in plan order: by horizon, prerequisites first, then by expected gain.
    public var recommendations: [Recommendation]
    /// Actions already followed, left out.
    public var followed: [String]
    /// The targets the plan aims at (dimension → level id).
    public var targets: [String: String]
}

/// Recommends support actions from a scored response: triggers, targets, ranking and sequencing.
/// The rules are written out in `docs/recommendations.md`.
public struct Recommender: Sendable {
    /// The questionnaire.
    public let questionnaire: Questionnaire
    /// The catalogue.
    public let catalogue: ActionCatalogue

    /// Creates a recommender.
    public init(questionnaire: Questionnaire, catalogue: ActionCatalogue) {
        self.questionnaire = questionnaire
        self.catalogue = catalogue
    }

    /// The plan for one respondent; the same inputs always give the same plan.
    public func plan(
        response: Response, card: ScoreCard, targets: [String: String] = [:], followed: Set<String> = [], maximum: Int? = nil
    ) -> ActionPlan {
        let evaluator = TriggerEvaluator(questionnaire: questionnaire, response: response, card: card)
        let gains = GainTable(questionnaire: questionnaire, card: card)
        var chosen: [Recommendation] = []
        for action in catalogue.actions where action.suits(card.typology) && !followed.contains(action.id) {
            var reasons: [RecommendationReason] = []
            for trigger in action.triggers {
                let (holds, why) = evaluator.evaluate(trigger)
                if holds { reasons += why.filter { !reasons.contains($0) } }
            }
            for dimension in action.dimensions.sorted() {
                guard let target = targets[dimension], evaluator.isBelow(dimension: dimension, level: target) else { continue }
                reasons.append(.target(dimension: dimension, current: card.dimension(dimension)?.level?.id, target: target))
            }
            guard !reasons.isEmpty else { continue }
            chosen.append(
                Recommendation(
                    action: action, reasons: reasons, gain: gains.gain(of: action), horizon: .first, prerequisiteOnly: false))
        }
        chosen.sort(by: ranked)
        if let maximum { chosen = Array(chosen.prefix(max(0, maximum))) }
        // Prerequisites not followed yet join the plan, before the actions that need them.
        var index = 0
        while index < chosen.count {
            for required in chosen[index].action.requiredActions where !followed.contains(required) {
                guard !chosen.contains(where: { $0.action.id == required }), let action = catalogue.action(required),
                    action.suits(card.typology)
                else { continue }
                chosen.append(
                    Recommendation(
                        action: action, reasons: [.prerequisite(of: chosen[index].action.id)], gain: gains.gain(of: action),
                        horizon: .first, prerequisiteOnly: true))
            }
            index += 1
        }
        return ActionPlan(
            recommendations: sequenced(chosen, evaluator: evaluator), followed: followed.sorted(), targets: targets)
    }

    /// Expected gain first, then family order, then id: the same order every time.
    private func ranked(_ a: Recommendation, _ b: Recommendation) -> Bool {
        if a.gain != b.gain { return a.gain > b.gain }
        let (fa, fb) = (catalogue.familyRank(a.action.family), catalogue.familyRank(b.action.family))
        if fa != fb { return fa < fb }
        return a.action.id < b.action.id
    }

    /// Places each action in a horizon (its family's, later after a prerequisite or an unmet level)
    /// and orders the plan: horizon, prerequisites before what needs them, then expected gain.
    private func sequenced(_ chosen: [Recommendation], evaluator: TriggerEvaluator) -> [Recommendation] {
        var byID: [String: Recommendation] = [:]
        for item in chosen { byID[item.action.id] = item }
        var horizons: [String: Horizon] = [:]
        func horizon(of id: String, visiting: Set<String>) -> Horizon {
            if let known = horizons[id] { return known }
            guard let item = byID[id], !visiting.contains(id) else { return .first }
            var value = Horizon(rawValue: min(2, catalogue.familyRank(item.action.family))) ?? .later
            for required in item.action.requiredActions where byID[required] != nil {
                let before = horizon(of: required, visiting: visiting.union([id]))
                value = max(value, Horizon(rawValue: min(2, before.rawValue + 1)) ?? .later)
            }
            if let level = item.action.requiredLevel, evaluator.isBelow(dimension: level.dimension, level: level.level) {
                value = max(value, .year)
            }
            horizons[id] = value
            return value
        }
        var items = chosen.map { item -> Recommendation in
            var copy = item
            copy.horizon = horizon(of: item.action.id, visiting: [])
            return copy
        }
        items.sort { a, b in a.horizon != b.horizon ? a.horizon < b.horizon : ranked(a, b) }
        // Within a horizon, a prerequisite comes before the actions that need it.
        var ordered: [Recommendation] = []
        var placed: Set<String> = []
        func place(_ item: Recommendation, visiting: Set<String>) {
            guard !placed.contains(item.action.id), !visiting.contains(item.action.id) else { return }
            for required in item.action.requiredActions {
                if let before = items.first(where: { $0.action.id == required }), before.horizon == item.horizon {
                    place(before, visiting: visiting.union([item.action.id]))
                }
            }
            placed.insert(item.action.id)
            ordered.append(item)
        }
        for item in items { place(item, visiting: []) }
        return ordered
    }
}

/// Evaluates triggers against one scored response, collecting the reasons that make them hold.
struct TriggerEvaluator {
    let questionnaire: Questionnaire
    let response: Response
    let card: ScoreCard
    let context: ConditionContext

    init(questionnaire: Questionnaire, response: Response, card: ScoreCard) {
        self.questionnaire = questionnaire
        self.response = response
        self.card = card
        let answers = Visibility.positionalAnswers(response.answers, in: questionnaire)
        context = ConditionContext(
            questionnaire: questionnaire, typology: card.typology, profile: response.profile, answers: answers,
            visibility: Visibility.positional(questionnaire, typology: card.typology, profile: response.profile, answers: answers)
        )
    }

    /// Whether the respondent's score in `dimension` is below the threshold of `level` (or not scored).
    func isBelow(dimension: String, level: String) -> Bool {
        guard let score = card.dimension(dimension)?.score else { return true }
        let levels = questionnaire.levels(forDimension: dimension, typology: card.typology)
        guard let threshold = (levels.first { $0.id == level } ?? questionnaire.levels.first { $0.id == level })?.minimum
        else { return false }
        return score < threshold
    }

    func evaluate(_ trigger: ActionTrigger) -> (Bool, [RecommendationReason]) {
        switch trigger {
        case .answer(let question, let test):
            guard context.holds(.answer(question: question, test: test)), let answer = response.answers[question] else {
                return (false, [])
            }
            return (true, [.answer(question: question, value: answer.value)])
        case .profile(let field, let test):
            guard context.holds(.profile(field: field, test: test)), let value = response.profile[field] else {
                return (false, [])
            }
            return (true, [.profile(field: field, value: value)])
        case .dimensionBelow(let dimension, let level):
            guard isBelow(dimension: dimension, level: level) else { return (false, []) }
            return (true, [.dimensionBelow(dimension: dimension, current: card.dimension(dimension)?.level?.id, level: level)])
        case .dimensionAtLeast(let dimension, let level):
            guard !isBelow(dimension: dimension, level: level) else { return (false, []) }
            return (true, [.dimensionAtLeast(dimension: dimension, current: card.dimension(dimension)?.level?.id, level: level)])
        case .all(let triggers):
            var reasons: [RecommendationReason] = []
            for trigger in triggers {
                let (holds, why) = evaluate(trigger)
                guard holds else { return (false, []) }
                reasons += why
            }
            return (true, reasons)
        case .any(let triggers):
            let results = triggers.map(evaluate).filter(\.0)
            return (!results.isEmpty, results.flatMap(\.1))
        case .not(let inner):
            return (!evaluate(inner).0, [])
        }
    }
}

/// What one point of a question is worth in overall score points, from a score card.
struct GainTable {
    let card: ScoreCard
    let questionnaire: Questionnaire
    private var perPoint: [String: Double] = [:]

    init(questionnaire: Questionnaire, card: ScoreCard) {
        self.card = card
        self.questionnaire = questionnaire
        switch card.rules.overall {
        case .weightedMean:
            let weight = card.dimensions.filter { $0.score != nil }.map(\.weight).reduce(0, +)
            for dimension in card.dimensions where dimension.maximum > 0 && weight > 0 {
                perPoint[dimension.id] = 100 / dimension.maximum * dimension.weight / weight
            }
        case .totalPoints:
            let maximum = card.dimensions.map(\.maximum).reduce(0, +)
            for dimension in card.dimensions where maximum > 0 { perPoint[dimension.id] = 100 / maximum }
        }
    }

    /// Points still missing on the questions the action addresses, in overall score points.
    func gain(of action: SupportAction) -> Double {
        Set(action.questions).sorted().compactMap { id -> Double? in
            guard let score = card.question(id), score.counted, let dimension = score.dimension else { return nil }
            return score.lost * (perPoint[dimension] ?? 0)
        }.reduce(0, +)
    }
}
