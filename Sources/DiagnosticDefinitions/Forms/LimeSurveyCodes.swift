import DiagnosticCore

/// The codes od4g gives a questionnaire's questions, sub-questions and answers in a LimeSurvey
/// survey, worked out from the questionnaire alone: `od4g form --format limesurvey` writes them,
/// and an import reads them back, so a survey built from that form exports with no mapping.
///
/// LimeSurvey's rules: a question code is letters and digits, starting with a letter, at most 20
/// characters, unique in the survey (`pil-strategie` is `pilStrategie`); a sub-question code is
/// letters and digits too (`other` is LimeSurvey's own); an answer code is 1 to 5 letters and
/// digits, unique within its question (`adoptee-suivie` is `adopt`, "Oui" `Y`, "Je ne sais pas" `DK`).
/// An answer code never reads like another answer's id or label of the same question, so a
/// code cannot be taken for a different answer.
public struct LimeSurveyCodes: Sendable {
    /// Question and profile field ids → question codes.
    public let questions: [String: String]
    /// Per question or profile field id: answer id (option, typology, special answer, scale value) → answer code.
    public let answers: [String: [String: String]]
    /// Per multiple choice (sub-question: option or special answer id → code) and per grid (row id → code).
    public let subquestions: [String: [String: String]]

    /// The longest question code LimeSurvey takes.
    public static let questionCodeLength = 20
    /// The longest answer code LimeSurvey takes.
    public static let answerCodeLength = 5
    /// Codes LimeSurvey keeps for itself (compared without case).
    /// And the columns its response export puts first, which a question code must not read like.
    static let reserved: Set<String> = [
        "lang", "sid", "savedid", "token", "qid", "gid", "sgq", "self", "that", "this", "id", "submitdate", "lastpage",
        "startlanguage", "seed", "startdate", "datestamp", "ipaddr", "refurl",
    ]

    /// The codes of `questionnaire`.
    public init(_ questionnaire: Questionnaire) {
        let questions = Self.questionCodes(questionnaire)
        var answers: [String: [String: String]] = [:]
        var subquestions: [String: [String: String]] = [:]
        for field in questionnaire.profileFields {
            switch field.kind {
            case .choice: answers[field.id] = Self.answerCodes(field.options.map { ($0.id, $0.label) }, fixed: [:])
            case .typology:
                answers[field.id] = Self.answerCodes(questionnaire.typologies.map { ($0.id, $0.label) }, fixed: [:])
            default: break
            }
        }
        for question in questionnaire.questions {
            let made = Self.codes(of: question, in: questionnaire)
            answers[question.id] = made.answers
            subquestions[question.id] = made.subquestions
        }
        self.questions = questions
        self.answers = answers
        self.subquestions = subquestions
    }

    /// The sub-question codes of a multiple choice (its options but "Other", then its special
    /// answers) or of a grid (its rows), by id; `nil` for other questions.
    static func subquestions(of question: Question, in questionnaire: Questionnaire) -> [String: String]? {
        let ids: [String]
        switch question.kind {
        case .multiple:
            ids =
                question.options.map(\.id).filter { $0 != question.otherOption?.id }
                + questionnaire.specialAnswers.filter { question.specialAnswers[$0.kind] != nil }.map(\.kind.rawValue)
        case .grid: ids = question.rows.map(\.id)
        default: return nil
        }
        // A code never reads like another option's id or label: `q[opendata]` names one option only.
        let labels = Dictionary(question.options.map { ($0.id, $0.label) }, uniquingKeysWith: { first, _ in first })
        var codes: [String: String] = [:]
        var taken: Set<String> = ["other", "time"]
        for id in ids {
            var blocked = taken
            for other in ids where other != id {
                blocked.insert(AnswerVocabulary.key(other))
                for text in labels[other]?.translations.values ?? [:].values { blocked.insert(AnswerVocabulary.key(text)) }
            }
            codes[id] = unique(camel(id), length: questionCodeLength, taken: blocked)
            taken.insert(codes[id, default: ""].lowercased())
        }
        return codes
    }

    /// The question codes of the profile's fields and of the questions, by id.
    static func questionCodes(_ questionnaire: Questionnaire) -> [String: String] {
        var questions: [String: String] = [:]
        var used: Set<String> = []
        for id in questionnaire.profileFields.map(\.id) + questionnaire.questions.map(\.id) {
            questions[id] = unique(camel(id), length: questionCodeLength, taken: used)
            used.insert(questions[id, default: ""].lowercased())
        }
        return questions
    }

    /// The answer codes and sub-question codes of one question (`nil` where it has none).
    static func codes(of question: Question, in questionnaire: Questionnaire) -> (
        answers: [String: String]?, subquestions: [String: String]?
    ) {
        let specials = questionnaire.specialAnswers.filter { question.specialAnswers[$0.kind] != nil }
        let specialEntries = specials.map { ($0.kind.rawValue, $0.label) }
        let specialCodes = Dictionary(
            uniqueKeysWithValues: specials.map { ($0.kind.rawValue, $0.kind == .dontKnow ? "DK" : "NA") })
        switch question.kind {
        case .yesNo:
            return (
                answerCodes(
                    [("yes", questionnaire.yesNoLabels.yes), ("no", questionnaire.yesNoLabels.no)] + specialEntries,
                    fixed: specialCodes.merging(["yes": "Y", "no": "N"]) { first, _ in first }), nil
            )
        case .single:
            let options = question.options.filter { $0.id != question.otherOption?.id }
            return (answerCodes(options.map { ($0.id, $0.label) } + specialEntries, fixed: specialCodes), nil)
        case .scale:
            var values: [(String, LocalizedText)] = []
            var fixed = specialCodes
            if let scale = question.scale, scale.maximum - scale.minimum <= ScaleSpec.maximumSteps {
                for value in scale.minimum...scale.maximum {
                    values.append((String(value), scale.labels[value] ?? LocalizedText(["fr": String(value)])))
                    if value >= 0, String(value).count <= answerCodeLength { fixed[String(value)] = String(value) }
                }
            }
            return (answerCodes(values + specialEntries, fixed: fixed), nil)
        case .multiple:
            return (nil, subquestions(of: question, in: questionnaire))
        case .grid:
            return (
                answerCodes(question.options.map { ($0.id, $0.label) } + specialEntries, fixed: specialCodes),
                subquestions(of: question, in: questionnaire)
            )
        case .number, .text:
            return (nil, nil)
        }
    }

    /// `id` in camel case, letters and digits only, starting with a letter: `pil-strategie` → `pilStrategie`.
    static func camel(_ id: String) -> String {
        let parts = id.split { !($0.isASCII && ($0.isLetter || $0.isNumber)) }
        var code = parts.enumerated().map { index, part in
            index == 0 ? String(part) : part.prefix(1).uppercased() + part.dropFirst()
        }.joined()
        if code.first.map({ !$0.isLetter }) ?? true { code = "q" + code }
        return code
    }

    /// `wanted` cut to `length`, or, when that is taken (without case) or reserved, its start
    /// followed by the first number that makes it free.
    static func unique(_ wanted: String, length: Int, taken: Set<String>) -> String {
        let cut = String(wanted.prefix(length))
        if !taken.contains(cut.lowercased()) && !reserved.contains(cut.lowercased()) { return cut }
        var number = 1
        while true {
            let suffix = String(number)
            let candidate = String(wanted.prefix(length - suffix.count)) + suffix
            if !taken.contains(candidate.lowercased()) && !reserved.contains(candidate.lowercased()) { return candidate }
            number += 1
        }
    }

    /// Answer codes for `entries` (id and label, in order): `fixed` codes where given, else the
    /// id's first letters and digits; never a code that reads, without case or accents, like
    /// another entry's id or label.
    static func answerCodes(_ entries: [(id: String, label: LocalizedText)], fixed: [String: String]) -> [String: String] {
        var codes: [String: String] = [:]
        var taken: Set<String> = []
        /// What the entries but `index` are known by: a code reading like one of them would be taken for it.
        func others(_ index: Int) -> Set<String> {
            var known: Set<String> = []
            for (other, otherEntry) in entries.enumerated() where other != index {
                known.insert(AnswerVocabulary.key(otherEntry.id))
                for text in otherEntry.label.translations.values { known.insert(AnswerVocabulary.key(text)) }
            }
            return known
        }
        // A fixed code ("NA" for "Non concerné") only where no other answer reads like it (an option "na").
        for (index, entry) in entries.enumerated() {
            guard let code = fixed[entry.id], !others(index).contains(code.lowercased()), !taken.contains(code.lowercased())
            else { continue }
            codes[entry.id] = code
            taken.insert(code.lowercased())
        }
        for (index, entry) in entries.enumerated() where codes[entry.id] == nil {
            let blocked = taken.union(others(index))
            let letters = String(entry.id.lowercased().filter { $0.isASCII && ($0.isLetter || $0.isNumber) })
            var code = unique(letters.isEmpty ? "a" : letters, length: answerCodeLength, taken: blocked)
            if code.count > answerCodeLength { code = unique("a", length: answerCodeLength, taken: blocked) }
            codes[entry.id] = code
            taken.insert(code.lowercased())
        }
        return codes
    }
}
