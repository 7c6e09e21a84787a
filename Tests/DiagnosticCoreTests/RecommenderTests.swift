import DiagnosticCore
import DiagnosticTestSupport
import Testing

/// Recommendations from `mini-actions.yaml` on `mini.yaml`, with the figures worked out by hand.
///
/// The respondent below is a commune of 3 agents (commune weights: p2 5, partager 1):
/// p1 no 0/10, p2 draft 5 × 5/15 = 1.667/5, p3 1 → 8 × 1/4 = 2/8, s1 yes 10/10, s2 national 4/12.
/// Piloter = 100 × 3.667/23 = 15.94 (n1); Partager = 100 × 14/22 = 63.64 (n3).
/// One point is worth, in overall points: piloter 100/23 × 1/2 = 2.1739, partager 100/22 × 1/2 = 2.2727.
/// Expected gains: a-referent (p1) 10 × 2.1739 = 21.74; a-strategie (p2) 3.333 × 2.1739 = 7.25;
/// a-formation and a-profile (p3) 6 × 2.1739 = 13.04; a-publier (s1, s2) 8 × 2.2727 = 18.18;
/// a-licence (s2) 18.18; a-portail (s1) 0.
@Suite struct RecommenderTests {
    static let commune = """
        respondent: {organisation: Commune de Lucey, typology: commune, population: 300, agents: 3}
        answers: {p1: "no", p2: draft, p3: 1, s1: "yes", s2: [national], u1: [skills, licence]}
        """

    let questionnaire: Questionnaire
    let catalogue: ActionCatalogue

    init() throws {
        questionnaire = try Fixtures.mini()
        catalogue = try Fixtures.miniActions(questionnaire)
    }

    func scored(_ yaml: String) throws -> (Response, ScoreCard) {
        let response = try Fixtures.response(yaml, questionnaire: questionnaire)
        return (response, try Scorer(questionnaire: questionnaire).score(response))
    }

    func plan(
        _ yaml: String = Self.commune, targets: [String: String] = [:], followed: Set<String> = [], maximum: Int? = nil
    ) throws -> ActionPlan {
        let (response, card) = try scored(yaml)
        return Recommender(questionnaire: questionnaire, catalogue: catalogue).plan(
            response: response, card: card, targets: targets, followed: followed, maximum: maximum)
    }

    @Test func scoresOfTheRespondentAreTheOnesTheFiguresAssume() throws {
        let (_, card) = try scored(Self.commune)
        #expect(abs((card.dimension("piloter")?.score ?? 0) - 100 * (11.0 / 3) / 23) < 1e-9)
        #expect(abs((card.dimension("partager")?.score ?? 0) - 100 * 14.0 / 22) < 1e-9)
    }

    @Test func expectedGainsAreTheMissingPointsInOverallScorePoints() throws {
        let gains = Dictionary(uniqueKeysWithValues: try plan().recommendations.map { ($0.action.id, $0.gain) })
        let piloter = 100.0 / 23 / 2
        let partager = 100.0 / 22 / 2
        #expect(abs((gains["a-referent"] ?? 0) - 10 * piloter) < 1e-9)
        #expect(abs((gains["a-strategie"] ?? 0) - (10.0 / 3) * piloter) < 1e-9)
        #expect(abs((gains["a-formation"] ?? 0) - 6 * piloter) < 1e-9)
        #expect(abs((gains["a-profile"] ?? 0) - 6 * piloter) < 1e-9)
        #expect(abs((gains["a-publier"] ?? 0) - 8 * partager) < 1e-9)
        #expect(abs((gains["a-licence"] ?? 0) - 8 * partager) < 1e-9)
        #expect(gains["a-portail"] == 0)
    }

    @Test func eachTriggerKindStatesItsReason() throws {
        let reasons = Dictionary(uniqueKeysWithValues: try plan().recommendations.map { ($0.action.id, $0.reasons) })
        // equals on a yes/no answer
        #expect(reasons["a-referent"] == [.answer(question: "p1", value: .choice("no"))])
        // in on a single choice
        #expect(reasons["a-strategie"] == [.answer(question: "p2", value: .choice("draft"))])
        // includes on a multiple choice names only the option tested
        #expect(reasons["a-formation"] == [.answer(question: "u1", value: .choices(["skills"]))])
        #expect(reasons["a-licence"] == [.answer(question: "u1", value: .choices(["licence"]))])
        // a profile value
        #expect(reasons["a-profile"] == [.profile(field: "agents", value: .number(3))])
        // a dimension below a level
        #expect(reasons["a-publier"] == [.dimensionBelow(dimension: "partager", current: "n3", level: "n4")])
        // a prerequisite
        #expect(reasons["a-portail"] == [.prerequisite(of: "a-publier")])
        // an action for other typologies is never recommended
        #expect(reasons["a-grands"] == nil)
    }

    @Test func reasonsReadInPlainWords() throws {
        let plan = try plan()
        let text = RecommendationText(questionnaire: questionnaire, catalogue: catalogue, language: .fr)
        let why = Dictionary(uniqueKeysWithValues: plan.recommendations.map { ($0.action.id, text.reasons($0)) })
        #expect(why["a-referent"] == "« Référent données ? » → Non")
        #expect(why["a-formation"] == "« Problèmes rencontrés » → Compétences")
        #expect(why["a-publier"] == "Partager au niveau Structuré, sous « Avancé »")
        #expect(why["a-portail"] == "préalable à « Accompagnement à la publication »")
        #expect(why["a-profile"] == "Agents : 3")
        let english = RecommendationText(questionnaire: questionnaire, catalogue: catalogue, language: .en)
        #expect(english.reasons(plan.recommendations[0]) == "\"Data referent?\" → No")
    }

    @Test func planIsSequencedByHorizonWithPrerequisitesFirst() throws {
        let plan = try plan()
        // Ranked by gain: referent 21.74, licence = publier 18.18 (ids break the tie), formation = profile 13.04,
        // strategie 7.25; portail joins as publier's prerequisite. Horizons: vision → first 3 months, team →
        // 3–12 months, organisation → beyond; strategie follows its prerequisite referent, one horizon later.
        // Licence, an organisation action, is a quick win (no prerequisite, 18.18 ≥ 5 points, 1 h ≤ 7 h): it
        // is brought forward to 3–12 months, where it comes first by gain.
        #expect(
            plan.recommendations.map(\.action.id) == [
                "a-referent", "a-licence", "a-formation", "a-profile", "a-strategie", "a-portail", "a-publier",
            ])
        #expect(plan.recommendations.map(\.horizon) == [.first, .year, .year, .year, .year, .later, .later])
        #expect(plan.recommendations.map(\.prerequisiteOnly) == [false, false, false, false, false, true, false])
    }

    @Test func maximumKeepsTheBestRankedThenAddsPrerequisites() throws {
        let two = try plan(maximum: 2)
        // referent and licence; only two families are present, so organisation moves to 3–12 months.
        #expect(two.recommendations.map(\.action.id) == ["a-referent", "a-licence"])
        #expect(two.recommendations.map(\.horizon) == [.first, .year])
        let three = try plan(maximum: 3)
        #expect(three.recommendations.map(\.action.id) == ["a-referent", "a-licence", "a-portail", "a-publier"])
    }

    @Test func aMissingPrerequisiteJoinsThePlanBeforeTheActionThatNeedsIt() throws {
        // With a referent (p1 yes), a-referent is not triggered, but a-strategie needs it.
        let yaml = Self.commune.replacingOccurrences(of: "p1: \"no\"", with: "p1: \"yes\"")
        let plan = try plan(yaml)
        let referent = try #require(plan.recommendations.first { $0.action.id == "a-referent" })
        let strategie = try #require(plan.recommendations.first { $0.action.id == "a-strategie" })
        #expect(referent.prerequisiteOnly && referent.reasons == [.prerequisite(of: "a-strategie")])
        #expect(referent.horizon == .first && strategie.horizon == .year)
        let ids = plan.recommendations.map(\.action.id)
        #expect(try #require(ids.firstIndex(of: "a-referent")) < #require(ids.firstIndex(of: "a-strategie")))
    }

    @Test func followedActionsAreLeftOutAndNoLongerDelayOthers() throws {
        let plan = try plan(followed: ["a-referent", "a-portail"])
        let ids = plan.recommendations.map(\.action.id)
        #expect(!ids.contains("a-referent") && !ids.contains("a-portail"))
        #expect(plan.followed == ["a-portail", "a-referent"])
        // a-strategie's prerequisite is done: it is back in the vision horizon.
        #expect(plan.recommendations.first { $0.action.id == "a-strategie" }?.horizon == .first)
    }

    @Test func anUnmetRequiredLevelPutsTheActionAfterThreeMonths() throws {
        // piloter 15.94 is below n2 (25), which a-publier requires: alone in the plan it would come first,
        // but the level holds it back to 3–12 months. With a referent (piloter 59.42) it comes first.
        let others: Set<String> = ["a-referent", "a-strategie", "a-formation", "a-profile", "a-licence", "a-portail"]
        let below = try plan(followed: others)
        #expect(below.recommendations.map(\.action.id) == ["a-publier"])
        #expect(below.recommendations.map(\.horizon) == [.year])
        let yaml = Self.commune.replacingOccurrences(of: "p1: \"no\"", with: "p1: \"yes\"")
        let met = try plan(yaml, followed: others)
        #expect(met.recommendations.map(\.action.id) == ["a-publier"])
        #expect(met.recommendations.map(\.horizon) == [.first])
    }

    @Test func theSameInputGivesTheSamePlanWhateverTheCatalogueOrder() throws {
        let first = try plan(targets: ["piloter": "n4"])
        #expect(try plan(targets: ["piloter": "n4"]) == first)
        var reversed = catalogue
        reversed.actions.reverse()
        let (response, card) = try scored(Self.commune)
        let other = Recommender(questionnaire: questionnaire, catalogue: reversed).plan(
            response: response, card: card, targets: ["piloter": "n4"])
        #expect(other.recommendations.map(\.action.id) == first.recommendations.map(\.action.id))
        #expect(other.recommendations.map(\.reasons) == first.recommendations.map(\.reasons))
    }

    @Test func targetsAddReasonsToTheActionsOfTheirDimension() throws {
        // Without the u1 answers, a-licence has no rule that holds: the target alone calls for it.
        let yaml = Self.commune.replacingOccurrences(of: ", u1: [skills, licence]", with: "")
        let alone = try #require(
            try plan(yaml, targets: ["partager": "n4"]).recommendations.first { $0.action.id == "a-licence" })
        #expect(alone.reasons == [.target(dimension: "partager", current: "n3", target: "n4")] && !alone.prerequisiteOnly)
        let plan = try plan(targets: ["partager": "n4"])
        // a-portail addresses s1, already answered yes: it cannot help reach the target and stays a prerequisite.
        let portail = try #require(plan.recommendations.first { $0.action.id == "a-portail" })
        #expect(portail.prerequisiteOnly && portail.reasons == [.prerequisite(of: "a-publier")])
        #expect(
            plan.recommendations.first { $0.action.id == "a-publier" }?.reasons == [
                .dimensionBelow(dimension: "partager", current: "n3", level: "n4"),
                .target(dimension: "partager", current: "n3", target: "n4"),
            ])
        #expect(
            plan.recommendations.first { $0.action.id == "a-licence" }?.reasons.last
                == .target(dimension: "partager", current: "n3", target: "n4"))
        // A target already reached adds nothing.
        let reached = try self.plan(targets: ["partager": "n2"])
        #expect(!reached.recommendations.flatMap(\.reasons).contains { if case .target = $0 { true } else { false } })
        #expect(reached.route?.needs.isEmpty == true && reached.route?.actions.isEmpty == true)
    }

    @Test func shortestRoutePrefersFewestActionsThenLeastTime() throws {
        // Partager 63.64 → n4 (75) needs (75 − 63.64) × 22/100 = 2.5 points; a-publier and a-licence can
        // each recover 8; a-licence's duration is known (1 h), a-publier's is not: a-licence alone.
        let partager = try #require(try plan(targets: ["partager": "n4"]).route)
        #expect(partager.actions == ["a-licence"] && partager.hours == 1 && partager.unknownDurations == 0)
        #expect(partager.unreachable.isEmpty)
        // Piloter 15.94 → n4 needs (75 − 15.94) × 23/100 = 13.58 points: no single action recovers that; of
        // the pairs, referent + formation (16 points, 9 h) and referent + café (16 points, 3 h) are enough,
        // referent + strategie (13.33) is not, and formation + café recover p3 once (6).
        let piloter = try #require(try plan(targets: ["piloter": "n4"]).route)
        #expect(piloter.actions == ["a-referent", "a-profile"] && piloter.hours == 3)
        let need = try #require(piloter.needs.first)
        #expect(abs(need.threshold - 75) < 1e-9 && abs((need.score ?? 0) - 100 * (11.0 / 3) / 23) < 1e-9)
    }

    @Test func anUnreachableTargetIsNamedWithTheBestReachableScore() throws {
        // Without a-referent (followed), only p2 (3.33) and p3 (6) can still be recovered: 15.94 + 100 × 9.33/23 = 56.52 < 75.
        let route = try #require(try plan(targets: ["piloter": "n4"], followed: ["a-referent"]).route)
        #expect(route.unreachable == ["piloter"] && route.actions.isEmpty)
        #expect(abs((route.needs.first?.reachable ?? 0) - 100 * (11.0 / 3 + 10.0 / 3 + 6) / 23) < 1e-9)
    }

    @Test func severalRespondentsOfOneOrganisationShareOnePlan() throws {
        // A second respondent says there is a referent (p1 yes): a-referent is still recommended
        // (one respondent says no), with half the gain (the mean of 10 and 0 points missing).
        let first = try scored(Self.commune)
        let second = try scored(Self.commune.replacingOccurrences(of: "p1: \"no\"", with: "p1: \"yes\""))
        let plan = Recommender(questionnaire: questionnaire, catalogue: catalogue).plan(respondents: [first, second])
        let referent = try #require(plan.recommendations.first { $0.action.id == "a-referent" })
        #expect(abs(referent.gain - 5 * 100.0 / 23 / 2) < 1e-9)
        // Piloter is the mean of 15.94 and 59.42 = 37.68: n2, so a-publier's required level is met.
        let publier = try #require(plan.recommendations.first { $0.action.id == "a-publier" })
        #expect(publier.reasons == [.dimensionBelow(dimension: "partager", current: "n3", level: "n4")])
    }

    @Test func demandCountsOrganisationsByTypologyAndDepartement() throws {
        var demand = ActionDemand()
        let communal = try plan(maximum: 1)
        demand.add(communal, typology: "commune", departement: "54")
        demand.add(communal, typology: "commune", departement: "55")
        demand.add(try plan(maximum: 2), typology: "cc", departement: nil)
        #expect(demand.organisations == 3)
        let referent = try #require(demand.ranked.first)
        #expect(referent.action == "a-referent" && referent.organisations == 3)
        #expect(referent.byTypology == ["commune": 2, "cc": 1] && referent.byDepartement == ["54": 1, "55": 1, "": 1])
        #expect(demand.ranked.map(\.action) == ["a-referent", "a-licence"])
    }
}
