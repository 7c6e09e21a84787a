import DiagnosticCore
import DiagnosticDefinitions
import DiagnosticTestSupport
import Testing

/// The bundled questionnaire meets what issue #2 asks of it, and treats small communes fairly.
@Suite struct OD4GrowthQuestionnaireTests {
    func load() throws -> Questionnaire {
        let result = QuestionnaireLoader.load(path: Fixtures.od4growthPath)
        #expect(result.diagnostics.map { $0.rendered(.en) } == [], "no error and no warning, not even a missing translation")
        return try #require(result.value)
    }

    @Test func coversFourDimensionsBothAspectsAndTheUnscoredSections() throws {
        let questionnaire = try load()
        #expect(questionnaire.dimensions.map(\.id) == ["piloter", "produire", "partager", "valoriser"])
        let scored = questionnaire.questions.filter(\.scored)
        #expect(scored.count >= 40)
        for dimension in questionnaire.dimensions {
            #expect(scored.filter { $0.dimension == dimension.id }.count >= 8, "dimension \(dimension.id)")
        }
        #expect(scored.contains { $0.aspect == "publier" })
        #expect(scored.filter { $0.aspect == "utiliser" }.count >= 8)
        let sections = ["motivations", "usages", "sources", "problemes"]
        #expect(questionnaire.sections.map(\.id) == sections)
        for section in sections {
            #expect(questionnaire.questions.contains { !$0.scored && $0.section == section }, "section \(section)")
        }
        #expect(questionnaire.levels.count >= 4)
        #expect(questionnaire.questions.contains { $0.shownWhen != nil })
    }

    @Test func knowsEveryTypologyFamilyAndTheRespondentProfile() throws {
        let questionnaire = try load()
        #expect(questionnaire.typologyFamilies.map(\.id) == ["region", "departement", "epci", "commune", "pnr", "agence"])
        #expect(questionnaire.typologies.filter { $0.family == "epci" }.map(\.id) == ["cc", "ca", "cu", "metropole"])
        for field in ["organisation", "code", "typology", "population", "agents", "departement", "role", "viewpoint"] {
            #expect(questionnaire.profileField(field) != nil, "profile field \(field)")
        }
        #expect(questionnaire.profileField("viewpoint")?.options.map(\.id) == ["provider", "user", "decision"])
        #expect(questionnaire.profileField("email")?.personal == true)
    }

    func visibility(_ questionnaire: Questionnaire, _ typology: String, population: Double?, agents: Double?)
        throws -> [String: Visibility]
    {
        var profile: [String: ProfileValue] = ["typology": .text(typology)]
        if let population { profile["population"] = .number(population) }
        if let agents { profile["agents"] = .number(agents) }
        let chosen = try #require(questionnaire.typology(typology))
        return Visibility.of(questionnaire, typology: chosen, profile: profile, answers: [:])
    }

    @Test func theLegalObligationIsOnlyAskedWhereTheLawApplies() throws {
        let questionnaire = try load()
        #expect(try visibility(questionnaire, "commune", population: 300, agents: 3)["par-obligation"] == .notForProfile)
        #expect(try visibility(questionnaire, "commune", population: 3500, agents: 80)["par-obligation"] == .notForProfile)
        #expect(try visibility(questionnaire, "commune", population: 3501, agents: 49)["par-obligation"] == .notForProfile)
        #expect(try visibility(questionnaire, "commune", population: 3501, agents: 50)["par-obligation"] == .asked)
        #expect(try visibility(questionnaire, "cc", population: 25000, agents: 120)["par-obligation"] == .asked)
        #expect(try visibility(questionnaire, "pnr", population: nil, agents: 60)["par-obligation"] == .asked)
        #expect(try visibility(questionnaire, "agence", population: nil, agents: 20)["par-obligation"] == .notForProfile)
    }

    @Test func aSmallCommuneIsNotAskedToRunItsOwnPortalOrTeam() throws {
        let questionnaire = try load()
        let commune = try visibility(questionnaire, "commune", population: 300, agents: 3)
        #expect(commune["pil-cdo"] == .notForTypology)
        #expect(commune["par-nombre"] == .notForTypology)
        #expect(commune["pil-moyens"] == .notForTypology)
        let region = try visibility(questionnaire, "region", population: 5_500_000, agents: 7000)
        #expect(region["pil-cdo"] == .asked)
        let canal = try #require(questionnaire.question("par-canal"))
        let own = try #require(canal.option("portail-propre")?.points)
        #expect(canal.option("portail-mutualise")?.points == own)
        #expect(own == canal.weight)
    }

    /// `commune-lucey.yaml`, Partager, from its answers: par-publie 12/12, par-canal (shared portal)
    /// 12/12, par-jeux-cles 9/12, par-licence 10/10, par-frequence 3/8, par-moissonnage (don't know)
    /// 0/6, par-hvd (don't know) 0/8, par-dialogue 4/8, par-partenaires 4/8: 54 / 84.
    @Test func theCommuneExampleScoresAsComputedByHand() throws {
        let questionnaire = try load()
        let loaded = ResponseLoader.load(
            path: Fixtures.repository("Examples/responses/commune-lucey.yaml"), questionnaire: questionnaire)
        #expect(loaded.diagnostics.isEmpty)
        let card = try Scorer(questionnaire: questionnaire).score(try #require(loaded.value))
        let partager = try #require(card.dimension("partager"))
        #expect(partager.points == 54)
        #expect(partager.maximum == 84)
        #expect(card.question("par-canal")?.points == 12)
        #expect(card.question("par-canal")?.maximum == 12)
        #expect(card.unanswered.contains("val-mesure"))
    }

    @Test(arguments: ["commune-lucey", "ca-saint-die", "departement-meuse"])
    func examplesAreValidAndScoreConsistently(_ name: String) throws {
        let questionnaire = try load()
        let loaded = ResponseLoader.load(
            path: Fixtures.repository("Examples/responses/\(name).yaml"), questionnaire: questionnaire)
        #expect(loaded.diagnostics.map { $0.rendered(.en) } == [])
        let card = try Scorer(questionnaire: questionnaire).score(try #require(loaded.value))
        for dimension in card.dimensions {
            let counted = card.questions.filter { $0.dimension == dimension.id && $0.counted }
            let expected = 100 * counted.map(\.points).reduce(0, +) / counted.map(\.maximum).reduce(0, +)
            #expect(abs((dimension.score ?? -1) - expected) < 1e-9)
        }
        let mean = card.dimensions.compactMap(\.score).reduce(0, +) / Double(card.dimensions.count)
        #expect(abs((card.overall.score ?? -1) - mean) < 1e-9, "equal dimension weights: a plain mean")
    }

    @Test func everyTypologyTemplateIsAValidBlankResponse() throws {
        let questionnaire = try load()
        for typology in questionnaire.typologies {
            for language in Language.allCases {
                let text = ResponseTemplate(questionnaire: questionnaire, typology: typology, language: language).render()
                let loaded = ResponseLoader.load(text: text, file: "\(typology.id).yaml", questionnaire: questionnaire)
                #expect(
                    loaded.errors.map(\.message) == [
                        .response(ResponseIssue(.profile("organisation"), .missingProfileField("organisation")))
                    ])
                #expect(loaded.warnings.isEmpty)
            }
        }
    }
}
