import DiagnosticCore
import DiagnosticTestSupport
import Testing

/// Scores of `mini.yaml` respondents, one per typology family, computed by hand in the comments.
///
/// mini.yaml: piloter (weight 1) = p1 yes/no 10, p2 single 15 (commune 5), p3 scale 0–4 of 8 (N/A full);
/// partager (weight 2, commune 1) = s1 yes/no 10, s2 multiple 12 after s1 = yes (own 8, shared 8,
/// national 4), s3 number 6 for region/departement/epci (bands 1→2, 10→4, 50→6), s4 yes/no 4 when
/// population ≥ 3500 and agents ≥ 50 (N/A excluded). Unanswered: zero. Levels 0/25/50/75.
struct HandComputedCase: Sendable, CustomTestStringConvertible {
    let name: String
    let yaml: String
    let piloter: Double
    let partager: Double
    let overall: Double
    let level: String
    var testDescription: String { name }
}

let handComputed: [HandComputedCase] = [
    // piloter 10+15+8 = 33/33 = 100; partager 10+8+6+4 = 28/32 = 87.5; overall (100 + 2×87.5)/3 = 91.67
    HandComputedCase(
        name: "region",
        yaml: """
            respondent: {organisation: Région Grand Est, typology: region, population: 5500000, agents: 7000}
            answers: {p1: "yes", p2: funded, p3: 4, s1: "yes", s2: [own], s3: 120, s4: "yes"}
            """, piloter: 100, partager: 87.5, overall: 275.0 / 3, level: "n4"),
    // piloter 0+5+8 (N/A full) = 13/33; partager 10 + 12 (20 capped) + 0 (don't know) = 22/28, s4 N/A excluded;
    // overall (13/33×100 + 2×22/28×100)/3
    HandComputedCase(
        name: "departement",
        yaml: """
            respondent: {organisation: Département de la Meuse, typology: departement, population: 180000, agents: 2000}
            answers: {p1: "no", p2: draft, p3: not_applicable, s1: "yes", s2: [own, shared, national], s3: dont_know, s4: not_applicable}
            """, piloter: 1300.0 / 33, partager: 2200.0 / 28, overall: (1300.0 / 33 + 2 * 2200.0 / 28) / 3, level: "n3"),
    // s4 does not apply (40 agents); p2 unanswered 0/15; s1 no hides s2, counted 0/12; s3 0 below first band.
    // piloter 10+0+2 = 12/33; partager 0/28; overall (12/33×100)/3
    HandComputedCase(
        name: "epci (cc)",
        yaml: """
            respondent: {organisation: CC du Pays de Colombey, typology: cc, population: 12000, agents: 40}
            answers: {p1: "yes", p3: 1, s1: "no", s3: 0}
            """, piloter: 1200.0 / 33, partager: 0, overall: 1200.0 / 33 / 3, level: "n1"),
    // p2 adopted 12 of 15 rescaled to the commune weight 5: 4; piloter 10+4+4 = 18/23;
    // partager 10 + 12 (8+4) = 22/22; commune weights partager 1: overall (18/23×100 + 100)/2
    HandComputedCase(
        name: "commune",
        yaml: """
            respondent: {organisation: Commune de Lucey, typology: commune, population: 300, agents: 3}
            answers: {p1: "yes", p2: adopted, p3: 2, s1: "yes", s2: [shared, national]}
            """, piloter: 1800.0 / 23, partager: 100, overall: (1800.0 / 23 + 100) / 2, level: "n4"),
    // p1 don't know 0/10; piloter 0+12+6 = 18/33; partager 10+4 = 14/22 (s3 not for parks, s4 no population)
    HandComputedCase(
        name: "pnr",
        yaml: """
            respondent: {organisation: PNR de Lorraine, typology: pnr, agents: 60}
            answers: {p1: dont_know, p2: adopted, p3: 3, s1: "yes", s2: [national]}
            """, piloter: 1800.0 / 33, partager: 1400.0 / 22, overall: (1800.0 / 33 + 2 * 1400.0 / 22) / 3, level: "n3"),
    // only p1: piloter 10/33; s1 unanswered 0/10 and s2 undecided 0/12 under the zero rule: partager 0/22
    HandComputedCase(
        name: "agence",
        yaml: """
            respondent: {organisation: Agence régionale, typology: agence}
            answers: {p1: "yes"}
            """, piloter: 1000.0 / 33, partager: 0, overall: 1000.0 / 33 / 3, level: "n1"),
]

@Suite struct ScorerTests {
    @Test(arguments: handComputed)
    func handComputedScores(_ example: HandComputedCase) throws {
        let questionnaire = try Fixtures.mini()
        let response = try Fixtures.response(example.yaml, questionnaire: questionnaire)
        let card = try Scorer(questionnaire: questionnaire).score(response)
        let piloter = try #require(card.dimension("piloter")?.score)
        let partager = try #require(card.dimension("partager")?.score)
        let overall = try #require(card.overall.score)
        #expect(abs(piloter - example.piloter) < 1e-9)
        #expect(abs(partager - example.partager) < 1e-9)
        #expect(abs(overall - example.overall) < 1e-9)
        #expect(card.overall.level?.id == example.level)
    }

    @Test func weightOverrideRescalesOptionPoints() throws {
        let questionnaire = try Fixtures.mini()
        let response = try Fixtures.response(
            "respondent: {organisation: X, typology: commune}\nanswers: {p2: draft}", questionnaire: questionnaire)
        let p2 = try #require(try Scorer(questionnaire: questionnaire).score(response).question("p2"))
        // draft earns 5 of 15; the commune weight is 5, so 5 × 5/15
        #expect(abs(p2.points - 5.0 / 3) < 1e-9)
        #expect(p2.maximum == 5)
    }

    @Test func unansweredAndHiddenQuestionsAreReportedNotSilent() throws {
        let questionnaire = try Fixtures.mini()
        let response = try Fixtures.response(
            "respondent: {organisation: X, typology: cc, population: 12000, agents: 40}\nanswers: {p1: \"yes\", s1: \"no\"}",
            questionnaire: questionnaire)
        let card = try Scorer(questionnaire: questionnaire).score(response)
        #expect(card.unanswered == ["p2", "p3", "s3", "u1", "u2"])
        #expect(card.question("s2")?.status == .hidden)
        #expect(card.question("s2")?.maximum == 12)
        #expect(card.notApplicable == ["s4"])
        // asked: p1 p2 p3 s1 s3 u1 u2 (s2 hidden, s4 not applicable); answered p1 s1
        #expect(card.completeness.asked == 7)
        #expect(card.completeness.answered == 2)
    }

    @Test func excludedRuleLeavesUnansweredAndUndecidedFollowUpsOut() throws {
        var questionnaire = try Fixtures.mini()
        questionnaire.scoring.unanswered = .excluded
        let response = try Fixtures.response(
            "respondent: {organisation: X, typology: agence}\nanswers: {p1: \"yes\", p3: 2}", questionnaire: questionnaire)
        let card = try Scorer(questionnaire: questionnaire).score(response)
        // piloter: p1 10/10 + p3 4/8 = 14/18; partager: s1 unanswered and s2 undecided, both left out
        #expect(abs((card.dimension("piloter")?.score ?? -1) - 1400.0 / 18) < 1e-9)
        #expect(card.dimension("partager")?.score == nil)
        #expect(card.dimension("partager")?.level == nil)
        // only piloter is scored, so the overall score is its score
        #expect(abs((card.overall.score ?? -1) - 1400.0 / 18) < 1e-9)
    }

    @Test func aFollowUpOfAnUndecidedFollowUpIsUndecidedToo() throws {
        var questionnaire = try Fixtures.mini()
        questionnaire.scoring.unanswered = .excluded
        let s2 = try #require(questionnaire.questionIndex("s2"))
        questionnaire.questions.insert(
            Question(
                id: "s5", label: .init(fr: "Suite de suite"), dimension: "partager", kind: .yesNo, weight: 10,
                options: questionnaire.questions[0].options, shownWhen: .answer(question: "s2", test: .includes("own"))),
            at: s2 + 1)
        // s1 unanswered: s2 is undecided, and so is s5, which depends on s2; all three left out.
        let undecided = try Scorer(questionnaire: questionnaire).score(
            try Fixtures.response(
                "respondent: {organisation: X, typology: agence}\nanswers: {p1: \"yes\"}", questionnaire: questionnaire))
        #expect(undecided.question("s5")?.status == .hidden)
        #expect(undecided.question("s5")?.counted == false)
        #expect(undecided.question("s5")?.maximum == 0)
        #expect(undecided.dimension("partager")?.maximum == 0)
        #expect(undecided.dimension("partager")?.score == nil)
        // s1 "no" decides s2 (hidden, 0/12) and s5 with it (hidden by a decided question: when_hidden zero, 0/10).
        let decided = try Scorer(questionnaire: questionnaire).score(
            try Fixtures.response(
                "respondent: {organisation: X, typology: agence}\nanswers: {s1: \"no\"}", questionnaire: questionnaire))
        #expect(decided.question("s5")?.counted == true)
        #expect(decided.dimension("partager")?.maximum == 32)
        // s1 "yes" and s2 unanswered: s5 hangs on an unanswered question, so it is undecided and left out.
        let open = try Scorer(questionnaire: questionnaire).score(
            try Fixtures.response(
                "respondent: {organisation: X, typology: agence}\nanswers: {s1: \"yes\"}", questionnaire: questionnaire))
        #expect(open.question("s5")?.counted == false)
        #expect(open.dimension("partager")?.maximum == 10)
    }

    @Test func hiddenFollowUpAfterANoCountsZeroEvenUnderTheExcludedRule() throws {
        var questionnaire = try Fixtures.mini()
        questionnaire.scoring.unanswered = .excluded
        let response = try Fixtures.response(
            "respondent: {organisation: X, typology: agence}\nanswers: {s1: \"no\"}", questionnaire: questionnaire)
        let card = try Scorer(questionnaire: questionnaire).score(response)
        // s1 0/10 and s2 hidden by the "no" (when_hidden zero) 0/12
        #expect(card.dimension("partager")?.maximum == 22)
        #expect(card.dimension("partager")?.score == 0)
    }

    @Test func totalPointsOverallRule() throws {
        var questionnaire = try Fixtures.mini()
        questionnaire.scoring.overall = .totalPoints
        let response = try Fixtures.response(handComputed[0].yaml, questionnaire: questionnaire)
        let card = try Scorer(questionnaire: questionnaire).score(response)
        // (33 + 28) / (33 + 32)
        #expect(abs((card.overall.score ?? -1) - 6100.0 / 65) < 1e-9)
    }

    @Test func strengthsAndWeaknessesAreRankedAsDocumented() throws {
        let questionnaire = try Fixtures.mini()
        let response = try Fixtures.response(handComputed[1].yaml, questionnaire: questionnaire)
        let card = try Scorer(questionnaire: questionnaire).score(response)
        // earned share 1: s1 (10/10), s2 (12/12); then p2 5/15. p3 (N/A full) is not an answer of its own.
        #expect(card.strengths == ["s2", "s1", "p2"])
        // lost: p2 10, p1 10 (ratio 0 first), s3 6
        #expect(card.weaknesses == ["p1", "p2", "s3"])
    }

    @Test func unknownTypologyIsAnIssueNotACrash() throws {
        let questionnaire = try Fixtures.mini()
        let response = Response(profile: ["typology": .text("canton")], answers: [:])
        #expect(
            throws: ResponseIssue(.profile("typology"), .unknownTypology("canton", known: questionnaire.typologies.map(\.id)))
        ) {
            try Scorer(questionnaire: questionnaire).score(response)
        }
    }

    @Test func levelThresholdsComeFromTypologyThenDimensionThenQuestionnaire() throws {
        var questionnaire = try Fixtures.mini()
        let strict = [
            MaturityLevel(id: "low", label: .init(fr: "Bas"), minimum: 0),
            MaturityLevel(id: "high", label: .init(fr: "Haut"), minimum: 95),
        ]
        // piloter 100, partager 87.5, overall 91.67 for the region example
        questionnaire.dimensions[1].levels = strict
        let response = try Fixtures.response(handComputed[0].yaml, questionnaire: questionnaire)
        var card = try Scorer(questionnaire: questionnaire).score(response)
        #expect(card.dimension("piloter")?.level?.id == "n4")
        #expect(card.dimension("partager")?.level?.id == "low")
        #expect(card.overall.level?.id == "n4")
        let region = try #require(questionnaire.typologies.firstIndex { $0.id == "region" })
        questionnaire.typologies[region].levels = strict
        card = try Scorer(questionnaire: questionnaire).score(response)
        #expect(card.dimension("piloter")?.level?.id == "high")
        #expect(card.dimension("partager")?.level?.id == "low")
        #expect(card.overall.level?.id == "low")
    }
}

/// The checker hands its visibility to the scorer only for the very questions it checked against.
@Suite struct CheckedVisibilityReuseTests {
    /// A questionnaire whose later question changed after a response was checked (here s1 no longer
    /// asked to communes) scores that response by its own questions, not by what the checker saw.
    @Test func aQuestionChangedAfterCheckingIsScoredByTheNewQuestionnaire() throws {
        let questionnaire = try Fixtures.mini()
        let response = try Fixtures.response(
            "respondent: {organisation: Commune A, typology: commune}\nanswers: {p1: \"yes\", s1: \"yes\"}",
            questionnaire: questionnaire)
        let before = try Scorer(questionnaire: questionnaire).score(response)
        #expect(before.question("s1")?.status == .answered)
        var changed = questionnaire
        let index = try #require(changed.questionIndex("s1"))
        changed.questions[index].appliesTo = ["region"]
        let after = try Scorer(questionnaire: changed).score(response)
        #expect(after.question("s1") == nil)
        #expect(after.notApplicable.contains("s1"))
        // The original questionnaire still reuses what the checker worked out, and scores as before.
        #expect(try Scorer(questionnaire: questionnaire).score(response) == before)
    }
}
