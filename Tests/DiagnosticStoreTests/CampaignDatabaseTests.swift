import DiagnosticCore
import DiagnosticDefinitions
import DiagnosticStore
import DiagnosticTestSupport
import Foundation
import GRDB
import Testing

@Suite struct CampaignDatabaseTests {
    func entry(_ yaml: String, _ questionnaire: Questionnaire, source: String = "test") throws -> ImportEntry {
        let response = try Fixtures.response(yaml, questionnaire: questionnaire)
        let identity = try #require(RespondentIdentity(response: response, questionnaire: questionnaire))
        return ImportEntry(
            response: response, identity: identity, card: try Scorer(questionnaire: questionnaire).score(response),
            questionnaire: questionnaire, source: source)
    }

    func questionnaireText() throws -> String {
        try String(contentsOfFile: Fixtures.path("mini.yaml"), encoding: .utf8)
    }

    @Test func storedResultsReadBackExactly() throws {
        let questionnaire = try Fixtures.mini()
        let database = try CampaignDatabase.inMemory()
        let stored = try entry(
            "respondent: {organisation: Commune A, typology: commune, departement: \"55\"}\nanswers: {p1: \"yes\", p2: adopted, p3: 3, s1: \"yes\", s2: [own, national], u1: [licence]}",
            questionnaire)
        let outcome = try database.importing(
            campaign: "c1", period: "2025", questionnaire: questionnaire, questionnaireText: try questionnaireText()
        ) { session in
            try session.store(stored)
            return true
        }
        #expect(outcome == ImportOutcome(inserted: 1, updated: 0, committed: true))
        let (info, text) = try database.campaign(named: "c1")
        #expect(text == (try questionnaireText()))
        #expect(info.period == "2025")
        #expect(info.questionnaireSHA256 == CampaignDatabase.sha256(try questionnaireText()))
        var read: [CampaignEntry] = []
        try database.forEachOrganisation(campaign: info, questionnaire: questionnaire) { read += $0 }
        #expect(read.count == 1)
        #expect(read[0].result == stored.result)
        #expect(read[0].departement == "55")
        #expect(read[0].organisationKey == "name:commune a|commune")
    }

    /// A write SQLite refuses (here a score out of the schema's range) is a store error naming
    /// SQLite's reason, and the import's transaction leaves nothing behind.
    @Test func aWriteSQLiteRefusesIsAClearErrorAndWritesNothing() throws {
        let questionnaire = try Fixtures.mini()
        let database = try CampaignDatabase.inMemory()
        let response = try Fixtures.response(
            "respondent: {organisation: Commune A, typology: commune}\nanswers: {p1: \"yes\"}", questionnaire: questionnaire)
        let identity = try #require(RespondentIdentity(response: response, questionnaire: questionnaire))
        var card = try Scorer(questionnaire: questionnaire).score(response)
        card.overall.score = 150
        let entry = ImportEntry(response: response, identity: identity, card: card, questionnaire: questionnaire, source: "test")
        let good = try self.entry(
            "respondent: {organisation: Commune B, typology: commune}\nanswers: {p1: \"no\"}", questionnaire)
        #expect(
            throws: StoreError(.sqlite("CHECK constraint failed: overall BETWEEN 0 AND 100"), path: nil)
        ) {
            try database.importing(
                campaign: "c", period: nil, questionnaire: questionnaire, questionnaireText: try questionnaireText()
            ) { session in
                try session.store(good)
                try session.store(entry)
                return true
            }
        }
        #expect(throws: StoreError.self) { try database.campaign(named: "c") }
    }

    @Test func importingTheSameRespondentAgainReplacesIt() throws {
        let questionnaire = try Fixtures.mini()
        let database = try CampaignDatabase.inMemory()
        let text = try questionnaireText()
        let first = try entry("respondent: {organisation: Commune A, typology: commune}\nanswers: {p1: \"no\"}", questionnaire)
        let second = try entry("respondent: {organisation: commune  a, typology: commune}\nanswers: {p1: \"yes\"}", questionnaire)
        _ = try database.importing(campaign: "c", period: nil, questionnaire: questionnaire, questionnaireText: text) { session in
            try session.store(first)
            return true
        }
        let outcome = try database.importing(campaign: "c", period: nil, questionnaire: questionnaire, questionnaireText: text) {
            session in
            try session.store(second)
            return true
        }
        #expect(outcome == ImportOutcome(inserted: 0, updated: 1, committed: true))
        let info = try database.campaign(named: "c").campaign
        #expect(info.responses == 1)
        var read: [CampaignEntry] = []
        try database.forEachOrganisation(campaign: info, questionnaire: questionnaire) { read += $0 }
        #expect(read.map(\.result) == [second.result])
    }

    @Test func rollbackLeavesNothing() throws {
        let questionnaire = try Fixtures.mini()
        let database = try CampaignDatabase.inMemory()
        let stored = try entry("respondent: {organisation: A, typology: commune}\nanswers: {p1: \"no\"}", questionnaire)
        let outcome = try database.importing(
            campaign: "c", period: nil, questionnaire: questionnaire, questionnaireText: try questionnaireText()
        ) { session in
            try session.store(stored)
            return false
        }
        #expect(!outcome.committed)
        #expect(try database.campaigns().isEmpty)
    }

    @Test func aCampaignKeepsItsQuestionnaire() throws {
        let questionnaire = try Fixtures.mini()
        let database = try CampaignDatabase.inMemory()
        let text = try questionnaireText()
        _ = try database.importing(campaign: "c", period: nil, questionnaire: questionnaire, questionnaireText: text) { _ in true
        }
        #expect {
            _ = try database.importing(
                campaign: "c", period: nil, questionnaire: questionnaire, questionnaireText: text + "\n# v2\n"
            ) { _ in true }
        } throws: { error in
            guard let error = error as? StoreError, case .campaignQuestionnaireDiffers = error.reason else { return false }
            return error.message(.en).hasPrefix("campaign 'c' uses questionnaire 1.0 (sha256 ")
        }
    }

    @Test func packedResultsRoundTripAndRejectTruncation() throws {
        let results = [
            QuestionResult(state: .answered, points: 4.5, maximum: 10, counted: true, selections: [0, 2, 300]),
            QuestionResult(state: .notApplicable),
            QuestionResult(state: .dontKnow, points: 0, maximum: 8, counted: true),
        ]
        let data = try #require(ResultPacking.pack(results))
        #expect(ResultPacking.unpack(data, count: 3) == results)
        #expect(ResultPacking.unpack(data.dropLast(), count: 3) == nil)
        #expect(ResultPacking.unpack(data, count: 2) == nil)
        #expect(ResultPacking.unpack(Data([0x7F]), count: 1) == nil)
        let dimensions = [
            DimensionResult(score: 62.5, level: "structure", points: 25, maximum: 40),
            DimensionResult(score: nil, level: nil, points: 0, maximum: 0),
            DimensionResult(score: 0, level: "émergent", points: 0, maximum: 12),
        ]
        let packed = try #require(ResultPacking.pack(dimensions))
        #expect(ResultPacking.unpackDimensions(packed, count: 3) == dimensions)
        #expect(ResultPacking.unpackDimensions(packed, count: 4) == nil)
        #expect(ResultPacking.unpackDimensions(packed.dropLast(), count: 3) == nil)
    }
}

@Suite struct DatabaseFileTests {
    func temporary(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("od4g-\(UUID().uuidString)-\(name)").path
    }

    /// An organisation met again in a later import takes the name, code and typology given, and
    /// keeps the population, agents and département its new respondent leaves out.
    @Test func anOrganisationMetAgainIsBroughtUpToDate() throws {
        let path = temporary("organisations.sqlite")
        defer { for suffix in ["", "-journal"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let questionnaire = try Fixtures.mini()
        let text = try String(contentsOfFile: Fixtures.path("mini.yaml"), encoding: .utf8)
        let database = try CampaignDatabase.open(path: path)
        let tests = CampaignDatabaseTests()
        let waves = [
            "respondent: {organisation: Commune A, typology: commune, population: 800, departement: \"55\"}\nanswers: {p1: \"no\"}",
            "respondent: {organisation: commune  a, typology: commune, population: 950}\nanswers: {p1: \"yes\"}",
        ]
        for (index, yaml) in waves.enumerated() {
            let entry = try tests.entry(yaml, questionnaire)
            let outcome = try database.importing(
                campaign: "wave-\(index + 1)", period: nil, questionnaire: questionnaire, questionnaireText: text
            ) { session in
                try session.store(entry)
                return true
            }
            #expect(outcome == ImportOutcome(inserted: 1, updated: 0, committed: true))
        }
        let rows = try DatabaseQueue(path: path).read { db in
            try Row.fetchAll(db, sql: "SELECT key, name, population, departement FROM organisation")
        }
        #expect(rows.count == 1)
        #expect(rows.first?["key"] == "name:commune a|commune")
        #expect(rows.first?["name"] == "commune  a")
        #expect(rows.first?["population"] == 950.0)
        #expect(rows.first?["departement"] == "55")
    }

    @Test func aFileThatIsNotSQLiteIsRefusedUntouched() throws {
        let path = temporary("notes.sqlite")
        try "mes notes\n".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(throws: StoreError(.notADatabase, path: path)) { try CampaignDatabase.open(path: path) }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "mes notes\n")
    }

    @Test func anotherApplicationsDatabaseIsRefusedUntouched() throws {
        let path = temporary("other.sqlite")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try DatabaseQueue(path: path).write { db in
            try db.execute(sql: "CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('Lucey')")
        }
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(throws: StoreError(.notAnOd4gDatabase, path: path)) { try CampaignDatabase.open(path: path) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }

    @Test func aDatabaseFromANewerProgramIsRefusedUntouched() throws {
        let path = temporary("newer.sqlite")
        defer { try? FileManager.default.removeItem(atPath: path) }
        _ = try CampaignDatabase.open(path: path)
        try DatabaseQueue(path: path).write { db in
            try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v9-future')")
        }
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(throws: StoreError(.newerDatabase(unknown: ["v9-future"]), path: path)) { try CampaignDatabase.open(path: path) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }

    @Test func anSQLiteFailureDoesNotSayErrorTwice() {
        let error = StoreError(.sqlite("disk I/O error"), path: "od4g.sqlite")
        #expect(error.message(.fr) == "SQLite a échoué sur od4g.sqlite : disk I/O error")
        #expect(error.message(.en) == "SQLite failed on od4g.sqlite: disk I/O error")
    }
}
