import DiagnosticCore
import DiagnosticDefinitions
import DiagnosticTestSupport
import Foundation
import Testing

/// Plans that hold: routes carry their prerequisites, first steps and quick wins are not left beyond
/// a year, a plan fits the organisation's size, and a route promises only what the formula gives.
/// The commune of `RecommenderTests` (figures worked out there).
@Suite struct PlanRulesTests {
    let questionnaire: Questionnaire
    let text: String

    init() throws {
        questionnaire = try Fixtures.mini()
        text = try Fixtures.text(of: "mini-actions.yaml", replacing: [])
    }

    /// `mini-actions.yaml` with some text replaced (each replacement must apply).
    func catalogue(_ replacements: [(String, String)] = []) throws -> ActionCatalogue {
        let edited = try Fixtures.text(of: "mini-actions.yaml", replacing: replacements)
        let result = ActionCatalogueLoader.load(text: edited, file: "c.yaml", questionnaire: questionnaire)
        return try #require(result.value, "\(result.diagnostics.map { $0.rendered(.en) })")
    }

    func plan(
        _ catalogue: ActionCatalogue, population: Int = 300, targets: [String: String] = [:], followed: Set<String> = []
    ) throws -> ActionPlan {
        let response = try Fixtures.response(
            RecommenderTests.commune.replacingOccurrences(of: "population: 300", with: "population: \(population)"),
            questionnaire: questionnaire)
        let card = try Scorer(questionnaire: questionnaire).score(response)
        return Recommender(questionnaire: questionnaire, catalogue: catalogue).plan(
            response: response, card: card, targets: targets, followed: followed)
    }

    @Test func theOnlyRouteBringsItsPrerequisite() throws {
        // Partager 63.64 → n4 needs 2.5 points; with the licence kit followed, only a-publier can
        // recover them (8 points on s2), and it needs a-portail first (which recovers nothing: s1 is full).
        let route = try #require(try plan(catalogue(), targets: ["partager": "n4"], followed: ["a-licence"]).route)
        #expect(route.actions == ["a-portail", "a-publier"])
        #expect(route.hours == 2 && route.unknownDurations == 1)
        // A prerequisite already followed is not repeated.
        let followed = try #require(
            try plan(catalogue(), targets: ["partager": "n4"], followed: ["a-licence", "a-portail"]).route)
        #expect(followed.actions == ["a-publier"])
    }

    @Test func everyRouteActionHasItsPrerequisitesBeforeIt() throws {
        // Piloter → n4 needs 13.58 points: referent + café (16 points, 3 h) is the cheapest pair; when
        // the strategy workshop (which needs the referent) is made the only other way, it comes after it.
        let route = try #require(try plan(catalogue(), targets: ["piloter": "n4"], followed: ["a-profile", "a-formation"]).route)
        // Without p3 (6 points) the most piloter can recover is 10 + 3.33 = 13.33 < 13.58: unreachable.
        #expect(route.unreachable == ["piloter"])
        let catalogue = try catalogue([
            (
                "addresses: {dimensions: [piloter], questions: [p2]}\n    when:\n      - {question: p2, in: [none, draft]}",
                "addresses: {dimensions: [piloter], questions: [p2, p3]}\n    when:\n      - {question: p2, in: [none, draft]}"
            )
        ])
        let both = try #require(try plan(catalogue, targets: ["piloter": "n4"], followed: ["a-profile", "a-formation"]).route)
        // a-strategie now recovers p2 and p3 (9.33) but needs a-referent (10): together 19.33 ≥ 13.58.
        #expect(both.actions == ["a-referent", "a-strategie"])
        #expect(both.unreachable.isEmpty)
    }

    @Test func firstStepsAndQuickWinsAreNotLeftBeyondAYear() throws {
        // Without the quick-win rule (a gain no action reaches), the licence kit — an organisation
        // action, the third family — waits beyond 12 months.
        let slow = try plan(catalogue([("help:", "plan: {quick_win: {gain_at_least: 1000}}\nhelp:")]))
        #expect(slow.recommendations.first { $0.action.id == "a-licence" }?.horizon == .later)
        // A quick win (no prerequisite, 18.18 ≥ 5 points, 1 h ≤ 7 h) comes within 3 to 12 months.
        let quick = try plan(catalogue())
        #expect(quick.recommendations.first { $0.action.id == "a-licence" }?.horizon == .year)
        // Too long to be quick (7 h allowed, 8 h here): it waits again.
        let long = try plan(
            catalogue([
                ("    duration_hours: 1\n    title: {fr: Kit licences", "    duration_hours: 8\n    title: {fr: Kit licences")
            ]))
        #expect(long.recommendations.first { $0.action.id == "a-licence" }?.horizon == .later)
        // A first step starts at once, whatever its family, even when it is not a quick win.
        let first = try plan(
            catalogue([
                ("help:", "plan: {quick_win: {gain_at_least: 1000}}\nhelp:"),
                (
                    "    typologies: [commune]\n    addresses: {dimensions: [partager], questions: [s2]}",
                    "    typologies: [commune]\n    first_step: true\n    addresses: {dimensions: [partager], questions: [s2]}"
                ),
            ]))
        #expect(first.recommendations.first { $0.action.id == "a-licence" }?.horizon == .first)
        // A first step with a prerequisite comes one horizon after it, and never beyond 12 months:
        // a-publier needs a-portail (organisation: beyond) and level n2 in piloter.
        let publier = try plan(
            catalogue([
                ("help:", "plan: {quick_win: {gain_at_least: 1000}}\nhelp:"),
                (
                    "    format: coaching\n    title: {fr: Accompagnement à la publication",
                    "    format: coaching\n    first_step: true\n    title: {fr: Accompagnement à la publication"
                ),
                (
                    "  - id: a-portail\n    family: organisation\n",
                    "  - id: a-portail\n    family: organisation\n    first_step: true\n"
                ),
            ]))
        #expect(publier.recommendations.first { $0.action.id == "a-portail" }?.horizon == .first)
        #expect(publier.recommendations.first { $0.action.id == "a-publier" }?.horizon == .year)
        // A first step waiting for an action that is not one could be placed before it: refused.
        let early = ActionCatalogueLoader.load(
            text: try Fixtures.text(
                of: "mini-actions.yaml",
                replacing: [
                    (
                        "    format: coaching\n    title: {fr: Accompagnement à la publication",
                        "    format: coaching\n    first_step: true\n    title: {fr: Accompagnement à la publication"
                    )
                ]), file: "c.yaml", questionnaire: questionnaire)
        // A prerequisite offered to fewer typologies than its action: refused, naming the ones missing.
        let narrow = ActionCatalogueLoader.load(
            text: try Fixtures.text(
                of: "mini-actions.yaml",
                replacing: [("    title: {fr: Kit portail", "    typologies: [epci, commune]\n    title: {fr: Kit portail")]),
            file: "c.yaml", questionnaire: questionnaire)
        #expect(
            narrow.diagnostics.map { $0.rendered(.en) } == [
                "c.yaml:66:9: error: action 'a-publier' requires 'a-portail', which is not offered to all its typologies (missing: region, departement, pnr, agence): add them to the typologies of 'a-portail', or remove them from those of 'a-publier'"
            ])
        #expect(early.value == nil)
        #expect(
            early.diagnostics.map { $0.rendered(.en) } == [
                "c.yaml:65:9: error: action 'a-publier' is a first step (first_step: true) but requires 'a-portail', which is not: a first step can only wait for another first step; mark 'a-portail' first_step or remove the prerequisite"
            ])
    }

    @Test func aPlanFitsTheOrganisation() throws {
        let sized = try catalogue([
            ("help:", "plan: {sizes: [{typologies: [commune], population_at_most: 3500, at_most: 3}]}\nhelp:")
        ])
        let small = try plan(sized)
        // Best ranked first: referent (21.74), licence (18.18), publier (18.18) would need a-portail
        // too (4 actions): left for later; formation (13.04) fills the third place.
        #expect(Set(small.recommendations.map(\.action.id)) == ["a-referent", "a-licence", "a-formation"])
        #expect(small.later.map(\.action.id).sorted() == ["a-portail", "a-profile", "a-publier", "a-strategie"])
        // Above 3,500 inhabitants the rule does not apply: the whole plan is shown.
        let large = try plan(sized, population: 5000)
        #expect(large.recommendations.count == 7 && large.later.isEmpty)
        // Shown or later, every prerequisite is in the same part or before it.
        for part in [small.recommendations, small.later] {
            let ids = Set(part.map(\.action.id))
            for item in part {
                for required in item.action.requiredActions {
                    #expect(ids.contains(required) || small.recommendations.contains { $0.action.id == required })
                }
            }
        }
        // An action shown as another's prerequisite, and recommended for itself too, is shown once,
        // with its own reasons (the portal kit, made a candidate by a rule of its own).
        let both = try plan(
            catalogue([
                ("help:", "plan: {sizes: [{typologies: [commune], at_most: 4}]}\nhelp:"),
                (
                    "    addresses: {dimensions: [partager], questions: [s1]}\n  - id: a-publier",
                    "    addresses: {dimensions: [partager], questions: [s1]}\n    when:\n      - {question: s1, equals: \"yes\"}\n  - id: a-publier"
                ),
            ]))
        let portals = both.recommendations.filter { $0.action.id == "a-portail" }
        #expect(portals.count == 1)
        #expect(portals.first?.prerequisiteOnly == false)
        #expect(both.recommendations.count == 4 && !both.later.contains { $0.action.id == "a-portail" })
        let invalid = ActionCatalogueLoader.load(
            text: text.replacingOccurrences(of: "help:", with: "plan: {sizes: [{typologies: [comune], at_most: 0}]}\nhelp:"),
            file: "c.yaml", questionnaire: questionnaire)
        #expect(
            invalid.diagnostics.map { $0.rendered(.en) } == [
                "c.yaml:86:30: error: unknown typology or family 'comune'; did you mean 'commune'?",
                "c.yaml:86:48: error: invalid plan size (0): at least 1 action",
            ])
    }

    /// On simulated OD4Growth respondents with random targets: every route's actions, counted by the
    /// documented formula from the score card alone, reach every target they claim to reach; and
    /// every action of a route has its prerequisites in the route.
    @Test func aRoutePromisesOnlyWhatItsActionsCanEarn() throws {
        let od4growth = try Fixtures.questionnaire(at: Fixtures.od4growthPath)
        let catalogue = try Fixtures.catalogue(
            at: Fixtures.repository("Questionnaires/support-actions.yaml"), questionnaire: od4growth)
        let checker = ResponseChecker(questionnaire: od4growth)
        let scorer = Scorer(questionnaire: od4growth)
        let recommender = Recommender(questionnaire: od4growth, catalogue: catalogue)
        var random = SplitMix64(seed: 17)
        var routes = 0
        for raw in Simulator(questionnaire: od4growth, seed: 5).respondents(count: 120) {
            let response = try #require(checker.check(raw).response)
            let card = try scorer.score(response)
            var targets: [String: String] = [:]
            for dimension in od4growth.dimensions where random.next() % 2 == 0 {
                let levels = od4growth.levels(forDimension: dimension.id, typology: card.typology)
                targets[dimension.id] = levels[Int(random.next() % UInt64(levels.count))].id
            }
            guard !targets.isEmpty, let route = recommender.plan(response: response, card: card, targets: targets).route,
                !route.actions.isEmpty
            else { continue }
            routes += 1
            let actions = route.actions.compactMap(catalogue.action)
            for (index, action) in actions.enumerated() {
                for required in action.requiredActions {
                    #expect(actions[..<index].contains { $0.id == required }, "\(action.id) needs \(required) before it")
                }
            }
            let questions = Set(actions.flatMap(\.questions))
            for (dimensionID, level) in targets {
                guard let dimension = card.dimensions.first(where: { $0.id == dimensionID }), dimension.maximum > 0,
                    let threshold = od4growth.threshold(ofLevel: level, dimension: dimensionID, typology: card.typology),
                    (dimension.score ?? 0) < threshold
                else { continue }
                // Points a route can add: the missing points of its questions in this dimension, each once.
                let recovered = card.questions.filter { $0.dimension == dimensionID && $0.counted && questions.contains($0.id) }
                    .map { $0.maximum - $0.points }.reduce(0, +)
                let reached = 100 * (dimension.points + recovered) / dimension.maximum
                #expect(reached + 1e-9 >= threshold, "\(dimensionID): \(reached) < \(threshold) with \(route.actions)")
            }
        }
        #expect(routes >= 20, "routes checked: \(routes)")
    }
}
