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
    /// Overall first, then each dimension.
    public var lines: [Line]

    /// Places `organisation` among `peers` (every organisation of the campaign, itself included).
    public init(of organisation: OrganisationSummary, among peers: [OrganisationSummary], minimumGroupSize: Int = 5) {
        let sameTypology = peers.filter { $0.typology == organisation.typology }
        typologyCount = sameTypology.count
        campaignCount = peers.count
        typologyWithheld = sameTypology.count < minimumGroupSize
        campaignWithheld = peers.count < minimumGroupSize
        let withheldTypology = typologyWithheld
        let withheldCampaign = campaignWithheld
        func line(_ dimension: Int?, _ value: (OrganisationSummary) -> Double?) -> Line {
            let score = value(organisation)
            let typologyScores = sameTypology.compactMap(value).sorted()
            let campaignScores = peers.compactMap(value).sorted()
            return Line(
                dimension: dimension, score: score,
                typologyMedian: withheldTypology ? nil : Statistics.quantile(typologyScores, 0.5),
                typologyPercentile: withheldTypology
                    ? nil : score.flatMap { Statistics.percentileRank(of: $0, among: typologyScores) },
                campaignMedian: withheldCampaign ? nil : Statistics.quantile(campaignScores, 0.5),
                campaignPercentile: withheldCampaign
                    ? nil : score.flatMap { Statistics.percentileRank(of: $0, among: campaignScores) })
        }
        lines =
            [line(nil) { $0.overall }]
            + organisation.dimensions.indices.map { index in
                line(index) { $0.dimensions.indices.contains(index) ? $0.dimensions[index] : nil }
            }
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
