/// How organisations are grouped in a campaign aggregate.
public enum Grouping: String, Sendable, Hashable, CaseIterable, Codable {
    /// By typology (commune, cc, ca...).
    case typology
    /// By typology family (commune, epci...).
    case family
    /// By département.
    case departement
}

/// A campaign's picture: per group, score statistics, level distribution, question success and tallies.
public struct CampaignAggregate: Sendable, Hashable {
    /// How organisations are grouped.
    public var grouping: Grouping
    /// Groups with fewer complete organisations are withheld.
    public var minimumGroupSize: Int
    /// The whole campaign first (key `*`), then each group.
    public var groups: [GroupAggregate]
}

/// The statistics of one group of organisations.
public struct GroupAggregate: Sendable, Hashable {
    /// Group key: a typology, family or département id; `*` for the whole campaign; empty when not given.
    public var key: String
    /// Organisations in the group.
    public var organisations: Int
    /// Respondents in the group.
    public var respondents: Int
    /// Organisations none of whose respondents answered enough scored questions: counted here, and
    /// in `organisations`, but in no score, level, success rate or tally, nor in the group size
    /// judged against `minimumGroupSize`.
    public var incomplete: Int
    /// Whether the group's figures are withheld (then every figure below is empty): it is too small
    /// to publish, or withheld with it so that it cannot be worked out by difference.
    public var withheld: Bool
    /// Whether it is withheld only so that a smaller group cannot be worked out (complementary suppression).
    public var withheldWithAnother: Bool
    /// In a group that is shown, the figures withheld because too few organisations are behind
    /// them (a question asked of few of them), or withheld with such a figure of another group:
    /// dimension indices, question positions (success rates) and tallied question positions.
    public var withheldFigures = WithheldFigures()
    /// Statistics of the overall scores of the organisations.
    public var overall: Summary?
    /// Statistics of each dimension's scores (questionnaire order).
    public var dimensions: [Summary?]
    /// Organisations per overall level id.
    public var levels: [String: Int]
    /// Mean share of the points earned per question, over organisations where it counts (questionnaire order).
    public var questionSuccess: [Double?]
    /// Tallies of the unscored choice questions, over respondents.
    public var tallies: [Tally]
}

/// The figures of a shown group that are withheld, one by one (their values are `nil` or absent).
public struct WithheldFigures: Sendable, Hashable {
    /// Dimension indices whose score statistics are withheld.
    public var dimensions: Set<Int> = []
    /// Question positions whose success rate is withheld.
    public var questions: Set<Int> = []
    /// Positions of the tallied questions whose tally is withheld.
    public var tallies: Set<Int> = []

    /// Whether nothing is withheld.
    public var isEmpty: Bool { dimensions.isEmpty && questions.isEmpty && tallies.isEmpty }
}

/// How respondents answered an unscored choice question.
public struct Tally: Sendable, Hashable {
    /// Position of the question in the questionnaire.
    public var question: Int
    /// Respondents who answered it with its options.
    public var answered: Int
    /// Respondents who chose each option (option order).
    public var counts: [Int]

    /// Share of the answering respondents who chose each option.
    public var shares: [Double] { counts.map { answered > 0 ? Double($0) / Double(answered) : 0 } }
}

/// Builds a `CampaignAggregate` one organisation at a time, so a whole region never sits in memory.
public struct CampaignAggregator: Sendable {
    /// The campaign's questionnaire.
    public let questionnaire: Questionnaire
    /// How organisations are grouped.
    public let grouping: Grouping
    /// Groups with fewer organisations are withheld.
    public let minimumGroupSize: Int
    private let tallied: [Int]
    private var all: Accumulator
    private var groups: [String: Accumulator] = [:]

    /// Creates an empty aggregator.
    public init(questionnaire: Questionnaire, grouping: Grouping, minimumGroupSize: Int = 5) {
        self.questionnaire = questionnaire
        self.grouping = grouping
        self.minimumGroupSize = minimumGroupSize
        tallied = questionnaire.questions.indices.filter {
            !questionnaire.questions[$0].scored && questionnaire.questions[$0].kind.hasOptions
        }
        all = Accumulator(questionnaire: questionnaire, tallied: tallied)
    }

    /// The group key of an organisation.
    public func key(of organisation: OrganisationProfile) -> String {
        switch grouping {
        case .typology: organisation.typology.id
        case .family: organisation.typology.family
        case .departement: organisation.departement ?? ""
        }
    }

    /// Adds one organisation (with its respondents).
    public mutating func add(_ organisation: OrganisationProfile) {
        all.add(organisation)
        let key = key(of: organisation)
        groups[key, default: Accumulator(questionnaire: questionnaire, tallied: tallied)].add(organisation)
    }

    /// The aggregate of everything added so far.
    public func result() -> CampaignAggregate {
        let order: [String]
        switch grouping {
        case .typology: order = questionnaire.typologies.map(\.id)
        case .family: order = questionnaire.typologyFamilies.map(\.id)
        case .departement: order = groups.keys.sorted()
        }
        let keys = order.filter { groups[$0] != nil } + groups.keys.filter { !order.contains($0) }.sorted()
        // The whole campaign is published beside its groups: a small group is withheld with others
        // (Disclosure), so that no difference of what is shown gives its figures.
        // Only complete organisations have figures, so they are the ones counted against the threshold.
        let threshold = minimumGroupSize
        let withheld = Disclosure.withheld(groups.mapValues(\.complete), threshold: threshold)
        // A group with organisations but none complete has nothing to show; below the threshold,
        // even its count of incomplete diagnostics is withheld.
        func isWithheld(_ key: String, _ group: Accumulator) -> Bool {
            withheld.contains(key) || (group.complete == 0 && group.organisations < threshold)
        }
        // Then figure by figure, over the groups shown: a figure fewer organisations stand behind
        // than the threshold is withheld, with others as for whole groups (Disclosure).
        let hidden = Set(groups.filter { isWithheld($0.key, $0.value) }.map(\.key))
        func figures(_ positions: Range<Int>, _ size: (Accumulator, Int) -> Int) -> [String: Set<Int>] {
            var result: [String: Set<Int>] = [:]
            for position in positions {
                let sizes = groups.mapValues { size($0, position) }
                for key in Disclosure.withheld(sizes, threshold: threshold, already: hidden) where !hidden.contains(key) {
                    result[key, default: []].insert(position)
                }
            }
            return result
        }
        let dimensionCells = figures(questionnaire.dimensions.indices) { $0.dimensions[$1].count }
        let questionCells = figures(questionnaire.questions.indices) { $0.successCount[$1] }
        let tallyCells = figures(tallied.indices) { $0.tallyOrganisations[$1] }
        func few(_ count: Int) -> Bool { count > 0 && count < threshold }
        let whole = all.result(
            key: "*", withheld: all.complete < threshold, small: true,
            figures: WithheldFigures(
                dimensions: Set(questionnaire.dimensions.indices.filter { few(all.dimensions[$0].count) }),
                questions: Set(questionnaire.questions.indices.filter { few(all.successCount[$0]) }),
                tallies: Set(tallied.indices.filter { few(all.tallyOrganisations[$0]) }.map { tallied[$0] })))
        let parts =
            [whole]
            + keys.compactMap { key in
                groups[key].map {
                    $0.result(
                        key: key, withheld: isWithheld(key, $0), small: $0.complete < threshold,
                        figures: WithheldFigures(
                            dimensions: dimensionCells[key] ?? [], questions: questionCells[key] ?? [],
                            tallies: Set((tallyCells[key] ?? []).map { tallied[$0] })))
                }
            }
        return CampaignAggregate(grouping: grouping, minimumGroupSize: minimumGroupSize, groups: parts)
    }

    private struct Accumulator: Sendable {
        var organisations = 0
        var respondents = 0
        var incomplete = 0
        var overall: [Double] = []
        var dimensions: [[Double]]
        var levels: [String: Int] = [:]
        var successSum: [Double]
        var successCount: [Int]
        /// The tallied questions' positions, and per tallied question (in that order) the respondents
        /// who answered it and the count of each option.
        let tallied: [Int]
        var tallyAnswered: [Int]
        var tallyCounts: [[Int]]
        /// Per tallied question, the organisations with a respondent who answered it: the count a
        /// tally is judged by before it is published.
        var tallyOrganisations: [Int]
        /// Per tallied question, the organisation (by its number in `organisations`) last counted in
        /// `tallyOrganisations`: several respondents of one organisation count it once.
        var tallyCounted: [Int]

        init(questionnaire: Questionnaire, tallied: [Int]) {
            dimensions = Array(repeating: [], count: questionnaire.dimensions.count)
            successSum = Array(repeating: 0, count: questionnaire.questions.count)
            successCount = Array(repeating: 0, count: questionnaire.questions.count)
            self.tallied = tallied
            tallyAnswered = Array(repeating: 0, count: tallied.count)
            tallyOrganisations = Array(repeating: 0, count: tallied.count)
            tallyCounted = Array(repeating: 0, count: tallied.count)
            tallyCounts = tallied.map { Array(repeating: 0, count: questionnaire.questions[$0].options.count) }
        }

        /// Organisations with figures: the ones a group's size is judged by before publishing it.
        var complete: Int { organisations - incomplete }

        mutating func add(_ organisation: OrganisationProfile) {
            organisations += 1
            respondents += organisation.respondents.count
            // An incomplete organisation counts in participation only: none of its answers is
            // published, so that a group of five with four incomplete does not show one's figures.
            guard organisation.isComplete else {
                incomplete += 1
                return
            }
            if let score = organisation.overall { overall.append(score) }
            for (index, score) in organisation.dimensions.enumerated() where index < dimensions.count {
                if let score { dimensions[index].append(score) }
            }
            if let level = organisation.level { levels[level.id, default: 0] += 1 }
            for (index, ratio) in organisation.questionRatios.enumerated() where index < successSum.count {
                if let ratio {
                    successSum[index] += ratio
                    successCount[index] += 1
                }
            }
            for entry in organisation.respondents {
                let questions = entry.result.questions
                for (slot, index) in tallied.enumerated() where index < questions.count {
                    guard questions[index].state == .answered else { continue }
                    if tallyCounted[slot] != organisations {
                        tallyCounted[slot] = organisations
                        tallyOrganisations[slot] += 1
                    }
                    tallyAnswered[slot] += 1
                    for option in questions[index].selections where option < tallyCounts[slot].count {
                        tallyCounts[slot][option] += 1
                    }
                }
            }
        }

        func result(key: String, withheld: Bool, small: Bool, figures: WithheldFigures) -> GroupAggregate {
            let figures = withheld ? WithheldFigures() : figures
            var group = GroupAggregate(
                key: key, organisations: organisations, respondents: respondents, incomplete: withheld ? 0 : incomplete,
                withheld: withheld, withheldWithAnother: withheld && !small,
                overall: withheld ? nil : Statistics.summary(overall),
                dimensions: dimensions.enumerated().map { index, scores in
                    withheld || figures.dimensions.contains(index) ? nil : Statistics.summary(scores)
                },
                levels: withheld ? [:] : levels,
                questionSuccess: zip(successSum, successCount).enumerated().map { index, pair in
                    withheld || pair.1 == 0 || figures.questions.contains(index) ? nil : pair.0 / Double(pair.1)
                },
                tallies: withheld
                    ? []
                    : tallied.indices.sorted { tallied[$0] < tallied[$1] }.filter { !figures.tallies.contains(tallied[$0]) }.map {
                        slot in
                        Tally(question: tallied[slot], answered: tallyAnswered[slot], counts: tallyCounts[slot])
                    })
            group.withheldFigures = figures
            return group
        }
    }
}
