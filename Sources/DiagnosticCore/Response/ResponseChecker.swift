import Foundation

/// Turns a raw response into a checked `Response`, reporting every problem found.
///
/// Shared by response files and form imports, so both say the same thing about the same mistake.
public struct ResponseChecker: Sendable {
    /// The questionnaire responses are checked against.
    public let questionnaire: Questionnaire

    /// Creates a checker for `questionnaire`.
    public init(questionnaire: Questionnaire) {
        self.questionnaire = questionnaire
    }

    /// The checked response, or `nil` when an error was found, and every issue (errors and warnings).
    public func check(_ raw: RawResponse) -> (response: Response?, issues: [ResponseIssue]) {
        var issues: [ResponseIssue] = []
        if let named = raw.questionnaireID, named != questionnaire.id {
            issues.append(ResponseIssue(.response, .otherQuestionnaire(named: named, expected: questionnaire.id)))
        } else if let version = raw.questionnaireVersion, version != questionnaire.version {
            issues.append(
                ResponseIssue(
                    .response, .otherVersion(named: version, expected: questionnaire.version), severity: .warning))
        }
        let profile = checkProfile(raw.profile, issues: &issues)
        var answers: [String: Answer] = [:]
        answers.reserveCapacity(raw.answers.count)
        var positional = [Answer?](repeating: nil, count: questionnaire.questions.count)
        for rawAnswer in raw.answers {
            guard let index = questionnaire.questionIndex(rawAnswer.questionID) else {
                let suggestion = Self.closest(to: rawAnswer.questionID, among: questionnaire.questions.map(\.id))
                issues.append(
                    ResponseIssue(
                        .answer(rawAnswer.questionID), .unknownQuestion(rawAnswer.questionID, suggestion: suggestion)))
                continue
            }
            if rawAnswer.value.isEmpty {
                if Self.detailsSaySomething(
                    justification: rawAnswer.justification, evidence: rawAnswer.evidence, confidence: rawAnswer.confidence)
                {
                    issues.append(ResponseIssue(.answer(rawAnswer.questionID), .detailsWithoutAnswer, severity: .warning))
                }
                continue
            }
            let question = questionnaire.questions[index]
            switch parse(rawAnswer.value, for: question) {
            case .success(let value):
                let answer = Answer(
                    value, justification: rawAnswer.justification, evidence: rawAnswer.evidence,
                    confidence: rawAnswer.confidence)
                answers[question.id] = answer
                positional[index] = answer
            case .failure(let reason):
                issues.append(ResponseIssue(.answer(question.id), reason))
            }
        }
        guard let typology = typology(of: profile) else {
            return (nil, issues)
        }
        let visibility = Visibility.positional(questionnaire, typology: typology, profile: profile, answers: positional)
        for (index, question) in questionnaire.questions.enumerated() where positional[index] != nil {
            switch visibility[index] {
            case .asked:
                break
            case .notForTypology:
                issues.append(ResponseIssue(.answer(question.id), .questionNotAskedToTypology(typology: typology.id)))
            case .notForProfile:
                issues.append(ResponseIssue(.answer(question.id), .questionNotAskedToProfile))
            case .hidden:
                // Earlier questions are settled already (their ignored answers removed): was the answer the
                // follow-up depends on missing, or given without opening it?
                var references: [String] = []
                for id in question.shownWhen?.questionReferences ?? [] where !references.contains(id) { references.append(id) }
                let missing = references.filter { id in
                    questionnaire.questionIndex(id).map { visibility[$0] != .asked || positional[$0] == nil } ?? true
                }
                let reason: ResponseIssue.Reason =
                    missing.isEmpty ? .answerIgnoredConditionFalse(after: references) : .answerIgnoredHidden(after: missing)
                issues.append(ResponseIssue(.answer(question.id), reason, severity: .warning))
                answers[question.id] = nil
                positional[index] = nil
            }
        }
        var targets: [String: String] = [:]
        for (dimension, level) in raw.targets {
            if let problem = Self.targetProblem(dimension: dimension, level: level, typology: typology, in: questionnaire) {
                issues.append(ResponseIssue(.target(dimension), problem))
            } else {
                targets[dimension] = level
            }
        }
        let failed = issues.contains { $0.severity == .error }
        var response = Response(
            questionnaireID: raw.questionnaireID, questionnaireVersion: raw.questionnaireVersion,
            profile: profile, answers: answers)
        response.targets = targets
        response.followedActions = raw.followedActions
        // Dropping hidden answers opens no follow-up (a condition reads only asked questions), so the
        // visibility computed above is still the response's.
        response.checked = Response.Checked(
            questionnaire: questionnaire.signature, typology: typology.id, answers: positional, visibility: visibility)
        return (failed ? nil : response, issues)
    }

    /// Whether the details of an answer (justification, evidence, confidence) say anything: given
    /// without a value, they are worth a warning (a blank justification is not).
    public static func detailsSaySomething(justification: String?, evidence: [String], confidence: Confidence?) -> Bool {
        !(justification?.trimmed.isEmpty ?? true) || !evidence.isEmpty || confidence != nil
    }

    // MARK: Profile

    /// Profile fields that count people (conventional ids, see `RespondentIdentity`): never negative.
    static let countFields: Set<String> = ["population", "agents"]

    /// The typology a checked profile names, if the questionnaire knows it.
    func typology(of profile: [String: ProfileValue]) -> Typology? {
        questionnaire.typologyField.flatMap { field in profile[field.id].flatMap { questionnaire.typology($0.text) } }
    }

    func checkProfile(
        _ entries: [(field: String, value: RawValue)], issues: inout [ResponseIssue]
    ) -> [String: ProfileValue] {
        var profile: [String: ProfileValue] = [:]
        profile.reserveCapacity(entries.count)
        for (fieldID, raw) in entries {
            guard let field = questionnaire.profileField(fieldID) else {
                issues.append(
                    ResponseIssue(
                        .profile(fieldID), .unknownProfileField(fieldID, known: questionnaire.profileFields.map(\.id))))
                continue
            }
            if raw.isEmpty { continue }
            guard case .scalar(let text) = raw else {
                issues.append(ResponseIssue(.profile(fieldID), .expectedOneValue))
                continue
            }
            let value = text.trimmed
            switch field.kind {
            case .text:
                profile[fieldID] = .text(value)
            case .integer, .number:
                guard let number = Self.number(value) else {
                    issues.append(ResponseIssue(.profile(fieldID), .notANumber(value)))
                    continue
                }
                guard abs(number) <= Self.largestNumber else {
                    issues.append(ResponseIssue(.profile(fieldID), .numberTooLarge(value)))
                    continue
                }
                if field.kind == .integer, number != number.rounded() {
                    issues.append(ResponseIssue(.profile(fieldID), .notAnInteger(value)))
                    continue
                }
                if Self.countFields.contains(fieldID), number < 0 {
                    issues.append(ResponseIssue(.profile(fieldID), .negativeCount(value)))
                    continue
                }
                profile[fieldID] = .number(number)
            case .choice:
                guard field.options.contains(where: { $0.id == value }) else {
                    issues.append(
                        ResponseIssue(
                            .profile(fieldID), .choiceNotOffered(value, offered: field.options.map(\.id))))
                    continue
                }
                profile[fieldID] = .text(value)
            case .typology:
                guard questionnaire.typology(value) != nil else {
                    let reason: ResponseIssue.Reason
                    if case .family(_, let members) = questionnaire.findTypology(value) {
                        reason = .typologyIsFamily(value, members: members.map(\.id))
                    } else {
                        reason = .unknownTypology(value, known: questionnaire.typologies.map(\.id))
                    }
                    issues.append(ResponseIssue(.profile(fieldID), reason))
                    continue
                }
                profile[fieldID] = .text(value)
            }
        }
        for field in questionnaire.profileFields where field.required || field.kind == .typology {
            if !entries.contains(where: { $0.field == field.id && !$0.value.isEmpty }) {
                issues.append(ResponseIssue(.profile(field.id), .missingProfileField(field.id)))
            }
        }
        return profile
    }

    // MARK: Answers

    /// Parses a raw value for `question`: option ids, numbers in range, or a special answer it offers.
    public func parse(_ raw: RawValue, for question: Question) -> Result<AnswerValue, ResponseIssue.Reason> {
        if case .scalar(let text) = raw, let kind = SpecialAnswerKind(rawValue: text.trimmed) {
            guard question.specialAnswers[kind] != nil else { return .failure(.specialNotOffered(kind)) }
            return .success(.special(kind))
        }
        return question.kind.unit.parse(raw, for: question)
    }

    /// The largest number a response may hold: 2^53 − 1, beyond which whole numbers are no longer
    /// exact (a population of 1e23 is a typing slip, not a territory).
    public static let largestNumber = 9_007_199_254_740_991.0

    /// Reads a number written by a person: "3500", "3 500", "12,5", "12.5", "-2", "1e6".
    ///
    /// Only decimal notation: an optional sign, digits with at most one decimal point (or comma),
    /// an optional exponent. Hexadecimal ("0x1p12"), "nan" and "inf" are not numbers here.
    public static func number(_ text: String) -> Double? {
        // Plain figures ("12", "3.5") go straight to Double; spaces and commas take the long way.
        if text.utf8.allSatisfy({ (0x30...0x39).contains($0) || $0 == 0x2E || $0 == 0x2D }), !text.isEmpty {
            return Double(text).flatMap { $0.isFinite ? $0 : nil }
        }
        let cleaned = text.filter { !$0.isWhitespace && $0 != "\u{202F}" && $0 != "\u{00A0}" && $0 != "_" }
            .replacingOccurrences(of: ",", with: ".")
        guard isDecimal(cleaned), let value = Double(cleaned), value.isFinite else { return nil }
        return value
    }

    /// Whether `text` is `[+-]digits[.digits][(e|E)[+-]digits]`, with at least one digit before the exponent.
    static func isDecimal(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        var index = 0
        func isDigit(_ byte: UInt8) -> Bool { (0x30...0x39).contains(byte) }
        func digits() -> Int {
            let start = index
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
            return index - start
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
        var count = digits()
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            count += digits()
        }
        guard count > 0 else { return false }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard digits() > 0 else { return false }
        }
        return index == bytes.count
    }

    /// The longest text (in bytes) `closest` looks for a suggestion for.
    public static let longestSuggested = 200

    /// The known id closest to a mistyped one, when it is close enough to be a likely typo.
    public static func closest(to id: String, among candidates: [String]) -> String? {
        // Suggestions are for names a person types: a page of text (a 10 MB cell) gets none, at once.
        guard id.utf8.count <= longestSuggested else { return nil }
        let scored = candidates.map { ($0, EditDistance.between(id, $0)) }
        guard let best = scored.min(by: { $0.1 < $1.1 }) else { return nil }
        return best.1 <= max(2, id.count / 3) ? best.0 : nil
    }
}

extension ResponseChecker {
    /// Why a target level cannot be set for a dimension (an unknown dimension, or a level that
    /// dimension does not have for this typology), or `nil` when it can.
    public static func targetProblem(
        dimension: String, level: String, typology: Typology, in questionnaire: Questionnaire
    ) -> ResponseIssue.Reason? {
        guard questionnaire.dimension(dimension) != nil else {
            return .unknownDimension(dimension, known: questionnaire.dimensions.map(\.id))
        }
        let levels = questionnaire.levels(forDimension: dimension, typology: typology).map(\.id)
        return levels.contains(level) ? nil : .unknownLevel(level, known: levels)
    }
}
