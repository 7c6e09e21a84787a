import DiagnosticCore
import DiagnosticDefinitions
import DiagnosticTestSupport
import Foundation
import Testing

/// `od4g form --format limesurvey`, then the responses export LimeSurvey makes of a survey
/// imported from that file (Responses → Export → CSV, "Question code" headings, "Answer codes"):
/// imported with no mapping, the answers of od4g's own CSV come back with exactly their scores and
/// stored answers.
///
/// The export is written here from the survey file's own rows, as LimeSurvey lays it out: its
/// metadata columns first (`id`, `submitdate`, `lastpage`, `startlanguage`, `seed`, `startdate`,
/// `datestamp`); a question's column named by its code, a list's answer by its answer code (`-oth-`
/// for "Other", its text in `CODE[other]`); a multiple choice one column per sub-question,
/// `CODE[SQ]` holding `Y` or nothing, and `CODE[other]` with the text; an equation's value; a
/// question not shown or not answered empty. UTF-8 with a BOM, every value quoted, an empty one
/// written as nothing, `,`, CR LF. Answers are found in the file by their labels, not by od4g's codes.
@Suite struct LimeSurveyRoundTripTests {
    /// One question of the survey file, in the base language.
    struct Item {
        var type: String
        var code: String
        var text: String
        var other: Bool
        /// When it is shown (ExpressionScript).
        var relevance: String
        /// Its sub-questions and answers: code and text.
        var subquestions: [(code: String, text: String)] = []
        var answers: [(code: String, text: String)] = []
    }

    /// The survey file `od4g form` writes with `arguments`, read back: its header and its questions.
    func survey(_ arguments: [String]) throws -> (items: [Item], header: [String], run: CLIRun) {
        let scratch = try Scratch()
        let output = scratch.folder + "/survey.txt"
        let run = runCLI(["form", "--format", "limesurvey", "--output", output, "--lang", "fr"] + arguments)
        guard run.status == 0, let data = scratch.bytes(output) else { return ([], [], run) }
        var reader = CSVReader(data: data, delimiter: UInt8(ascii: "\t"))
        guard let header = try reader.next()?.cells else { return ([], [], run) }
        var items: [Item] = []
        while let record = try reader.next() {
            let row = Dictionary(zip(header, record.cells), uniquingKeysWith: { first, _ in first })
            guard row["language"] == "fr" else { continue }
            switch row["class"] {
            case "Q":
                items.append(
                    Item(
                        type: row["type/scale"] ?? "", code: row["name"] ?? "", text: row["text"] ?? "",
                        other: row["other"] == "Y", relevance: row["relevance"] ?? ""))
            case "SQ": items[items.count - 1].subquestions.append((row["name"] ?? "", row["text"] ?? ""))
            case "A": items[items.count - 1].answers.append((row["name"] ?? "", row["text"] ?? ""))
            default: break
            }
        }
        return (items, header, run)
    }

    /// The labels (HTML as the survey file writes them) of an answer id of `subject`.
    static func labels(_ id: String, subject: String, in questionnaire: Questionnaire) -> [String] {
        var labels: [LocalizedText] = []
        if let question = questionnaire.question(subject) {
            labels += question.options.filter { $0.id == id }.map(\.label)
            if question.kind == .yesNo {
                if id == "yes" { labels.append(questionnaire.yesNoLabels.yes) }
                if id == "no" { labels.append(questionnaire.yesNoLabels.no) }
            }
            if let kind = SpecialAnswerKind(rawValue: id), let special = questionnaire.specialAnswer(kind) {
                labels.append(special.label)
            }
        } else if let field = questionnaire.profileField(subject) {
            labels += field.options.filter { $0.id == id }.map(\.label)
            labels += questionnaire.typologies.filter { $0.id == id }.map(\.label)
        }
        return labels.map { escaped($0.resolved("fr")) }
    }

    /// The id (question or profile field) each item asks, found by its label.
    static func subject(of item: Item, in questionnaire: Questionnaire) -> String? {
        let ids = questionnaire.profileFields.map { ($0.id, $0.label) } + questionnaire.questions.map { ($0.id, $0.label) }
        return ids.first { escaped($0.1.resolved("fr")) == item.text }?.0
    }

    static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
            .replacingOccurrences(of: "\n", with: "<br />")
    }

    /// The export of `rows` answered on the survey of `items`.
    func export(_ items: [Item], _ rows: [[String: String]], questionnaire: Questionnaire) throws -> String {
        var header = ["id", "submitdate", "lastpage", "startlanguage", "seed", "startdate", "datestamp"]
        var subjects: [String?] = []
        for item in items {
            let subject = item.type == "*" ? "typology" : Self.subject(of: item, in: questionnaire)
            #expect(subject != nil, "no question is labelled \(item.text)")
            subjects.append(subject)
            if item.type == "M" {
                header += item.subquestions.map { "\(item.code)[\($0.code)]" }
            } else {
                header.append(item.code)
            }
            if item.other { header.append("\(item.code)[other]") }
        }
        var table = [header]
        // Follow-ups and size rules hide questions from some respondents.
        var hidden = 0
        defer { #expect(hidden > 0) }
        for (number, row) in rows.enumerated() {
            let time = "2026-11-\(10 + number) 09:\(10 + number):00"
            var cells = [String(number + 1), time, "6", "fr", String(4000 + number * 37), time, time]
            // What the survey holds so far, by column, for the relevance equations.
            func given(_ name: String) -> String {
                let index =
                    header.firstIndex(of: name)
                    ?? name.firstIndex(of: "_").flatMap { underscore in
                        header.firstIndex(of: "\(name[..<underscore])[\(name[name.index(after: underscore)...])]")
                    }
                return index.flatMap { $0 < cells.count ? cells[$0] : nil } ?? ""
            }
            for (item, subject) in zip(items, subjects) {
                let subject = subject ?? ""
                var value = row[subject] ?? ""
                var expression = FormExpression(value: given)
                if try !expression.holds(item.relevance) {
                    #expect(
                        value.isEmpty, "row \(number + 1): \(subject) is answered, but the survey hides it (\(item.relevance))")
                    value = ""
                    hidden += 1
                }
                let justification = row[subject + ".justification"] ?? ""
                let other = questionnaire.question(subject)?.options.first { ["autre", "other"].contains($0.id) }?.id
                switch item.type {
                case "*":
                    cells.append(item.text)
                case "M":
                    let chosen = value.split(separator: ";").map(String.init)
                    for sub in item.subquestions {
                        let ticked = chosen.contains { Self.labels($0, subject: subject, in: questionnaire).contains(sub.text) }
                        cells.append(ticked ? "Y" : "")
                    }
                    // Every chosen answer has its sub-question, but "Other", whose text is the column's.
                    for id in chosen where id != other {
                        let labels = Self.labels(id, subject: subject, in: questionnaire)
                        #expect(item.subquestions.contains { labels.contains($0.text) }, "\(subject): \(id)")
                    }
                case "L" where value.isEmpty:
                    cells.append("")
                case "L" where value == other:
                    cells.append("-oth-")
                case "L":
                    let labels = Self.labels(value, subject: subject, in: questionnaire)
                    // A scale's values are coded by themselves.
                    let answer = item.answers.first { labels.contains($0.text) } ?? item.answers.first { $0.code == value }
                    #expect(answer != nil, "\(subject): no answer for \(value)")
                    cells.append(answer?.code ?? "")
                default:
                    cells.append(value)
                }
                if item.other { cells.append(value.split(separator: ";").contains { $0 == other ?? "" } ? justification : "") }
            }
            table.append(cells)
        }
        return "\u{FEFF}"
            + table.map { cells in
                cells.map { $0.isEmpty ? "" : "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
                    .joined(separator: ",") + "\r\n"
            }.joined()
    }

    func expectRoundTrip(
        _ arguments: [String], keeping keep: (([String: String]) -> Bool)? = nil,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let (items, header, run) = try survey(arguments)
        #expect(run.status == 0, "\(run.err)", sourceLocation: sourceLocation)
        #expect(
            Array(header.prefix(12)) == [
                "class", "type/scale", "name", "relevance", "text", "help", "language", "validation", "mandatory", "other",
                "default", "same_default",
            ])
        // LimeSurvey's rules for codes.
        for item in items {
            #expect(item.code.range(of: "^[A-Za-z][A-Za-z0-9]{0,19}$", options: .regularExpression) != nil, "\(item.code)")
            for answer in item.answers {
                #expect(answer.code.range(of: "^[A-Za-z0-9]{1,5}$", options: .regularExpression) != nil, "\(answer.code)")
            }
            #expect(Set(item.answers.map { $0.code.lowercased() }).count == item.answers.count, "\(item.code)")
        }
        #expect(Set(items.map { $0.code.lowercased() }).count == items.count)
        let questionnaire = try Fixtures.questionnaire(at: Fixtures.od4growthPath)
        let own = try XLSFormRoundTripTests.ownRows()
        let rows = keep.map { own.rows.filter($0) } ?? own.rows
        let scratch = try Scratch()
        let csv = try scratch.file("results-survey.csv", try export(items, rows, questionnaire: questionnaire))
        try XLSFormRoundTripTests.expectImportedAsOwn([csv], header: own.header, rows: rows, sourceLocation: sourceLocation)
    }

    @Test func theSurveyForEveryTypologyComesBackWithNoMapping() throws {
        // `od4g form --format limesurvey --output F.txt`: every typology.
        try expectRoundTrip([])
    }

    @Test func theSurveyForCommunesComesBackWithNoMapping() throws {
        let (items, _, _) = try survey(["--typology", "commune"])
        // The type is the survey's own: a hidden equation, not a question.
        #expect(items.first { $0.code == "typology" }.map { [$0.type, $0.text] } == ["*", "commune"])
        try expectRoundTrip(["--typology", "commune"]) { $0["typology"] == "commune" }
    }

    /// Follow-ups and typology rules become relevance equations on od4g's codes.
    @Test func conditionsAreRelevanceEquations() throws {
        let scratch = try Scratch()
        let output = scratch.folder + "/survey.txt"
        #expect(runCLI(["form", "--format", "limesurvey", "--all", "--output", output]).status == 0)
        let text = try String(contentsOfFile: output, encoding: .utf8)
        let lines = text.split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false) }
        func relevance(_ code: String) -> String? {
            lines.first { $0.count > 3 && $0[0] == "Q" && $0[2] == code }.map { String($0[3]) }
        }
        #expect(relevance("pilReferentMission") == "pilReferent.NAOK == 'Y'")
        #expect(relevance("parCanal") == "parPublie.NAOK == 'Y'")
        #expect(relevance("pilMoyens")?.hasPrefix("typology.NAOK == 'regio' or typology.NAOK == 'depar' or") == true)
        #expect(relevance("pilStrategie") == "1")
        // Every language has the same questions in the same order.
        let french = lines.filter { $0.count > 6 && $0[0] == "Q" && $0[6] == "fr" }.map { $0[2] }
        let english = lines.filter { $0.count > 6 && $0[0] == "Q" && $0[6] == "en" }.map { $0[2] }
        #expect(!french.isEmpty && french == english)
    }
}
