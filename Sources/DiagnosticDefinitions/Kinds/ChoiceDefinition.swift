import DiagnosticCore

/// Single and multiple choices: `options`, each with an id, a label and, when scored, points from
/// 0 to the weight; in a multiple choice, `exclusive` options.
struct ChoiceDefinition: KindDefinition {
    let kind: AnswerKind

    var keys: [String] { ["options"] }

    /// The most options the kind may offer (`Question.maximumOptions` and `maximumChosenOptions`:
    /// results store positions in two bytes, and how many were chosen in one).
    var limit: Int { kind == .multiple ? Question.maximumChosenOptions : Question.maximumOptions }

    enum Message {
        static func tooManyOptions(kind: String, count: Int, limit: Int) -> DefinitionMessage {
            .kind(
                KindMessage(
                    french: "une question « \(kind) » propose au plus \(limit) options, celle-ci en a \(count) : scindez-la",
                    english: "a '\(kind)' question offers at most \(limit) options, this one has \(count): split it"))
        }
    }

    func read(_ mapping: MappingReader, into question: inout Question, weight: Double?, by reader: QuestionnaireReader) {
        question.options = reader.readOptions(mapping, scored: question.scored, weight: weight)
        if !mapping.has("options") { reader.sink.report(.optionsRequired(kind: kind.rawValue), at: mapping.position) }
        if question.options.count > limit {
            reader.sink.report(
                Message.tooManyOptions(kind: kind.rawValue, count: question.options.count, limit: limit),
                at: mapping.position(of: "options"))
        }
    }

    func expected(_ question: Question, in template: ResponseTemplate) -> (choices: [String], list: Bool) {
        let lang = template.language.rawValue
        if kind == .multiple {
            return (question.options.map { "\($0.id) (\(template.oneLine($0.label.resolved(lang))))" }, true)
        }
        return (
            question.options.map {
                "\(ResponseTemplate.quotedIfNeeded($0.id)) (\(template.oneLine($0.label.resolved(lang))))"
            }, false
        )
    }
}

/// Yes/no questions: the options `yes` and `no`, worth the weight and 0 unless `points` says otherwise.
struct YesNoDefinition: KindDefinition {
    var keys: [String] { ["points"] }

    enum Message {
        static let options: DefinitionMessage = .kind(
            KindMessage(
                french:
                    "une question oui/non a ses options yes et no : donnez leurs points avec « points: {yes: …, no: …} »",
                english:
                    "a yes/no question has the options yes and no: give their points with 'points: {yes: ..., no: ...}'"))
    }

    func foreignKey(_ key: String) -> DefinitionMessage? { key == "options" ? Message.options : nil }

    func read(_ mapping: MappingReader, into question: inout Question, weight: Double?, by reader: QuestionnaireReader) {
        let scored = question.scored
        var yes: Double? = scored ? weight ?? 0 : nil
        var no: Double? = scored ? 0 : nil
        if let node = mapping.node("points") {
            if !scored { reader.sink.report(.unscoredWithPoints, at: mapping.position(of: "points")) }
            if let points = MappingReader(node, name: "points", keys: ["yes", "no"], context: reader.context) {
                yes =
                    points.number("yes").map { reader.checkPoints($0, weight: weight, at: points.node("yes")?.position) }
                    ?? yes
                no = points.number("no").map { reader.checkPoints($0, weight: weight, at: points.node("no")?.position) } ?? no
            }
        }
        question.options = [
            AnswerOption(id: "yes", label: reader.yesNo.yes, points: yes),
            AnswerOption(id: "no", label: reader.yesNo.no, points: no),
        ]
    }

    func expected(_ question: Question, in template: ResponseTemplate) -> (choices: [String], list: Bool) {
        ChoiceDefinition(kind: .single).expected(question, in: template)
    }
}
