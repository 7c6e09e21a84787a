import DiagnosticCore

/// Free text: no key of its own, never scored.
struct TextDefinition: KindDefinition {
    var keys: [String] { [] }

    var scorable: Bool { false }

    func read(_ mapping: MappingReader, into question: inout Question, weight: Double?, by reader: QuestionnaireReader) {}

    func expected(_ question: Question, in template: ResponseTemplate) -> (choices: [String], list: Bool) {
        ([template.language.pick("texte libre, entre guillemets", "free text, in quotes")], false)
    }
}
