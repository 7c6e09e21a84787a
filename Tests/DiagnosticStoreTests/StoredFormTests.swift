import DiagnosticCore
import DiagnosticDefinitions
import DiagnosticTestSupport
import Foundation
import GRDB
import Testing

@testable import DiagnosticStore

/// The stored form of results and the schema's migrations: what a database written by an earlier
/// od4g holds must read back the same after an upgrade.
@Suite struct StoredFormTests {
    /// The bytes of two question results and one dimension result, worked out by hand from the
    /// layout `ResultPacking` documents: a changed layout fails here before it reaches a database.
    @Test func packedResultsHaveTheDocumentedBytes() throws {
        let questions = [
            QuestionResult(state: .answered, points: 4.5, maximum: 10, counted: true, selections: [0, 300]),
            QuestionResult(state: .notApplicable),
        ]
        let expectedQuestions =
            "01"  // format version
            + "83"  // answered (3), counted (bit 7)
            + "0000000000001240"  // 4.5, binary64 little-endian (0x4012000000000000)
            + "0000000000002440"  // 10 (0x4024000000000000)
            + "02" + "0000" + "2c01"  // two options chosen: positions 0 and 300 (0x012C)
            + "00" + String(repeating: "00", count: 16) + "00"  // not applicable, 0 of 0, none chosen
        #expect(try #require(ResultPacking.pack(questions)).hex == expectedQuestions)
        let dimensions = [DimensionResult(score: 62.5, level: "n3", points: 25, maximum: 40)]
        let expectedDimensions =
            "01"  // format version
            + "01"  // scored
            + "0000000000404f40"  // 62.5 (0x404F400000000000)
            + "0000000000003940"  // 25 (0x4039000000000000)
            + "0000000000004440"  // 40 (0x4044000000000000)
            + "02" + "6e33"  // "n3"
        #expect(try #require(ResultPacking.pack(dimensions)).hex == expectedDimensions)
        #expect(ResultPacking.unpack(try #require(ResultPacking.pack(questions)), count: 2) == questions)
    }

    @Test func blobsOfAnotherFormatVersionAreNotRead() throws {
        let packed = try #require(ResultPacking.pack([QuestionResult(state: .unanswered)]))
        #expect(ResultPacking.unpack(packed, count: 1) != nil)
        #expect(ResultPacking.unpack(Data([2]) + packed.dropFirst(), count: 1) == nil, "a newer version")
        #expect(ResultPacking.unpack(packed.dropFirst(), count: 1) == nil, "no version byte, as before v3")
    }

    /// Values too large for their field are refused, never cut to fit (`prefix(255)` and
    /// `UInt16(clamping:)` once stored a different answer than the one given).
    @Test func valuesTooLargeForTheirFieldAreRefusedNotTruncated() {
        let chosen = QuestionResult(state: .answered, points: 1, maximum: 1, counted: true, selections: Array(0..<256))
        #expect(ResultPacking.pack([chosen]) == nil)
        let fits = QuestionResult(state: .answered, points: 1, maximum: 1, counted: true, selections: Array(0..<255))
        #expect(ResultPacking.unpack(ResultPacking.pack([fits]) ?? Data(), count: 1) == [fits])
        let far = QuestionResult(state: .answered, points: 1, maximum: 1, counted: true, selections: [65_536])
        #expect(ResultPacking.pack([far]) == nil)
        let last = QuestionResult(state: .answered, points: 1, maximum: 1, counted: true, selections: [65_535])
        #expect(ResultPacking.unpack(ResultPacking.pack([last]) ?? Data(), count: 1) == [last])
        let level = DimensionResult(score: 50, level: String(repeating: "x", count: 256), points: 1, maximum: 2)
        #expect(ResultPacking.pack([level]) == nil)
    }

    /// An entry whose results do not fit (a questionnaire that skipped validation) is refused by
    /// the import with a message naming it, and the transaction stores nothing.
    @Test func anImportOfAResultTooLargeStoresNothing() throws {
        let questionnaire = try Fixtures.mini()
        let database = try CampaignDatabase.inMemory()
        let good = try CampaignDatabaseTests().entry(
            "respondent: {organisation: Commune B, typology: commune}\nanswers: {p1: \"no\"}", questionnaire)
        var result = good.result
        result.questions[0].selections = Array(0..<300)
        let tooLarge = ImportEntry(
            identity: good.identity, profileJSON: good.profileJSON, answersJSON: good.answersJSON, source: "big.yaml",
            result: result)
        #expect {
            _ = try database.importing(
                campaign: "c", period: nil, questionnaire: questionnaire,
                questionnaireText: try CampaignDatabaseTests().questionnaireText()
            ) { session in
                try session.store(good)
                try session.store(tooLarge)
                return true
            }
        } throws: { error in
            (error as? StoreError)?.message(.en).hasPrefix(
                "the results of response big.yaml do not fit in in-memory database (more than 255 options chosen") ?? false
        }
        #expect(try database.campaigns().isEmpty)
    }

    /// A database as the first od4g wrote it (schema v1, result blobs without a version byte) is
    /// upgraded to today's schema when opened, its responses and results intact.
    @Test func aVersion1DatabaseIsUpgradedWithItsDataIntact() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("od4g-v1-\(UUID().uuidString).sqlite").path
        defer { CampaignDatabase.removeFiles(at: path) }
        let questionnaire = try Fixtures.mini()
        let text = try CampaignDatabaseTests().questionnaireText()
        let entries = try [
            "respondent: {organisation: Commune A, typology: commune, departement: \"55\", population: 420}\nanswers: {p1: \"yes\", p2: adopted, p3: 3, s1: \"yes\", s2: [own, national], u1: [licence]}",
            "respondent: {organisation: Commune A, typology: commune, role: elu}\nanswers: {p1: \"no\", s1: \"no\"}",
            "respondent: {organisation: Pays Test, typology: cc, agents: 40}\nanswers: {p1: \"yes\", p3: 4}",
        ].map { try CampaignDatabaseTests().entry($0, questionnaire, source: "v1.csv") }
        do {
            let queue = try DatabaseQueue(path: path)
            try Migrations.migrator.migrate(queue, upTo: "v1-campaigns")
            try queue.write { db in
                var stored = QuestionnaireRecord(
                    id: nil, code: questionnaire.id, version: questionnaire.version, sha256: CampaignDatabase.sha256(text),
                    content: text, storedAt: "2025-03-01T09:00:00Z")
                try stored.insert(db)
                var campaign = CampaignRecord(
                    id: nil, name: "wave-1", period: "2025", questionnaireID: try #require(stored.id),
                    createdAt: "2025-03-01T09:00:00Z")
                try campaign.insert(db)
                var organisations: [String: Int64] = [:]
                for entry in entries {
                    let who = entry.identity
                    if organisations[who.organisationKey] == nil {
                        var organisation = OrganisationRecord(
                            id: nil, key: who.organisationKey, name: who.organisationName, code: who.code,
                            typology: who.typology, population: who.population, agents: who.agents,
                            departement: who.departement)
                        try organisation.insert(db)
                        organisations[who.organisationKey] = organisation.id
                    }
                    var response = ResponseRecord(
                        id: nil, campaignID: try #require(campaign.id),
                        organisationID: try #require(organisations[who.organisationKey]), respondentKey: who.respondentKey,
                        respondentName: who.respondentName, email: who.email, role: who.role, viewpoint: who.viewpoint,
                        typology: who.typology, population: who.population, agents: who.agents, departement: who.departement,
                        profile: entry.profileJSON, answers: entry.answersJSON, source: entry.source,
                        importedAt: "2025-03-01T09:00:00Z")
                    try response.insert(db)
                    // v1 blobs: today's layout without its leading version byte.
                    try ResponseScoreRecord(
                        responseID: try #require(response.id), overall: entry.result.overall,
                        overallLevel: entry.result.overallLevel, answered: entry.result.answered, asked: entry.result.asked,
                        dimensions: try #require(entry.packedDimensions).dropFirst(),
                        questions: try #require(entry.packedQuestions).dropFirst()
                    ).insert(db)
                }
            }
            try queue.close()
        }
        let database = try CampaignDatabase.open(path: path)
        let (info, storedText) = try database.campaign(named: "wave-1")
        #expect(storedText == text)
        #expect(info.responses == 3 && info.organisations == 2)
        var read: [CampaignEntry] = []
        try database.forEachOrganisation(campaign: info, questionnaire: questionnaire) { read += $0 }
        #expect(read.count == entries.count)
        let byRespondent = Dictionary(read.map { ($0.organisationKey + "|" + $0.respondentKey, $0.result) }) { first, _ in first }
        for entry in entries {
            #expect(byRespondent[entry.identity.organisationKey + "|" + entry.identity.respondentKey] == entry.result)
        }
        let responses = try database.storedResponses(campaign: info, organisationKeys: nil)
        #expect(Set(responses.map(\.answersJSON)) == Set(entries.map(\.answersJSON)))
        #expect(Set(responses.map(\.profileJSON)) == Set(entries.map(\.profileJSON)))
        // The tables of later migrations are there and work.
        let key = entries[0].identity.organisationKey
        try database.setTargets(of: key, ["piloter": "n3"], source: "test")
        #expect(try database.plan(of: key).targetLevels == ["piloter": "n3"])
        let applied = try DatabaseQueue(path: path).read { db in try Migrations.migrator.appliedIdentifiers(db) }
        #expect(applied == Set(Migrations.migrator.migrations))
        #expect(applied.contains("v3-result-format"))
    }
}

extension Data {
    /// Lower-case hexadecimal, two digits per byte.
    fileprivate var hex: String { map { String(format: "%02x", $0) }.joined() }
}
