/// One row of a grid question.
public struct AnswerRow: Sendable, Hashable, Identifiable {
    /// Identifier used in response files (`question: {row: option}`) and table columns (`question.row`).
    public var id: String
    /// Human label.
    public var label: LocalizedText

    /// Creates a row.
    public init(id: String, label: LocalizedText) {
        self.id = id
        self.label = label
    }
}

/// Grid questions: rows sharing one set of options, each row answered with one option.
///
/// Each row is scored as a single choice whose options earn 0 to the weight; the question earns
/// the mean over its rows, a row left unanswered counting 0. With a weight of 12 and options worth
/// 0, 6 and 12, three rows answered 12, 6 and (none) earn (12 + 6 + 0) / 3 = 6.
///
/// Stored as the option chosen in each row, by row id; the results keep, for each answered row,
/// the position `row × options + option`.
struct GridKind: AnswerKindUnit {
    /// The messages of this kind.
    enum Message {
        static func expectedRows(_ rows: [String]) -> ResponseIssue.Reason {
            let form = "{" + rows.map { "\($0): …" }.joined(separator: ", ") + "}"
            return .kind(
                KindMessage(
                    french: "une réponse par ligne est attendue : \(form)",
                    english: "one answer per row is expected: \(form)"))
        }

        static func unknownRow(_ row: String, rows: [String]) -> ResponseIssue.Reason {
            .kind(
                KindMessage(
                    french: "ligne « \(row) » inconnue (lignes : \(rows.joined(separator: ", ")))",
                    english: "unknown row '\(row)' (rows: \(rows.joined(separator: ", ")))"))
        }

        static func optionNotOffered(_ option: String, row: String, offered: [String]) -> ResponseIssue.Reason {
            .kind(
                KindMessage(
                    french:
                        "ligne « \(row) » : la réponse « \(option) » n'est pas proposée (réponses possibles : \(offered.joined(separator: ", ")))",
                    english:
                        "row '\(row)': answer '\(option)' is not offered (possible answers: \(offered.joined(separator: ", ")))"))
        }
    }

    func parse(_ raw: RawValue, for question: Question) -> Result<AnswerValue, ResponseIssue.Reason> {
        let rows = question.rows.map(\.id)
        guard case .mapping(let given) = raw else { return .failure(Message.expectedRows(rows)) }
        var chosen: [String: String] = [:]
        for row in given.keys.sorted() {
            guard rows.contains(row) else { return .failure(Message.unknownRow(row, rows: rows)) }
            let option = (given[row] ?? "").trimmed
            if option.isEmpty { continue }
            guard question.option(option) != nil else {
                return .failure(Message.optionNotOffered(option, row: row, offered: question.options.map(\.id)))
            }
            chosen[row] = option
        }
        // Rows left blank are unanswered; a grid with none answered is no answer (`RawValue.isEmpty`).
        return chosen.isEmpty ? .failure(Message.expectedRows(rows)) : .success(.rows(chosen))
    }

    func scoring(_ question: Question) -> any AnswerScoring { Scoring(question) }

    /// The mean of the rows' points.
    struct Scoring: AnswerScoring {
        let rows: [String]
        let options: [String]
        let points: [Double?]

        init(_ question: Question) {
            rows = question.rows.map(\.id)
            options = question.options.map(\.id)
            points = question.options.map(\.points)
        }

        func score(_ value: AnswerValue) -> (points: Double, selections: [Int]) {
            guard case .rows(let chosen) = value, !rows.isEmpty else { return (0, []) }
            var sum = 0.0
            var selections: [Int] = []
            for (row, id) in rows.enumerated() {
                guard let option = chosen[id], let position = options.firstIndex(of: option) else { continue }
                selections.append(row * options.count + position)
                sum += points[position] ?? 0
            }
            return (sum / Double(rows.count), selections)
        }
    }

    /// A row earns at most the best option; every row answered so earns the weight.
    func bestPoints(_ question: Question) -> Double? { question.options.compactMap(\.points).max() ?? 0 }

    func describe(_ value: AnswerValue, of question: Question, in words: AnswerText) -> String {
        guard case .rows(let chosen) = value else { return "" }
        let lang = words.language.rawValue
        return question.rows.compactMap { row in
            chosen[row.id].map { option in
                row.label.resolved(lang) + words.language.pick(" : ", ": ")
                    + (question.option(option)?.label.resolved(lang) ?? option)
            }
        }.joined(separator: words.language.pick(" ; ", "; "))
    }

    /// A condition may only ask whether a grid is answered.
    func allows(_ test: ConditionTest) -> Bool {
        if case .answered = test { return true }
        return false
    }

    func conditionValueProblem(_ value: String, in question: Question) -> ConditionValueProblem? { nil }

    func passes(_ value: AnswerValue, _ test: ConditionTest) -> Bool { false }

    var talliesOptions: Bool { false }

    var cell: CellReading { CellReading(holdsList: false, namesOptions: true) }

    func parts(_ question: Question) -> [String] { question.rows.map(\.id) }

    /// Each row is simulated as a single choice aiming near the question's target.
    func simulate(
        _ question: Question, target: Double, theta: Double, profile: SimulationProfile, random: inout SplitMix64
    ) -> (RawValue, AnswerValue)? {
        guard !question.options.isEmpty, !question.rows.isEmpty else { return nil }
        var chosen: [String: String] = [:]
        for row in question.rows {
            // Each row aims near the question's target, not all at the same option.
            let aim = min(1, max(0, target + random.normal(deviation: 0.18)))
            guard let option = SingleChoiceKind.simulatedOption(question, target: aim, random: &random) else { return nil }
            chosen[row.id] = option.id
        }
        return (.mapping(chosen), .rows(chosen))
    }
}
