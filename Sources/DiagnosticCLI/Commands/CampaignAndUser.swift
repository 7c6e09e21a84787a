import ArgumentParser
import DiagnosticCore
import DiagnosticStore
import DiagnosticWeb
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `od4g campaign close|open NAME`: a closed campaign's answers no longer change (web saves and
/// imports are refused) until it is opened again. `od4g campaign link NAME`: an open link.
struct CampaignCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "campaign",
        abstract: "Clôt ou rouvre une campagne / Closes or opens a campaign again.",
        subcommands: [Close.self, Open.self, Link.self])

    struct Link: LocalizedCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Crée un lien ouvert : chacun y indique son organisation et reçoit son propre lien / Makes an open link: each states their organisation and gets a link of their own.",
            discussion: "Fermer le lien / To close it: od4g revoke LIEN")

        @Argument(help: "Campagne / Campaign.")
        var campaign: String

        @OptionGroup var server: BaseURLOption
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var common: CommonOptions

        func validate() throws { try server.check(common.language) }

        func run() throws {
            let language = common.language
            let store = try database.openExistingDatabase(language)
            let token = InvitationToken.make()
            _ = try store.makeOpenLink(campaign: campaign, token: token, now: Date())
            let base = server.base
            Console.current.print(
                language.pick(
                    "Lien ouvert de la campagne « \(campaign) » (gardez-le, il n'est pas enregistré) : \(base)/o/\(token)",
                    "Open link of campaign '\(campaign)' (keep it, it is not stored): \(base)/o/\(token)"))
        }
    }

    struct Close: LocalizedCommand {
        static let configuration = CommandConfiguration(
            abstract: "Clôt une campagne : ses réponses ne changent plus / Closes a campaign: its answers no longer change.")

        @Argument(help: "Campagne / Campaign.")
        var campaign: String

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var common: CommonOptions

        func run() throws { try CampaignCommand.set(campaign, closed: true, database: database, language: common.language) }
    }

    struct Open: LocalizedCommand {
        static let configuration = CommandConfiguration(
            abstract: "Rouvre une campagne close / Opens a closed campaign again.")

        @Argument(help: "Campagne / Campaign.")
        var campaign: String

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var common: CommonOptions

        func run() throws { try CampaignCommand.set(campaign, closed: false, database: database, language: common.language) }
    }

    static func set(_ name: String, closed: Bool, database: DatabaseOptions, language: Language) throws {
        let store = try database.openExistingDatabase(language)
        let info = try store.setCampaign(name, closed: closed, now: Date())
        Console.current.print(
            closed
                ? language.pick(
                    "Campagne « \(name) » close (\(info.closedAt ?? "")) : ses réponses ne changent plus ; les liens restent ouverts en lecture",
                    "Campaign '\(name)' closed (\(info.closedAt ?? "")): its answers no longer change; links still open to read")
                : language.pick(
                    "Campagne « \(name) » rouverte : les répondants peuvent de nouveau modifier leurs réponses",
                    "Campaign '\(name)' open again: respondents can change their answers again"))
    }
}

/// `od4g user add|password|list`: the advisors' accounts of the web console (`od4g serve`).
struct UserCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user",
        abstract: "Comptes des conseillers de la console web / Advisors' accounts of the web console.",
        subcommands: [Add.self, Password.self, List.self])

    /// Where a password comes from: a file's first line, or asked twice at the terminal, or one line of standard input.
    struct PasswordOptions: ParsableArguments {
        @Option(
            name: .long,
            help:
                "Fichier dont la première ligne est le mot de passe (défaut : demandé) / File whose first line is the password (default: asked)."
        )
        var passwordFile: String?

        func read(_ language: Language) throws -> String {
            let password: String
            if let passwordFile {
                guard let data = FileManager.default.contents(atPath: passwordFile),
                    let text = String(data: data, encoding: .utf8)
                else {
                    throw CommandFailure(
                        status: 1,
                        message: language.pick(
                            "error: \(passwordFile) ne se lit pas (absent, ou pas en UTF-8)",
                            "error: \(passwordFile) cannot be read (missing, or not UTF-8)"))
                }
                password = String(text.split(separator: "\n", omittingEmptySubsequences: false).first ?? "")
                    .trimmingCharacters(in: CharacterSet(charactersIn: "\r"))
            } else if isatty(0) == 1 {
                let first = Self.ask(language.pick("Mot de passe : ", "Password: "))
                let second = Self.ask(language.pick("Mot de passe (encore) : ", "Password (again): "))
                guard first == second else {
                    throw CommandFailure(
                        status: 1,
                        message: language.pick(
                            "error: les deux mots de passe diffèrent ; rien n'a été changé",
                            "error: the two passwords differ; nothing was changed"))
                }
                password = first
            } else {
                password = readLine(strippingNewline: true) ?? ""
            }
            guard password.count >= Passwords.minimumLength else {
                throw CommandFailure(
                    status: 1,
                    message: language.pick(
                        "error: le mot de passe doit avoir au moins \(Passwords.minimumLength) caractères ; rien n'a été changé",
                        "error: the password must have at least \(Passwords.minimumLength) characters; nothing was changed"))
            }
            return password
        }

        /// A line read at the terminal without echo.
        private static func ask(_ prompt: String) -> String {
            FileHandle.standardError.write(Data(prompt.utf8))
            var saved = termios()
            tcgetattr(0, &saved)
            var silent = saved
            silent.c_lflag &= ~tcflag_t(ECHO)
            tcsetattr(0, TCSANOW, &silent)
            defer {
                tcsetattr(0, TCSANOW, &saved)
                FileHandle.standardError.write(Data("\n".utf8))
            }
            return readLine(strippingNewline: true) ?? ""
        }
    }

    struct Add: LocalizedCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Ajoute un compte (mot de passe demandé, haché avec bcrypt) / Adds an account (password asked, hashed with bcrypt)."
        )

        @Argument(help: "Nom d'utilisateur / User name.")
        var name: String

        @Option(name: .long, help: "Rôle : advisor ou admin (défaut advisor) / Role: advisor or admin (default advisor).")
        var role = "advisor"

        @OptionGroup var password: PasswordOptions
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var common: CommonOptions

        func validate() throws {
            guard ["advisor", "admin"].contains(role) else { throw ValidationError("--role : advisor, admin") }
            guard !name.trimmingCharacters(in: .whitespaces).isEmpty, name.count <= 100 else {
                throw ValidationError(common.language.pick("nom vide ou trop long", "empty or too long name"))
            }
        }

        func run() throws {
            let language = common.language
            let store = try database.openDatabase(language)
            if try store.advisor(named: name) != nil { throw StoreError(.advisorExists(name), path: store.path) }
            let secret = try password.read(language)
            try store.addAdvisor(name: name, passwordHash: Passwords.hash(secret), role: role, now: Date())
            Console.current.print(
                language.pick(
                    "Compte « \(name) » (\(role)) ajouté à \(database.db) : connexion sur /login de od4g serve",
                    "Account '\(name)' (\(role)) added to \(database.db): log in at /login of od4g serve"))
        }
    }

    struct Password: LocalizedCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Change le mot de passe d'un compte et ferme ses sessions / Changes an account's password and ends its sessions.")

        @Argument(help: "Nom d'utilisateur / User name.")
        var name: String

        @OptionGroup var password: PasswordOptions
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var common: CommonOptions

        func run() throws {
            let language = common.language
            let store = try database.openExistingDatabase(language)
            guard try store.advisor(named: name) != nil else { throw StoreError(.unknownAdvisor(name), path: store.path) }
            try store.setAdvisorPassword(name: name, passwordHash: Passwords.hash(try password.read(language)))
            Console.current.print(
                language.pick("Mot de passe de « \(name) » changé", "Password of '\(name)' changed"))
        }
    }

    struct List: LocalizedCommand {
        static let configuration = CommandConfiguration(abstract: "Liste les comptes / Lists the accounts.")

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var common: CommonOptions

        func run() throws {
            let store = try database.openExistingDatabase(common.language)
            let advisors = try store.advisors()
            if advisors.isEmpty { Console.current.print(common.language.pick("(aucun compte)", "(no account)")) }
            for advisor in advisors { Console.current.print("\(advisor.name) (\(advisor.role))") }
        }
    }
}
