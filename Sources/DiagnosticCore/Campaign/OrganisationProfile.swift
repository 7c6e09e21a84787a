/// One organisation's combined profile: its respondents kept apart, and their mean as one profile.
///
/// Several services of one organisation (the GIS service and the IT department, say) answer
/// separately; the organisation counts once in regional statistics, with the mean of their scores,
/// and the spread between them shows how far they disagree.
public struct OrganisationProfile: Sendable, Hashable {
    /// Organisation key.
    public var key: String
    /// Organisation name.
    public var name: String
    /// Official code, when given.
    public var code: String?
    /// Typology.
    public var typology: Typology
    /// Département, when given.
    public var departement: String?
    /// The respondents, in the order given.
    public var respondents: [CampaignEntry]
    /// Respondents who answered too few scored questions (`ScoringRules.minimumCompleteness`): they
    /// are kept apart, out of every score, level and ratio below.
    public var incompleteRespondents: Int
    /// Whether at least one respondent answered enough for the organisation to have scores and levels.
    public var isComplete: Bool { incompleteRespondents < respondents.count }
    /// Mean dimension scores over the respondents that have one (questionnaire order).
    public var dimensions: [Double?]
    /// Levels of the mean dimension scores.
    public var dimensionLevels: [MaturityLevel?]
    /// Mean overall score.
    public var overall: Double?
    /// Level of the mean overall score.
    public var level: MaturityLevel?
    /// Mean share earned per question over the respondents where it counts (questionnaire order).
    public var questionRatios: [Double?]
    /// Highest minus lowest respondent score per dimension, when two or more respondents have one.
    public var dimensionSpread: [Double?]
    /// Positions of the questions the respondents answered differently.
    public var disagreements: [Int]

    /// Combines the entries of one organisation (all with the same key); `nil` for an unknown typology.
    public init?(entries: [CampaignEntry], questionnaire: Questionnaire) {
        guard let first = entries.first, let typology = questionnaire.typology(first.typology) else { return nil }
        key = first.organisationKey
        name = first.organisationName
        code = first.organisationCode
        self.typology = typology
        departement = entries.lazy.compactMap(\.departement).first
        respondents = entries
        let results = entries.map(\.result).filter { $0.isSufficient(in: questionnaire) }
        incompleteRespondents = entries.count - results.count
        dimensions = questionnaire.dimensions.indices.map { index in
            Statistics.mean(results.lazy.compactMap { $0.dimensions.element(at: index)?.score })
        }
        dimensionLevels = zip(questionnaire.dimensions, dimensions).map { dimension, score in
            score.flatMap {
                MaturityLevel.level(for: $0, in: questionnaire.levels(forDimension: dimension.id, typology: typology))
            }
        }
        overall = Statistics.mean(results.compactMap(\.overall))
        level = overall.flatMap { MaturityLevel.level(for: $0, in: questionnaire.overallLevels(typology: typology)) }
        questionRatios = questionnaire.questions.indices.map { index in
            Statistics.mean(results.lazy.compactMap { $0.questions.element(at: index)?.ratio })
        }
        dimensionSpread = questionnaire.dimensions.indices.map { index in
            let scores = results.compactMap { $0.dimensions.element(at: index)?.score }
            guard scores.count >= 2, let low = scores.min(), let high = scores.max() else { return nil }
            return high - low
        }
        disagreements =
            results.count < 2
            ? []
            : questionnaire.questions.indices.filter { index in
                let answers = results.compactMap { $0.questions.element(at: index) }.filter(\.state.isAnswer)
                guard let reference = answers.first else { return false }
                return answers.dropFirst().contains {
                    $0.state != reference.state || Set($0.selections) != Set(reference.selections)
                        || $0.points != reference.points
                }
            }
    }

    /// Groups entries by organisation key, keeping the order of first appearance, and combines each.
    public static func combine(_ entries: [CampaignEntry], questionnaire: Questionnaire) -> [OrganisationProfile] {
        var order: [String] = []
        var groups: [String: [CampaignEntry]] = [:]
        for entry in entries {
            if groups[entry.organisationKey] == nil { order.append(entry.organisationKey) }
            groups[entry.organisationKey, default: []].append(entry)
        }
        return order.compactMap { key in groups[key].flatMap { OrganisationProfile(entries: $0, questionnaire: questionnaire) } }
    }
}
