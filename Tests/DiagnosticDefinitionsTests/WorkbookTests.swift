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

/// What the tools' own layouts need read: headers on two rows, an "Autre" option's column, a
/// special answer ticked in its column, XML names, a scale's labels, a profile choice's codes.
@Suite struct ToolLayoutTests {
    func table(_ csv: String, mapping: ColumnMapping = ColumnMapping()) throws -> (TabularResponses, [TabularResponses.Row]) {
        let questionnaire = try Fixtures.questionnaire(at: Fixtures.od4growthPath)
        var table = TabularResponses(file: "t.tsv", data: Data(csv.utf8), questionnaire: questionnaire, mapping: mapping)
        var rows: [TabularResponses.Row] = []
        while let row = table.next() { rows.append(row) }
        return (table, rows)
    }

    /// A mapping file of `text`, loaded.
    func mapping(_ text: String) throws -> LoadResult<ColumnMapping> {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("od4g-map-\(UUID().uuidString).yaml").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try ("kind: column-mapping\n" + text).write(toFile: path, atomically: true, encoding: .utf8)
        return ColumnMapping.load(path: path, questionnaire: try Fixtures.questionnaire(at: Fixtures.od4growthPath))
    }

    func answer(_ row: TabularResponses.Row, _ id: String) -> RawAnswer? {
        row.response?.answers.first { $0.questionID == id }
    }

    @Test func headersOnTwoRowsNameAQuestionsOptionColumns() throws {
        // A webform's export: the title, the labels (a checkbox list's once, above its options), the options.
        let label = "Où publiez-vous vos données ?"
        let csv =
            "Diagnostic\t\t\t\t\t\n"
            + "Serial\tNom de l'organisation\tType d'organisation\t\(label)\t\t\n"
            + "\t\t\tSur un portail partagé : DataGrandEst, le portail de notre intercommunalité ou de notre département…\tDirectement sur data.gouv.fr, le portail national\tJe ne sais pas\n"
            + "1\tCommune A\tCommune / ville\tX\tX\t\n"
            + "2\tCommune B\tCommune / ville\t\t\tX\n"
        var mapping = ColumnMapping(columns: ["Serial": .ignore])
        mapping.headerRow = 2
        mapping.headerRowCount = 2
        let (table, rows) = try table(csv, mapping: mapping)
        #expect(table.isUsable, "\(table.problems.map { $0.rendered(Language.en) })")
        #expect(
            Array(table.targets.suffix(3)) == [
                .answerOption("par-canal", "portail-mutualise"), .answerOption("par-canal", "data-gouv"),
                .answerOption("par-canal", "dont_know"),
            ])
        #expect(
            table.header[3] == label
                + "/Sur un portail partagé : DataGrandEst, le portail de notre intercommunalité ou de notre département…")
        #expect(rows.map(\.number) == [4, 5])
        #expect(answer(rows[0], "par-canal")?.value == .list(["portail-mutualise", "data-gouv"]))
        // "Je ne sais pas" ticked in its own column is the whole answer.
        #expect(answer(rows[1], "par-canal")?.value == .scalar("dont_know"))
    }

    @Test func headerRowsMustFollowEachOther() throws {
        for (text, message) in [
            ("header_row: [2, 4]\n", "'header_row': the header rows [2, 4] must follow each other (e.g. [2, 3])"),
            ("header_row: [0, 1]\n", "'header_row' must be a whole number, not '0'"),
        ] {
            let loaded = try mapping(text)
            #expect(loaded.value == nil)
            #expect(
                loaded.diagnostics.contains { $0.rendered(Language.en).contains(message) },
                "\(loaded.diagnostics.map { $0.rendered(Language.en) })")
        }
        let loaded = try #require(try mapping("header_row: [2, 3]\n").value)
        #expect(loaded.headerRow == 2 && loaded.headerRowCount == 2)
    }

    @Test func anAutreColumnHoldsTheTextAndNAIsNoChoice() throws {
        // LimeSurvey: `Q[other]` holds the text typed; N/A where the question was not shown.
        let csv =
            "organisation,typology,mot-motivations[transparence],mot-motivations[other]\n"
            + "Commune A,commune,Y,\"Répondre à une association, « Vélo en ville »\"\n"
            + "Commune B,commune,N/A,N/A\n"
        let (table, rows) = try table(csv)
        #expect(table.isUsable, "\(table.problems.map { $0.rendered(Language.en) })")
        let first = try #require(answer(rows[0], "mot-motivations"))
        #expect(first.value == .list(["transparence", "autre"]))
        #expect(first.justification == "Répondre à une association, « Vélo en ville »")
        #expect(
            rows[0].problems.isEmpty && rows[1].problems.isEmpty, "\(rows.map { $0.problems.map { $0.rendered(Language.en) } })")
        #expect(answer(rows[1], "mot-motivations")?.value.isEmpty ?? true)
    }

    @Test func xmlNamesWithUnderscoresNameIdsWithDashes() throws {
        // KoboToolbox: `group/pil_strategie` holding the choice name `adoptee_suivie`.
        let (table, rows) = try table(
            "profil/organisation;profil/typology;piloter/pil_strategie;usages/usa_usages/cartes_sig\nCommune A;commune;adoptee_suivie;1\n"
        )
        #expect(table.isUsable, "\(table.problems.map { $0.rendered(Language.en) })")
        #expect(answer(rows[0], "pil-strategie")?.value == .scalar("adoptee-suivie"))
        #expect(answer(rows[0], "usa-usages")?.value == .list(["cartes-sig"]))
    }

    @Test func aScaleAnsweredWithItsLabelsNeedsNoMapping() throws {
        // Microsoft Forms' choices labelled as the questionnaire's scale: "Pas du tout" is 0, "Peu" 1.
        let (table, rows) = try table(
            "organisation,typology,pil-elus\nCommune A,commune,Peu\nCommune B,commune,PAS DU TOUT\nCommune C,commune,3\n")
        #expect(table.isUsable)
        #expect(rows.map { answer($0, "pil-elus")?.value } == [.scalar("1"), .scalar("0"), .scalar("3")])
        #expect(rows.allSatisfy { $0.problems.isEmpty })
    }

    @Test func profileChoicesTakeCodesOfTheirOwn() throws {
        let loaded = try mapping("values:\n  typology: {AO07: commune}\n  role: {AO02: dgs}\n  nope: {A: b}\n")
        #expect(loaded.diagnostics.map { $0.rendered(Language.en) }.contains { $0.contains("unknown question 'nope'") })
        let codes = ColumnMapping(questionValues: ["typology": ["AO07": "commune"], "role": ["AO02": "dgs"]])
        let (table, rows) = try table("organisation,typology,role\nCommune A,AO07,AO02\n", mapping: codes)
        #expect(table.isUsable)
        #expect(rows[0].response?.profile.first { $0.field == "typology" }?.value == .scalar("commune"))
        #expect(rows[0].response?.profile.first { $0.field == "role" }?.value == .scalar("dgs"))
    }
}
