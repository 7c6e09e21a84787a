import DiagnosticCore
import DiagnosticDefinitions
import DiagnosticTestSupport
import Foundation
import Testing

@Suite struct CSVReaderTests {
    func records(_ text: String) throws(CSVReader.Problem) -> [CSVReader.Record] {
        var reader = CSVReader(data: Data(text.utf8))
        var result: [CSVReader.Record] = []
        while let record = try reader.next() { result.append(record) }
        return result
    }

    @Test func quotesDoubledQuotesAndLineBreaksInCells() throws {
        let rows = try records("a,b,c\r\n\"x, y\",\"he said \"\"hi\"\"\",\"two\nlines\"\n\n1,,3\n")
        #expect(rows.map(\.cells) == [["a", "b", "c"], ["x, y", "he said \"hi\"", "two\nlines"], ["1", "", "3"]])
        #expect(rows.map(\.line) == [1, 2, 5])
    }

    @Test func aLoneCarriageReturnEndsALineToo() throws {
        let rows = try records("a,b\r1,\"x\ry\"\r\r2,3\r\n4,5")
        #expect(rows.map(\.cells) == [["a", "b"], ["1", "x\ry"], ["2", "3"], ["4", "5"]])
        #expect(rows.map(\.line) == [1, 2, 5, 6])
        #expect(CSVReader(data: Data("a;b\r1,5;2\r".utf8)).delimiter == UInt8(ascii: ";"))
    }

    @Test func delimiterIsGuessedFromTheHeader() throws {
        var semicolons = CSVReader(data: Data("a;b;\"c,d\"\n1;2;3\n".utf8))
        #expect(semicolons.delimiter == UInt8(ascii: ";"))
        let header = try semicolons.next()
        #expect(header?.cells == ["a", "b", "c,d"])
        #expect(CSVReader(data: Data("a\tb\n".utf8)).delimiter == UInt8(ascii: "\t"))
        #expect(CSVReader(data: Data("\u{FEFF}a,b\n".utf8)).delimiter == UInt8(ascii: ","))
    }

    @Test func brokenFilesSayWhere() {
        #expect(throws: CSVReader.Problem.unbalancedQuote(line: 2)) { try records("a,b\n\"open,b\nc,d\n") }
        #expect(throws: CSVReader.Problem.strayQuote(line: 2)) { try records("a,b\nx\"y,b\n") }
        #expect(throws: CSVReader.Problem.strayQuote(line: 1)) { try records("\"a\"b,c\n") }
        var bytes = Data("a,b\n1,2\n".utf8)
        bytes.append(contentsOf: [0x33, 0xE9, 0x2C, 0x34, 0x0A])
        #expect(throws: CSVReader.Problem.invalidUTF8(line: 3)) {
            var reader = CSVReader(data: bytes)
            while try reader.next() != nil {}
        }
    }

    @Test func writerQuotesOnlyWhenNeeded() {
        let writer = CSVWriter()
        #expect(writer.line(["a", "b,c", "d\"e", "f\ng"]) == "a,\"b,c\",\"d\"\"e\",\"f\ng\"\n")
    }
}

@Suite struct TabularResponsesTests {
    func nextRow(_ reader: inout TabularResponses) throws -> TabularResponses.Row {
        let row = reader.next()
        return try #require(row)
    }

    func table(_ text: String, mapping: ColumnMapping = ColumnMapping()) throws -> TabularResponses {
        TabularResponses(file: "export.csv", data: Data(text.utf8), questionnaire: try Fixtures.mini(), mapping: mapping)
    }

    @Test func headersByIdOrLabelAndAnswersByIdOrLabel() throws {
        var reader = try table(
            """
            Organisation,Typologie,Référent données ?,p2,Où publiez-vous ?,s1,p2.justification,p2.confidence
            Commune X,Commune,Oui,Adoptée,Portail mutualisé;data.gouv.fr,yes,Délibération,unsure
            """)
        #expect(reader.problems.isEmpty)
        let next = reader.next()
        let row = try #require(next)
        let raw = try #require(row.response)
        #expect(raw.profile.map(\.field) == ["organisation", "typology"])
        #expect(raw.profile[1].value == .scalar("commune"))
        #expect(raw.answers.map(\.questionID) == ["p1", "p2", "s2", "s1"])
        #expect(raw.answers[0].value == .scalar("yes"))
        #expect(raw.answers[1].value == .scalar("adopted"))
        #expect(raw.answers[1].justification == "Délibération")
        #expect(raw.answers[1].confidence == .unsure)
        #expect(raw.answers[2].value == .list(["shared", "national"]))
        let (response, issues) = ResponseChecker(questionnaire: try Fixtures.mini()).check(raw)
        #expect(issues.isEmpty)
        #expect(response?.answers["s2"]?.value == .choices(["shared", "national"]))
    }

    @Test func unknownAndDuplicateColumnsAreLocated() throws {
        let reader = try table("organisation,typology,p1,Référent données ?,remarque,p9\n")
        #expect(
            reader.problems.map { $0.rendered(.en) } == [
                "export.csv:1:4: error: column 'Référent données ?' means the same as 'p1'",
                "export.csv:1:5: error: unknown column 'remarque': name it by a question or profile id, or map it in a mapping file (--mapping)",
                "export.csv:1:6: error: unknown column 'p9'; did you mean 'p1'?",
            ])
        #expect(!reader.isUsable)
    }

    @Test func aMappingNamesColumnsAndAnswerTexts() throws {
        let mapping = ColumnMapping(
            columns: ["Horodateur": .ignore, "Nom": .profile("organisation"), "Avez-vous un référent ?": .answer("p1")],
            values: ["Tout à fait": "yes"], separator: "|")
        var reader = try table(
            "Horodateur,Nom,typology,Avez-vous un référent ?,s2\n2025-01-01,X,commune,Tout à fait,own|shared\n", mapping: mapping)
        // A column is ignored: the scored questions no column gives are named, not silently unanswered.
        #expect(
            reader.problems.map { $0.rendered(.en) } == [
                "export.csv:1: warning: 5 scored question(s) with no column in this file, counted as unanswered in every row: p2, p3, s1, s3, s4 (a column ignored or misnamed? see --mapping)"
            ])
        let next = reader.next()
        let raw = try #require(next?.response)
        #expect(raw.answers.map(\.value) == [.scalar("yes"), .list(["own", "shared"])])
    }

    @Test func wrongCellCountIsARowProblem() throws {
        var reader = try table("organisation,typology,p1\nX,commune\nY,commune,yes\n")
        let firstRow = reader.next()
        let first = try #require(firstRow)
        #expect(first.response == nil)
        #expect(
            first.problems.map { $0.rendered(.en) } == [
                "export.csv:2: error: row 2: 2 cells instead of 3 (one per header column)"
            ])
        let secondRow = reader.next()
        #expect(secondRow?.response != nil)
    }

    @Test func blankTrailingHeadersAreIgnoredUnlessTheirColumnHoldsAValue() throws {
        var reader = try table("organisation,typology,p1,,\nX,commune,yes,,\nY,commune,no\nZ,commune,yes,,oops\nW,commune,no,\n")
        #expect(reader.problems.isEmpty)
        #expect(reader.isUsable)
        let x = try nextRow(&reader)
        #expect(x.problems.isEmpty)
        #expect(x.response?.answers.map(\.value) == [.scalar("yes")])
        let y = try nextRow(&reader)
        #expect(y.problems.isEmpty, "a row may leave the unnamed last columns out")
        let z = try nextRow(&reader)
        #expect(
            z.problems.map { $0.rendered(.en) } == [
                "export.csv:4: error: row 4, unnamed column (column 5): value 'oops'; give the column a header or empty it"
            ])
        #expect(try nextRow(&reader).problems.isEmpty)
        let trailing = try table("organisation,typology,p1\nX,commune,yes,\n")
        var rows = trailing
        #expect(try nextRow(&rows).problems.isEmpty, "a trailing separator on a row only is an empty cell")
    }

    @Test func anInvalidConfidenceIsReportedWithItsRowAndColumn() throws {
        var reader = try table("organisation,typology,p1.confidence,p1\nA,commune,maybe,yes\nB,commune,Unsure,yes\n")
        let first = try nextRow(&reader)
        #expect(
            first.problems.map { $0.rendered(.en) } == [
                "export.csv:2: error: row 2, column 'p1.confidence': invalid value 'maybe' for 'confidence' (possible values: sure, unsure)"
            ])
        #expect(
            first.problems.map { $0.rendered(.fr) }.first?.hasSuffix(
                "valeur « maybe » invalide pour « confidence » (valeurs possibles : sure, unsure)") == true)
        let second = try nextRow(&reader)
        #expect(second.problems.isEmpty)
        #expect(second.response?.answers.first?.confidence == .unsure)
    }

    @Test func aMappingFileMustBeOneAndNameASeparator() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("od4g-map-\(UUID().uuidString).yaml").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try "kind: banana\nseparator: \"\"\n".write(toFile: path, atomically: true, encoding: .utf8)
        let result = ColumnMapping.load(path: path, questionnaire: try Fixtures.mini())
        #expect(result.value == nil)
        #expect(
            result.diagnostics.map { $0.rendered(.en) }.map { $0.replacingOccurrences(of: path, with: "map.yaml") } == [
                "map.yaml:1:7: error: file kind 'banana': this file must say 'kind: column-mapping'",
                "map.yaml:2:12: error: 'separator' cannot be empty: give the character that separates multiple choices (e.g. ';' or '|')",
            ])
        try "kind: column-mapping\nseparator: \"|\"\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(ColumnMapping.load(path: path, questionnaire: try Fixtures.mini()).value?.separator == "|")
    }

    @Test func mappingFileIsCheckedAgainstTheQuestionnaire() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("od4g-map-\(UUID().uuidString).yaml").path
        try "kind: column-mapping\ncolumns:\n  \"Nom\": organisation\n  \"Q\": p1.commentaire\n  \"R\": p7\n".write(
            toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = ColumnMapping.load(path: path, questionnaire: try Fixtures.mini())
        #expect(result.value == nil)
        #expect(
            result.diagnostics.map { $0.rendered(.en) }.map { $0.replacingOccurrences(of: path, with: "map.yaml") } == [
                "map.yaml:4:8: error: unknown target 'p1.commentaire': ignore, a profile field, a question, or question.justification / .evidence / .confidence",
                "map.yaml:5:8: error: unknown target 'p7': ignore, a profile field, a question, or question.justification / .evidence / .confidence",
            ])
    }
}
