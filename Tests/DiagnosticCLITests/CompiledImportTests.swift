import DiagnosticCore
import DiagnosticDefinitions
import DiagnosticStore
import DiagnosticTestSupport
import Foundation
import Testing

@testable import DiagnosticCLI
@testable import DiagnosticPipeline

/// The compiled import path (`TabularResponses.checkedRow`, `Scorer.result`) against the generic
/// one (`response(_:)`, `ResponseChecker.check`, `Scorer.score`), which stays the reference: on
/// simulated rows and on rows spoilt at random, a row takes the compiled path exactly when the
/// generic path finds nothing to say about it, and then both store the same thing.
@Suite struct CompiledImportTests {
    /// A small deterministic generator (SplitMix64), so a failure can be replayed.
    struct Random {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
        mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
    }

    /// What both paths made of one row.
    struct Comparison {
        var compiled = 0
        var generic = 0
    }

    /// Compares both paths on every row of `csv`; returns how many rows each path took.
    func compare(csv: String, questionnaire: Questionnaire) throws -> Comparison {
        let table = TabularResponses(file: "rows.csv", data: Data(csv.utf8), questionnaire: questionnaire)
        #expect(table.isUsable, "\(table.problems.map { $0.rendered(.en) })")
        var reader = table
        let preparer = ImportPipeline.Preparer(questionnaire: questionnaire)
        var comparison = Comparison()
        while let row = reader.nextRecord() {
            guard row.problems.isEmpty else { continue }
            let (response, issues) = preparer.checker.check(table.response(row.cells))
            let problems = table.cellProblems(row)
            let checked = table.checkedRow(row.cells, checker: preparer.checker)
            let clean = issues.isEmpty && problems.isEmpty
            #expect(
                (checked != nil) == clean,
                "row \(row.number): compiled \(checked != nil), generic issues \(issues) \(problems.map { $0.rendered(.en) }) \(row.cells)"
            )
            guard let checked, clean, let response else {
                comparison.generic += 1
                continue
            }
            comparison.compiled += 1
            let generic = try #require(try preparer.prepare(response, source: "rows.csv:\(row.line)"))
            let compiled = preparer.prepare(checked, source: "rows.csv:\(row.line)")
            #expect(compiled.identity == generic.identity, "row \(row.number)")
            #expect(compiled.entry.profileJSON == generic.entry.profileJSON, "row \(row.number)")
            #expect(compiled.entry.answersJSON == generic.entry.answersJSON, "row \(row.number): \(row.cells)")
            #expect(compiled.entry.result == generic.entry.result, "row \(row.number): \(row.cells)")
        }
        return comparison
    }

    /// Rows of simulated respondents, as cells by column id.
    func simulatedRows(_ questionnaire: Questionnaire, count: Int, seed: UInt64) -> (columns: [String], rows: [[String]]) {
        let table = SimulationTable(questionnaire: questionnaire)
        var text = table.header
        for raw in Simulator(questionnaire: questionnaire, seed: seed).respondents(count: count) { text += table.line(raw) }
        var reader = TabularResponses(file: "sim.csv", data: Data(text.utf8), questionnaire: questionnaire)
        var rows: [[String]] = []
        while let row = reader.nextRecord() { rows.append(row.cells) }
        return (table.columns, rows)
    }

    @Test func simulatedRowsAllTakeTheCompiledPathAndStoreTheSame() throws {
        let questionnaire = try Fixtures.questionnaire(at: Fixtures.od4growthPath)
        let (columns, rows) = simulatedRows(questionnaire, count: 1500, seed: 31)
        let writer = CSVWriter()
        let csv = writer.line(columns) + rows.map(writer.line).joined()
        let comparison = try compare(csv: csv, questionnaire: questionnaire)
        #expect(comparison.compiled == rows.count)
        #expect(comparison.generic == 0)
    }

    @Test func spoiltRowsTakeTheGenericPathExactlyWhenItHasSomethingToSay() throws {
        let questionnaire = try Fixtures.questionnaire(at: Fixtures.od4growthPath)
        let (columns, rows) = simulatedRows(questionnaire, count: 1200, seed: 5)
        var random = Random(state: 2026)
        // Justification, evidence and confidence columns for a few questions, after the others.
        let detailed = questionnaire.questions.filter { $0.scored }.prefix(4).map(\.id)
        let detailColumns = detailed.flatMap { ["\($0).justification", "\($0).evidence", "\($0).confidence"] }
        let detailValues = [
            "", "", "", "  ", "parce que \"oui\"", "https://a.example; https://b.example", "sure", "UNSURE ", "peut-être",
        ]
        let spoilt = rows.map { cells -> [String] in
            var cells = cells
            for _ in 0..<random.below(3) {
                let column = random.below(cells.count)
                cells[column] = spoil(cells[column], column: columns[column], questionnaire: questionnaire, random: &random)
            }
            // Details on one row in four, so that most rows stay clean.
            let details = random.below(4) == 0
            return cells + detailColumns.map { _ in details ? random.pick(detailValues) : "" }
        }
        for delimiter: Character in [",", ";"] {
            let writer = CSVWriter(delimiter: delimiter)
            // With `;` between cells, multiple choices are separated by `|`.
            let csv =
                writer.line(columns + detailColumns)
                + spoilt.map { cells in
                    writer.line(delimiter == ";" ? cells.map { $0.replacingOccurrences(of: ";", with: "|") } : cells)
                }.joined()
            let comparison = try compare(csv: csv, questionnaire: questionnaire)
            // Both paths are exercised: most spoilt rows are still clean, many are not.
            #expect(comparison.compiled > rows.count / 4, "\(comparison)")
            #expect(comparison.generic > rows.count / 10, "\(comparison)")
        }
    }

    /// A cell changed the way people fill in forms: labels for ids, spaces, case, special answers,
    /// typos, repeated or combined options, numbers written differently, or an answer where none was asked.
    func spoil(_ cell: String, column: String, questionnaire: Questionnaire, random: inout Random) -> String {
        if let field = questionnaire.profileField(column) {
            switch field.kind {
            case .typology:
                let typology = random.pick(questionnaire.typologies)
                return random.pick([
                    typology.id, " \(typology.id) ", typology.label.resolved("fr"), typology.label.resolved("en").uppercased(),
                    "", "mairie",
                ])
            case .integer, .number:
                return random.pick(["3 500", "12,5", "-2", "abc", "", " 42 ", "1e3", "0x10"])
            default:
                return random.pick([cell, "", "  \(cell)  ", cell.uppercased(), "Nom \"cité\", ; ok"])
            }
        }
        guard let question = questionnaire.question(column) else { return cell }
        let specials = ["dont_know", "not_applicable", " dont_know ", "Ne sait pas", "Non concerné", "nsp"]
        switch question.kind {
        case .yesNo, .single, .grid:
            let option = random.pick(question.options)
            return random.pick(
                [
                    option.id, " \(option.id)", option.label.resolved("fr"), option.label.resolved("en"),
                    option.label.resolved("fr").uppercased(),
                    "zzz", "", "   ", "\(option.id);\(option.id)",
                ] + specials)
        case .multiple:
            let options = question.options
            let a = random.pick(options)
            let b = random.pick(options)
            return random.pick(
                [
                    "\(a.id);\(b.id)", "\(a.id) ; \(b.id)", "\(a.id);;\(b.id);", ";", "\(a.label.resolved("fr"));\(b.id)",
                    a.label.resolved("en"), "\(a.id);zzz", "\(a.id);\(a.id)", "", " ", a.id, "dont_know;\(a.id)",
                ] + specials)
        case .scale, .number:
            return random.pick(["3", " 4 ", "2,0", "1e2", "-1", "x", "99", "0", "", "3 000", "12.5"] + specials)
        case .text:
            return random.pick(["", "  ", "Un texte, avec \"guillemets\"", "dont_know", " not_applicable ", "ligne\nsuivante"])
        }
    }
}
