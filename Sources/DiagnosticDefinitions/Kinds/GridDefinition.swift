import DiagnosticCore

/// Grids: `rows` (each an id and a label) and `options` shared by every row, scored as a single
/// choice's (points from 0 to the weight).
struct GridDefinition: KindDefinition {
    var keys: [String] { ["rows", "options"] }

    /// Ids a row may not take: the keys of a detailed answer (`{answer: …, justification: …}`) and
    /// the special answers, which a response file writes where rows are.
    static let reservedRows = ResponseLoader.answerKeys + SpecialAnswerKind.allCases.map(\.rawValue)

    enum Message {
        static let rowsRequired: DefinitionMessage = .kind(
            KindMessage(
                french: "une question « grid » doit avoir des lignes « rows » (au moins une)",
                english: "a 'grid' question needs 'rows' (at least one)"))

        static func dottedRow(_ id: String) -> DefinitionMessage {
            .kind(
                KindMessage(
                    french:
                        "l'identifiant de ligne « \(id) » contient un point : une table écrit la colonne « question.ligne », choisissez un identifiant sans point",
                    english:
                        "row id '\(id)' has a dot: a table names the column 'question.row'; choose an id without a dot"))
        }

        static func reservedRow(_ id: String) -> DefinitionMessage {
            .kind(
                KindMessage(
                    french:
                        "« \(id) » ne peut pas être l'identifiant d'une ligne (réservé aux réponses détaillées et spéciales) : choisissez-en un autre",
                    english: "'\(id)' cannot be the id of a row (kept for detailed and special answers): choose another"))
        }

        static func tooLarge(rows: Int, options: Int) -> DefinitionMessage {
            .kind(
                KindMessage(
                    french:
                        "une grille a au plus \(Question.maximumChosenOptions) lignes et \(Question.maximumOptions) cases (lignes × options) ; celle-ci a \(rows) lignes × \(options) options : scindez-la",
                    english:
                        "a grid has at most \(Question.maximumChosenOptions) rows and \(Question.maximumOptions) cells (rows × options); this one has \(rows) rows × \(options) options: split it"
                ))
        }
    }

    func read(_ mapping: MappingReader, into question: inout Question, weight: Double?, by reader: QuestionnaireReader) {
        question.rows = reader.readList(mapping, key: "rows", kind: "row", keys: ["id", "label"], required: true) { row, id in
            if Self.reservedRows.contains(id.id) {
                reader.sink.report(Message.reservedRow(id.id), at: id.position)
                return nil
            }
            if id.id.contains(".") {
                reader.sink.report(Message.dottedRow(id.id), at: id.position)
                return nil
            }
            guard let label = row.text("label", required: true) else { return nil }
            return AnswerRow(id: id.id, label: label)
        }
        if mapping.has("rows"), question.rows.isEmpty {
            reader.sink.report(Message.rowsRequired, at: mapping.position(of: "rows"))
        }
        question.options = reader.readOptions(mapping, scored: question.scored, weight: weight)
        if !mapping.has("options") { reader.sink.report(.optionsRequired(kind: AnswerKind.grid.rawValue), at: mapping.position) }
        let (rows, options) = (question.rows.count, question.options.count)
        if rows > Question.maximumChosenOptions || rows * options > Question.maximumOptions {
            reader.sink.report(Message.tooLarge(rows: rows, options: options), at: mapping.position(of: "rows"))
        }
    }

    func expected(_ question: Question, in template: ResponseTemplate) -> (choices: [String], list: Bool) {
        let language = template.language
        let rows = "{" + question.rows.map { "\($0.id): …" }.joined(separator: ", ") + "}"
        let options = question.options.map {
            "\(ResponseTemplate.quotedIfNeeded($0.id)) (\(template.oneLine($0.label.resolved(language.rawValue))))"
        }
        return (
            [
                language.pick("une réponse par ligne \(rows) parmi ", "one answer per row \(rows) among ")
                    + options.joined(separator: " · ")
            ],
            false
        )
    }
}
