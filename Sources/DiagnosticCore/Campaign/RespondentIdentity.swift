import Foundation

/// Who answered, as campaigns recognise them: the organisation across campaigns, the respondent within it.
///
/// Profile fields are read by their conventional ids (`organisation`, `code`, `typology`, `population`,
/// `agents`, `departement`, `respondent_name`, `email`, `role`, `viewpoint`), documented in
/// `docs/campaigns.md`; a questionnaire without some of them still works, with less to go on.
public struct RespondentIdentity: Sendable, Hashable {
    /// Organisation key: `code:<official code>`, else `name:<normalised name>|<typology>`.
    public var organisationKey: String
    /// Organisation name as given.
    public var organisationName: String
    /// Official code, when given.
    public var code: String?
    /// Typology id.
    public var typology: String
    /// Population, when given.
    public var population: Double?
    /// Number of agents, when given.
    public var agents: Double?
    /// Département, when given.
    public var departement: String?
    /// Respondent key within the organisation: e-mail, else name, else role, else empty.
    public var respondentKey: String
    /// Respondent name (personal).
    public var respondentName: String?
    /// Respondent e-mail (personal).
    public var email: String?
    /// Respondent role.
    public var role: String?
    /// Respondent point of view.
    public var viewpoint: String?

    /// The identity a checked response carries; `nil` without typology.
    public init?(response: Response, questionnaire: Questionnaire) {
        guard let typology = response.typology(in: questionnaire) else { return nil }
        self.init(profile: response.profile, typology: typology, questionnaire: questionnaire)
    }

    /// The identity of a checked profile whose typology is `typology`.
    public init(profile: [String: ProfileValue], typology: Typology, questionnaire: Questionnaire) {
        func text(_ id: String) -> String? {
            guard let value = profile[id]?.text.trimmed, !value.isEmpty else { return nil }
            return value
        }
        let name =
            text("organisation") ?? questionnaire.profileFields.first { $0.kind == .text && $0.required }.flatMap { text($0.id) }
        organisationName = name ?? ""
        code = text("code")
        self.typology = typology.id
        organisationKey = code.map { "code:" + Self.normalised($0) } ?? "name:\(Self.normalised(organisationName))|\(typology.id)"
        population = profile["population"]?.number
        agents = profile["agents"]?.number
        departement = text("departement")
        respondentName = text("respondent_name")
        email = text("email")
        role = text("role")
        viewpoint = text("viewpoint")
        respondentKey =
            email.map { "email:" + $0.lowercased() } ?? respondentName.map { "name:" + Self.normalised($0) }
            ?? role.map { "role:" + $0 } ?? ""
    }

    /// Lower case, without accents, single spaces: "Commune de  Lucey " and "commune de lucey" match.
    public static func normalised(_ text: String) -> String {
        // ASCII text (codes, e-mails, most names of a form export) byte by byte: the same result
        // as the general way below, which asks Unicode's properties of every character.
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            var bytes: [UInt8] = []
            bytes.reserveCapacity(text.utf8.count)
            var pendingSpace = false
            for byte in text.utf8 {
                // Unicode's white space in ASCII: tab, line feed, vertical tab, form feed, carriage return, space.
                if byte == 0x20 || (0x09...0x0D).contains(byte) {
                    pendingSpace = !bytes.isEmpty
                    continue
                }
                if pendingSpace {
                    bytes.append(0x20)
                    pendingSpace = false
                }
                bytes.append((0x41...0x5A).contains(byte) ? byte | 0x20 : byte)
            }
            return String(decoding: bytes, as: UTF8.self)
        }
        return normalisedByScalars(text)
    }

    /// `normalised` for any text, character by character.
    static func normalisedByScalars(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            if scalar.properties.isWhitespace {
                pendingSpace = !result.isEmpty
                continue
            }
            if pendingSpace {
                result.unicodeScalars.append(" ")
                pendingSpace = false
            }
            if scalar.isASCII {
                result.unicodeScalars.append(Unicode.Scalar(UInt8(ascii: scalar) | (scalar.properties.isUppercase ? 0x20 : 0)))
            } else {
                // Canonical decomposition, keeping the base letter: é → e, Ç → c (combining marks dropped).
                let base = String(scalar).decomposedStringWithCanonicalMapping.unicodeScalars.filter {
                    !$0.properties.isDiacritic && $0.properties.generalCategory != .nonspacingMark
                }
                for part in base { result += String(part).lowercased() }
            }
        }
        return result
    }
}

/// How reports and comparisons tell apart the respondents of one organisation, without personal data.
public enum RespondentLabel {
    /// One label per respondent, in order. A lone respondent needs none (empty). Otherwise each is
    /// named by its role when the role is given and no other respondent shares it, else
    /// "Répondant N" / "Respondent N" (N its place, 1-based), followed by a shared role in brackets.
    /// Never an e-mail or a name; not even the role when the questionnaire marks it `personal`.
    public static func labels(roles: [String?], questionnaire: Questionnaire, language: Language) -> [String] {
        guard roles.count > 1 else { return roles.map { _ in "" } }
        let usable = questionnaire.profileField("role")?.personal == true ? roles.map { _ in nil } : roles
        let given = usable.map { $0?.trimmed }.map { $0?.isEmpty == false ? $0 : nil }
        var counts: [String: Int] = [:]
        for role in given.compactMap({ $0 }) { counts[role, default: 0] += 1 }
        return given.enumerated().map { index, role in
            if let role, counts[role] == 1 { return role }
            let numbered = language.pick("Répondant \(index + 1)", "Respondent \(index + 1)")
            return role.map { "\(numbered) (\($0))" } ?? numbered
        }
    }
}

extension RespondentIdentity {
    /// One respondent of one organisation: the two keys together, as an import tells its respondents apart.
    public var combinedKey: String { organisationKey + "\u{1F}" + respondentKey }
}
