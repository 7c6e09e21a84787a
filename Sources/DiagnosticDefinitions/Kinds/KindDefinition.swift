import DiagnosticCore

/// What one kind of answer reads from a question of the questionnaire file (its own keys,
/// checked, with its own messages) and the answers a response template offers for it: the
/// questionnaire-file half of a kind, whose other half is its `AnswerKindUnit` in the core.
protocol KindDefinition: Sendable {
    /// The keys of a question that belong to this kind (`options`, `scale`…).
    var keys: [String] { get }

    /// Whether a question of this kind may be scored.
    var scorable: Bool { get }

    /// The message for `key`, a key of another kind, found in a question of this kind; `nil` for
    /// the common "does not apply to a … question".
    func foreignKey(_ key: String) -> DefinitionMessage?

    /// Reads this kind's keys from `mapping` into `question`; `weight` is the question's checked
    /// weight (`nil` when unscored or invalid: points are then not checked against it).
    func read(_ mapping: MappingReader, into question: inout Question, weight: Double?, by reader: QuestionnaireReader)

    /// The answers a response template offers for `question` (special answers apart), and
    /// whether it expects a list of them.
    func expected(_ question: Question, in template: ResponseTemplate) -> (choices: [String], list: Bool)
}

extension KindDefinition {
    /// By default, the common message.
    func foreignKey(_ key: String) -> DefinitionMessage? { nil }

    /// By default, yes.
    var scorable: Bool { true }
}

extension AnswerKind {
    /// The questionnaire-file half of this kind: the one switch over kinds in this module.
    var definition: any KindDefinition {
        switch self {
        case .yesNo: YesNoDefinition()
        case .single, .multiple: ChoiceDefinition(kind: self)
        case .scale: ScaleDefinition()
        case .number: NumberDefinition()
        case .text: TextDefinition()
        case .grid: GridDefinition()
        }
    }

    /// Every key that belongs to some kind, each once, in kind order.
    static let kindKeys: [String] = {
        var keys: [String] = []
        for kind in allCases { for key in kind.definition.keys where !keys.contains(key) { keys.append(key) } }
        return keys
    }()
}
