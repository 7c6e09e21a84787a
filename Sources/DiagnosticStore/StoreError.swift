import DiagnosticCore

/// A problem with the campaign database, with a message the user can act on.
public struct StoreError: Error, Sendable, Hashable {
    /// Why the operation failed.
    public enum Reason: Sendable, Hashable {
        case notADatabase
        case notAnOd4gDatabase
        case newerDatabase(unknown: [String])
        case sqlite(String)
        case unknownCampaign(String, known: [String])
        case campaignQuestionnaireDiffers(campaign: String, stored: String, given: String)
        case storedQuestionnaireUnreadable(String)
        case corruptResult(response: Int64)
        /// A response's results hold a value too large for the stored form (`ResultPacking`): the
        /// response (its source) of a questionnaire that did not pass validation.
        case resultTooLarge(source: String)
        /// A value of the wrong kind in a table (the file was changed by another program).
        case unreadableValue(table: String, row: String, column: String)
        case unknownOrganisation(String, suggestion: String?)
        case ambiguousOrganisation(String, matches: [String])
        /// Another writer held the database for longer than the wait allowed.
        case busy(waited: Double, holder: String?)
        /// SQLite found damaged pages (`detail` is its own report).
        case corrupt(String)
        /// The disk is full, or the file may not be written.
        case diskFull
        case readOnly
        /// SQLite cannot open the file (`detail`, its words): a missing folder, a folder given for a
        /// file, or no right to read it or to write the files beside it a shared database needs.
        case cannotOpen(String)
        /// The campaign is closed: its answers no longer change until it is opened again.
        case campaignClosed(String)
        /// An advisor account of that name already exists.
        case advisorExists(String)
        /// No advisor account of that name.
        case unknownAdvisor(String)
    }

    /// Why.
    public var reason: Reason
    /// The database file, when there is one.
    public var path: String?

    /// Creates an error.
    public init(_ reason: Reason, path: String? = nil) {
        self.reason = reason
        self.path = path
    }

    /// The message in `language`, naming the database and what to do.
    public func message(_ language: Language) -> String {
        let l = language
        let file = path ?? l.pick("base en mémoire", "in-memory database")
        switch reason {
        case .notADatabase:
            return l.pick(
                "\(file) n'est pas une base SQLite : choisissez un autre fichier avec --db",
                "\(file) is not an SQLite database: choose another file with --db")
        case .notAnOd4gDatabase:
            return l.pick(
                "\(file) est une base SQLite qui n'a pas été créée par od4g : elle n'a pas été modifiée ; choisissez un autre fichier avec --db",
                "\(file) is an SQLite database that od4g did not create: it was left untouched; choose another file with --db")
        case .newerDatabase(let unknown):
            return l.pick(
                "\(file) a été créée par une version plus récente d'od4g (migrations inconnues : \(unknown.joined(separator: ", "))) : mettez od4g à jour ; la base n'a pas été modifiée",
                "\(file) was created by a newer od4g (unknown migrations: \(unknown.joined(separator: ", "))): update od4g; the database was left untouched"
            )
        case .busy(let waited, let holder):
            let seconds = NumberText.format(waited, decimals: 0, language: l)
            let who =
                holder.map { l.pick("par \($0)", "by \($0)") } ?? l.pick("par un autre programme", "by another program")
            return l.pick(
                "\(file) est occupée en écriture \(who) ; attendu \(seconds) s sans qu'elle se libère : réessayez quand l'autre commande aura fini, ou attendez plus longtemps avec --wait SECONDES ; rien n'a été écrit",
                "\(file) is being written \(who); waited \(seconds) s and it was not released: try again when the other command has finished, or wait longer with --wait SECONDS; nothing was written"
            )
        case .corrupt(let detail):
            return l.pick(
                "\(file) est endommagée (SQLite signale : « \(detail) ») : rien n'y a été écrit ; restaurez une sauvegarde, ou réimportez les campagnes dans une nouvelle base",
                "\(file) is damaged (SQLite reports: “\(detail)”): nothing was written to it; restore a backup, or import the campaigns again into a new database"
            )
        case .diskFull:
            return l.pick(
                "le disque de \(file) est plein : libérez de la place ; rien n'a été écrit",
                "the disk holding \(file) is full: free some space; nothing was written")
        case .readOnly:
            return l.pick(
                "\(file) ne peut pas être modifiée (fichier ou dossier en lecture seule ; même une lecture écrit les fichiers -wal et -shm à côté de la base) : vérifiez les droits ; rien n'a été écrit",
                "\(file) cannot be changed (read-only file or folder; even a read writes the -wal and -shm files beside the database): check the permissions; nothing was written"
            )
        case .cannotOpen(let detail):
            return l.pick(
                "impossible d'ouvrir \(file) (SQLite : « \(detail) ») : vérifiez que c'est un fichier, que son dossier existe, et que vous pouvez lire le fichier et écrire dans son dossier (la base y tient ses fichiers -wal et -shm, même pour une lecture) ; rien n'a été écrit",
                "cannot open \(file) (SQLite: “\(detail)”): check that it is a file, that its folder exists, and that you may read the file and write in its folder (the database keeps its -wal and -shm files there, even to read); nothing was written"
            )
        case .sqlite(let detail):
            // Printed after "error: ": the word is not repeated.
            return l.pick("SQLite a échoué sur \(file) : \(detail)", "SQLite failed on \(file): \(detail)")
        case .unknownCampaign(let name, let known):
            let list = known.isEmpty ? l.pick("aucune", "none") : known.joined(separator: ", ")
            return l.pick(
                "campagne « \(name) » introuvable dans \(file) (campagnes : \(list))",
                "campaign '\(name)' not found in \(file) (campaigns: \(list))")
        case .campaignQuestionnaireDiffers(let campaign, let stored, let given):
            return l.pick(
                "la campagne « \(campaign) » utilise le questionnaire \(stored) ; le fichier donné est \(given) : une campagne garde son questionnaire, créez une nouvelle campagne pour l'autre",
                "campaign '\(campaign)' uses questionnaire \(stored); the file given is \(given): a campaign keeps its questionnaire, create a new campaign for the other one"
            )
        case .storedQuestionnaireUnreadable(let detail):
            return l.pick(
                "le questionnaire enregistré dans \(file) ne se relit pas : \(detail)",
                "the questionnaire stored in \(file) cannot be read back: \(detail)")
        case .unreadableValue(let table, let row, let column):
            return l.pick(
                "valeur illisible dans \(file) : table « \(table) », ligne \(row), colonne « \(column) » ; la base a été modifiée par un autre programme : restaurez une sauvegarde ou réimportez la campagne",
                "unreadable value in \(file): table '\(table)', row \(row), column '\(column)'; the database was changed by another program: restore a backup or import the campaign again"
            )
        case .corruptResult(let response):
            return l.pick(
                "les scores enregistrés de la réponse \(response) sont illisibles dans \(file) : réimportez la campagne",
                "the stored scores of response \(response) are unreadable in \(file): import the campaign again")
        case .resultTooLarge(let source):
            return l.pick(
                "les résultats de la réponse \(source) ne tiennent pas dans \(file) (plus de \(Question.maximumChosenOptions) options choisies, une option au-delà de la \(Question.maximumOptions)e, ou un identifiant de niveau de plus de \(MaturityLevel.maximumIDBytes) octets) : vérifiez le questionnaire avec od4g validate",
                "the results of response \(source) do not fit in \(file) (more than \(Question.maximumChosenOptions) options chosen, an option beyond the \(Question.maximumOptions)th, or a level id longer than \(MaturityLevel.maximumIDBytes) bytes): check the questionnaire with od4g validate"
            )
        case .unknownOrganisation(let name, let suggestion):
            let hint = suggestion.map { l.pick(" ; vouliez-vous dire « \($0) » ?", "; did you mean '\($0)'?") } ?? ""
            return l.pick("organisation « \(name) » introuvable", "organisation '\(name)' not found") + hint
        case .campaignClosed(let name):
            return l.pick(
                "la campagne « \(name) » est close : ses réponses ne changent plus ; rouvrez-la avec od4g campaign open \(name)",
                "campaign '\(name)' is closed: its answers no longer change; open it again with od4g campaign open \(name)")
        case .advisorExists(let name):
            return l.pick(
                "le compte « \(name) » existe déjà dans \(file) : choisissez un autre nom, ou changez son mot de passe avec od4g user password \(name)",
                "account '\(name)' already exists in \(file): choose another name, or change its password with od4g user password \(name)"
            )
        case .unknownAdvisor(let name):
            return l.pick("compte « \(name) » introuvable dans \(file)", "account '\(name)' not found in \(file)")
        case .ambiguousOrganisation(let name, let matches):
            return l.pick(
                "« \(name) » désigne plusieurs organisations : \(matches.joined(separator: ", ")) ; donnez son code officiel",
                "'\(name)' matches several organisations: \(matches.joined(separator: ", ")); give its official code")
        }
    }
}
