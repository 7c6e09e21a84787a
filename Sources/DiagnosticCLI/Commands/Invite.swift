import ArgumentParser
import DiagnosticCore
import DiagnosticDefinitions
import DiagnosticPipeline
import DiagnosticStore
import Foundation

/// `od4g invite`: one private link per organisation to invite, for `od4g serve`.
struct Invite: LocalizedCommand {
    static let configuration = CommandConfiguration(
        abstract: "Invite des organisations à répondre en ligne / Invite organisations to answer online.",
        discussion: """
            od4g invite --campaign C organisations.csv --output liens.csv
            La liste (CSV) : organisation, code, typology, population, agents, departement, email.
            Le fichier écrit reprend chaque ligne avec son lien privé, pour un publipostage ; la base ne garde
            que l'empreinte des liens : conservez ce fichier / The list (CSV): organisation, code, typology,
            population, agents, departement, email. The file written repeats each row with its private link, for a
            mail merge; the database keeps only the links' fingerprints: keep this file.
            """)

    @Argument(help: "Liste des organisations (CSV) / List of organisations (CSV).")
    var list: String

    @Option(name: .long, help: "Campagne (créée si besoin) / Campaign (created if needed).")
    var campaign: String

    @Option(name: .long, help: "Période d'une nouvelle campagne / Period of a new campaign.")
    var period: String?

    @Option(name: .long, help: "Questionnaire d'une nouvelle campagne (défaut od4growth) / Questionnaire of a new campaign.")
    var questionnaire: String?

    @OptionGroup var server: BaseURLOption

    @Option(name: .long, help: "Fichier des liens à écrire (CSV, nouveau) / Links file to write (CSV, new).")
    var output: String

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var common: CommonOptions

    func validate() throws { try server.check(common.language) }

    func run() throws {
        let language = common.language
        // The links exist only in this file: one already there is never replaced.
        if FileManager.default.fileExists(atPath: output) {
            throw CommandFailure(
                status: 1,
                message: language.pick(
                    "error: \(output) existe déjà : ses liens seraient perdus ; choisissez un autre --output",
                    "error: \(output) already exists: its links would be lost; choose another --output"))
        }
        let data: Data
        switch SourceFile.read(list, limit: SourceFile.tableLimit) {
        case .success(let read): data = read
        case .failure(let problem):
            DiagnosticPrinter(language: language).print([Diagnostic(file: list, line: nil, column: nil, .cannotRead(problem))])
            throw CommandFailure.invalidData
        }
        let createdDatabase = !FileManager.default.fileExists(atPath: database.db)
        var stored = false
        defer { if createdDatabase, !stored { CampaignDatabase.removeFiles(at: database.db) } }
        let store = try database.open(language)
        let (model, text) = try CampaignQuestionnaire.resolve(
            campaign: campaign, explicitPath: questionnaire, database: store, language: language)
        let result = InvitationList.read(data: data, file: list, questionnaire: model)
        DiagnosticPrinter(language: language).print(result.diagnostics)
        guard let invitations = result.value else { throw CommandFailure.invalidData }
        let issued = invitations.map { (invitation: $0, token: InvitationToken.make()) }
        let base = server.base
        let writer = CSVWriter()
        let columns = ["organisation", "code", "typology", "population", "agents", "departement", "email"]
        var table = writer.line(columns + ["link"])
        for (invitation, token) in issued {
            let values = invitation.profileTexts
            table += writer.line(columns.map { values[$0] ?? "" } + ["\(base)/r/\(token)"])
        }
        // The links are written before they are stored: a link stored but never written would be lost.
        // The links are secrets: the file is its owner's only (0600).
        try OutputFile.write(table, to: output, mode: 0o600)
        do {
            try store.invite(
                issued, campaign: campaign, period: period, questionnaire: model, questionnaireText: text, now: Date())
        } catch {
            try? FileManager.default.removeItem(atPath: output)
            throw error
        }
        stored = true
        Console.current.print(
            language.pick(
                "Campagne « \(campaign) » : \(issued.count) invitation(s), liens écrits dans \(output)",
                "Campaign '\(campaign)': \(issued.count) invitation(s), links written to \(output)"))
    }
}

/// `od4g revoke`: a private link stops opening (its answers stay in the campaign).
struct Revoke: LocalizedCommand {
    static let configuration = CommandConfiguration(
        abstract: "Révoque un lien d'invitation ou un lien ouvert / Revokes an invitation link or an open link.",
        discussion: """
            od4g revoke https://…/r/JETON   (ou le jeton seul / or the token alone; https://…/o/JETON: un lien ouvert / an open link)
            Le lien ne s'ouvre plus ; les réponses déjà données restent / The link no longer opens; answers given stay.
            """)

    @Argument(help: "Le lien, ou son jeton / The link, or its token.")
    var link: String

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var common: CommonOptions

    func run() throws {
        let language = common.language
        let store = try database.openExistingDatabase(language)
        let token = link.split(separator: "/").last.map(String.init) ?? link
        let isOpenLink = try link.contains("/o/") || (!link.contains("/r/") && store.openLink(token: token) != nil)
        if isOpenLink {
            guard let closed = try store.revokeOpenLink(token: token, now: Date()) else {
                throw CommandFailure(
                    status: 1,
                    message: language.pick(
                        "error: ce lien ne correspond à aucun lien ouvert de \(database.db) : vérifiez qu'il est complet",
                        "error: this link matches no open link in \(database.db): check it is complete"))
            }
            Console.current.print(
                language.pick(
                    "Lien ouvert fermé (\(closed.revokedAt ?? "")) : les liens personnels obtenus par lui restent valables",
                    "Open link closed (\(closed.revokedAt ?? "")): the personal links made through it still open"))
            return
        }
        guard let revoked = try store.revokeInvitation(token: token, now: Date()) else {
            throw CommandFailure(
                status: 1,
                message: language.pick(
                    "error: ce lien ne correspond à aucune invitation de \(database.db) : vérifiez qu'il est complet",
                    "error: this link matches no invitation in \(database.db): check it is complete"))
        }
        Console.current.print(
            language.pick(
                "Lien de « \(revoked.invitation.organisation) » révoqué (\(revoked.revokedAt ?? ""))",
                "Link of '\(revoked.invitation.organisation)' revoked (\(revoked.revokedAt ?? ""))"))
    }
}

/// `--base-url`: the server's address, as the links it writes begin.
struct BaseURLOption: ParsableArguments {
    @Option(
        name: .long,
        help: "Adresse du serveur dans les liens (défaut http://127.0.0.1:8080) / Server address in the links.")
    var baseURL: String = "http://127.0.0.1:8080"

    /// The address without its trailing slash.
    var base: String { baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL }

    /// Refuses an address that is not http(s)://host[:port].
    func check(_ language: Language) throws {
        guard let url = URL(string: baseURL), ["http", "https"].contains(url.scheme ?? ""), url.host != nil else {
            throw ValidationError(
                language.pick(
                    "--base-url \(baseURL) : une adresse http(s)://hôte[:port], par exemple https://diagnostic.grandest.fr",
                    "--base-url \(baseURL): an http(s)://host[:port] address, for example https://diagnostic.grandest.fr"))
        }
    }
}
