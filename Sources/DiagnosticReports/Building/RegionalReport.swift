import DiagnosticCore

/// What a regional report is made from: a campaign's aggregates by typology and by département.
public struct RegionalInput: Sendable {
    /// The campaign's questionnaire.
    public var questionnaire: Questionnaire
    /// The campaign's name.
    public var campaign: String
    /// Its period, if any.
    public var period: String?
    /// The aggregate by typology.
    public var byTypology: CampaignAggregate
    /// The aggregate by département (participation).
    public var byDepartement: CampaignAggregate

    /// How many organisations each support action is recommended to, when a catalogue applies.
    public var demand: DemandInput?

    /// Creates an input.
    public init(
        questionnaire: Questionnaire, campaign: String, period: String?, byTypology: CampaignAggregate,
        byDepartement: CampaignAggregate, demand: DemandInput? = nil
    ) {
        self.questionnaire = questionnaire
        self.campaign = campaign
        self.period = period
        self.byTypology = byTypology
        self.byDepartement = byDepartement
        self.demand = demand
    }
}

/// The demand for support actions across a campaign, for the regional report.
public struct DemandInput: Sendable {
    /// The catalogue.
    public var catalogue: ActionCatalogue
    /// The counts.
    public var demand: ActionDemand
    /// How many actions of each plan were counted (`nil`: all).
    public var maximum: Int?
    /// Groups (typologies, départements) with fewer organisations than this are not named.
    public var minimumGroupSize: Int

    /// Creates an input.
    public init(catalogue: ActionCatalogue, demand: ActionDemand, maximum: Int?, minimumGroupSize: Int) {
        self.catalogue = catalogue
        self.demand = demand
        self.maximum = maximum
        self.minimumGroupSize = minimumGroupSize
    }
}

/// The regional report as its templates see it.
struct RegionalReport {
    struct Count {
        var label: String
        var organisations: Int
        var respondents: Int
        var withheld: Bool
        /// Organisations with too few answers for a diagnostic ("—" when the group is withheld).
        var incomplete: String
    }

    struct Distribution {
        var title: String
        var chart: String
        var rows: [DistributionRow]
    }

    struct DistributionRow {
        var label: String
        var count: String
        var median: String
        var quartiles: String
        var mean: String
        var range: String
    }

    struct LevelRow {
        var label: String
        var cells: [Cell]
    }

    struct Cell {
        var value: String
    }

    struct TallyTable {
        var id: String
        var label: String
        var rows: [TallyRow]
    }

    struct TallyRow {
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
    var campaign: String
    var period: String
    var hasPeriod: Bool
    var threshold: Int
    /// The questionnaire's minimum completeness, as shown: "50 %".
    var minimumCompleteness: String
    var organisations: Int
    var respondents: Int
    var byTypology: [Count]
    var byDepartement: [Count]
    var withheld: String
    var hasWithheld: Bool
    var distributions: [Distribution]
    var levelNames: [Cell]
    var levels: [LevelRow]
    var groupNames: [Cell]
    var heatmap: String
    var heatmapRows: [TallyRow]
    var tallies: [TallyTable]
    var hasTallies: Bool
    var hasActions: Bool
    var actions: [DemandLine]
    var hasDemand: Bool
    /// Fewer organisations with a plan than the threshold: only their number is shown.
    var demandWithheld: Bool
    var demandOrganisations: Int
    var demandCounted: String
    var minGroup: Int

    struct DemandLine {
        var rank: Int
        var title: String
        var family: String
        var organisations: Int
        var share: String
        var typologies: String
        var departements: String
    }

    init(_ input: RegionalInput, generated: String, language: Language) {
        let format = ReportFormatting(questionnaire: input.questionnaire, language: language)
        let questionnaire = input.questionnaire
        fr = language == .fr
        en = language == .en
        self.language = language.rawValue
        colon = format.colon
        self.generated = generated
        self.questionnaire = format.questionnaireTitle
        campaign = input.campaign
        printHeader = Escaping.cssString(
            format.printHeader(
                language.pick("Diagnostic régional", "Regional diagnostic") + " — " + input.campaign, generated: generated))
        period = input.period ?? ""
        hasPeriod = input.period != nil
        threshold = input.byTypology.minimumGroupSize
        minimumCompleteness = format.percent(questionnaire.scoring.minimumCompleteness)
        let all = input.byTypology.groups.first { $0.key == "*" }
        organisations = all?.organisations ?? 0
        respondents = all?.respondents ?? 0
        func typologyName(_ key: String) -> String {
            questionnaire.typology(key).map { format.label($0.label) } ?? key
        }
        let groups = input.byTypology.groups.filter { $0.key != "*" }
        byTypology = groups.map {
            Count(
                label: typologyName($0.key), organisations: $0.organisations, respondents: $0.respondents, withheld: $0.withheld,
                incomplete: $0.withheld ? "—" : String($0.incomplete))
        }
        byDepartement = input.byDepartement.groups.filter { $0.key != "*" }.map {
            Count(
                label: $0.key.isEmpty ? language.pick("(non renseigné)", "(not given)") : questionnaire.departementName($0.key),
                organisations: $0.organisations,
                respondents: $0.respondents, withheld: $0.withheld, incomplete: $0.withheld ? "—" : String($0.incomplete))
        }
        let withheldNames = groups.filter(\.withheld).map { typologyName($0.key) }
        withheld = withheldNames.joined(separator: ", ")
        hasWithheld = !withheldNames.isEmpty
        let shown = groups.filter { !$0.withheld }
        let columns = ([all].compactMap { $0 } + shown)
        let columnName = { (group: GroupAggregate) in
            group.key == "*" ? language.pick("Ensemble", "All") : typologyName(group.key)
        }
        let withheldWord = language.pick("masqué", "withheld")
        func distribution(
            _ title: String, id: String, dimension: Int?, _ summary: (GroupAggregate) -> Summary?
        ) -> Distribution {
            func hidden(_ group: GroupAggregate) -> Bool { dimension.map(group.withheldFigures.dimensions.contains) ?? false }
            let rows = columns.map { group in
                let values = summary(group)
                return ScaleChart.Row(
                    label: columnName(group), summary: values, note: hidden(group) ? withheldWord : "n = \(values?.count ?? 0)")
            }
            let description = columns.map { group in
                "\(columnName(group)): " + language.pick("médiane ", "median ") + format.score(summary(group)?.median)
            }.joined(separator: " ; ")
            return Distribution(
                title: title,
                chart: ScaleChart(rows: rows).boxes(id: id, title: title, description: description, language: language),
                rows: columns.map { group in
                    let s = summary(group)
                    return DistributionRow(
                        label: columnName(group), count: hidden(group) ? withheldWord : s.map { String($0.count) } ?? "0",
                        median: format.score(s?.median),
                        quartiles: s.map { format.score($0.lowerQuartile) + " – " + format.score($0.upperQuartile) } ?? "—",
                        mean: format.score(s?.mean),
                        range: s.map { format.score($0.minimum) + " – " + format.score($0.maximum) } ?? "—")
                })
        }
        distributions =
            [
                distribution(language.pick("Score global", "Overall score"), id: "distribution-overall", dimension: nil) {
                    $0.overall
                }
            ]
            + questionnaire.dimensions.enumerated().map { index, dimension in
                distribution(format.label(dimension.label), id: "distribution-\(dimension.id)", dimension: index) {
                    $0.dimensions.element(at: index) ?? nil
                }
            }
        let levelOrder = questionnaire.levels
        levelNames = levelOrder.map { Cell(value: format.label($0.label)) }
        levels = columns.map { group in
            LevelRow(label: columnName(group), cells: levelOrder.map { Cell(value: String(group.levels[$0.id] ?? 0)) })
        }
        groupNames = columns.map { Cell(value: columnName($0)) }
        let scored = questionnaire.questions.enumerated().filter { $0.element.scored }
        // One band of rows per dimension, opened by its name.
        var sections: [(row: Int, title: String)] = []
        for (row, question) in scored.map(\.element).enumerated()
        where row == 0 || scored[row - 1].element.dimension != question.dimension {
            sections.append((row, question.dimension.flatMap(questionnaire.dimension).map { format.label($0.label) } ?? ""))
        }
        heatmap = Heatmap(
            rows: scored.map { $0.element.id }, columns: columns.map(columnName),
            values: scored.map { index, _ in columns.map { $0.questionSuccess.element(at: index) ?? nil } }, sections: sections
        ).svg(
            id: "heatmap",
            title: language.pick("Taux de réussite par question et par typologie", "Success rate by question and typology"),
            description: language.pick(
                "Part moyenne des points obtenus par question (lignes) pour chaque typologie (colonnes) ; le tableau qui suit donne les mêmes valeurs.",
                "Mean share of points earned per question (rows) for each typology (columns); the table below gives the same values."
            ),
            language: language)
        heatmapRows = scored.map { index, question in
            TallyRow(
                label: "\(question.id) — \(format.label(question.label))",
                cells: columns.map {
                    Cell(
                        value: $0.withheldFigures.questions.contains(index)
                            ? withheldWord : format.share($0.questionSuccess.element(at: index) ?? nil))
                })
        }
        tallies = questionnaire.questions.enumerated().filter { !$0.element.scored && $0.element.kind.hasOptions }.map {
            position, question in
            TallyTable(
                id: question.id, label: format.label(question.label),
                rows: [
                    TallyRow(
                        label: language.pick("(répondants)", "(respondents)"),
                        cells: columns.map { group in
                            Cell(
                                value: group.withheldFigures.tallies.contains(position)
                                    ? withheldWord : String(group.tallies.first { $0.question == position }?.answered ?? 0))
                        })
                ]
                    + question.options.enumerated().map { optionIndex, option in
                        TallyRow(
                            label: format.label(option.label),
                            cells: columns.map { group in
                                guard let tally = group.tallies.first(where: { $0.question == position }) else {
                                    return Cell(value: "—")
                                }
                                return Cell(
                                    value:
                                        "\(tally.counts.element(at: optionIndex) ?? 0) (\(format.share(tally.shares.element(at: optionIndex))))"
                                )
                            })
                    })
        }
        hasTallies = !tallies.isEmpty
        hasActions = input.demand != nil
        let demand = input.demand
        demandOrganisations = demand?.demand.organisations ?? 0
        minGroup = demand?.minimumGroupSize ?? input.byTypology.minimumGroupSize
        demandCounted =
            demand?.maximum.map { n in
                language.pick(
                    "les \(n) premières actions du plan de chaque organisation, préalables compris",
                    "the first \(n) actions of each organisation's plan, prerequisites included")
            } ?? language.pick("toutes les actions recommandées", "every recommended action")
        let total = demandOrganisations
        demandWithheld = demand.map { $0.demand.isWithheld(threshold: $0.minimumGroupSize) } ?? false
        actions = (demandWithheld ? [] : demand?.demand.ranked ?? []).prefix(15).enumerated().map { index, line in
            let action = demand?.catalogue.action(line.action)
            // Only groups that may be published beside the action's total are named (Disclosure).
            let published = line.published(threshold: demand?.minimumGroupSize ?? 1)
            func groups(_ counts: [String: Int], _ name: (String) -> String) -> String {
                counts.filter { !$0.key.isEmpty }
                    .sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(5)
                    .map { "\(name($0.key)) (\($0.value))" }.joined(separator: ", ")
            }
            return DemandLine(
                rank: index + 1, title: action.map { format.label($0.title) } ?? line.action,
                family: action.flatMap { a in demand?.catalogue.families.first { $0.id == a.family } }.map {
                    format.label($0.label)
                }
                    ?? "",
                organisations: line.organisations,
                share: format.share(total == 0 ? nil : Double(line.organisations) / Double(total)),
                typologies: groups(published.byTypology) {
                    input.questionnaire.typology($0).map { format.label($0.label) } ?? $0
                },
                departements: groups(published.byDepartement, questionnaire.departementName))
        }
        hasDemand = !actions.isEmpty
    }
}
