import DiagnosticCore

/// What a comparison report is made from: organisations side by side, or one organisation in two campaigns.
public enum ComparisonInput: Sendable {
    /// Several organisations of one campaign.
    case sideBySide(questionnaire: Questionnaire, campaign: String, organisations: [OrganisationProfile])
    /// One organisation in an earlier and a later campaign.
    case change(
        questionnaire: Questionnaire, before: (campaign: String, profile: OrganisationProfile),
        after: (campaign: String, profile: OrganisationProfile), change: CampaignChange)
}

/// The comparison report as its templates see it.
struct ComparisonReport {
    struct Column {
        var name: String
        var detail: String
    }

    struct Cell {
        var value: String
    }

    struct Row {
        var label: String
        var cells: [Cell]
    }

    var fr: Bool
    var en: Bool
    var language: String
    var colon: String
    var generated: String
    /// The text at the top of every printed page, escaped for a CSS string.
    var printHeader: String
    var questionnaire: String
    var title: String
    var isChange: Bool
    var campaigns: String
    var columns: [Column]
    var radar: String
    var rows: [Row]
    var questions: [Row]
    var hasQuestions: Bool

    init(_ input: ComparisonInput, generated: String, language: Language) {
        self.fr = language == .fr
        self.en = language == .en
        self.language = language.rawValue
        self.generated = generated
        let questionnaire: Questionnaire
        let profiles: [(name: String, profile: OrganisationProfile)]
        let change: Bool
        switch input {
        case .sideBySide(let model, let campaign, let organisations):
            questionnaire = model
            profiles = organisations.map { ($0.name, $0) }
            change = false
            campaigns = campaign
        case .change(let model, let before, let after, _):
            questionnaire = model
            profiles = [(before.campaign, before.profile), (after.campaign, after.profile)]
            change = true
            campaigns = before.campaign + " → " + after.campaign
        }
        isChange = change
        let format = ReportFormatting(questionnaire: questionnaire, language: language)
        self.questionnaire = format.questionnaireTitle
        colon = format.colon
        title = change ? (profiles.last?.profile.name ?? "") : profiles.map(\.name).joined(separator: " · ")
        printHeader = Escaping.cssString(
            format.printHeader(
                (change ? language.pick("Évolution — ", "Change — ") : language.pick("Comparaison — ", "Comparison — ")) + title,
                generated: generated))
        columns = profiles.map { name, profile in
            Column(
                name: name,
                detail: change
                    ? profile.name
                    : format.label(profile.typology.label) + (profile.code.map { " · \($0)" } ?? ""))
        }
        let axes = questionnaire.dimensions.indices.map(format.dimensionTitle)
        let series = profiles.enumerated().map { index, entry in
            // In a change, the earlier campaign is the dashed reference and the later one the solid, filled profile.
            RadarChart.Series(
                name: entry.name, values: entry.profile.dimensions, reference: change && index == 0,
                style: change ? 1 - index : index)
        }
        let description = profiles.map { name, profile in
            name + ": "
                + questionnaire.dimensions.indices.map {
                    "\(format.dimensionTitle($0)) \(format.score(profile.dimensions.element(at: $0) ?? nil))"
                }.joined(separator: ", ")
        }.joined(separator: " ; ")
        radar = RadarChart(
            axes: axes, series: series, thresholds: format.radarThresholds(for: profiles.map(\.profile.typology))
        ).svg(
            id: "comparison-radar", title: language.pick("Profils comparés (0 à 100)", "Profiles compared (0 to 100)"),
            description: description)
        var rows = [
            Row(
                label: language.pick("Score global", "Overall score"),
                cells: profiles.map { Cell(value: format.score($0.profile.overall)) }),
            Row(
                label: language.pick("Niveau global", "Overall level"),
                cells: profiles.map { Cell(value: $0.profile.level.map { format.label($0.label) } ?? "—") }),
        ]
        rows += questionnaire.dimensions.indices.map { index in
            Row(
                label: format.dimensionTitle(index),
                cells: profiles.map { Cell(value: format.score($0.profile.dimensions.element(at: index) ?? nil)) })
        }
        if case .change(_, _, _, let change) = input {
            rows.append(
                Row(
                    label: language.pick("Évolution du score global", "Change of the overall score"),
                    cells: [Cell(value: ""), Cell(value: format.change(from: change.overall.before, to: change.overall.after))]))
        }
        self.rows = rows
        questions = questionnaire.questions.enumerated().filter { $0.element.scored }.compactMap { index, question in
            let cells = profiles.map { Cell(value: format.share($0.profile.questionRatios.element(at: index) ?? nil)) }
            guard cells.contains(where: { $0.value != "—" }) else { return nil }
            return Row(label: "\(question.id) — \(format.label(question.label))", cells: cells)
        }
        hasQuestions = !questions.isEmpty
    }
}

/// The index of a folder of reports (`--all`).
struct ReportIndex {
    struct Entry {
        var name: String
        var file: String
        var typology: String
        var score: String
        var level: String
    }

    var fr: Bool
    var en: Bool
    var language: String
    var generated: String
    /// The text at the top of every printed page, escaped for a CSS string.
    var printHeader: String
    var campaign: String
    var regional: String
    var hasRegional: Bool
    var entries: [Entry]
    var count: Int
}

/// One organisation listed in an index of reports.
public struct IndexEntry: Sendable {
    /// Organisation name.
    public var name: String
    /// Report file name, relative to the index.
    public var file: String
    /// Typology label.
    public var typology: String
    /// Overall score.
    public var score: Double?
    /// Overall level label.
    public var level: String

    /// Creates an entry.
    public init(name: String, file: String, typology: String, score: Double?, level: String) {
        self.name = name
        self.file = file
        self.typology = typology
        self.score = score
        self.level = level
    }
}
