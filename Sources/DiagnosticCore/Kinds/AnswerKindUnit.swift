/// What one kind of answer does, in one place: checking a raw answer, scoring it (from a form
/// worked out once per question), saying it in words, testing it in a follow-up condition,
/// storing it, reading it from a table cell, and simulating it.
///
/// Each kind is one unit in `Kinds/` (for example `ScaleKind`); `AnswerKind.unit` is the one
/// place that maps a kind to its unit. What a kind reads from the questionnaire file, and the
/// line a response template writes for it, are its unit in `DiagnosticDefinitions/Kinds/`.
/// Special answers ("not applicable", "don't know") are the same for every kind and are handled
/// before a unit is asked.
public protocol AnswerKindUnit: Sendable {
    /// Checks a raw value that is neither empty nor a special answer.
    func parse(_ raw: RawValue, for question: Question) -> Result<AnswerValue, ResponseIssue.Reason>

    /// The kind's scoring of `question`, worked out once per questionnaire.
    func scoring(_ question: Question) -> any AnswerScoring

    /// The most points an answer can earn (against the question's base weight), or `nil` when the
    /// kind gives the full weight by construction (a linear scale) or never scores (text).
    func bestPoints(_ question: Question) -> Double?

    /// The answer as a person reads it, with the questionnaire's labels.
    func describe(_ value: AnswerValue, of question: Question, in words: AnswerText) -> String

    /// The answer in a recommendation's sentence: by default as `describe` says it.
    func phrase(_ value: AnswerValue, of question: Question, in words: AnswerText) -> String

    /// Whether a follow-up condition may test this kind's answers with `test`.
    func allows(_ test: ConditionTest) -> Bool

    /// What is wrong with `value`, compared with this kind's answers in a condition, if anything.
    func conditionValueProblem(_ value: String, in question: Question) -> ConditionValueProblem?

    /// Whether an answer's value passes a condition's test (`answered` is decided before).
    func passes(_ value: AnswerValue, _ test: ConditionTest) -> Bool

    /// The part of an answer a recommendation's reason quotes when `test` held: by default the
    /// whole answer.
    func quoted(_ value: AnswerValue, by test: ConditionTest) -> AnswerValue

    /// Whether unscored questions of this kind are summarised by counting the options chosen.
    var talliesOptions: Bool { get }

    /// How a table cell holds an answer of this kind.
    var cell: CellReading { get }

    /// The parts of an answer a table gives in columns of their own (`question.part`): a grid's rows.
    func parts(_ question: Question) -> [String]

    /// The cells whose reading a table import works out once for a column of this question, beyond
    /// its options' ids and labels (a scale's values).
    func cellCandidates(_ question: Question) -> [String]

    /// A simulated answer for a respondent of maturity `theta` (0...1) aiming at `target` (0...1),
    /// drawn as `profile` says.
    func simulate(
        _ question: Question, target: Double, theta: Double, profile: SimulationProfile, random: inout SplitMix64
    ) -> (RawValue, AnswerValue)?
}

extension AnswerKindUnit {
    /// By default, as `describe` says it.
    public func phrase(_ value: AnswerValue, of question: Question, in words: AnswerText) -> String {
        describe(value, of: question, in: words)
    }

    /// By default, none: the answer is in one column.
    public func parts(_ question: Question) -> [String] { [] }

    /// By default, no candidate beyond the options.
    public func cellCandidates(_ question: Question) -> [String] { [] }

    /// By default, the whole answer.
    public func quoted(_ value: AnswerValue, by test: ConditionTest) -> AnswerValue { value }
}

/// A kind's scoring of one question, worked out once per questionnaire: the scorer calls it for
/// every answer of every respondent.
public protocol AnswerScoring: Sendable {
    /// Points of a checked answer value that is not a special answer, against the question's base
    /// weight (the scorer rescales them for a typology's weight and zeroes those of an unscored
    /// question), and the positions of the options chosen.
    func score(_ value: AnswerValue) -> (points: Double, selections: [Int])
}

/// Why a value compared in a follow-up condition cannot be one of the question's answers.
public enum ConditionValueProblem: Sendable, Hashable {
    /// Not one of the options (the ids offered, special answers included).
    case notOffered(offered: [String])
    /// Not a number.
    case notANumber
}

/// How a table cell holds an answer.
public struct CellReading: Sendable, Hashable {
    /// Whether the cell lists several options, split on the table's separator.
    public var holdsList: Bool
    /// Whether the cell names options (by id or label), to be turned into ids.
    public var namesOptions: Bool

    /// Creates a cell reading.
    public init(holdsList: Bool, namesOptions: Bool) {
        self.holdsList = holdsList
        self.namesOptions = namesOptions
    }
}

/// An answer as it is stored and written out (response files, the database, JSON outputs): text,
/// a number or a list of texts.
public enum StoredValue: Sendable, Hashable {
    /// A text (an option id, free text, a special answer).
    case text(String)
    /// A number.
    case number(Double)
    /// A list of texts (options of a multiple choice).
    case list([String])
    /// Texts by key (the option of each row of a grid), written with their keys sorted.
    case object([String: String])

    /// The stored form of an answer value: special answers are their id, for every kind.
    public init(_ value: AnswerValue) {
        switch value {
        case .choice(let id): self = .text(id)
        case .choices(let ids): self = .list(ids)
        case .number(let number): self = .number(number)
        case .text(let text): self = .text(text)
        case .rows(let rows): self = .object(rows)
        case .special(let kind): self = .text(kind.rawValue)
        }
    }
}

extension AnswerKind {
    /// The unit that does what this kind does: the one switch over kinds.
    public var unit: any AnswerKindUnit {
        switch self {
        case .yesNo, .single: SingleChoiceKind()
        case .multiple: MultipleChoiceKind()
        case .scale: ScaleKind()
        case .number: NumberKind()
        case .text: TextKind()
        case .grid: GridKind()
        }
    }

    /// Whether answers are option ids counted in summaries of unscored questions.
    public var hasOptions: Bool { unit.talliesOptions }
}

extension AnswerKindUnit {
    /// A number as validation reads one: at most 2^53 − 1 in size, or the reason it is not one.
    func checkedNumber(_ raw: RawValue) -> Result<(text: String, value: Double), ResponseIssue.Reason> {
        guard case .scalar(let text) = raw else { return .failure(.expectedOneValue) }
        let trimmed = text.trimmed
        guard let number = ResponseChecker.number(trimmed) else { return .failure(.notANumber(trimmed)) }
        guard abs(number) <= ResponseChecker.largestNumber else { return .failure(.numberTooLarge(trimmed)) }
        return .success((trimmed, number))
    }

    /// The options a choice offers, special answers included, as error messages list them.
    func offered(_ question: Question) -> [String] {
        question.options.map(\.id) + question.specialAnswers.keys.sorted().map(\.rawValue)
    }

    /// A text test: equal, one of, or answered.
    static func textPasses(_ text: String, _ test: ConditionTest) -> Bool {
        switch test {
        case .equals(let wanted), .includes(let wanted): text == wanted
        case .oneOf(let wanted): wanted.contains(text)
        case .answered: true
        case .atLeast, .atMost: false
        }
    }

    /// A number test, the compared values read as validation reads them ("2,0" and "2.0" both mean 2).
    static func numberPasses(_ number: Double, _ test: ConditionTest) -> Bool {
        switch test {
        case .atLeast(let bound): number >= bound
        case .atMost(let bound): number <= bound
        case .equals(let wanted), .includes(let wanted): ResponseChecker.number(wanted) == number
        case .oneOf(let wanted): wanted.contains { ResponseChecker.number($0) == number }
        case .answered: true
        }
    }
}

/// A kind whose answers are numbers (scales, numbers): compared with numbers in conditions, held
/// as a figure in a table cell.
protocol NumericKind: AnswerKindUnit {}

extension NumericKind {
    func allows(_ test: ConditionTest) -> Bool {
        switch test {
        case .answered, .equals, .oneOf, .atLeast, .atMost: true
        case .includes: false
        }
    }

    func conditionValueProblem(_ value: String, in question: Question) -> ConditionValueProblem? {
        ResponseChecker.number(value) == nil ? .notANumber : nil
    }

    func passes(_ value: AnswerValue, _ test: ConditionTest) -> Bool {
        guard case .number(let number) = value else { return false }
        return Self.numberPasses(number, test)
    }

    var talliesOptions: Bool { false }

    var cell: CellReading { CellReading(holdsList: false, namesOptions: false) }
}
