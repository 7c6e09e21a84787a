/// The scores of one organisation, light enough to hold a whole campaign's for percentiles.
public struct OrganisationSummary: Sendable, Hashable {
    /// Organisation key.
    public var key: String
    /// Name.
    public var name: String
    /// Typology id.
    public var typology: String
    /// Mean dimension scores (questionnaire order).
    public var dimensions: [Double?]
    /// Mean overall score.
    public var overall: Double?

    /// Creates a summary.
    public init(key: String, name: String, typology: String, dimensions: [Double?], overall: Double?) {
        self.key = key
        self.name = name
        self.typology = typology
        self.dimensions = dimensions
        self.overall = overall
    }

    /// The summary of a combined profile.
    public init(_ profile: OrganisationProfile) {
        self.init(
            key: profile.key, name: profile.name, typology: profile.typology.id, dimensions: profile.dimensions,
            overall: profile.overall)
    }
}

/// An organisation against its peers: per dimension and overall, its score, the median and its
/// percentile rank within its typology and within the whole campaign.
public struct PeerPosition: Sendable, Hashable {
    /// One line of the comparison.
    public struct Line: Sendable, Hashable {
        /// Dimension index, or `nil` for the overall score.
        public var dimension: Int?
        /// The organisation's score.
        public var score: Double?
        /// Median of its typology (withheld below the threshold).
        public var typologyMedian: Double?
        /// Percentile rank within its typology (withheld below the threshold).
        public var typologyPercentile: Double?
        /// Median of the campaign.
        public var campaignMedian: Double?
        /// Percentile rank within the campaign.
        public var campaignPercentile: Double?
    }

    /// Organisations of the same typology with a score (the organisation included).
    public var typologyCount: Int
    /// Organisations of the campaign with a score.
    public var campaignCount: Int
    /// Whether the typology figures are withheld (fewer organisations than the threshold).
    public var typologyWithheld: Bool
    /// Whether the campaign figures are withheld.
    public var campaignWithheld: Bool
    /// The smallest group whose figures are shown (`--min-group`).
    public var minimumGroupSize: Int
    /// Overall first, then each dimension.
    public var lines: [Line]

    /// Places `organisation` among `peers` (every organisation of the campaign, itself included).
    public init(of organisation: OrganisationSummary, among peers: [OrganisationSummary], minimumGroupSize: Int = 5) {
        self.init(of: organisation, in: PeerGroups(peers), minimumGroupSize: minimumGroupSize)
    }

    /// Places `organisation` among peers sorted once for a whole campaign (reports for every organisation).
    public init(of organisation: OrganisationSummary, in groups: PeerGroups, minimumGroupSize: Int = 5) {
        let typologyCount = groups.typologyCounts[organisation.typology] ?? 0
        let typologyWithheld = typologyCount < minimumGroupSize
        let campaignWithheld = groups.count < minimumGroupSize
        self.typologyCount = typologyCount
        self.minimumGroupSize = minimumGroupSize
        campaignCount = groups.count
        self.typologyWithheld = typologyWithheld
        self.campaignWithheld = campaignWithheld
        let values = [organisation.overall] + organisation.dimensions
        lines = values.indices.map { index in
            let score = values[index]
            let typology = groups.sorted(index, typology: organisation.typology)
            let campaign = groups.sorted(index, typology: nil)
            // A line is judged by its own scores too: a dimension few peers have a score in would
            // show theirs (the median of two gives the other one away).
            let typologyHidden = typologyWithheld || typology.count < minimumGroupSize
            let campaignHidden = campaignWithheld || campaign.count < minimumGroupSize
            return Line(
                dimension: index == 0 ? nil : index - 1, score: score,
                typologyMedian: typologyHidden ? nil : Statistics.quantile(typology, 0.5),
                typologyPercentile: typologyHidden
                    ? nil : score.flatMap { Statistics.percentileRank(of: $0, inSorted: typology) },
                campaignMedian: campaignHidden ? nil : Statistics.quantile(campaign, 0.5),
                campaignPercentile: campaignHidden
                    ? nil : score.flatMap { Statistics.percentileRank(of: $0, inSorted: campaign) })
        }
    }
}

/// A campaign's scores sorted once per typology and per line (overall, then each dimension), so
/// that placing every organisation among its peers stays fast.
public struct PeerGroups: Sendable {
    /// Organisations in the campaign with an overall score.
    public let count: Int
    /// Organisations with an overall score per typology.
    public let typologyCounts: [String: Int]
    private let campaign: [[Double]]
    private let byTypology: [String: [[Double]]]

    /// Sorts the scores of `peers`.
    public init(_ peers: [OrganisationSummary]) {
        // Only organisations with a score count towards the threshold: an incomplete one adds nothing to a median.
        count = peers.count(where: { $0.overall != nil })
        let lines = 1 + (peers.map(\.dimensions.count).max() ?? 0)
        func values(_ summary: OrganisationSummary) -> [Double?] {
            ([summary.overall] + summary.dimensions) + Array(repeating: nil, count: max(0, lines - 1 - summary.dimensions.count))
        }
        var campaign = Array(repeating: [Double](), count: lines)
        var byTypology: [String: [[Double]]] = [:]
        var counts: [String: Int] = [:]
        for peer in peers {
            if peer.overall != nil { counts[peer.typology, default: 0] += 1 }
            var typology = byTypology[peer.typology] ?? Array(repeating: [], count: lines)
            for (index, value) in values(peer).enumerated() {
                guard let value else { continue }
                campaign[index].append(value)
                typology[index].append(value)
            }
            byTypology[peer.typology] = typology
        }
        self.campaign = campaign.map { $0.sorted() }
        self.byTypology = byTypology.mapValues { $0.map { $0.sorted() } }
        typologyCounts = counts
    }

    /// The sorted scores of one line (0 = overall, 1… = dimensions), of one typology or of the campaign.
    public func sorted(_ line: Int, typology: String?) -> [Double] {
        if let typology { return byTypology[typology]?.element(at: line) ?? [] }
        return campaign.element(at: line) ?? []
    }
}

/// One organisation in two campaigns: change per dimension and per question.
public struct CampaignChange: Sendable, Hashable {
    /// Change of one dimension, matched by id.
    public struct DimensionChange: Sendable, Hashable {
        /// Dimension id.
        public var id: String
        /// Score in the earlier campaign.
        public var before: Double?
        /// Score in the later campaign.
        public var after: Double?
        /// Level id before.
        public var levelBefore: String?
        /// Level id after.
        public var levelAfter: String?
        /// after − before, when both exist.
        public var delta: Double? { before.flatMap { b in after.map { $0 - b } } }
    }

    /// Change of one question, matched by id.
    public struct QuestionChange: Sendable, Hashable {
        /// Question id.
        public var id: String
        /// Share of the points earned before (0–1).
        public var before: Double?
        /// Share of the points earned after (0–1).
        public var after: Double?
        /// Whether the answer itself changed.
        public var answerChanged: Bool
        /// after − before, when both exist.
        public var delta: Double? { before.flatMap { b in after.map { $0 - b } } }
    }

    /// Overall score before and after.
    public var overall: DimensionChange
    /// Every dimension present in both questionnaires.
    public var dimensions: [DimensionChange]
    /// Every scored question present in both questionnaires, in the later questionnaire's order.
    public var questions: [QuestionChange]

    /// Compares an organisation's profile in an earlier and a later campaign.
    public init(before: OrganisationProfile, in earlier: Questionnaire, after: OrganisationProfile, in later: Questionnaire) {
        overall = DimensionChange(
            id: "*", before: before.overall, after: after.overall, levelBefore: before.level?.id, levelAfter: after.level?.id)
        dimensions = later.dimensions.enumerated().compactMap { laterIndex, dimension in
            guard let earlierIndex = earlier.dimensions.firstIndex(where: { $0.id == dimension.id }) else { return nil }
            return DimensionChange(
                id: dimension.id, before: before.dimensions.element(at: earlierIndex) ?? nil,
                after: after.dimensions.element(at: laterIndex) ?? nil,
                levelBefore: before.dimensionLevels.element(at: earlierIndex)??.id,
                levelAfter: after.dimensionLevels.element(at: laterIndex)??.id)
        }
        questions = later.questions.enumerated().compactMap { laterIndex, question in
            guard question.scored, let earlierIndex = earlier.questionIndex(question.id) else { return nil }
            func signature(_ result: QuestionResult) -> String {
                "\(result.state.rawValue):\(result.selections.sorted()):\(result.points)"
            }
            let answersBefore = before.respondents.compactMap { $0.result.questions.element(at: earlierIndex) }
            let answersAfter = after.respondents.compactMap { $0.result.questions.element(at: laterIndex) }
            return QuestionChange(
                id: question.id, before: before.questionRatios.element(at: earlierIndex) ?? nil,
                after: after.questionRatios.element(at: laterIndex) ?? nil,
                answerChanged: Set(answersBefore.map(signature)) != Set(answersAfter.map(signature)))
        }
    }
}

extension CampaignChange.QuestionChange {
    /// What a changed answer did to the points, judged on the shares as shown (whole per cent).
    public enum Effect: Sendable, Hashable {
        case morePoints, fewerPoints, samePoints, unknown
    }

    /// The effect of the change on the points: a different answer worth the same is not progress.
    public var effect: Effect {
        guard let before, let after else { return .unknown }
        let difference = NumberText.displayedDifference(from: 100 * before, to: 100 * after, decimals: 0)
        return difference > 0 ? .morePoints : difference < 0 ? .fewerPoints : .samePoints
    }

    /// The effect in words.
    public func effectText(_ language: Language) -> String {
        switch effect {
        case .morePoints: language.pick("plus de points", "more points")
        case .fewerPoints: language.pick("moins de points", "fewer points")
        case .samePoints: language.pick("réponse différente, mêmes points", "different answer, same points")
        case .unknown: "—"
        }
    }
}
