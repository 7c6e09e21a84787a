import DiagnosticCore

/// What an individual diagnostic is made from: one organisation, its respondents' answers and
/// scores, and optionally its peers and its previous campaign.
public struct IndividualInput: Sendable {
    /// One respondent: who, the checked response and its score card.
    public struct Respondent: Sendable {
        /// How the report names them (a role, or empty for a single respondent).
        public var who: String
        /// The checked response.
        public var response: Response
        /// Its score card.
        public var card: ScoreCard

        /// Creates a respondent.
        public init(who: String, response: Response, card: ScoreCard) {
            self.who = who
            self.response = response
            self.card = card
        }
    }

    /// The questionnaire.
    public let questionnaire: Questionnaire
    /// The campaign, when the report comes from one.
    public var campaign: String?
    /// The respondents (at least one).
    public let respondents: [Respondent]
    /// The respondents combined into one profile (means), as campaigns do; `nil` when no respondent
    /// has a known typology.
    public let profile: OrganisationProfile?
    /// Peers' positions, when the organisation is in a campaign.
    public var position: PeerPosition?
    /// Change since an earlier campaign: its name and the change.
    public var change: (campaign: String, change: CampaignChange)?
    /// The support-action plan, when a catalogue applies to the questionnaire.
    public var plan: PlanInput?
    /// Which version of the answers the report is written from, when it matters (answers given on
    /// the web, which a respondent may amend): e.g. "version 2, soumise le 2026-12-02".
    public var edition: String?
    /// Links shown above the report on screen, never on paper (the web's downloads and print view).
    public var links: [ReportLink] = []

    /// Typology medians per dimension (for the radar), when known.
    public var typologyMedians: [Double?]? { position.map { position in position.lines.dropFirst().map(\.typologyMedian) } }

    /// Creates an input.
    public init(
        questionnaire: Questionnaire, campaign: String? = nil, respondents: [Respondent], position: PeerPosition? = nil,
        change: (campaign: String, change: CampaignChange)? = nil
    ) {
        self.questionnaire = questionnaire
        self.campaign = campaign
        self.respondents = respondents
        self.position = position
        self.change = change
        let entries = respondents.compactMap { respondent -> CampaignEntry? in
            guard let identity = RespondentIdentity(response: respondent.response, questionnaire: questionnaire) else {
                return nil
            }
            return CampaignEntry(
                organisationKey: identity.organisationKey, organisationName: identity.organisationName,
                organisationCode: identity.code, typology: identity.typology, departement: identity.departement,
                respondentKey: identity.respondentKey, role: identity.role,
                result: RespondentResult(card: respondent.card, questionnaire: questionnaire))
        }
        profile = OrganisationProfile(entries: entries, questionnaire: questionnaire)
    }
}

/// A link shown above a report on screen.
public struct ReportLink: Sendable, Hashable, TemplateFields {
    /// What it says.
    public var label: String
    /// Where it goes.
    public var href: String

    /// A link.
    public init(label: String, href: String) {
        self.label = label
        self.href = href
    }

    var templateFields: [String: TemplateValue] { ["label": .text(label), "href": .text(href)] }
}

/// The individual diagnostic as its templates see it: every figure computed and formatted.
struct IndividualReport {
    struct Fact: TemplateFields {
        var label: String
        var value: String

        var templateFields: [String: TemplateValue] { ["label": .text(label), "value": .text(value)] }
    }

    struct DimensionLine: TemplateFields {
        var name: String
        var title: String
        var score: String
        var bar: String
        var level: String
        var points: String
        var maximum: String
        var median: String
        var typologyPercentile: String
        var campaignPercentile: String
        /// Where the organisation stands among its peers in this dimension, in words (empty without peers).
        var position: String

        var templateFields: [String: TemplateValue] {
            [
                "position": .text(position),
                "name": .text(name), "title": .text(title), "score": .text(score), "bar": .text(bar), "level": .text(level),
                "points": .text(points), "maximum": .text(maximum), "median": .text(median),
                "typologyPercentile": .text(typologyPercentile), "campaignPercentile": .text(campaignPercentile),
            ]
        }
    }

    struct Highlight: TemplateFields {
        var id: String
        var label: String
        var points: String
        var maximum: String

        var templateFields: [String: TemplateValue] {
            ["id": .text(id), "label": .text(label), "points": .text(points), "maximum": .text(maximum)]
        }
    }

    /// An evidence link: a web address becomes a link, anything else stays text.
    struct Link: TemplateFields {
        var text: String
        var isWeb: Bool

        init(_ text: String) {
            self.text = text
            let lower = text.lowercased()
            isWeb = (lower.hasPrefix("https://") || lower.hasPrefix("http://")) && !text.contains(where: \.isWhitespace)
        }

        var templateFields: [String: TemplateValue] { ["text": .text(text), "isWeb": .flag(isWeb)] }
    }

    /// One answer in the detail tables; it repeats its question's id, label and maximum so that
    /// each row is looked up in one place (long tables dominate rendering time).
    struct AnswerCell: TemplateFields {
        var id: String
        var label: String
        var maximum: String
        var who: String
        var hasWho: Bool
        var text: String
        var points: String
        var unsure: Bool
        var justification: String
        var hasJustification: Bool
        var evidence: [Link]
        var hasEvidence: Bool

        var templateFields: [String: TemplateValue] {
            [
                "id": .text(id), "label": .text(label), "maximum": .text(maximum), "who": .text(who), "hasWho": .flag(hasWho),
                "text": .text(text), "points": .text(points), "unsure": .flag(unsure), "justification": .text(justification),
                "hasJustification": .flag(hasJustification), "evidence": .list(evidence.map(\.templateValue)),
                "hasEvidence": .flag(hasEvidence),
            ]
        }
    }

    struct QuestionLine: TemplateFields {
        var id: String
        var label: String
        var maximum: String
        var answers: [AnswerCell]

        var templateFields: [String: TemplateValue] {
            [
                "id": .text(id), "label": .text(label), "maximum": .text(maximum),
                "answers": .list(answers.map(\.templateValue)),
            ]
        }
    }

    struct QuestionGroup: TemplateFields {
        var title: String
        var questions: [QuestionLine]

        var templateFields: [String: TemplateValue] {
            ["title": .text(title), "questions": .list(questions.map(\.templateValue))]
        }
    }

    struct ChangeLine: TemplateFields {
        var name: String
        var before: String
        var after: String
        var delta: String

        var templateFields: [String: TemplateValue] {
            ["name": .text(name), "before": .text(before), "after": .text(after), "delta": .text(delta)]
        }
    }

    /// One of the first actions of the plan, as the summary lists them.
    struct SummaryAction: TemplateFields {
        var rank: Int
        var title: String
        var horizon: String
        var reason: String

        var templateFields: [String: TemplateValue] {
            ["rank": .text(String(rank)), "title": .text(title), "horizon": .text(horizon), "reason": .text(reason)]
        }
    }

    /// Someone to ask for help, from the catalogue.
    struct HelpLine: TemplateFields {
        var name: String
        var description: String
        var hasDescription: Bool
        var url: String
        var hasURL: Bool
        var email: String
        var hasEmail: Bool

        init(_ contact: HelpContact, description: String) {
            name = contact.name
            self.description = description
            hasDescription = !description.isEmpty
            url = contact.url ?? ""
            hasURL = contact.url != nil
            email = contact.email ?? ""
            hasEmail = contact.email != nil
        }

        var templateFields: [String: TemplateValue] {
            [
                "name": .text(name), "description": .text(description), "hasDescription": .flag(hasDescription),
                "url": .text(url), "hasURL": .flag(hasURL), "email": .text(email), "hasEmail": .flag(hasEmail),
            ]
        }
    }

    struct ChangedQuestion: TemplateFields {
        var id: String
        var label: String
        var before: String
        var after: String
        /// "more points", "fewer points" or "same points": an answer changed without changing the
        /// points is not progress.
        var effect: String

        var templateFields: [String: TemplateValue] {
            ["id": .text(id), "label": .text(label), "before": .text(before), "after": .text(after), "effect": .text(effect)]
        }
    }

    var fr: Bool
    var en: Bool
    var language: String
    /// The colon after a label: " :" in French, ":" in English.
    var colon: String
    var generated: String
    /// The text at the top of every printed page, escaped for a CSS string.
    var printHeader: String
    var questionnaire: String
    var campaign: String
    var hasCampaign: Bool
    var edition: String
    var hasEdition: Bool
    var links: [ReportLink]
    var hasLinks: Bool
    var name: String
    var typology: String
    var family: String
    var facts: [Fact]
    var hasFacts: Bool
    var respondents: String
    var severalRespondents: Bool
    var hasScore: Bool
    var overall: String
    var overallBar: String
    var level: String
    var levelDescription: String
    var answered: Int
    var asked: Int
    var completeness: String
    var dimensions: [DimensionLine]
    var radar: String
    var radarText: String
    var bars: String
    var hasMedian: Bool
    var strengths: [Highlight]
    var weaknesses: [Highlight]
    var hasStrengths: Bool
    var hasWeaknesses: Bool
    var unanswered: [Highlight]
    var hasUnanswered: Bool
    var unansweredZero: Bool
    var groups: [QuestionGroup]
    var unscored: [QuestionGroup]
    var hasPosition: Bool
    var typologyWithheld: Bool
    var typologyCount: Int
    var campaignCount: Int
    var overallTypologyPercentile: String
    var overallCampaignPercentile: String
    var hasChange: Bool
    var previousCampaign: String
    var changes: [ChangeLine]
    var changedQuestions: [ChangedQuestion]
    var hasChangedQuestions: Bool
    var hasDisagreement: Bool
    var disagreement: [ChangeLine]
    var disagreementQuestions: String
    var hasActions: Bool
    var plan: PlanView?
    /// The summary for the council comes first; `full` adds the detailed diagnostic as an annex.
    var full: Bool
    /// The summary's strengths and priorities: the three best and the three weakest answers.
    var summaryStrengths: [Highlight]
    var priorities: [Highlight]
    var hasPriorities: Bool
    var hasSummaryStrengths: Bool
    /// The first actions of the plan.
    var firstActions: [SummaryAction]
    var hasFirstActions: Bool
    var moreActions: Int
    var hasMoreActions: Bool
    /// Who to ask for help (the catalogue's contacts).
    var help: [HelpLine]
    var hasHelp: Bool
    /// Too few scored questions answered: no level, no score, no plan; what is missing instead.
    var isIncomplete: Bool
    var incompleteVerdict: String
    var missingGroups: [MissingGroup]

    /// The unanswered scored questions of one dimension.
    struct MissingGroup {
        var title: String
        var questions: [String]
    }

    /// How many actions, strengths and priorities the summary shows at most.
    static let summaryActions = 5
    static let summaryHighlights = 3

    init?(_ input: IndividualInput, generated: String, language: Language, chartID: String, detail: ReportDetail = .full) {
        let format = ReportFormatting(questionnaire: input.questionnaire, language: language)
        let questionnaire = input.questionnaire
        guard let first = input.respondents.first, let profile = input.profile else { return nil }
        fr = language == .fr
        en = language == .en
        self.language = language.rawValue
        colon = format.colon
        self.generated = generated
        self.questionnaire = format.questionnaireTitle
        campaign = input.campaign ?? ""
        hasCampaign = input.campaign != nil
        edition = input.edition ?? ""
        hasEdition = input.edition != nil
        links = input.links
        hasLinks = !input.links.isEmpty
        name = profile.name
        printHeader = Escaping.cssString(format.printHeader(profile.name, generated: generated))
        typology = format.label(profile.typology.label)
        family = questionnaire.family(profile.typology.family).map { format.label($0.label) } ?? profile.typology.family
        let words = format.words
        facts = questionnaire.profileFields.compactMap { field in
            guard !field.personal, field.kind != .typology, field.id != "organisation",
                let value = first.response.profile[field.id]
            else { return nil }
            return Fact(label: format.label(field.label), value: words.describe(value, of: field))
        }
        hasFacts = !facts.isEmpty
        respondents = input.respondents.map(\.who).filter { !$0.isEmpty }.joined(separator: ", ")
        severalRespondents = input.respondents.count > 1
        hasScore = profile.overall != nil
        overall = format.score(profile.overall)
        overallBar = format.textBar(profile.overall)
        level = profile.level.map { format.label($0.label) } ?? "—"
        levelDescription = profile.level.map { format.label($0.description) } ?? ""
        answered = input.respondents.map(\.card.completeness.answered).reduce(0, +)
        asked = input.respondents.map(\.card.completeness.asked).reduce(0, +)
        completeness = format.percent(asked == 0 ? 100 : 100 * Double(answered) / Double(asked))
        let medians = input.typologyMedians
        let position = input.position
        dimensions = questionnaire.dimensions.indices.map { index in
            let score = profile.dimensions.element(at: index) ?? nil
            let line = position?.lines.first { $0.dimension == index }
            let points = input.respondents.compactMap { $0.card.dimensions.element(at: index) }
            return DimensionLine(
                name: format.dimensionName(index), title: format.dimensionTitle(index), score: format.score(score),
                bar: format.textBar(score),
                level: (profile.dimensionLevels.element(at: index) ?? nil).map { format.label($0.label) } ?? "—",
                points: format.points(Statistics.mean(points.map(\.points)) ?? 0),
                maximum: format.points(Statistics.mean(points.map(\.maximum)) ?? 0),
                median: format.score(medians?.element(at: index) ?? nil),
                typologyPercentile: format.percent(line?.typologyPercentile),
                campaignPercentile: format.percent(line?.campaignPercentile),
                position: line.map { line in
                    let median = format.score(medians?.element(at: index) ?? nil)
                    let percentile = format.percent(line.typologyPercentile)
                    return median == "—"
                        ? percentile : language.pick("\(percentile) (médiane \(median))", "\(percentile) (median \(median))")
                } ?? "")
        }
        let showMedian = medians?.contains { $0 != nil } ?? false
        hasMedian = showMedian
        let axes = questionnaire.dimensions.indices.map(format.dimensionTitle)
        var series = [RadarChart.Series(name: profile.name, values: profile.dimensions, reference: false)]
        if showMedian, let medians {
            series.append(
                RadarChart.Series(
                    name: language.pick(
                        "Médiane — \(format.label(profile.typology.label))", "Median — \(format.label(profile.typology.label))"
                    ),
                    values: medians, reference: true))
        }
        let altText = questionnaire.dimensions.indices.map { index in
            let median =
                showMedian
                ? language.pick(
                    " (médiane \(format.score(medians?.element(at: index) ?? nil)))",
                    " (median \(format.score(medians?.element(at: index) ?? nil)))") : ""
            return "\(format.dimensionTitle(index)) \(format.score(profile.dimensions.element(at: index) ?? nil))\(median)"
        }.joined(separator: " ; ")
        radarText = altText
        radar = RadarChart(axes: axes, series: series, thresholds: format.radarThresholds(for: [profile.typology])).svg(
            id: chartID + "-radar", title: language.pick("Profil par dimension (0 à 100)", "Profile by dimension (0 to 100)"),
            description: altText)
        bars = ScaleChart(
            rows: questionnaire.dimensions.indices.map { index in
                ScaleChart.Row(
                    label: format.dimensionTitle(index), value: profile.dimensions.element(at: index) ?? nil,
                    note: (profile.dimensionLevels.element(at: index) ?? nil).map { format.label($0.label) } ?? "—")
            }
        ).bars(
            id: chartID + "-bars", title: language.pick("Score et niveau par dimension", "Score and level by dimension"),
            description: altText, language: language)
        // Each respondent's question scores by id (`ScoreCard.question` searches the list: once per question per report was quadratic).
        let scores = input.respondents.map { respondent in
            Dictionary(respondent.card.questions.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        }
        func highlight(_ id: String) -> Highlight? {
            guard let question = questionnaire.question(id) else { return nil }
            let score = scores[0][id]
            return Highlight(
                id: id, label: format.label(question.label), points: score.map { format.points($0.points) } ?? "",
                maximum: score.map { format.points($0.maximum) } ?? "")
        }
        strengths = first.card.strengths.compactMap(highlight)
        weaknesses = first.card.weaknesses.compactMap(highlight)
        hasStrengths = !strengths.isEmpty
        hasWeaknesses = !weaknesses.isEmpty
        unanswered = first.card.unanswered.compactMap(highlight)
        hasUnanswered = !unanswered.isEmpty
        unansweredZero = first.card.rules.unanswered == .zero
        func cells(_ question: Question) -> [AnswerCell]? {
            let cells = zip(input.respondents, scores).compactMap { respondent, scores -> AnswerCell? in
                guard let score = scores[question.id] else { return nil }
                let text: String
                switch score.status {
                case .unanswered: text = language.pick("(sans réponse)", "(no answer)")
                case .hidden: text = language.pick("(non posée)", "(not asked)")
                default: text = score.answer.map { words.describe($0.value, of: question) } ?? ""
                }
                return AnswerCell(
                    id: question.id, label: format.label(question.label),
                    maximum: question.scored ? format.points(score.weight) : "", who: respondent.who,
                    hasWho: !respondent.who.isEmpty, text: text,
                    points: question.scored
                        ? (score.counted ? format.points(score.points) : language.pick("hors calcul", "not counted")) : "",
                    unsure: score.answer?.confidence == .unsure, justification: score.answer?.justification ?? "",
                    hasJustification: score.answer?.justification != nil, evidence: (score.answer?.evidence ?? []).map(Link.init),
                    hasEvidence: !(score.answer?.evidence.isEmpty ?? true))
            }
            return cells.isEmpty ? nil : cells
        }
        groups = questionnaire.dimensions.map { dimension in
            QuestionGroup(
                title: format.label(dimension.label),
                questions: questionnaire.questions.filter { $0.scored && $0.dimension == dimension.id }.compactMap { question in
                    cells(question).map { cells in
                        let maximum = scores[0][question.id].map { format.points($0.weight) } ?? ""
                        return QuestionLine(
                            id: question.id, label: format.label(question.label), maximum: maximum, answers: cells)
                    }
                })
        }.filter { !$0.questions.isEmpty }
        unscored = [
            QuestionGroup(
                title: language.pick("Questions non notées", "Unscored questions"),
                questions: questionnaire.questions.filter { !$0.scored }.compactMap { question in
                    cells(question).map {
                        QuestionLine(id: question.id, label: format.label(question.label), maximum: "", answers: $0)
                    }
                })
        ].filter { !$0.questions.isEmpty }
        let hasPeers = position != nil
        hasPosition = hasPeers
        typologyWithheld = position?.typologyWithheld ?? false
        typologyCount = position?.typologyCount ?? 0
        campaignCount = position?.campaignCount ?? 0
        overallTypologyPercentile = format.percent(position?.lines.first?.typologyPercentile)
        overallCampaignPercentile = format.percent(position?.lines.first?.campaignPercentile)
        hasChange = input.change != nil
        previousCampaign = input.change?.campaign ?? ""
        if let change = input.change?.change {
            changes = ([change.overall] + change.dimensions).map { item in
                ChangeLine(
                    name: item.id == "*"
                        ? language.pick("Score global", "Overall score")
                        : questionnaire.dimension(item.id).map { format.label($0.label) } ?? item.id,
                    before: format.score(item.before), after: format.score(item.after),
                    delta: format.change(from: item.before, to: item.after))
            }
            changedQuestions = change.questions.filter(\.answerChanged).map { item in
                ChangedQuestion(
                    id: item.id, label: questionnaire.question(item.id).map { format.label($0.label) } ?? item.id,
                    before: format.share(item.before), after: format.share(item.after), effect: item.effectText(language))
            }
        } else {
            changes = []
            changedQuestions = []
        }
        hasChangedQuestions = !changedQuestions.isEmpty
        hasDisagreement = input.respondents.count > 1
        disagreement = questionnaire.dimensions.indices.compactMap { index in
            (profile.dimensionSpread.element(at: index) ?? nil).map {
                ChangeLine(name: format.dimensionTitle(index), before: "", after: "", delta: format.score($0))
            }
        }
        disagreementQuestions = profile.disagreements.compactMap { questionnaire.questions.element(at: $0)?.id }
            .joined(separator: ", ")
        hasActions = input.plan != nil
        let plan = input.plan.map { PlanView($0, questionnaire: questionnaire, typology: profile.typology, language: language) }
        self.plan = plan
        full = detail == .full
        summaryStrengths = Array(strengths.prefix(Self.summaryHighlights))
        priorities = Array(weaknesses.prefix(Self.summaryHighlights))
        hasSummaryStrengths = !summaryStrengths.isEmpty
        hasPriorities = !priorities.isEmpty
        let planned = (plan?.blocks ?? []).flatMap { block in block.items.map { (block.title, $0) } }
        firstActions = planned.prefix(Self.summaryActions).map { horizon, item in
            SummaryAction(rank: item.rank, title: item.title, horizon: horizon, reason: item.why + item.reasonText)
        }
        hasFirstActions = !firstActions.isEmpty
        moreActions = max(0, planned.count - firstActions.count) + (input.plan?.plan.later.count ?? 0)
        hasMoreActions = moreActions > 0
        help = (input.plan?.catalogue.help ?? []).map { HelpLine($0, description: format.label($0.description)) }
        hasHelp = !help.isEmpty
        // The most complete respondent tells how far the organisation is from a diagnostic.
        let closest = input.respondents.map(\.card).max { $0.scoredCompleteness.percent < $1.scoredCompleteness.percent }
        isIncomplete = !profile.isComplete
        incompleteVerdict =
            isIncomplete
            ? closest?.scoredCompleteness.incompleteVerdict(
                minimum: questionnaire.scoring.minimumCompleteness, language: language)
                ?? "" : ""
        let missing = Set((closest?.questions ?? []).filter { $0.scored && $0.status == .unanswered }.map(\.id))
        missingGroups =
            isIncomplete
            ? questionnaire.dimensions.compactMap { dimension in
                let questions = questionnaire.questions.filter { $0.dimension == dimension.id && missing.contains($0.id) }
                    .map { "\(format.label($0.label)) (\($0.id))" }
                return questions.isEmpty ? nil : MissingGroup(title: format.label(dimension.label), questions: questions)
            } : []
    }
}
