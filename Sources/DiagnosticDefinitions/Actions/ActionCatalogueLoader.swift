import DiagnosticCore
import Yams

/// Loads and validates support-action catalogues against the questionnaire they refer to.
public enum ActionCatalogueLoader {
    static let keys = ["kind", "id", "version", "questionnaire", "title", "languages", "families", "actions", "help", "plan"]
    static let actionKeys = [
        "id", "family", "format", "duration_hours", "provider", "title", "description", "typologies", "requires",
        "addresses", "when", "first_step",
    ]

    /// The questionnaire id a catalogue names, to find the questionnaire before loading it.
    public static func questionnaireID(path: String) -> String? {
        ResponseLoader.questionnaireID(path: path).value
    }

    /// Loads the catalogue at `path`, checked against `questionnaire`.
    public static func load(path: String, questionnaire: Questionnaire) -> LoadResult<ActionCatalogue> {
        switch YAMLSource.read(path) {
        case .success(let source): load(source, questionnaire: questionnaire)
        case .failure(let diagnostic): LoadResult(value: nil, diagnostics: [diagnostic])
        }
    }

    /// Loads a catalogue from text; `file` names it in diagnostics.
    public static func load(text: String, file: String, questionnaire: Questionnaire) -> LoadResult<ActionCatalogue> {
        load(YAMLSource(file: file, text: text), questionnaire: questionnaire)
    }

    static func load(_ source: YAMLSource, questionnaire: Questionnaire) -> LoadResult<ActionCatalogue> {
        let sink = DiagnosticSink(file: source.file)
        var catalogue: ActionCatalogue?
        if let root = source.compose(into: sink) {
            catalogue = ActionCatalogueReader(context: ReadContext(sink: sink), questionnaire: questionnaire).read(root)
        }
        return LoadResult(value: sink.hasErrors ? nil : catalogue, diagnostics: sink.sorted)
    }
}

/// Reads a catalogue's node tree; conditions are read and checked by a questionnaire reader primed
/// with the questionnaire, so they say the same things about the same mistakes.
final class ActionCatalogueReader {
    let context: ReadContext
    let questionnaire: Questionnaire
    let conditions: QuestionnaireReader
    var sink: DiagnosticSink { context.sink }

    init(context: ReadContext, questionnaire: Questionnaire) {
        self.context = context
        self.questionnaire = questionnaire
        conditions = QuestionnaireReader(context: context)
        conditions.levels = questionnaire.levels
        conditions.dimensions = questionnaire.dimensions
        conditions.families = questionnaire.typologyFamilies
        conditions.typologies = questionnaire.typologies
        conditions.profileFields = questionnaire.profileFields
        conditions.specialAnswers = questionnaire.specialAnswers
        for (index, question) in questionnaire.questions.enumerated() {
            conditions.questionOrder[question.id] = index
            conditions.readQuestions[question.id] = question
        }
    }

    func read(_ root: Node) -> ActionCatalogue? {
        guard let top = MappingReader(root, name: "catalogue", keys: ActionCatalogueLoader.keys, context: context) else {
            return nil
        }
        if let kind = top.string("kind", required: true), kind != "support-actions" {
            sink.report(.unknownKind(kind), at: top.node("kind")?.position)
        }
        if let languages = top.stringList("languages") {
            context.languages =
                [LocalizedText.referenceLanguage] + languages.map(\.text).filter { $0 != LocalizedText.referenceLanguage }
        }
        let id = top.identifier()
        let version = top.string("version", required: true)
        let title = top.text("title", required: true)
        if let named = top.string("questionnaire", required: true), named != questionnaire.id {
            sink.report(.otherQuestionnaire(named: named, expected: questionnaire.id), at: top.node("questionnaire")?.position)
        }
        let families = conditions.readList(
            top, key: "families", kind: "action family", keys: ["id", "label", "description"], required: true
        ) {
            reader, id in
            reader.text("label", required: true).map {
                ActionFamily(id: id.id, label: $0, description: reader.text("description"))
            }
        }
        var positions: [String: Position?] = [:]
        var actionIDs: Set<String> = []
        for item in top.list("actions") ?? [] {
            if case .mapping(let mapping) = item, let node = mapping["id"], let text = node.scalarText {
                actionIDs.insert(text)
                if positions[text] == nil { positions[text] = node.position }
            }
        }
        let actions = conditions.readList(
            top, key: "actions", kind: "action", keys: ActionCatalogueLoader.actionKeys, required: true
        ) {
            reader, id in
            readAction(reader, id: id.id, families: families.map(\.id), actions: actionIDs)
        }
        var edges: [String: [String]] = [:]
        for action in actions { edges[action.id] = action.requiredActions }
        for cycle in CycleFinder.cycles(order: actions.map(\.id), edges: edges) {
            sink.report(.prerequisiteCycle(cycle), at: positions[cycle.first ?? ""] ?? nil)
        }
        // A prerequisite is for every organisation its action is for: otherwise a plan would show
        // the action without what it needs, or a route would leave it out.
        let byID = Dictionary(actions.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        for action in actions {
            for required in action.requiredActions {
                guard let prerequisite = byID[required] else { continue }
                let left = questionnaire.typologies.filter { action.suits($0) && !prerequisite.suits($0) }.map(\.id)
                if !left.isEmpty {
                    sink.report(
                        .prerequisiteUnsuited(action: action.id, requires: required, typologies: left),
                        at: positions[action.id] ?? nil)
                }
            }
        }
        // A first step starts within the year: what it waits for must be able to start as early.
        let firstSteps = Set(actions.filter(\.firstStep).map(\.id))
        for action in actions where action.firstStep {
            for required in action.requiredActions where !firstSteps.contains(required) && actionIDs.contains(required) {
                sink.report(.firstStepAfterLaterStep(action: action.id, requires: required), at: positions[action.id] ?? nil)
            }
        }
        let help = readHelp(top)
        let rules = readPlanRules(top)
        guard !sink.hasErrors, let id, let version, let title else { return nil }
        return ActionCatalogue(
            id: id.id, version: version, questionnaireID: questionnaire.id, title: title, families: families, actions: actions,
            help: help, planRules: rules)
    }

    /// `plan: {sizes: [{typologies, population_at_most, at_most}], quick_win: {gain_at_least, hours_at_most}}`.
    private func readPlanRules(_ top: MappingReader) -> PlanRules {
        var rules = PlanRules()
        guard let node = top.node("plan"),
            let plan = MappingReader(node, name: "plan", keys: ["sizes", "quick_win"], context: context)
        else { return rules }
        let typologyIDs = questionnaire.typologies.map(\.id) + questionnaire.typologyFamilies.map(\.id)
        rules.sizes = (plan.list("sizes") ?? []).enumerated().compactMap { index, item in
            guard
                let reader = MappingReader(
                    item, name: "sizes[\(index + 1)]", keys: ["typologies", "population_at_most", "at_most"], context: context),
                let atMost = reader.integer("at_most", required: true)
            else { return nil }
            if atMost < 1 { sink.report(.planSizeInvalid(atMost), at: reader.node("at_most")?.position) }
            let population = reader.number("population_at_most")
            if let population, !(population > 0) {
                sink.report(
                    .expectedNumber(key: "population_at_most", value: NumberText.exact(population)),
                    at: reader.node("population_at_most")?.position)
            }
            let typologies = reader.stringList("typologies")?.compactMap {
                reference($0.text, kind: "typology or family", among: typologyIDs, at: $0.position)
            }
            return PlanRules.Size(typologies: typologies, populationAtMost: population, atMost: max(1, atMost))
        }
        if let quick = plan.node("quick_win"),
            let reader = MappingReader(quick, name: "quick_win", keys: ["gain_at_least", "hours_at_most"], context: context)
        {
            for key in ["gain_at_least", "hours_at_most"] {
                guard let value = reader.number(key) else { continue }
                guard value >= 0, value.isFinite else {
                    sink.report(.expectedNumber(key: key, value: NumberText.exact(value)), at: reader.node(key)?.position)
                    continue
                }
                if key == "gain_at_least" { rules.quickWinGain = value } else { rules.quickWinHours = value }
            }
        }
        return rules
    }

    /// Who organisations can ask for help: `help: [{name, description, url, email}]`.
    private func readHelp(_ top: MappingReader) -> [HelpContact] {
        (top.list("help") ?? []).enumerated().compactMap { index, item in
            guard
                let reader = MappingReader(
                    item, name: "help[\(index + 1)]", keys: ["name", "description", "url", "email"], context: context),
                let name = reader.string("name", required: true)
            else { return nil }
            let url = reader.string("url")
            if let url,
                !(url.lowercased().hasPrefix("https://") || url.lowercased().hasPrefix("http://"))
                    || url.contains(where: { $0.isWhitespace || "<>\"".contains($0) })
            {
                sink.report(.helpURL(url), at: reader.node("url")?.position)
            }
            let email = reader.string("email")
            if let email,
                email.split(separator: "@", omittingEmptySubsequences: false).count != 2
                    || email.contains(where: { $0.isWhitespace || "<>\"".contains($0) })
            {
                sink.report(.helpEmail(email), at: reader.node("email")?.position)
            }
            return HelpContact(name: name, description: reader.text("description"), url: url, email: email)
        }
    }

    private func reference(_ text: String, kind: String, among known: [String], at position: Position?) -> String? {
        guard known.contains(text) else {
            conditions.reportUnknown(kind, text, among: known, at: position)
            return nil
        }
        return text
    }

    private func readAction(_ reader: MappingReader, id: String, families: [String], actions: Set<String>) -> SupportAction? {
        let title = reader.text("title", required: true)
        let description = reader.text("description", required: true)
        let family = reader.string("family", required: true).flatMap {
            reference($0, kind: "action family", among: families, at: reader.node("family")?.position)
        }
        let format = reader.choice("format", as: ActionFormat.self)
        if !reader.has("format") { sink.report(.missingKey("format"), at: reader.position) }
        let duration = reader.number("duration_hours")
        if let duration, !(duration > 0 && duration <= 10_000) {
            sink.report(.durationInvalid(duration), at: reader.node("duration_hours")?.position)
        }
        let typologyIDs = questionnaire.typologies.map(\.id) + questionnaire.typologyFamilies.map(\.id)
        let typologies = reader.stringList("typologies")?.compactMap {
            reference($0.text, kind: "typology or family", among: typologyIDs, at: $0.position)
        }
        var requiredActions: [String] = []
        var requiredLevel: RequiredLevel?
        if let node = reader.node("requires"),
            let requires = MappingReader(node, name: "requires", keys: ["actions", "level"], context: context)
        {
            requiredActions = (requires.stringList("actions") ?? []).compactMap {
                reference($0.text, kind: "action", among: actions.sorted(), at: $0.position)
            }
            if let levelNode = requires.node("level"),
                let level = MappingReader(levelNode, name: "level", keys: ["dimension", "at_least"], context: context),
                let dimension = level.string("dimension", required: true).flatMap({
                    reference(
                        $0, kind: "dimension", among: questionnaire.dimensions.map(\.id), at: level.node("dimension")?.position)
                }),
                let atLeast = level.string("at_least", required: true).flatMap({
                    reference($0, kind: "level", among: levelIDs, at: level.node("at_least")?.position)
                })
            {
                requiredLevel = RequiredLevel(dimension: dimension, level: atLeast)
            }
        }
        var dimensions: [String] = []
        var questions: [String] = []
        if let node = reader.require("addresses"),
            let addresses = MappingReader(node, name: "addresses", keys: ["dimensions", "questions"], context: context)
        {
            dimensions = (addresses.stringList("dimensions") ?? []).compactMap {
                reference($0.text, kind: "dimension", among: questionnaire.dimensions.map(\.id), at: $0.position)
            }
            for item in addresses.stringList("questions") ?? [] {
                guard let question = questionnaire.question(item.text) else {
                    conditions.reportUnknown("question", item.text, among: questionnaire.questions.map(\.id), at: item.position)
                    continue
                }
                guard question.scored, let dimension = question.dimension else {
                    sink.report(.addressesUnscored(item.text), at: item.position)
                    continue
                }
                if !dimensions.contains(dimension) {
                    sink.report(.addressesOutsideDimensions(question: item.text, dimension: dimension), at: item.position)
                }
                questions.append(item.text)
            }
        }
        let triggers = (reader.list("when") ?? []).compactMap { readTrigger($0, owner: id) }
        guard let title, let description, let family, let format else { return nil }
        return SupportAction(
            id: id, family: family, format: format, durationHours: duration, provider: reader.string("provider"), title: title,
            description: description, typologies: typologies, requiredActions: requiredActions, requiredLevel: requiredLevel,
            dimensions: dimensions, questions: questions, triggers: triggers, firstStep: reader.boolean("first_step") ?? false)
    }

    private var levelIDs: [String] {
        var ids = questionnaire.levels.map(\.id)
        for level in questionnaire.dimensions.flatMap({ $0.levels ?? [] }) + questionnaire.typologies.flatMap({ $0.levels ?? [] })
        where !ids.contains(level.id) {
            ids.append(level.id)
        }
        return ids
    }

    /// A trigger: a questionnaire condition, or a test on a dimension's level, combined with all/any/not.
    private func readTrigger(_ node: Node, owner: String) -> ActionTrigger? {
        guard case .mapping(let mapping) = node else {
            sink.report(.expectedMapping("when"), at: node.position)
            return nil
        }
        let keys = Set(mapping.keys.compactMap(\.scalarText))
        if keys.contains("dimension") {
            guard let reader = MappingReader(node, name: "when", keys: ["dimension", "below", "at_least"], context: context),
                let dimension = reader.string("dimension").flatMap({
                    reference(
                        $0, kind: "dimension", among: questionnaire.dimensions.map(\.id), at: reader.node("dimension")?.position)
                })
            else { return nil }
            let tests = ["below", "at_least"].filter(reader.has)
            guard tests.count == 1, let test = tests.first, let level = reader.string(test) else {
                sink.report(.dimensionTestCount, at: reader.position)
                return nil
            }
            guard reference(level, kind: "level", among: levelIDs, at: reader.node(test)?.position) != nil else { return nil }
            return test == "below"
                ? .dimensionBelow(dimension: dimension, level: level) : .dimensionAtLeast(dimension: dimension, level: level)
        }
        for combinator in ["all", "any"] where keys.contains(combinator) {
            guard let reader = MappingReader(node, name: "when", keys: ["all", "any"], context: context) else { return nil }
            guard keys.count == 1, let items = reader.list(combinator) else {
                sink.report(.conditionShape, at: reader.position)
                return nil
            }
            let triggers = items.compactMap { readTrigger($0, owner: owner) }
            guard triggers.count == items.count else { return nil }
            return combinator == "all" ? .all(triggers) : .any(triggers)
        }
        if keys.contains("not") {
            guard let reader = MappingReader(node, name: "when", keys: ["not"], context: context), let inner = reader.node("not")
            else {
                return nil
            }
            return readTrigger(inner, owner: owner).map(ActionTrigger.not)
        }
        switch conditions.readCondition(node, name: "when", owner: "", answers: true) {
        case .answer(let question, let test)?: return .answer(question: question, test: test)
        case .profile(let field, let test)?: return .profile(field: field, test: test)
        default: return nil
        }
    }
}
