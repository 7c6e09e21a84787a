import ArgumentParser
import DiagnosticCore
import DiagnosticDefinitions
import DiagnosticPipeline
import DiagnosticStore
import Foundation

/// `--db PATH`: the campaign database (default `od4g.sqlite` in the working directory).
struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: "Base de campagnes (défaut od4g.sqlite) / Campaign database (default od4g.sqlite).")
    var db: String = "od4g.sqlite"

    @Option(
        name: .long,
        help:
            "Secondes d'attente si une autre commande écrit dans la base (défaut 30) / Seconds to wait while another command writes to the database (default 30)."
    )
    var wait: Double = CampaignDatabase.defaultWait

    func validate() throws {
        guard wait.isFinite, wait >= 0, wait <= 86_400 else {
            throw ValidationError(
                CommonOptions.defaultLanguage.pick("--wait : de 0 à 86400 secondes", "--wait: from 0 to 86400 seconds"))
        }
    }

    /// Opens the database, printing why it cannot be used.
    func open(_ language: Language) throws -> any CampaignStore {
        try openDatabase(language)
    }

    /// Opens (or creates) the SQLite database itself, for what only it keeps (accounts, sessions);
    /// with `concurrentReads` (a server), reads never wait for a write.
    func openDatabase(_ language: Language, concurrentReads: Bool = false) throws -> CampaignDatabase {
        try CampaignDatabase.open(path: db, wait: wait, concurrentReads: concurrentReads)
    }

    /// Opens an existing database for reading; a missing file is an error, not a new empty database.
    func openExisting(_ language: Language) throws -> any CampaignStore {
        try openExistingDatabase(language)
    }

    /// Opens an existing SQLite database itself (see `openExisting`).
    func openExistingDatabase(_ language: Language) throws -> CampaignDatabase {
        guard FileManager.default.fileExists(atPath: db) else {
            throw CommandFailure(
                status: 1,
                message: language.pick(
                    "error: la base \(db) n'existe pas : importez d'abord une campagne (od4g import) ou indiquez --db",
                    "error: database \(db) does not exist: import a campaign first (od4g import) or give --db"))
        }
        // An empty file is no campaign database: reading it must not turn it into one.
        if let size = (try? FileManager.default.attributesOfItem(atPath: db))?[.size] as? NSNumber, size.intValue == 0 {
            throw CommandFailure(
                status: 1,
                message: language.pick(
                    "error: la base \(db) est un fichier vide (0 octet), pas une base de campagnes : indiquez la bonne base avec --db, ou importez d'abord une campagne",
                    "error: database \(db) is an empty file (0 bytes), not a campaign database: give the right one with --db, or import a campaign first"
                ))
        }
        return try openDatabase(language)
    }
}

extension CampaignSource {
    /// The source commands read: `database`, with the names files found as for questionnaires
    /// (`QuestionnaireLocator.withNames`).
    init(commandLine database: any CampaignStore, language: Language) {
        self.init(database: database, language: language) {
            try QuestionnaireLocator(language: language).withNames($0, near: nil)
        }
    }
}

extension StoreError {
    /// A command failure carrying this error's message.
    func failure(_ language: Language) -> CommandFailure {
        CommandFailure(status: 1, message: "error: " + message(language))
    }
}
