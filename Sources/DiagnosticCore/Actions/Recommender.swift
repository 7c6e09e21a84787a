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

/// A sequenced plan of support actions for one organisation.
public struct ActionPlan: Sendable, Hashable {
    /// The recommendations, in plan order: by horizon, prerequisites first, then by expected gain.
    public var recommendations: [Recommendation]
    /// Actions beyond the plan's size for the organisation (`PlanRules.sizes`), in plan order:
    /// recommended too, for later.
    public var later: [Recommendation] = []
    /// Actions already followed, left out.
    public var followed: [String]
    /// The targets the plan aims at (dimension → level id).
    public var targets: [String: String]
    /// The shortest route to the targets, when there are targets.
    public var route: ShortestRoute?
    /// When no respondent answered enough scored questions for a plan
    /// (`ScoringRules.minimumCompleteness`), the most complete one's count: the plan is then empty.
    public var incomplete: ScoredCompleteness?
    /// Then, the scored questions that respondent left unanswered, to complete.
    public var missing: [String] = []
}

/// Every action recommended to one organisation, ranked, before `--max` and sequencing.
public struct Candidates: Sendable {
    let view: ScoreView?
    /// When no respondent answered enough for a plan, the most complete one's count and its
    /// unanswered scored questions.
    var incomplete: ScoredCompleteness?
    var missing: [String] = []
    /// The recommendations in ranking order (expected gain, family, id).
    public let ranked: [Recommendation]
    let targets: [String: String]
    let followed: Set<String>
    /// The organisation's population (its first respondent's), for the plan's size.
    let population: Double?
}

/// Recommends support actions from scored responses: triggers, targets, ranking and sequencing.
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
        plan(respondents: [(response, card)], targets: targets, followed: followed, maximum: maximum)
    }

    /// The plan for one organisation answered by one or more respondents (of the same typology).
    ///
    /// An answer or profile trigger holds when it holds for one of the respondents; dimension
    /// levels, targets and expected gains use the mean over the respondents. The shortest route to
    /// the targets is searched only when `route` is true.
    public func plan(
        respondents: [(response: Response, card: ScoreCard)], targets: [String: String] = [:], followed: Set<String> = [],
        maximum: Int? = nil, route searchRoute: Bool = true
    ) -> ActionPlan {
        plan(candidates(respondents: respondents, targets: targets, followed: followed), maximum: maximum, route: searchRoute)
    }

    /// Every action recommended to an organisation, with its reasons and gain, in ranking order:
    /// the costly part of a plan, which several plans (`--max` values) can share. Respondents who
    /// answered too few scored questions are left out; with none left, there is no plan.
    public func candidates(
        respondents all: [(response: Response, card: ScoreCard)], targets: [String: String] = [:], followed: Set<String> = []
    ) -> Candidates {
        let respondents = all.filter(\.card.isSufficient)
        guard let typology = respondents.first?.card.typology else {
            var none = Candidates(view: nil, ranked: [], targets: targets, followed: followed, population: nil)
            if let most = all.max(by: { $0.card.scoredCompleteness.percent < $1.card.scoredCompleteness.percent })?.card {
                none.incomplete = most.scoredCompleteness
                none.missing = most.questions.filter { $0.scored && $0.status == .unanswered }.map(\.id)
            }
            return none
        }
        let population = respondents.lazy.compactMap { $0.response.profile["population"]?.number }.first
        let view = ScoreView(questionnaire: questionnaire, typology: typology, cards: respondents.map(\.card))
        let evaluator = TriggerEvaluator(questionnaire: questionnaire, respondents: respondents.map(\.response), view: view)
        var chosen: [Recommendation] = []
        for action in catalogue.actions where action.suits(typology) && !followed.contains(action.id) {
            var reasons = evaluator.reasons(action.triggers)
            // A target calls for the actions that can still recover points in its dimension.
            for dimension in action.dimensions.sorted() {
                guard let target = targets[dimension], view.isBelow(dimension: dimension, level: target),
                    view.recoverable(action.questions, in: dimension) > 0
                else { continue }
                reasons.append(.target(dimension: dimension, current: view.level(of: dimension), target: target))
            }
            guard !reasons.isEmpty else { continue }
            chosen.append(
                Recommendation(
                    action: action, reasons: reasons, gain: view.gain(of: action), horizon: .first, prerequisiteOnly: false))
        }
        return Candidates(
            view: view, ranked: rankedOrder(chosen), targets: targets, followed: followed, population: population)
    }

    /// The plan made of the `maximum` best candidates and their prerequisites; without `maximum`,
    /// every candidate, the plan showing as many as the catalogue's size rule for the organisation
    /// allows and listing the others as `later`.
    public func plan(_ candidates: Candidates, maximum: Int? = nil, route searchRoute: Bool = true) -> ActionPlan {
        let (targets, followed) = (candidates.targets, candidates.followed)
        guard let view = candidates.view else {
            var plan = ActionPlan(recommendations: [], followed: followed.sorted(), targets: targets, route: nil)
            plan.incomplete = candidates.incomplete
            plan.missing = candidates.missing
            return plan
        }
        var chosen = candidates.ranked
        if let maximum { chosen = Array(chosen.prefix(max(0, maximum))) }
        let route =
            targets.isEmpty || !searchRoute
            ? nil
            : ShortestRoute(questionnaire: questionnaire, catalogue: catalogue, view: view, targets: targets, followed: followed)
        let everything = withPrerequisites(chosen, view: view, followed: followed)
        // A plan sized for the organisation shows the best-ranked actions that fit, each with its
        // prerequisites; the others are sequenced apart and listed for later.
        guard maximum == nil, let size = catalogue.planRules.size(for: view.typology, population: candidates.population),
            everything.count > size
        else {
            return ActionPlan(
                recommendations: sequenced(everything, view: view), followed: followed.sorted(), targets: targets,
                route: route)
        }
        var shown: [Recommendation] = []
        for item in chosen {
            // Already in as another's prerequisite: it keeps its own reasons.
            if let index = shown.firstIndex(where: { $0.action.id == item.action.id }) {
                if shown[index].prerequisiteOnly { shown[index] = item }
                continue
            }
            let added = withPrerequisites(shown + [item], view: view, followed: followed)
            if added.count <= size { shown = added }
        }
        let shownIDs = Set(shown.map(\.action.id))
        return ActionPlan(
            recommendations: sequenced(shown, view: view),
            later: sequenced(everything.filter { !shownIDs.contains($0.action.id) }, view: view), followed: followed.sorted(),
            targets: targets, route: route)
    }

    /// The recommendations with the prerequisites they need (not followed yet, suited to the
    /// organisation) added after them, each once, marked as only a prerequisite.
    private func withPrerequisites(_ items: [Recommendation], view: ScoreView, followed: Set<String>) -> [Recommendation] {
        var chosen = items
        var present = Set(chosen.map(\.action.id))
        var index = 0
        while index < chosen.count {
            for required in chosen[index].action.requiredActions where !followed.contains(required) {
                guard !present.contains(required), let action = catalogue.action(required), action.suits(view.typology)
                else { continue }
                present.insert(required)
                chosen.append(
                    Recommendation(
                        action: action, reasons: [.prerequisite(of: chosen[index].action.id)], gain: view.gain(of: action),
                        horizon: .first, prerequisiteOnly: true))
            }
            index += 1
        }
        return chosen
    }

    /// A quick win: no prerequisite at all, a gain of at least `quickWinGain` overall points, and a
    /// duration, when known, of at most `quickWinHours`.
    func isQuickWin(_ item: Recommendation) -> Bool {
        let rules = catalogue.planRules
        return item.action.requiredActions.isEmpty && item.action.requiredLevel == nil && item.gain >= rules.quickWinGain
            && (item.action.durationHours.map { $0 <= rules.quickWinHours } ?? true)
    }

    /// Sorts by expected gain first, then family order, then id: the same order every time. Sorts
    /// keys and indices, not the recommendations themselves (copying an action is not free).
    private func rankedOrder(_ items: [Recommendation], horizon: (Recommendation) -> Int = { _ in 0 }) -> [Recommendation] {
        let keys = items.map { (horizon($0), -$0.gain, catalogue.familyRank($0.action.family), $0.action.id) }
        return items.indices.sorted { keys[$0] < keys[$1] }.map { items[$0] }
    }

    /// Places each action in a horizon (its family's, later after a prerequisite or an unmet level)
    /// and orders the plan: horizon, prerequisites before what needs them, then expected gain.
    private func sequenced(_ chosen: [Recommendation], view: ScoreView) -> [Recommendation] {
        var byID: [String: Recommendation] = [:]
        for item in chosen { byID[item.action.id] = item }
        // Families follow one another in catalogue order, counting only those the plan holds: a plan
        // without vision actions starts with its team actions.
        let families = Set(chosen.map { catalogue.familyRank($0.action.family) }).sorted()
        var horizons: [String: Horizon] = [:]
        func horizon(of id: String, visiting: Set<String>) -> Horizon {
            if let known = horizons[id] { return known }
            guard let item = byID[id], !visiting.contains(id) else { return .first }
            // A first step (an audit, an inventory) starts as soon as its prerequisites allow, whatever
            // its family; a first step or a quick win never waits beyond twelve months.
            let stage = item.action.firstStep ? 0 : families.firstIndex(of: catalogue.familyRank(item.action.family)) ?? 0
            var value = Horizon(rawValue: min(2, stage)) ?? .later
            for required in item.action.requiredActions where byID[required] != nil {
                let before = horizon(of: required, visiting: visiting.union([id]))
                value = max(value, Horizon(rawValue: min(2, before.rawValue + 1)) ?? .later)
            }
            if let level = item.action.requiredLevel, view.isBelow(dimension: level.dimension, level: level.level) {
                value = max(value, .year)
            }
            if item.action.firstStep || isQuickWin(item) { value = min(value, .year) }
            horizons[id] = value
            return value
        }
        var items = chosen
        for index in items.indices { items[index].horizon = horizon(of: items[index].action.id, visiting: []) }
        items = rankedOrder(items) { $0.horizon.rawValue }
        // Within a horizon, a prerequisite comes before the actions that need it.
        var position: [String: Int] = [:]
        for (index, item) in items.enumerated() { position[item.action.id] = index }
        var ordered: [Recommendation] = []
        var placed: Set<String> = []
        func place(_ index: Int, visiting: Set<String>) {
            let item = items[index]
            guard !placed.contains(item.action.id), !visiting.contains(item.action.id) else { return }
            for required in item.action.requiredActions {
                if let before = position[required], items[before].horizon == item.horizon {
                    place(before, visiting: visiting.union([item.action.id]))
                }
            }
            placed.insert(item.action.id)
            ordered.append(item)
        }
        for index in items.indices { place(index, visiting: []) }
        return ordered
    }
}

/// Evaluates triggers against an organisation's respondents, collecting the reasons that make them hold.
struct TriggerEvaluator {
    let view: ScoreView
    /// Each respondent's answers.
    let responses: [Response]
    /// The context each respondent's conditions are evaluated in.
    let contexts: [ConditionContext]

    init(questionnaire: Questionnaire, respondents: [Response], view: ScoreView) {
        self.view = view
        responses = respondents
        contexts = respondents.map { response in
            let (answers, visibility) = response.positional(in: questionnaire, typology: view.typology)
            return ConditionContext(
                questionnaire: questionnaire, typology: view.typology, profile: response.profile, answers: answers,
                visibility: visibility)
        }
    }

    /// The reasons of the triggers that hold for some respondent, each once; empty when none holds.
    func reasons(_ triggers: [ActionTrigger]) -> [RecommendationReason] {
        var reasons: [RecommendationReason] = []
        for trigger in triggers {
            for respondent in responses.indices {
                let (holds, why) = evaluate(trigger, respondent: respondent)
                if holds { reasons += why.filter { !reasons.contains($0) } }
            }
        }
        return reasons
    }

    func evaluate(_ trigger: ActionTrigger, respondent index: Int) -> (Bool, [RecommendationReason]) {
        switch trigger {
        case .answer(let question, let test):
            guard contexts[index].holds(.answer(question: question, test: test)), let answer = responses[index].answers[question]
            else {
                return (false, [])
            }
            // The part of the answer the test is about (one option of a multiple choice, not every option chosen).
            let value = view.questionnaire.question(question).map { $0.kind.unit.quoted(answer.value, by: test) } ?? answer.value
            return (true, [.answer(question: question, value: value)])
        case .profile(let field, let test):
            guard contexts[index].holds(.profile(field: field, test: test)), let value = responses[index].profile[field] else {
                return (false, [])
            }
            return (true, [.profile(field: field, value: value)])
        case .dimensionBelow(let dimension, let level):
            guard view.isBelow(dimension: dimension, level: level) else { return (false, []) }
            return (true, [.dimensionBelow(dimension: dimension, current: view.level(of: dimension), level: level)])
        case .dimensionAtLeast(let dimension, let level):
            guard !view.isBelow(dimension: dimension, level: level) else { return (false, []) }
            return (true, [.dimensionAtLeast(dimension: dimension, current: view.level(of: dimension), level: level)])
        case .all(let triggers):
            var reasons: [RecommendationReason] = []
            for trigger in triggers {
                let (holds, why) = evaluate(trigger, respondent: index)
                guard holds else { return (false, []) }
                reasons += why
            }
            return (true, reasons)
        case .any(let triggers):
            let results = triggers.map { evaluate($0, respondent: index) }.filter(\.0)
            return (!results.isEmpty, results.flatMap(\.1))
        case .not(let inner):
            return (!evaluate(inner, respondent: index).0, [])
        }
    }
}
