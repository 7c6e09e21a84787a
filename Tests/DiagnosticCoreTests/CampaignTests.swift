import DiagnosticCore
import DiagnosticDefinitions
import DiagnosticTestSupport
import Foundation
import Testing

/// `mini-campaign.csv`, computed by hand (mini.yaml: commune piloter max 23 = p1 10 + p2 5 + p3 8,
/// partager max 22 = s1 10 + s2 12; overall for communes = mean of the two):
///
/// | org | piloter | partager | overall |
/// |---|---|---|---|
/// | A | 23/23 = 100 | 22/22 = 100 | 100 |
/// | B | 10/23 | 0 (s1 no, s2 hidden 0/12) | 500/23 = 21.74 |
/// | C | 0 | 0 | 0 |
/// | D | 13/23 | 14/22 | (1300/23 + 1400/22)/2 = 60.08 |
/// | E | 0 (don't know ×3) | 0 | 0 |
/// | F | mean(100, 0) = 50 | mean(100, 0) = 50 | 50 (two respondents) |
/// | CC Une | 33/33 | (10 + 8 + 6)/28 | (100 + 2 × 2400/28)/3 = 90.48 |
/// | CC Deux | 0 | 0 | 0 |
enum MiniCampaign {
    static let overall: [String: Double] = [
        "A": 100, "B": 500.0 / 23, "C": 0, "D": (1300.0 / 23 + 1400.0 / 22) / 2, "E": 0, "F": 50,
        "CC Une": (100 + 2 * 2400.0 / 28) / 3, "CC Deux": 0,
    ]

    static func entries() throws -> (Questionnaire, [CampaignEntry]) {
        let questionnaire = try Fixtures.mini()
        let data = try Data(contentsOf: URL(fileURLWithPath: Fixtures.path("mini-campaign.csv")))
        var table = TabularResponses(file: "mini-campaign.csv", data: data, questionnaire: questionnaire)
        #expect(table.problems.isEmpty)
        var entries: [CampaignEntry] = []
        while let row = table.next() {
            let raw = try #require(row.response)
            let (response, issues) = ResponseChecker(questionnaire: questionnaire).check(raw)
            #expect(issues.isEmpty, "row \(row.number): \(issues.map { $0.message(.en) })")
            let checked = try #require(response)
            let identity = try #require(RespondentIdentity(response: checked, questionnaire: questionnaire))
            let card = try Scorer(questionnaire: questionnaire).score(checked)
            entries.append(
                CampaignEntry(
                    organisationKey: identity.organisationKey, organisationName: identity.organisationName,
                    typology: identity.typology,
                    departement: identity.departement, respondentKey: identity.respondentKey, role: identity.role,
                    result: RespondentResult(card: card, questionnaire: questionnaire)))
        }
        return (questionnaire, entries)
    }
}

@Suite struct CampaignTests {
    @Test func severalRespondentsCombineIntoOneProfile() throws {
        let (questionnaire, entries) = try MiniCampaign.entries()
        let profiles = OrganisationProfile.combine(entries, questionnaire: questionnaire)
        #expect(
            profiles.map(\.name) == [
                "Commune A", "Commune B", "Commune C", "Commune D", "Commune E", "Commune F", "CC Une", "CC Deux",
            ])
        let f = try #require(profiles.first { $0.name == "Commune F" })
        #expect(f.respondents.count == 2)
        #expect(f.dimensions == [50, 50])
        #expect(f.overall == 50)
        #expect(f.level?.id == "n3")
        #expect(f.dimensionSpread == [100, 100])
        // p1 yes/no, p2 funded/none, p3 4/0, s1 yes/no; s2 and u1 only answered by one of them
        #expect(f.disagreements.map { questionnaire.questions[$0].id } == ["p1", "p2", "p3", "s1"])
        for profile in profiles {
            let key = profile.name.replacingOccurrences(of: "Commune ", with: "")
            #expect(abs((profile.overall ?? -1) - (MiniCampaign.overall[key] ?? -2)) < 1e-9, "\(profile.name)")
        }
    }

    @Test func aggregateByTypologyMatchesHandComputedFigures() throws {
        let (questionnaire, entries) = try MiniCampaign.entries()
        // A threshold of 2 shows both groups (with 5, the CC group is withheld, and the communes with it).
        var aggregator = CampaignAggregator(questionnaire: questionnaire, grouping: .typology, minimumGroupSize: 2)
        for profile in OrganisationProfile.combine(entries, questionnaire: questionnaire) { aggregator.add(profile) }
        let aggregate = aggregator.result()
        #expect(aggregate.groups.map(\.key) == ["*", "cc", "commune"])
        let commune = try #require(aggregate.groups.first { $0.key == "commune" })
        #expect(commune.organisations == 6)
        #expect(commune.respondents == 7)
        // overall sorted: 0, 0, 500/23, 50, D, 100
        let d = try #require(MiniCampaign.overall["D"])
        let overall = try #require(commune.overall)
        #expect(overall.count == 6)
        #expect(abs(overall.mean - (100 + 500.0 / 23 + d + 50) / 6) < 1e-9)
        #expect(abs(overall.median - (500.0 / 23 + 0.5 * (50 - 500.0 / 23))) < 1e-9)
        #expect(abs(overall.lowerQuartile - 0.25 * 500.0 / 23) < 1e-9)
        #expect(abs(overall.upperQuartile - (50 + 0.75 * (d - 50))) < 1e-9)
        #expect(commune.levels == ["n1": 3, "n3": 2, "n4": 1])
        // p1 share per organisation: A 1, B 1, C 0, D 0, E 0 (don't know), F (1 + 0)/2
        let p1 = try #require(questionnaire.questionIndex("p1"))
        #expect(abs((commune.questionSuccess[p1] ?? -1) - 2.5 / 6) < 1e-9)
        // s3 does not apply to communes
        #expect(commune.questionSuccess[try #require(questionnaire.questionIndex("s3"))] == nil)
        // u1 by respondent: A skills, B skills+licence, D licence, F(dgs) skills → 4 answered
        let u1 = try #require(commune.tallies.first { $0.question == questionnaire.questionIndex("u1") })
        #expect(u1.answered == 4)
        #expect(u1.counts == [3, 2])
        #expect(u1.shares == [0.75, 0.5])
    }

    @Test func smallGroupsAreWithheld() throws {
        let (questionnaire, entries) = try MiniCampaign.entries()
        var aggregator = CampaignAggregator(questionnaire: questionnaire, grouping: .typology, minimumGroupSize: 5)
        for profile in OrganisationProfile.combine(entries, questionnaire: questionnaire) { aggregator.add(profile) }
        let cc = try #require(aggregator.result().groups.first { $0.key == "cc" })
        #expect(cc.withheld)
        #expect(cc.organisations == 2)
        #expect(cc.overall == nil)
        #expect(cc.dimensions == [nil, nil])
        #expect(cc.levels.isEmpty)
        #expect(cc.questionSuccess.allSatisfy { $0 == nil })
        #expect(cc.tallies.isEmpty)
    }

    /// An organisation with too few answers counts in participation only: not in the size a group is
    /// judged by, nor in its tallies, nor among the peers of a comparison.
    @Test func incompleteOrganisationsNeitherFillAGroupNorAddToItsFigures() throws {
        let (questionnaire, entries) = try MiniCampaign.entries()
        let thin = try Fixtures.response(
            """
            kind: response
            questionnaire: mini
            respondent: {organisation: Commune Mince, typology: commune, population: 90}
            answers: {p1: "no", u1: [skills, licence]}
            """, questionnaire: questionnaire)
        let identity = try #require(RespondentIdentity(response: thin, questionnaire: questionnaire))
        let card = try Scorer(questionnaire: questionnaire).score(thin)
        let incomplete = CampaignEntry(
            organisationKey: identity.organisationKey, organisationName: identity.organisationName,
            typology: identity.typology, departement: nil, respondentKey: identity.respondentKey, role: nil,
            result: RespondentResult(card: card, questionnaire: questionnaire))
        let profiles = OrganisationProfile.combine(entries + [incomplete], questionnaire: questionnaire)
        #expect(profiles.filter { !$0.isComplete }.map(\.name) == ["Commune Mince"])
        // The communes alone: one group, so that no other group is withheld with them.
        func communes(threshold: Int) throws -> GroupAggregate {
            var aggregator = CampaignAggregator(questionnaire: questionnaire, grouping: .typology, minimumGroupSize: threshold)
            for profile in profiles where profile.typology.id == "commune" { aggregator.add(profile) }
            return try #require(aggregator.result().groups.first { $0.key == "commune" })
        }
        // 7 communes, 6 with a diagnostic: a threshold of 7 withholds them.
        let seven = try communes(threshold: 7)
        #expect(seven.organisations == 7 && seven.withheld && seven.overall == nil && seven.tallies.isEmpty)
        let six = try communes(threshold: 6)
        #expect(!six.withheld && six.organisations == 7 && six.respondents == 8 && six.incomplete == 1)
        #expect(six.overall?.count == 6)
        // u1 as in aggregateByTypologyMatchesHandComputedFigures: the thin commune's answer is left
        // out. Four communes answered it: under a threshold of 6 the tally is withheld, not under 4.
        let u1Position = try #require(questionnaire.questionIndex("u1"))
        #expect(six.withheldFigures.tallies == [u1Position] && six.tallies.isEmpty)
        let four = try communes(threshold: 4)
        let u1 = try #require(four.tallies.first { $0.question == u1Position })
        #expect(u1.answered == 4 && u1.counts == [3, 2] && four.withheldFigures.isEmpty)
        let summaries = profiles.map(OrganisationSummary.init)
        let d = try #require(summaries.first { $0.name == "Commune D" })
        let position = PeerPosition(of: d, among: summaries, minimumGroupSize: 7)
        #expect(position.typologyCount == 6 && position.typologyWithheld)
        #expect(position.campaignCount == 8)
    }

    /// A comparison line is judged by its own scores: with five peers, four of them without a score
    /// in the second dimension, that line's median would be two organisations' mean.
    @Test func aPeerMedianIsWithheldWhenFewPeersHaveAScoreInThatDimension() {
        let peers: [OrganisationSummary] = (1...5).map { (index: Int) -> OrganisationSummary in
            let score = Double(10 * index)
            let second: Double? = index <= 2 ? 2 * score : nil
            return OrganisationSummary(
                key: "k\(index)", name: "Commune \(index)", typology: "commune", dimensions: [score, second], overall: score)
        }
        let position = PeerPosition(of: peers[0], among: peers, minimumGroupSize: 5)
        #expect(!position.typologyWithheld)
        // overall 10…50: median 30; first dimension the same; second: only two scores.
        #expect(position.lines.map { $0.typologyMedian } == [30, 30, nil])
        #expect(position.lines.map { $0.campaignMedian } == [30, 30, nil])
        #expect(position.lines[2].typologyPercentile == nil && position.lines[2].score == 20)
        #expect(PeerPosition(of: peers[0], among: peers, minimumGroupSize: 2).lines[2].typologyMedian == 30)
    }

    @Test func peerPositionAndPercentiles() throws {
        let (questionnaire, entries) = try MiniCampaign.entries()
        let summaries = OrganisationProfile.combine(entries, questionnaire: questionnaire).map(OrganisationSummary.init)
        let d = try #require(summaries.first { $0.name == "Commune D" })
        let position = PeerPosition(of: d, among: summaries, minimumGroupSize: 5)
        #expect(position.typologyCount == 6)
        #expect(position.campaignCount == 8)
        let overall = try #require(position.lines.first)
        // communes: 0, 0, 21.7, 50, D, 100 → 4 below, 1 tie: 4.5 / 6
        #expect(overall.typologyPercentile == 75)
        // campaign adds CC Une 90.5 and CC Deux 0 → 5 below, 1 tie: 5.5 / 8
        #expect(overall.campaignPercentile == 68.75)
        #expect(abs((overall.typologyMedian ?? -1) - (500.0 / 23 + 50) / 2) < 1e-9)
        let cc = try #require(summaries.first { $0.name == "CC Une" })
        let ccPosition = PeerPosition(of: cc, among: summaries, minimumGroupSize: 5)
        #expect(ccPosition.typologyWithheld)
        #expect(ccPosition.lines[0].typologyMedian == nil)
        #expect(ccPosition.lines[0].campaignPercentile == 100 * 6.5 / 8)
    }

    @Test func changeBetweenCampaigns() throws {
        let (questionnaire, entries) = try MiniCampaign.entries()
        let profiles = OrganisationProfile.combine(entries, questionnaire: questionnaire)
        let before = try #require(profiles.first { $0.name == "Commune B" })
        var improved = before.respondents[0]
        let response = try Fixtures.response(
            "respondent: {organisation: Commune B, typology: commune}\nanswers: {p1: \"yes\", p2: funded, p3: 4, s1: \"no\"}",
            questionnaire: questionnaire)
        improved.result = RespondentResult(
            card: try Scorer(questionnaire: questionnaire).score(response), questionnaire: questionnaire)
        let after = try #require(OrganisationProfile(entries: [improved], questionnaire: questionnaire))
        let change = CampaignChange(before: before, in: questionnaire, after: after, in: questionnaire)
        #expect(change.dimensions.map(\.id) == ["piloter", "partager"])
        #expect(abs((change.dimensions[0].delta ?? -1) - (100 - 1000.0 / 23)) < 1e-9)
        #expect(change.dimensions[1].delta == 0)
        #expect(change.questions.filter(\.answerChanged).map(\.id) == ["p2", "p3"])
    }
}

@Suite struct SimulatorTests {
    @Test func sameSeedSameRowsAndEveryRowIsValid() throws {
        let questionnaire = try Fixtures.questionnaire(at: Fixtures.od4growthPath)
        let first = Array(Simulator(questionnaire: questionnaire, seed: 42).respondents(count: 300))
        let second = Array(Simulator(questionnaire: questionnaire, seed: 42).respondents(count: 300))
        #expect(first == second)
        #expect(first != Array(Simulator(questionnaire: questionnaire, seed: 43).respondents(count: 300)))
        let checker = ResponseChecker(questionnaire: questionnaire)
        for raw in first {
            let (response, issues) = checker.check(raw)
            #expect(response != nil)
            #expect(issues.isEmpty, "\(issues.map { $0.message(.en) })")
        }
    }

    @Test func regionMixAndMaturityGrowingWithSize() throws {
        let questionnaire = try Fixtures.questionnaire(at: Fixtures.od4growthPath)
        var byTypology: [String: [Double]] = [:]
        let scorer = Scorer(questionnaire: questionnaire)
        for raw in Simulator(questionnaire: questionnaire, seed: 7).respondents(count: 2000) {
            let response = try #require(ResponseChecker(questionnaire: questionnaire).check(raw).response)
            let card = try scorer.score(response)
            byTypology[card.typology.id, default: []].append(card.overall.score ?? 0)
        }
        let communes = byTypology["commune"]?.count ?? 0
        #expect(communes > 1400)
        #expect((byTypology["departement"]?.count ?? 0) < 100)
        #expect((byTypology["cc"]?.count ?? 0) > 100)
        let mean = { (id: String) in Statistics.mean(byTypology[id] ?? []) ?? 0 }
        #expect(mean("commune") < mean("cc"))
        #expect(mean("cc") < mean("departement"))
        // One regional council per simulation (and ten départements, some with two respondents):
        // the region's score over twenty simulations stands above the intercommunalities'.
        #expect(byTypology["region"]?.count == 1 && (10...20).contains(byTypology["departement"]?.count ?? 0))
        var regions: [Double] = []
        for seed in 1...20 {
            for raw in Simulator(questionnaire: questionnaire, seed: UInt64(seed)).respondents(count: 1) {
                let response = try #require(ResponseChecker(questionnaire: questionnaire).check(raw).response)
                regions.append(try scorer.score(response).overall.score ?? 0)
            }
        }
        #expect((Statistics.mean(regions) ?? 0) > mean("cc"))
    }

    @Test func laterWavesAnswerForTheSameOrganisations() throws {
        let questionnaire = try Fixtures.questionnaire(at: Fixtures.od4growthPath)
        let wave0 = Array(Simulator(questionnaire: questionnaire, seed: 5, wave: 0).respondents(count: 200))
        let wave2 = Array(Simulator(questionnaire: questionnaire, seed: 5, wave: 2).respondents(count: 200))
        #expect(wave0.map { $0.profile.map(\.value) } == wave2.map { $0.profile.map(\.value) })
        #expect(wave0.map(\.answers) != wave2.map(\.answers))
        let scorer = Scorer(questionnaire: questionnaire)
        func mean(_ rows: [RawResponse]) throws -> Double {
            let scores = try rows.map { raw in
                try scorer.score(try #require(ResponseChecker(questionnaire: questionnaire).check(raw).response)).overall.score
                    ?? 0
            }
            return Statistics.mean(scores) ?? 0
        }
        #expect(try mean(wave2) > mean(wave0))
    }

    @Test func numberAnswersKeepTheirDecimalsAndStayWithinTheBounds() throws {
        let questionnaire = try Fixtures.mini([
            (
                "      bands: [{min: 1, points: 2}, {min: 10, points: 4}, {min: 50, points: 6}]\n    applies_to: [region, departement, epci]\n",
                "      max: 0.7\n      bands: [{min: 0.25, points: 6}]\n"
            )
        ])
        let checker = ResponseChecker(questionnaire: questionnaire)
        var values: Set<String> = []
        for raw in Simulator(questionnaire: questionnaire, seed: 3).respondents(count: 300) {
            let (response, issues) = checker.check(raw)
            #expect(response != nil, "\(issues.map { $0.message(.en) })")
            if case .scalar(let text)? = raw.answers.first(where: { $0.questionID == "s3" })?.value { values.insert(text) }
        }
        #expect(values.contains("0.7"))
        #expect(values.contains("0.25"))
        let numbers = values.filter { SpecialAnswerKind(rawValue: $0) == nil }
        #expect(numbers.allSatisfy { (ResponseChecker.number($0) ?? 1) <= 0.7 }, "\(numbers)")
    }

    @Test func anyWaveMixesIntoTheSeedWithoutTrapping() throws {
        let questionnaire = try Fixtures.mini()
        let rows = Array(Simulator(questionnaire: questionnaire, seed: 1, wave: Int.max).respondents(count: 3))
        #expect(rows.count == 3)
        #expect(rows.allSatisfy { ResponseChecker(questionnaire: questionnaire).check($0).response != nil })
    }
}
