/// A problem found in a response: which field or answer, and why.
public struct ResponseIssue: Sendable, Hashable, Error {
    /// What the problem is about.
    public enum Subject: Sendable, Hashable {
        /// The response as a whole (e.g. the questionnaire it names).
        case response
        /// A profile field, by id.
        case profile(String)
        /// An answer, by question id.
        case answer(String)
        /// A target, by dimension id.
        case target(String)
    }

    /// Why the response is wrong.
    public enum Reason: Sendable, Hashable, Error {
        case otherQuestionnaire(named: String, expected: String)
        case otherVersion(named: String, expected: String)
        case missingProfileField(String)
        case unknownProfileField(String, known: [String])
        case unknownTypology(String, known: [String])
        /// A family of several typologies where one typology is expected.
        case typologyIsFamily(String, members: [String])
        case notANumber(String)
        case notAnInteger(String)
        /// Beyond 2^53 − 1: not a figure a response can hold exactly.
        case numberTooLarge(String)
        case negativeCount(String)
        case choiceNotOffered(String, offered: [String])
        case expectedOneValue
        /// A message a kind of answer words itself (`DiagnosticCore/Kinds/`).
        case kind(KindMessage)
        case unknownQuestion(String, suggestion: String?)
        case questionNotAskedToTypology(typology: String)
        case questionNotAskedToProfile
        /// A follow-up answered although the answers it depends on (these questions) were not given.
        case answerIgnoredHidden(after: [String])
        /// A follow-up answered although the answers given to these questions do not open it.
        case answerIgnoredConditionFalse(after: [String])
        case optionNotOffered(String, offered: [String])
        case specialNotOffered(SpecialAnswerKind)
        case outOfRange(String, minimum: Double?, maximum: Double?)
        case exclusiveCombined(String)
        case repeatedOption(String)
        case invalidChoice(key: String, value: String, allowed: [String])
        case detailsWithoutAnswer
        case unknownDimension(String, known: [String])
        case unknownLevel(String, known: [String])
    }

    /// What the problem is about.
    public var subject: Subject
    /// Error or warning.
    public var severity: Severity
    /// Why.
    public var reason: Reason

    /// Creates an issue.
    public init(_ subject: Subject, _ reason: Reason, severity: Severity = .error) {
        self.subject = subject
        self.severity = severity
        self.reason = reason
    }

    /// The field the issue is about, as the user wrote it (`respondent.population`, `answers.pil-1`).
    public var fieldPath: String {
        switch subject {
        case .response: "questionnaire"
        case .profile(let field): "respondent.\(field)"
        case .answer(let question): "answers.\(question)"
        case .target(let dimension): "targets.\(dimension)"
        }
    }

    /// The message, in `language`, naming the field and what to do.
    public func message(_ language: Language) -> String {
        let l = language
        switch reason {
        case .otherQuestionnaire(let named, let expected):
            return l.pick(
                "la réponse a été remplie pour le questionnaire « \(named) », pas pour « \(expected) » : choisissez le bon fichier avec --questionnaire",
                "the response was written for questionnaire '\(named)', not '\(expected)': choose the right file with --questionnaire"
            )
        case .otherVersion(let named, let expected):
            return l.pick(
                "la réponse indique la version \(named) du questionnaire, celle chargée est la \(expected)",
                "the response names version \(named) of the questionnaire; the one loaded is \(expected)")
        case .missingProfileField(let field):
            return l.pick("le champ obligatoire « \(field) » du profil manque", "required profile field '\(field)' is missing")
        case .unknownProfileField(let field, let known):
            return l.pick(
                "champ de profil inconnu « \(field) » (champs connus : \(known.joined(separator: ", ")))",
                "unknown profile field '\(field)' (known fields: \(known.joined(separator: ", ")))")
        case .unknownTypology(let value, let known):
            let suggestion = ResponseChecker.closest(to: RespondentIdentity.normalised(value), among: known)
            return l.pick(
                "typologie inconnue « \(value) »\(suggestion.map { " ; vouliez-vous dire « \($0) » ?" } ?? "") (typologies connues : \(known.joined(separator: ", ")))",
                "unknown typology '\(value)'\(suggestion.map { "; did you mean '\($0)'?" } ?? "") (known typologies: \(known.joined(separator: ", ")))"
            )
        case .typologyIsFamily(let value, let members):
            return l.pick(
                "« \(value) » est une famille de typologies : choisissez l'une d'elles, \(members.joined(separator: ", "))",
                "'\(value)' is a family of typologies: choose one of them, \(members.joined(separator: ", "))")
        case .notANumber(let value):
            return l.pick("« \(value) » n'est pas un nombre", "'\(value)' is not a number")
        case .numberTooLarge(let value):
            return l.pick(
                "« \(value) » est trop grand (au plus 9 007 199 254 740 991) : vérifiez la saisie",
                "'\(value)' is too large (at most 9,007,199,254,740,991): check what was typed")
        case .notAnInteger(let value):
            return l.pick("« \(value) » n'est pas un nombre entier", "'\(value)' is not a whole number")
        case .negativeCount(let value):
            return l.pick(
                "une population ou un effectif ne peut pas être négatif (\(value))",
                "a population or a number of staff cannot be negative (\(value))")
        case .choiceNotOffered(let value, let offered):
            return l.pick(
                "valeur « \(value) » non proposée (valeurs possibles : \(offered.joined(separator: ", ")))",
                "value '\(value)' is not offered (possible values: \(offered.joined(separator: ", ")))")
        case .expectedOneValue:
            return l.pick("une seule valeur est attendue, pas une liste", "one value is expected, not a list")
        case .kind(let message):
            return l.pick(message.french, message.english)
        case .unknownQuestion(let id, let suggestion):
            let hint = suggestion.map { l.pick(" ; vouliez-vous dire « \($0) » ?", "; did you mean '\($0)'?") } ?? ""
            return l.pick("question inconnue « \(id) »", "unknown question '\(id)'") + hint
        case .questionNotAskedToTypology(let typology):
            return l.pick(
                "cette question ne s'applique pas à la typologie « \(typology) » : retirez cette réponse",
                "this question does not apply to typology '\(typology)': remove this answer")
        case .questionNotAskedToProfile:
            return l.pick(
                "cette question ne s'applique pas à ce profil (population, effectifs…) : retirez cette réponse",
                "this question does not apply to this profile (population, staff...): remove this answer")
        case .answerIgnoredHidden(let questions):
            let fr = questions.map { "« \($0) »" }.joined(separator: ", ")
            let en = questions.map { "'\($0)'" }.joined(separator: ", ")
            return l.pick(
                "réponse ignorée : la question n'est posée qu'après une réponse à \(fr), qui n'a pas été donnée",
                "answer ignored: the question is only asked after an answer to \(en), which was not given")
        case .answerIgnoredConditionFalse(let questions):
            let fr = questions.map { "« \($0) »" }.joined(separator: ", ")
            let en = questions.map { "'\($0)'" }.joined(separator: ", ")
            return l.pick(
                "réponse ignorée : la question n'est posée que selon la réponse à \(fr), et la réponse donnée ne l'ouvre pas",
                "answer ignored: the question is only asked depending on the answer to \(en), and the answer given does not open it"
            )
        case .optionNotOffered(let value, let offered):
            return l.pick(
                "réponse « \(value) » non proposée (réponses possibles : \(offered.joined(separator: ", ")))",
                "answer '\(value)' is not offered (possible answers: \(offered.joined(separator: ", ")))")
        case .specialNotOffered(let kind):
            return l.pick(
                "la réponse « \(kind.rawValue) » n'est pas proposée pour cette question",
                "answer '\(kind.rawValue)' is not offered for this question")
        case .outOfRange(let value, let minimum, let maximum):
            let bounds = Self.bounds(minimum, maximum, l)
            return l.pick("la valeur \(value) est hors des bornes \(bounds)", "value \(value) is outside \(bounds)")
        case .exclusiveCombined(let option):
            return l.pick(
                "l'option « \(option) » exclut les autres : ne la combinez pas",
                "option '\(option)' excludes the others: do not combine it")
        case .unknownDimension(let id, let known):
            return l.pick(
                "dimension inconnue « \(id) » (dimensions : \(known.joined(separator: ", ")))",
                "unknown dimension '\(id)' (dimensions: \(known.joined(separator: ", ")))")
        case .unknownLevel(let id, let known):
            return l.pick(
                "niveau inconnu « \(id) » (niveaux : \(known.joined(separator: ", ")))",
                "unknown level '\(id)' (levels: \(known.joined(separator: ", ")))")
        case .invalidChoice(let key, let value, let allowed):
            return l.pick(
                "valeur « \(value) » invalide pour « \(key) » (valeurs possibles : \(allowed.joined(separator: ", ")))",
                "invalid value '\(value)' for '\(key)' (possible values: \(allowed.joined(separator: ", ")))")
        case .detailsWithoutAnswer:
            return l.pick(
                "justification, preuves ou confiance données sans réponse : elles ne sont pas enregistrées ; ajoutez la réponse (ou dont_know)",
                "justification, evidence or confidence given without an answer: they are not stored; add the answer (or dont_know)"
            )
        case .repeatedOption(let option):
            return l.pick("l'option « \(option) » est donnée deux fois", "option '\(option)' is given twice")
        }
    }

    private static func bounds(_ minimum: Double?, _ maximum: Double?, _ l: Language) -> String {
        let low = minimum.map { NumberText.format($0, decimals: 6) } ?? "-∞"
        let high = maximum.map { NumberText.format($0, decimals: 6) } ?? "+∞"
        return "[\(low), \(high)]"
    }
}
