/// The smallest set of actions that could bring every dimension to its target, or why none can.
public struct ShortestRoute: Sendable, Hashable {
    /// One target and what reaching it takes.
    public struct Need: Sendable, Hashable {
        /// Dimension id.
        public var dimension: String
        /// Target level id.
        public var target: String
        /// Current score (nil when not scored).
        public var score: Double?
        /// Score the target level starts at.
        public var threshold: Double
        /// Best score reachable if every suitable action succeeds.
        public var reachable: Double
    }

    /// Targets not reached yet.
    public var needs: [Need]
    /// The chosen actions (fewest, then least total duration), each one's prerequisites with it
    /// (unless already followed) and before it, otherwise in catalogue order; empty when a target
    /// cannot be reached or none is needed.
    public var actions: [String]
    /// Total duration of the chosen actions whose duration is known, in hours.
    public var hours: Double
    /// Chosen actions whose duration is unknown.
    public var unknownDurations: Int
    /// Targets that no set of actions can reach (dimension ids).
    public var unreachable: [String]

    /// The route for one scored response.
    public init(
        questionnaire: Questionnaire, catalogue: ActionCatalogue, card: ScoreCard, targets: [String: String],
        followed: Set<String> = []
    ) {
        self.init(
            questionnaire: questionnaire, catalogue: catalogue,
            view: ScoreView(questionnaire: questionnaire, typology: card.typology, cards: [card]), targets: targets,
            followed: followed)
    }

    /// The route for an organisation's scores.
    ///
    /// A dimension's score rises by 100 × points / maximum when an action's questions earn their
    /// missing points; a set of actions reaches a target when the points it can recover in that
    /// dimension (each question counted once) are enough to reach the target level's threshold.
    init(
        questionnaire: Questionnaire, catalogue: ActionCatalogue, view: ScoreView, targets: [String: String],
        followed: Set<String>
    ) {
        var needs: [Need] = []
        var missing: [String: Double] = [:]
        for dimension in questionnaire.dimensions {
            guard let target = targets[dimension.id], let threshold = view.threshold(dimension: dimension.id, level: target)
            else { continue }
            let score = view.scores[dimension.id]
            let current = score ?? 0
            guard score == nil || current < threshold else { continue }
            missing[dimension.id] = (threshold - current) * (view.maxima[dimension.id] ?? 0) / 100
            needs.append(Need(dimension: dimension.id, target: target, score: score, threshold: threshold, reachable: current))
        }
        let dimensions = missing.keys.sorted()
        func recoverable(_ actions: [SupportAction], in dimension: String) -> Double {
            view.recoverable(actions.flatMap(\.questions), in: dimension)
        }
        // Each action with the prerequisites it needs first (not followed yet), or `nil` when one of
        // them does not suit the organisation: such an action cannot be part of a route.
        let order = Dictionary(catalogue.actions.enumerated().map { ($0.element.id, $0.offset) }, uniquingKeysWith: { a, _ in a })
        var closures: [String: [String]?] = [:]
        func closure(_ action: SupportAction, visiting: Set<String> = []) -> [String]? {
            if let known = closures[action.id] { return known }
            var needed: [String] = []
            for id in action.requiredActions where !followed.contains(id) && !visiting.contains(id) {
                guard let required = catalogue.action(id), required.suits(view.typology),
                    let further = closure(required, visiting: visiting.union([action.id]))
                else {
                    closures[action.id] = .some(nil)
                    return nil
                }
                needed += further + [id]
            }
            closures[action.id] = needed
            return needed
        }
        // The actions that can recover points where a target needs them; the search below is
        // exhaustive, so at most the `searchLimit` most useful are kept (docs/recommendations.md).
        let useful = catalogue.actions.enumerated().compactMap { offset, action -> (Int, SupportAction, Double)? in
            guard action.suits(view.typology), !followed.contains(action.id), closure(action) != nil else { return nil }
            let points = dimensions.map { recoverable([action], in: $0) }.reduce(0, +)
            return points > 0 ? (offset, action, points) : nil
        }
        let candidates = useful.sorted { $0.2 != $1.2 ? $0.2 > $1.2 : $0.0 < $1.0 }.prefix(Self.searchLimit)
            .sorted { $0.0 < $1.0 }.map(\.1)
        // A set of candidates brings its prerequisites along: the route is that whole set, prerequisites
        // first, and its points are those of every action in it.
        func withPrerequisites(_ set: [SupportAction]) -> [SupportAction] {
            var ids: [String] = []
            for action in set {
                for id in (closure(action) ?? []) + [action.id] where !ids.contains(id) { ids.append(id) }
            }
            // Prerequisites before what needs them (the closure lists them first), else catalogue order.
            var placed: [String] = []
            func place(_ id: String) {
                guard !placed.contains(id), let action = catalogue.action(id) else { return }
                for required in action.requiredActions where ids.contains(required) { place(required) }
                placed.append(id)
            }
            for id in ids.sorted(by: { (order[$0] ?? 0) < (order[$1] ?? 0) }) { place(id) }
            return placed.compactMap(catalogue.action)
        }
        let everything = withPrerequisites(Array(candidates))
        for index in needs.indices {
            let dimension = needs[index].dimension
            let maximum = view.maxima[dimension] ?? 0
            needs[index].reachable =
                (needs[index].score ?? 0) + (maximum > 0 ? 100 * recoverable(everything, in: dimension) / maximum : 0)
        }
        self.needs = needs
        unreachable = needs.filter { $0.reachable + 1e-9 < $0.threshold }.map(\.dimension)
        actions = []
        hours = 0
        unknownDurations = 0
        guard unreachable.isEmpty, !needs.isEmpty, !candidates.isEmpty else { return }
        let actionsByID = Dictionary(catalogue.actions.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        // Each candidate with the prerequisites it brings along, worked out once.
        let brought = candidates.map { Set((closure($0) ?? []) + [$0.id]) }
        func enough(_ ids: Set<String>) -> Bool {
            let questions = ids.compactMap { actionsByID[$0] }.flatMap(\.questions)
            return missing.allSatisfy { dimension, points in view.recoverable(questions, in: dimension) + 1e-9 >= points }
        }
        func cost(_ ids: Set<String>) -> (unknown: Int, hours: Double) {
            let set = ids.sorted().compactMap { actionsByID[$0] }
            return (set.filter { $0.durationHours == nil }.count, set.compactMap(\.durationHours).reduce(0, +))
        }
        // Fewest actions first, prerequisites counted: try every set of 1 candidate, then of 2, ...
        // (catalogues are small), until the sets tried hold more candidates than the best route has
        // actions. Ties go to the first set found (catalogue order).
        var best: (ids: Set<String>, cost: (unknown: Int, hours: Double))?
        for size in 1...candidates.count {
            if let best, size > best.ids.count { break }
            Self.combinations(of: candidates.count, size: size) { picked in
                var ids = Set<String>()
                for index in picked { ids.formUnion(brought[index]) }
                if let best, ids.count > best.ids.count { return }
                guard enough(ids) else { return }
                let price = cost(ids)
                if let current = best, ids.count == current.ids.count,
                    !(price.unknown < current.cost.unknown
                        || (price.unknown == current.cost.unknown && price.hours < current.cost.hours))
                {
                    return
                }
                best = (ids, price)
            }
        }
        if let best {
            actions = withPrerequisites(candidates.filter { best.ids.contains($0.id) }).map(\.id)
            (unknownDurations, hours) = best.cost
        }
    }

    /// How many actions the exhaustive search considers at most.
    public static let searchLimit = 16

    /// Calls `body` with every set of `size` indices out of `count`, in lexicographic order.
    static func combinations(of count: Int, size: Int, _ body: ([Int]) -> Void) {
        guard size > 0, size <= count else { return }
        var indices = Array(0..<size)
        while true {
            body(indices)
            var position = size - 1
            while position >= 0, indices[position] == count - size + position { position -= 1 }
            guard position >= 0 else { return }
            indices[position] += 1
            for next in (position + 1)..<size { indices[next] = indices[next - 1] + 1 }
        }
    }
}

/// Progress toward a target between two campaigns.
public struct TargetProgress: Sendable, Hashable {
    /// Dimension id.
    public var dimension: String
    /// Target level id.
    public var target: String
    /// Score the target level starts at.
    public var threshold: Double
    /// Score in the earlier campaign.
    public var before: Double?
    /// Score in the later campaign.
    public var after: Double?

    /// Whether the target is reached in the later campaign.
    public var reached: Bool { (after ?? -1) >= threshold }

    /// Share of the way from the earlier score to the threshold covered (0–1, or more), when it can be said.
    public var share: Double? {
        guard let before, let after, threshold > before else { return nil }
        return max(0, (after - before) / (threshold - before))
    }

    /// Progress toward every target between two campaigns, dimensions matched by id; the
    /// thresholds are those of the later questionnaire for the organisation's typology.
    public static func of(
        targets: [String: String], change: CampaignChange, questionnaire: Questionnaire, typology: Typology
    ) -> [TargetProgress] {
        change.dimensions.compactMap { dimension in
            guard let target = targets[dimension.id] else { return nil }
            guard let threshold = questionnaire.threshold(ofLevel: target, dimension: dimension.id, typology: typology)
            else { return nil }
            return TargetProgress(
                dimension: dimension.id, target: target, threshold: threshold, before: dimension.before, after: dimension.after)
        }
    }
}

/// How many organisations each action is recommended to, by typology and by département.
public struct ActionDemand: Sendable, Hashable {
    /// One action's demand.
    public struct Line: Sendable, Hashable {
        /// Action id.
        public var action: String
        /// Organisations it is recommended to.
        public var organisations: Int
        /// By typology id.
        public var byTypology: [String: Int]
        /// By département (empty key: not given).
        public var byDepartement: [String: Int]

        /// The counts that may be published with the action's total: by typology and by
        /// département, without the cells under `threshold` and those withheld with them
        /// (`Disclosure`), so that no small cell is the total minus the others.
        public func published(threshold: Int) -> (byTypology: [String: Int], byDepartement: [String: Int]) {
            func kept(_ counts: [String: Int]) -> [String: Int] {
                let withheld = Disclosure.withheld(counts, threshold: threshold)
                return counts.filter { !withheld.contains($0.key) }
            }
            return (kept(byTypology), kept(byDepartement))
        }
    }

    /// Organisations counted.
    public private(set) var organisations = 0

    /// Whether the whole count is withheld: fewer organisations with a plan than `threshold`, so
    /// that the counts would be those few organisations' plans.
    public func isWithheld(threshold: Int) -> Bool { organisations > 0 && organisations < threshold }
    /// Organisations with too few answers for a plan: counted apart, not in `organisations`.
    public private(set) var incomplete = 0
    private var lines: [String: Line] = [:]

    /// Creates an empty count.
    public init() {}

    /// Counts one organisation's plan.
    public mutating func add(_ plan: ActionPlan, typology: String, departement: String?) {
        guard plan.incomplete == nil else {
            incomplete += 1
            return
        }
        organisations += 1
        for id in Set(plan.recommendations.map(\.action.id)) {
            var line = lines[id] ?? Line(action: id, organisations: 0, byTypology: [:], byDepartement: [:])
            line.organisations += 1
            line.byTypology[typology, default: 0] += 1
            line.byDepartement[departement ?? "", default: 0] += 1
            lines[id] = line
        }
    }

    /// Every action recommended at least once, most demanded first (then by id).
    public var ranked: [Line] {
        lines.values.sorted { $0.organisations != $1.organisations ? $0.organisations > $1.organisations : $0.action < $1.action }
    }
}
