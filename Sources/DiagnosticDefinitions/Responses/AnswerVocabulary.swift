import DiagnosticCore

/// What people write for an answer, mapped to the questionnaire's ids: option, typology and
/// special-answer ids as written, and their labels in every language with accents, case and spaces
/// ignored ("Oui", "NON", "En projet", "Communauté de communes", "Je ne sais pas"). Response files
/// and table imports read answers through the same vocabulary.
struct AnswerVocabulary: Sendable {
    /// Per question or profile field id: accepted text to id.
    private let tables: [String: [String: String]]

    /// The vocabulary of `questionnaire`; `extra` adds texts of the user's own for every subject
    /// (a column mapping's `values`), and `perSubject` for one subject only, winning over `extra`.
    /// With `formCodes`, the answer codes of the forms od4g writes (`LimeSurveyCodes`, and
    /// LimeSurvey's `-oth-` for a list's "Other") are read too, where nothing else reads the same.
    init(
        _ questionnaire: Questionnaire, extra: [String: String] = [:], perSubject: [String: [String: String]] = [:],
        formCodes: Bool = false
    ) {
        var tables: [String: [String: String]] = [:]
        func add(
            _ subject: String, _ options: [AnswerOption], specials: [SpecialAnswerKind], scale: ScaleSpec? = nil,
            codes: @autoclosure () -> [String: String]? = nil
        ) {
            var table: [String: String] = [:]
            for option in options {
                for text in option.label.translations.values { table[Self.key(text)] = option.id }
            }
            // A scale's labelled values by their labels ("Pas du tout" for 0), as forms offer them.
            for (value, label) in scale?.labels ?? [:] {
                for text in label.translations.values { table[Self.key(text)] = String(value) }
            }
            for kind in specials {
                table[Self.key(kind.rawValue)] = kind.rawValue
                for text in questionnaire.specialAnswer(kind)?.label.translations.values ?? [:].values {
                    table[Self.key(text)] = kind.rawValue
                }
            }
            for (text, id) in extra { table[Self.key(text)] = id }
            for (text, id) in perSubject[subject] ?? [:] { table[Self.key(text)] = id }
            // Ids with `_` for `-`, as XML names are often written (KoboToolbox's choice names).
            for option in options where option.id.contains("-") {
                let underscored = option.id.replacingOccurrences(of: "-", with: "_")
                table[underscored] = table[underscored] ?? option.id
            }
            // Ids as written win over a label that happens to read like another id.
            for option in options { table[option.id] = option.id }
            for kind in specials { table[kind.rawValue] = kind.rawValue }
            if formCodes {
                for (id, code) in codes() ?? [:] where table[Self.key(code)] == nil { table[Self.key(code)] = id }
            }
            tables[subject] = table
        }
        for question in questionnaire.questions {
            add(
                question.id, question.options, specials: Array(question.specialAnswers.keys), scale: question.scale,
                codes: Self.formCodes(question, questionnaire))
        }
        for field in questionnaire.profileFields where field.kind == .choice || field.kind == .typology {
            let options =
                field.kind == .typology
                ? questionnaire.typologies.map { AnswerOption(id: $0.id, label: $0.label) } : field.options
            add(
                field.id, options, specials: [], codes: LimeSurveyCodes.answerCodes(options.map { ($0.id, $0.label) }, fixed: [:])
            )
        }
        self.tables = tables
    }

    /// A question's answer codes in the forms od4g writes, by answer id: LimeSurvey's answer codes,
    /// and `-oth-`, LimeSurvey's value for a list's "Other".
    private static func formCodes(_ question: Question, _ questionnaire: Questionnaire) -> [String: String] {
        var codes = LimeSurveyCodes.codes(of: question, in: questionnaire).answers ?? [:]
        if let other = question.otherOption, question.kind == .single { codes[other.id] = "-oth-" }
        return codes
    }

    /// The form in which texts are compared: `RespondentIdentity.normalised` (case, accents and
    /// spaces aside, non-breaking ones too) after typographic signs are made plain: ’ ‘ ʼ as ', “ ” « »
    /// as ", – — as -, … as ... (a form tool's label typed in Word matches the questionnaire's).
    static func key(_ text: String) -> String {
        guard !text.utf8.allSatisfy({ $0 < 0x80 }) else { return RespondentIdentity.normalised(text) }
        var plain = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\u{2019}", "\u{2018}", "\u{02BC}", "\u{00B4}", "\u{201B}": plain.append("'")
            case "\u{201C}", "\u{201D}", "\u{00AB}", "\u{00BB}", "\u{201E}": plain.append("\"")
            case "\u{2013}", "\u{2014}", "\u{2011}", "\u{2010}", "\u{2212}": plain.append("-")
            case "\u{2026}": plain.append(contentsOf: "...".unicodeScalars)
            default: plain.append(scalar)
            }
        }
        return RespondentIdentity.normalised(String(plain))
    }

    /// The accepted texts of a question or profile field (empty for free answers).
    func accepted(_ subject: String) -> [String: String] { tables[subject] ?? [:] }

    /// The id `text` stands for among `accepted`: as written, else trimmed, else normalised; else the
    /// trimmed text itself, for the checker to refuse with its own message.
    static func translate(_ text: String, _ accepted: [String: String]) -> String {
        if let id = accepted[text] { return id }
        let trimmed = text.trimmed
        return accepted[trimmed] ?? accepted[Self.key(trimmed)] ?? trimmed
    }

    /// The typology ids and labels, read as the questionnaire's typology field reads them.
    func typologies(_ questionnaire: Questionnaire) -> Translation {
        Translation(accepted: questionnaire.typologyField.map { accepted($0.id) } ?? [:])
    }

    /// Texts to ids for one subject.
    struct Translation {
        let accepted: [String: String]

        /// The id `text` stands for, else `text` trimmed (`AnswerVocabulary.translate`).
        func translate(_ text: String) -> String { AnswerVocabulary.translate(text, accepted) }
    }

    /// A response file's value with every text that names an option, typology or special answer
    /// turned into its id; free answers (text, numbers) are left as they are.
    func translate(_ value: RawValue, subject: String) -> RawValue {
        guard let accepted = tables[subject], !accepted.isEmpty else { return value }
        switch value {
        case .scalar(let text): return text.isEmpty ? value : .scalar(Self.translate(text, accepted))
        case .list(let items): return .list(items.map { Self.translate($0, accepted) })
        case .mapping(let values): return .mapping(values.mapValues { $0.isEmpty ? $0 : Self.translate($0, accepted) })
        }
    }
}
