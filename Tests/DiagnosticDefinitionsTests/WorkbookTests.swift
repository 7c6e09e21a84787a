import DiagnosticCore
import DiagnosticDefinitions
import DiagnosticTestSupport
import Foundation
import Testing

/// Workbooks (XLSX, ODS) and CSV files in other encodings than UTF-8 read as their authors see them.
@Suite struct WorkbookTests {
    func workbook(_ name: String) throws -> Data {
        try Data(contentsOf: URL(fileURLWithPath: Fixtures.path("exports/" + name)))
    }

    /// The rows of mini-campaign.csv, as the fixtures' workbooks hold them.
    func campaignRows() throws -> [[String]] {
        var reader = CSVReader(data: try Data(contentsOf: URL(fileURLWithPath: Fixtures.path("mini-campaign.csv"))))
        var rows: [[String]] = []
        while let record = try reader.next() {
            // A workbook's row ends at its last filled cell.
            var cells = record.cells
            while cells.last == "" { cells.removeLast() }
            rows.append(cells)
        }
        return rows
    }

    @Test func anXLSXSheetIsReadByNameWithItsRowNumbersNumbersAndSharedStrings() throws {
        let data = try workbook("mini-campaign.xlsx")
        let first = try WorkbookSheet.read(data, format: .xlsx).get()
        #expect(first.name == "Lisez-moi")
        #expect(first.rows == [WorkbookSheet.Row(number: 1, cells: ["Export des réponses du questionnaire mini"])])
        let answers = try WorkbookSheet.read(data, format: .xlsx, sheet: "réponses").get()
        #expect(answers.name == "Réponses")
        // Row 2 is blank: the data starts on row 3, and keeps its number.
        #expect(answers.rows.map(\.number) == [1] + Array(3...11))
        #expect(answers.rows.map(\.cells) == (try campaignRows()))
        #expect(answers.rows[4].cells.last == "Nous manquons de temps, et \"d'outils\"")
        let missing = WorkbookSheet.read(data, format: .xlsx, sheet: "Feuil1")
        #expect(throws: WorkbookSheet.Problem.noSuchSheet("Feuil1", available: ["Lisez-moi", "Réponses"])) { try missing.get() }
        #expect(
            DefinitionMessage.workbook(.noSuchSheet("Feuil1", available: ["Lisez-moi", "Réponses"])).text(.fr)
                == "aucune feuille « Feuil1 » dans ce classeur ; feuilles : « Lisez-moi », « Réponses »")
    }

    @Test func anODSTableGivesValuesNotTheirFormatAndNoCommentsNorEndlessRepeatedRows() throws {
        let sheet = try WorkbookSheet.read(try workbook("mini-campaign.ods"), format: .ods).get()
        #expect(sheet.name == "Réponses")
        // Two empty rows repeated after the header; a million empty ones at the end are never made.
        #expect(sheet.rows.map(\.number) == [1] + Array(4...12))
        // "300,00" shown, 300 stored; the comment on "Commune A" is not its text.
        #expect(sheet.rows.map(\.cells) == (try campaignRows()))
    }

    @Test func whatIsNotAWorkbookIsSaidSo() throws {
        let yaml = Data("questionnaire: mini\nrespondent: {organisation: A}\n".utf8)
        #expect(throws: WorkbookSheet.Problem.notAPackage(.xlsx)) { try WorkbookSheet.read(yaml, format: .xlsx).get() }
        #expect(
            DefinitionMessage.workbook(.notAPackage(.xlsx)).text(.en)
                == "not a readable XLSX workbook (a damaged file, or another format under that extension)")
        // An ODS package is not an XLSX one.
        #expect(throws: WorkbookSheet.Problem.missingPart(.xlsx, "xl/workbook.xml")) {
            try WorkbookSheet.read(try workbook("mini-campaign.ods"), format: .xlsx).get()
        }
        #expect(WorkbookSheet.Format(path: "export.XLSX") == .xlsx)
        #expect(WorkbookSheet.Format(path: "export.ods") == .ods)
        #expect(WorkbookSheet.Format(path: "export.csv") == nil)
    }

    @Test func windows1252AndUTF16AreReadAndOtherBytesRefusedNeverGarbled() throws {
        // "Mairie de Thé ’" as French Excel saves it (é = E9, ’ = 92).
        let windows = Data(Array("Mairie de Th".utf8) + [0xE9, 0x20, 0x92])
        #expect(TableEncoding.decode(windows) == .text(Data("Mairie de Thé ’".utf8), .windows1252))
        var utf16 = Data([0xFF, 0xFE])
        utf16.append("a\tb\nThé\t1\n".data(using: .utf16LittleEndian)!)
        #expect(TableEncoding.decode(utf16) == .text(Data("a\tb\nThé\t1\n".utf8), .utf16))
        #expect(TableEncoding.decode(Data("Thé".utf8)) == .text(Data("Thé".utf8), .utf8))
        // Mac Roman's é is 8E, a rare sign in Windows-1252 (Ž): not taken for French text.
        #expect(TableEncoding.decode(Data(Array("Th".utf8) + [0x8E, 0x20, 0x8F, 0x88])) == .unknown)
        // A UTF-8 file with one stray byte is UTF-8 with a fault, not Windows-1252 ("ThÃ©").
        #expect(TableEncoding.decode(Data(Array("Thé ".utf8) + [0xE9])) == .brokenUTF8)
    }
}

/// Cells of form tools read by their labels: typography aside, labels holding the separator, "Autre" texts.
@Suite struct ChoiceCellTests {
    func table(_ csv: String, mapping: ColumnMapping = ColumnMapping()) throws -> (TabularResponses, TabularResponses.Row) {
        let questionnaire = try Fixtures.questionnaire(at: Fixtures.od4growthPath)
        var table = TabularResponses(file: "t.csv", data: Data(csv.utf8), questionnaire: questionnaire, mapping: mapping)
        let row = table.next()
        return (table, try #require(row))
    }

    @Test func choicesJoinedByACommaThatLabelsHoldToo() throws {
        // Google Forms joins checked boxes with ", "; the respondent's "Autre" text comes in the same cell.
        let cell =
            "Gagner du temps en interne (ne plus ressaisir, retrouver l’information), Mieux coopérer avec nos partenaires (communes, intercommunalité, État, syndicats…), Pour la transparence, envers nos élus"
        let (_, row) = try table(
            "organisation,typology,mot-motivations\nCommune A,commune,\"\(cell)\"\n", mapping: ColumnMapping(separator: ", "))
        let answer = try #require(row.response?.answers.first { $0.questionID == "mot-motivations" })
        #expect(answer.value == .list(["efficacite-interne", "cooperation", "autre"]))
        #expect(answer.justification == "Pour la transparence, envers nos élus")
        #expect(
            row.problems.map { $0.rendered(Language.en) } == [
                "t.csv:2: warning: row 2, column 'mot-motivations': 'Pour la transparence, envers nos élus' is not an option, read as 'autre' with this text as its justification"
            ])
    }

    @Test func choicesJoinedByCommasAreFoundWithoutASeparatorInTheMapping() throws {
        let (_, row) = try table(
            "organisation,typology,mot-motivations\nCommune A,commune,\"Accéder à des financements, Innover, expérimenter de nouveaux services\"\n"
        )
        let answer = try #require(row.response?.answers.first { $0.questionID == "mot-motivations" })
        #expect(answer.value == .list(["financements", "innovation"]))
        #expect(row.problems.isEmpty, "\(row.problems.map { $0.rendered(Language.en) })")
    }

    @Test func aSingleChoiceWithAnAutreOptionTakesATextButNotABlankCell() throws {
        // The mini questionnaire's strategy question, given an "Autre" option.
        let text = try String(contentsOfFile: Fixtures.path("mini.yaml"), encoding: .utf8).replacingOccurrences(
            of: "      - {id: funded, label: {fr: Adoptée et financée, en: Adopted and funded}, points: 15}\n",
            with:
                "      - {id: funded, label: {fr: Adoptée et financée, en: Adopted and funded}, points: 15}\n      - {id: autre, label: {fr: Autre, en: Other}, points: 0}\n"
        )
        let questionnaire = try #require(QuestionnaireLoader.load(text: text, file: "mini.yaml").value)
        #expect(questionnaire.question("p2")?.options.last?.id == "autre")
        var table = TabularResponses(
            file: "t.csv", data: Data("organisation,typology,p2\nA,commune,Une délibération\nB,commune,\"   \"\n".utf8),
            questionnaire: questionnaire)
        let typed = try #require(table.next()?.response?.answers.first)
        #expect(typed.value == .scalar("autre"))
        #expect(typed.justification == "Une délibération")
        // Spaces only are no answer, as before the "Autre" rule.
        #expect(table.next()?.response?.answers.first?.value.isEmpty ?? true)
    }

    @Test func headersAndAnswersMatchWhateverTheTypography() throws {
        // ’ for ', a non-breaking space before "?", doubled spaces, another case.
        let header =
            "Votre organisation a-t-elle écrit ce qu’elle veut faire de ses données (une stratégie ou une feuille de route « données »)\u{00A0}?"
        let (table, row) = try table("organisation,typology,\"\(header)\"\nCommune A,commune,\"NON,  RIEN N’EST PRÉVU\"\n")
        #expect(table.isUsable, "\(table.problems.map { $0.rendered(Language.en) })")
        #expect(row.response?.answers.first?.value == .scalar("aucune"))
        #expect(table.targets.last == .answer("pil-strategie"))
    }
}
