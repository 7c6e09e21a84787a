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
        let withheld = Disclosure.withheld(groups.mapValues(\.complete), threshold: minimumGroupSize)
        let parts =
            [all.result(key: "*", withheld: all.complete < minimumGroupSize, small: true)]
            + keys.compactMap { key in
                groups[key].map {
                    $0.result(key: key, withheld: withheld.contains(key), small: $0.complete < minimumGroupSize)
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

        init(questionnaire: Questionnaire, tallied: [Int]) {
            dimensions = Array(repeating: [], count: questionnaire.dimensions.count)
            successSum = Array(repeating: 0, count: questionnaire.questions.count)
            successCount = Array(repeating: 0, count: questionnaire.questions.count)
            self.tallied = tallied
            tallyAnswered = Array(repeating: 0, count: tallied.count)
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
                    tallyAnswered[slot] += 1
                    for option in questions[index].selections where option < tallyCounts[slot].count {
                        tallyCounts[slot][option] += 1
                    }
                }
            }
        }

        func result(key: String, withheld: Bool, small: Bool) -> GroupAggregate {
            GroupAggregate(
                key: key, organisations: organisations, respondents: respondents, incomplete: withheld ? 0 : incomplete,
                withheld: withheld, withheldWithAnother: withheld && !small,
                overall: withheld ? nil : Statistics.summary(overall),
                dimensions: dimensions.map { withheld ? nil : Statistics.summary($0) },
                levels: withheld ? [:] : levels,
                questionSuccess: zip(successSum, successCount).map { sum, count in
                    withheld || count == 0 ? nil : sum / Double(count)
                },
                tallies: withheld
                    ? []
                    : tallied.indices.sorted { tallied[$0] < tallied[$1] }.map { slot in
                        Tally(question: tallied[slot], answered: tallyAnswered[slot], counts: tallyCounts[slot])
                    })
        }
    }
}
