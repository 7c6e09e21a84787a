import DiagnosticCore

/// Writes a blank, commented response file listing exactly the questions that apply to a typology.
///
/// Every value is left empty: once the required profile fields (the organisation's name) are filled
/// in, the file is a valid response even with no answer, so a respondent fills in what they know
/// and scores the file as it is.
public struct ResponseTemplate: Sendable {
    /// The questionnaire.
    public let questionnaire: Questionnaire
    /// The typology the template is for.
    public let typology: Typology
    /// The language of comments and labels.
    public let language: Language

    /// Creates a template writer.
    public init(questionnaire: Questionnaire, typology: Typology, language: Language) {
        self.questionnaire = questionnaire
        self.typology = typology
        self.language = language
    }

    private var lang: String { language.rawValue }

    /// The template text (YAML).
    public func render() -> String {
        let l = language
        var lines: [String] = []
        lines.append("# \(oneLine(questionnaire.title.resolved(lang))) (\(questionnaire.id) \(questionnaire.version))")
        lines.append(
            l.pick(
                "# Modèle de réponse pour : \(oneLine(typology.label.resolved(lang))) (\(typology.id))",
                "# Response template for: \(oneLine(typology.label.resolved(lang))) (\(typology.id))"))
        lines.append(
            l.pick(
                "# Remplissez les valeurs après les deux-points ; laissez vide ce que vous ignorez, puis lancez : od4g score FICHIER",
                "# Fill in the values after the colons; leave empty what you do not know, then run: od4g score FILE"))
        lines.append(
            l.pick(
                "# Une réponse peut aussi s'écrire { answer: …, justification: \"…\", evidence: [\"https://…\"], confidence: unsure }",
                "# An answer may also be written { answer: ..., justification: \"...\", evidence: [\"https://...\"], confidence: unsure }"
            ))
        lines.append("kind: response")
        lines.append("questionnaire: \(questionnaire.id)")
        lines.append("version: \(Self.quoted(questionnaire.version))")
        lines.append("respondent:")
        for field in questionnaire.profileFields {
            lines.append(contentsOf: profileLines(field))
        }
        lines.append("answers:")
        var group: String?
        for question in questionnaire.questions where question.isAsked(to: typology) {
            let heading = groupLabel(question)
            if heading != group {
                group = heading
                lines.append("")
                lines.append("  # ── \(heading) ──")
            }
            lines.append(contentsOf: questionLines(question))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func profileLines(_ field: ProfileField) -> [String] {
        let l = language
        var comment = "  # " + oneLine(field.label.resolved(lang))
        if field.required { comment += l.pick(" (obligatoire)", " (required)") }
        if let help = field.help { comment += " — " + oneLine(help.resolved(lang)) }
        var lines = [comment]
        switch field.kind {
        case .choice:
            lines.append(
                "  #   " + l.pick("valeurs : ", "values: ")
                    + field.options.map {
                        "\($0.id) (\(oneLine($0.label.resolved(lang))))"
                    }.joined(separator: " · "))
        case .integer, .number:
            lines.append("  #   " + l.pick("un nombre", "a number"))
        case .text, .typology:
            break
        }
        lines.append("  \(field.id):" + (field.kind == .typology ? " " + typology.id : ""))
        return lines
    }

    private func groupLabel(_ question: Question) -> String {
        if let id = question.dimension, let dimension = questionnaire.dimension(id) {
            return oneLine(dimension.label.resolved(lang))
        }
        if let id = question.section, let section = questionnaire.section(id) {
            return oneLine(section.label.resolved(lang)) + language.pick(" (non noté)", " (not scored)")
        }
        return language.pick("Autres questions", "Other questions")
    }

    private func questionLines(_ question: Question) -> [String] {
        let l = language
        var lines = ["  # \(question.id) — \(oneLine(question.label.resolved(lang)))"]
        if let help = question.help {
            lines.append("  #   " + l.pick("Aide : ", "Help: ") + oneLine(help.resolved(lang)))
        }
        let conditions = ConditionText(questionnaire: questionnaire, language: language)
        if let condition = question.appliesWhen {
            lines.append(
                "  #   " + l.pick("Seulement si ", "Only if ") + conditions.describe(condition)
                    + l.pick(" ; sinon laissez vide", "; otherwise leave empty"))
        }
        if let condition = question.shownWhen {
            lines.append("  #   " + l.pick("Seulement si ", "Only if ") + conditions.describe(condition))
        }
        lines.append("  #   " + expected(question))
        lines.append("  \(question.id):")
        return lines
    }

    private func expected(_ question: Question) -> String {
        let l = language
        let (choices, list) = question.kind.definition.expected(question, in: self)
        let specials = question.specialAnswers.keys.sorted().compactMap { kind in
            questionnaire.specialAnswer(kind).map { "\(kind.rawValue) (\(oneLine($0.label.resolved(lang))))" }
        }
        guard list else {
            return l.pick("Réponses : ", "Answers: ") + (choices + specials).joined(separator: " · ")
        }
        let alternatives = specials.isEmpty ? "" : l.pick(" — ou bien : ", " — or: ") + specials.joined(separator: " · ")
        return l.pick("Une liste [a, b] parmi : ", "A list [a, b] of: ") + choices.joined(separator: " · ") + alternatives
    }

    /// `text` on one line.
    func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).joined(separator: " ")
    }

    /// `"yes"` and `"no"` are quoted so YAML 1.1 readers do not take them for booleans.
    static func quotedIfNeeded(_ id: String) -> String {
        ["yes", "no", "on", "off", "true", "false", "y", "n"].contains(id.lowercased()) ? "\"\(id)\"" : id
    }

    /// A YAML double-quoted string.
    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            default:
                if scalar.value < 0x20 {
                    result += "\\x" + String(scalar.value, radix: 16).leftPadded(to: 2)
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
