import DiagnosticCore
import Foundation

/// Reads an advisor's list of organisations to invite (CSV: organisation, code, typology,
/// population, agents, departement, email), checked against the campaign's questionnaire.
public enum InvitationList {
    /// The columns read, by the names a header may give them (compared without case or accents).
    static let columns: [(field: String, names: [String])] = [
        ("organisation", ["organisation", "organization", "name", "nom", "collectivite"]),
        ("code", ["code", "siren"]),
        ("typology", ["typology", "typologie"]),
        ("population", ["population", "habitants"]),
        ("agents", ["agents", "staff"]),
        ("departement", ["departement", "department"]),
        ("email", ["email", "e-mail", "courriel", "mail"]),
    ]

    /// The messages of invitation lists.
    enum Message {
        static func missingColumn(_ field: String, names: [String]) -> DefinitionMessage {
            .kind(
                KindMessage(
                    french: "la liste n'a pas de colonne « \(field) » (en-têtes reconnus : \(names.joined(separator: ", ")))",
                    english: "the list has no '\(field)' column (headers understood: \(names.joined(separator: ", ")))"))
        }

        static func unreadColumn(_ name: String, read: [String]) -> DefinitionMessage {
            .kind(
                KindMessage(
                    french: "la colonne « \(name) » n'est pas lue (colonnes lues : \(read.joined(separator: ", ")))",
                    english: "column '\(name)' is not read (columns read: \(read.joined(separator: ", ")))"))
        }

        static func invalidEmail(row: Int, _ value: String) -> DefinitionMessage {
            .kind(
                KindMessage(
                    french: "ligne \(row), colonne « email » : « \(value) » n'est pas une adresse électronique",
                    english: "row \(row), column 'email': '\(value)' is not an e-mail address"))
        }

        static func duplicate(row: Int, firstRow: Int) -> DefinitionMessage {
            .kind(
                KindMessage(
                    french:
                        "ligne \(row) : même organisation que la ligne \(firstRow) ; pour plusieurs répondants d'une organisation, invitez-la une fois par répondant avec une adresse différente",
                    english:
                        "row \(row): same organisation as row \(firstRow); for several respondents of one organisation, invite it once per respondent with a different address"
                ))
        }

        static let empty: DefinitionMessage = .kind(
            KindMessage(french: "la liste n'invite aucune organisation", english: "the list invites no organisation"))
    }

    /// The invitations of `data` (the file `file`), or `nil` with the errors; warnings either way.
    public static func read(data: Data, file: String, questionnaire: Questionnaire) -> LoadResult<[Invitation]> {
        var diagnostics: [Diagnostic] = []
        func report(_ message: DefinitionMessage, line: Int?, column: Int? = nil, severity: Severity = .error) {
            diagnostics.append(Diagnostic(file: file, line: line, column: column, severity: severity, message))
        }
        var reader = CSVReader(data: data)
        let header: CSVReader.Record
        do {
            guard let first = try reader.next() else {
                report(.emptyTable, line: 1)
                return LoadResult(value: nil, diagnostics: diagnostics)
            }
            header = first
        } catch {
            report(.csv(error), line: nil)
            return LoadResult(value: nil, diagnostics: diagnostics)
        }
        var position: [String: Int] = [:]
        for (index, cell) in header.cells.enumerated() {
            let name = RespondentIdentity.normalised(cell.trimmed)
            guard !name.isEmpty else { continue }
            if let field = columns.first(where: { $0.names.contains(name) })?.field, position[field] == nil {
                position[field] = index
            } else {
                report(
                    Message.unreadColumn(cell.trimmed, read: columns.map(\.field)), line: header.line, column: index + 1,
                    severity: .warning)
            }
        }
        for field in ["organisation", "typology"] where position[field] == nil {
            report(Message.missingColumn(field, names: columns.first { $0.field == field }?.names ?? []), line: header.line)
        }
        guard position["organisation"] != nil, position["typology"] != nil else {
            return LoadResult(value: nil, diagnostics: diagnostics)
        }
        let typologies = AnswerVocabulary(questionnaire).typologies(questionnaire)
        var invitations: [Invitation] = []
        var seen: [String: Int] = [:]
        var number = 0
        while true {
            let record: CSVReader.Record
            do {
                guard let next = try reader.next() else { break }
                record = next
            } catch {
                report(.csv(error), line: nil)
                return LoadResult(value: nil, diagnostics: diagnostics)
            }
            if record.cells.allSatisfy({ $0.trimmed.isEmpty }) { continue }
            number += 1
            func cell(_ field: String) -> String? {
                guard let index = position[field], index < record.cells.count else { return nil }
                let text = record.cells[index].trimmed
                return text.isEmpty ? nil : text
            }
            func issue(_ field: String, _ reason: ResponseIssue.Reason) {
                report(.inRow(number, column: field, ResponseIssue(.profile(field), reason)), line: record.line)
            }
            guard let organisation = cell("organisation") else {
                issue("organisation", .missingProfileField("organisation"))
                continue
            }
            guard let typologyText = cell("typology") else {
                issue("typology", .missingProfileField("typology"))
                continue
            }
            // By id or label, as response files and imports read a typology.
            let typology = typologies.translate(typologyText)
            guard questionnaire.typology(typology) != nil else {
                issue("typology", .unknownTypology(typologyText, known: questionnaire.typologies.map(\.id)))
                continue
            }
            var numbers: [String: Double] = [:]
            var valid = true
            for field in ["population", "agents"] {
                guard let text = cell(field) else { continue }
                guard let value = ResponseChecker.number(text), abs(value) <= ResponseChecker.largestNumber else {
                    issue(field, .notANumber(text))
                    valid = false
                    continue
                }
                guard value >= 0 else {
                    issue(field, .negativeCount(text))
                    valid = false
                    continue
                }
                numbers[field] = value
            }
            let email = cell("email")
            if let email, !Self.looksLikeEmail(email) {
                report(Message.invalidEmail(row: number, email), line: record.line)
                valid = false
            }
            guard valid else { continue }
            let invitation = Invitation(
                organisation: organisation, code: cell("code"), typology: typology, population: numbers["population"],
                agents: numbers["agents"], departement: cell("departement"), email: email)
            let key = [
                invitation.code.map { "code:" + RespondentIdentity.normalised($0) }
                    ?? "name:" + RespondentIdentity.normalised(organisation) + "|" + typology,
                email.map { RespondentIdentity.normalised($0) } ?? "",
            ].joined(separator: "|")
            if let first = seen[key] {
                report(Message.duplicate(row: number, firstRow: first), line: record.line)
                continue
            }
            seen[key] = number
            invitations.append(invitation)
        }
        if number == 0 { report(Message.empty, line: header.line) }
        let failed = diagnostics.contains { $0.severity == .error }
        return LoadResult(value: failed ? nil : invitations, diagnostics: diagnostics)
    }

    /// One `@` with text on each side, no space: enough to catch a name typed in the wrong column.
    public static func looksLikeEmail(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".") && !text.contains(where: \.isWhitespace)
    }
}
