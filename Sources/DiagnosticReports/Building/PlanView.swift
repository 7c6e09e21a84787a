import DiagnosticCore

/// What a plan is made from: the catalogue, the plan, and progress since an earlier campaign.
public struct PlanInput: Sendable {
    /// The catalogue the plan comes from.
    public var catalogue: ActionCatalogue
    /// The plan.
    public var plan: ActionPlan
    /// Progress toward the targets since an earlier campaign, when there is one.
    public var progress: (campaign: String, items: [TargetProgress])?
    /// Followed action ids the catalogue does not know (ignored).
    public var unknownFollowed: [String]

    /// Creates an input.
    public init(
        catalogue: ActionCatalogue, plan: ActionPlan, progress: (campaign: String, items: [TargetProgress])? = nil,
        unknownFollowed: [String] = []
    ) {
        self.catalogue = catalogue
        self.plan = plan
        self.progress = progress
        self.unknownFollowed = unknownFollowed
    }
}

/// A plan in words, as reports and the `recommend` command show it: every line computed from the
/// plan, in one language.
public struct PlanView: Sendable {
    /// One recommended action.
    public struct Item: Sendable {
        /// Position in the plan, from 1.
        public var rank: Int
        /// The action id in the catalogue.
        public var id: String
        /// The action's title.
        public var title: String
        /// What the action is, in a sentence or two.
        public var description: String
        /// "atelier, 7 h, OD4Growth".
        public var facts: String
        /// Points the action is expected to earn, in words.
        public var gain: String
        /// "Recommended because: " or "Needed: ".
        public var why: String
        /// The answers that call for the action, one sentence each.
        public var reasons: [String]
        /// The reasons joined into one line.
        public var reasonText: String
        /// Whether the action is in the plan only as another one's prerequisite.
        public var prerequisiteOnly: Bool
        /// Titles of the prerequisites not followed yet.
        public var after: String
        /// Whether `after` names anything.
        public var hasAfter: Bool
    }

    /// One horizon and its actions.
    public struct Block: Sendable {
        /// The horizon, e.g. "First steps".
        public var title: String
        /// Its actions, in plan order.
        public var items: [Item]
    }

    /// A target: "Steer → Advanced".
    public struct Target: Sendable {
        /// The dimension's name.
        public var dimension: String
        /// The level aimed at.
        public var level: String
    }

    /// One line of progress.
    public struct Step: Sendable {
        /// The dimension's name.
        public var dimension: String
        /// The score in the earlier campaign.
        public var before: String
        /// The score now.
        public var after: String
        /// The level aimed at.
        public var target: String
        /// The score that level starts at.
        public var threshold: String
        /// "reached", "73.6 % of the way covered", "down 3 points", or empty.
        public var verdict: String
        /// Whether `verdict` says anything.
        public var hasVerdict: Bool
    }

    /// One target the route serves: where the dimension stands and what it needs.
    public struct Need: Sendable {
        /// The dimension's name.
        public var dimension: String
        /// Its score now.
        public var score: String
        /// The score the target level starts at.
        public var threshold: String
    }

    /// The plan's actions by horizon.
    public var blocks: [Block]
    /// Whether the plan holds any action.
    public var hasRecommendations: Bool
    /// Why there is no plan when too few scored questions are answered; empty otherwise.
    public var incomplete: String
    /// Whether `incomplete` says anything.
    public var isIncomplete: Bool
    /// The scored questions to answer, "label (id)".
    public var missing: [String]
    /// The targets the organisation set itself.
    public var targets: [Target]
    /// "Steer → Advanced ; Share → Structured".
    public var targetText: String
    /// Whether there are targets.
    public var hasTargets: Bool
    /// Whether the route to the targets is shown.
    public var hasRoute: Bool
    /// "Every target is already reached.", "2 action(s), 8 h:", or empty when unreachable.
    public var routeSummary: String
    /// Whether `routeSummary` says anything.
    public var hasRouteSummary = false
    /// The titles of the route's actions, in order.
    public var routeActions: [String]
    /// Whether the route has actions.
    public var hasRouteActions = false
    /// What each target still needs.
    public var routeNeeds: [Need]
    /// Whether `routeNeeds` has lines.
    public var hasRouteNeeds = false
    /// One sentence per target no set of actions can reach.
    public var unreachable: [String]
    /// Whether some target is out of reach.
    public var hasUnreachable: Bool
    /// Whether progress since an earlier campaign is shown.
    public var hasProgress: Bool
    /// The earlier campaign progress is measured from.
    public var progressSince: String
    /// Progress toward each target.
    public var progress: [Step]
    /// Titles of the actions beyond the plan's size, for later: "A, B".
    public var later: String
    /// Whether `later` names anything.
    public var hasLater: Bool
    /// Titles of the actions already followed: "A, B".
    public var followed: String
    /// Whether `followed` names anything.
    public var hasFollowed: Bool
    /// Followed action ids the catalogue does not know: "x, y".
    public var unknownFollowed: String
    /// Whether `unknownFollowed` names anything.
    public var hasUnknownFollowed: Bool
    /// The catalogue's title, id and version.
    public var catalogue: String

    /// Builds the words of a plan for a respondent of `typology`.
    public init(_ input: PlanInput, questionnaire: Questionnaire, typology: Typology, language: Language) {
        let l = language
        let lang = language.rawValue
        let plan = input.plan
        let words = RecommendationText(questionnaire: questionnaire, catalogue: input.catalogue, language: language)
        func number(_ value: Double) -> String { NumberText.format(value, decimals: 1, language: language) }
        func levelName(_ id: String, _ dimension: String) -> String {
            questionnaire.level(id, forDimension: dimension, typology: typology)?.label.resolved(lang) ?? words.levelName(id)
        }
        catalogue = "\(input.catalogue.title.resolved(lang)) (\(input.catalogue.id) \(input.catalogue.version))"
        var rank = 0
        blocks = Horizon.allCases.compactMap { horizon in
            let items = plan.recommendations.filter { $0.horizon == horizon }
            guard !items.isEmpty else { return nil }
            return Block(
                title: words.horizon(horizon),
                items: items.map { item in
                    rank += 1
                    let action = item.action
                    var facts = [words.format(action.format)]
                    if !words.duration(action).isEmpty { facts.append(words.duration(action)) }
                    if let provider = action.provider { facts.append(provider) }
                    let reasons = words.reasonTexts(item.reasons)
                    let after = action.requiredActions.filter { !plan.followed.contains($0) }.map(words.title)
                    return Item(
                        rank: rank, id: action.id, title: action.title.resolved(lang),
                        description: action.description.resolved(lang), facts: facts.joined(separator: ", "),
                        gain: "+" + number(item.gain),
                        why: item.prerequisiteOnly
                            ? l.pick("Nécessaire : ", "Needed: ") : l.pick("Recommandé parce que : ", "Recommended because: "),
                        reasons: reasons, reasonText: reasons.joined(separator: " ; "), prerequisiteOnly: item.prerequisiteOnly,
                        after: after.joined(separator: ", "), hasAfter: !after.isEmpty)
                })
        }
        hasRecommendations = !plan.recommendations.isEmpty
        incomplete =
            plan.incomplete?.incompleteVerdict(minimum: questionnaire.scoring.minimumCompleteness, language: language) ?? ""
        isIncomplete = plan.incomplete != nil
        missing = plan.missing.map { id in
            questionnaire.question(id).map { "\($0.label.resolved(lang)) (\(id))" } ?? id
        }
        targets = questionnaire.dimensions.compactMap { dimension in
            plan.targets[dimension.id].map {
                Target(dimension: words.dimensionName(dimension.id), level: levelName($0, dimension.id))
            }
        }
        hasTargets = !targets.isEmpty
        targetText = targets.map { "\($0.dimension) → \($0.level)" }.joined(separator: l.pick(" ; ", "; "))
        hasRoute = plan.route != nil
        routeSummary = ""
        routeActions = []
        routeNeeds = []
        unreachable = []
        if let route = plan.route {
            if route.needs.isEmpty {
                routeSummary = l.pick("Tous les objectifs sont déjà atteints.", "Every target is already reached.")
            } else if route.unreachable.isEmpty {
                let unknown =
                    route.unknownDurations > 0
                    ? l.pick(
                        " (+ \(route.unknownDurations) action(s) de durée inconnue)",
                        " (+ \(route.unknownDurations) action(s) of unknown duration)") : ""
                routeSummary = l.pick(
                    "\(route.actions.count) action(s), \(number(route.hours)) h\(unknown) :",
                    "\(route.actions.count) action(s), \(number(route.hours)) h\(unknown):")
                routeActions = route.actions.map { "\(words.title($0)) [\($0)]" }
                routeNeeds = route.needs.map {
                    Need(
                        dimension: words.dimensionName($0.dimension),
                        score: $0.score.map(number) ?? l.pick("non évalué", "not assessed"), threshold: number($0.threshold))
                }
            } else {
                unreachable = route.needs.filter { route.unreachable.contains($0.dimension) }.map { need in
                    let (name, level) = (words.dimensionName(need.dimension), levelName(need.target, need.dimension))
                    return l.pick(
                        "Objectif inatteignable : \(name) « \(level) » demande \(number(need.threshold)) ; même si toutes les actions adaptées réussissaient, le score n'atteindrait que \(number(need.reachable)).",
                        "Target out of reach: \(name) \"\(level)\" needs \(number(need.threshold)); even if every suitable action succeeded the score would only reach \(number(need.reachable))."
                    )
                }
            }
        }
        hasUnreachable = !unreachable.isEmpty
        hasRouteSummary = !routeSummary.isEmpty
        hasRouteActions = !routeActions.isEmpty
        hasRouteNeeds = !routeNeeds.isEmpty
        hasProgress = input.progress != nil
        progressSince = input.progress?.campaign ?? ""
        progress = (input.progress?.items ?? []).map { item in
            let verdict: String
            if item.reached {
                verdict = l.pick("atteint", "reached")
            } else if let before = item.before, let after = item.after, after < before {
                let down = number(-NumberText.displayedDifference(from: before, to: after))
                verdict = l.pick("en recul de \(down) points", "down \(down) points")
            } else if let share = item.share {
                verdict = l.pick("\(number(share * 100)) % du chemin parcouru", "\(number(share * 100)) % of the way covered")
            } else {
                verdict = ""
            }
            return Step(
                dimension: words.dimensionName(item.dimension),
                before: item.before.map(number) ?? l.pick("non évalué", "not assessed"),
                after: item.after.map(number) ?? l.pick("non évalué", "not assessed"),
                target: levelName(item.target, item.dimension), threshold: number(item.threshold), verdict: verdict,
                hasVerdict: !verdict.isEmpty)
        }
        later = plan.later.map { $0.action.title.resolved(lang) }.joined(separator: ", ")
        hasLater = !plan.later.isEmpty
        followed = plan.followed.map(words.title).joined(separator: ", ")
        hasFollowed = !plan.followed.isEmpty
        unknownFollowed = input.unknownFollowed.joined(separator: ", ")
        hasUnknownFollowed = !input.unknownFollowed.isEmpty
    }
}

// Reports render thousands of plans: their parts list their own fields instead of being reflected.

extension PlanView: TemplateFields {
    var templateFields: [String: TemplateValue] {
        [
            "blocks": .list(blocks.map(\.templateValue)), "hasRecommendations": .flag(hasRecommendations),
            "incomplete": .text(incomplete), "isIncomplete": .flag(isIncomplete), "missing": .texts(missing),
            "targets": .list(targets.map { .object(["dimension": .text($0.dimension), "level": .text($0.level)]) }),
            "targetText": .text(targetText), "hasTargets": .flag(hasTargets), "hasRoute": .flag(hasRoute),
            "routeSummary": .text(routeSummary), "hasRouteSummary": .flag(hasRouteSummary),
            "routeActions": .texts(routeActions), "hasRouteActions": .flag(hasRouteActions),
            "routeNeeds": .list(routeNeeds.map(\.templateValue)), "hasRouteNeeds": .flag(hasRouteNeeds),
            "unreachable": .texts(unreachable), "hasUnreachable": .flag(hasUnreachable), "hasProgress": .flag(hasProgress),
            "progressSince": .text(progressSince), "progress": .list(progress.map(\.templateValue)),
            "later": .text(later), "hasLater": .flag(hasLater),
            "followed": .text(followed), "hasFollowed": .flag(hasFollowed), "unknownFollowed": .text(unknownFollowed),
            "hasUnknownFollowed": .flag(hasUnknownFollowed), "catalogue": .text(catalogue),
        ]
    }
}

extension PlanView.Block: TemplateFields {
    var templateFields: [String: TemplateValue] { ["title": .text(title), "items": .list(items.map(\.templateValue))] }
}

extension PlanView.Item: TemplateFields {
    var templateFields: [String: TemplateValue] {
        [
            "rank": .text(String(rank)), "id": .text(id), "title": .text(title), "description": .text(description),
            "facts": .text(facts), "gain": .text(gain), "why": .text(why), "reasons": .texts(reasons),
            "reasonText": .text(reasonText), "prerequisiteOnly": .flag(prerequisiteOnly), "after": .text(after),
            "hasAfter": .flag(hasAfter),
        ]
    }
}

extension PlanView.Need: TemplateFields {
    var templateFields: [String: TemplateValue] {
        ["dimension": .text(dimension), "score": .text(score), "threshold": .text(threshold)]
    }
}

extension PlanView.Step: TemplateFields {
    var templateFields: [String: TemplateValue] {
        [
            "dimension": .text(dimension), "before": .text(before), "after": .text(after), "target": .text(target),
            "threshold": .text(threshold), "verdict": .text(verdict), "hasVerdict": .flag(hasVerdict),
        ]
    }
}
