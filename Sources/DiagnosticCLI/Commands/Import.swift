import ArgumentParser
import DiagnosticCore
import DiagnosticDefinitions
import DiagnosticPipeline
import DiagnosticStore
import Foundation

/// `od4g import --campaign NAME FILE...`: loads form exports and response files into a campaign.
struct Import: LocalizedCommand {
    static let configuration = CommandConfiguration(
        abstract: "Importe des réponses dans une campagne / Import responses into a campaign.",
        discussion: """
            FICHIER : export CSV ou classeur XLSX/ODS (une ligne par répondant, une colonne par question, choix multiples séparés par ;),
            fichier de réponse YAML/JSON, ou dossier de tels fichiers. Tout ou rien : une seule ligne invalide et rien
            n'est écrit, sauf avec --skip-invalid. Réimporter un répondant remplace ses réponses.
            FILE: CSV export or XLSX/ODS workbook (one row per respondent, one column per question, multiple choices separated by ;),
            YAML/JSON response file, or a folder of them. All or nothing: one bad row and nothing is written, unless
            --skip-invalid. Importing a respondent again replaces their answers.
            """)

    @Argument(help: "Fichiers ou dossiers / Files or folders.")
    var files: [String]

    @Option(name: .long, help: "Nom de la campagne (créée si besoin) / Campaign name (created if needed).")
    var campaign: String

    @Option(name: .long, help: "Période de la campagne créée (ex. 2025) / Period of a new campaign.")
    var period: String?

    @Option(name: .long, help: "Questionnaire d'une nouvelle campagne (défaut od4growth) / Questionnaire of a new campaign.")
    var questionnaire: String?

    @Option(name: .long, help: "Fichier de correspondance des colonnes / Column-mapping file.")
    var mapping: String?

    @Option(
        name: .long,
        help:
            "Feuille lue dans un classeur XLSX ou ODS (défaut : la première) / Sheet read in an XLSX or ODS workbook (default: the first)."
    )
    var sheet: String?

    @Flag(
        name: .long,
        help:
            "Importe les lignes valides, écrit les autres dans FICHIER.rejected.csv / Import good rows, write the others to FILE.rejected.csv."
    )
    var skipInvalid = false

    @Flag(name: .long, help: "Vérifie sans rien écrire / Check without writing.")
    var dryRun = false

    @Option(
        name: .long,
        help:
            "Répondant présent deux fois dans un tableau : garder la première ligne, ou la plus récente (colonne timestamp de la correspondance, sinon la dernière) / Respondent twice in a table: keep the first row, or the latest (the mapping's timestamp column, else the last)."
    )
    var keep: KeepRule?

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var common: CommonOptions

    func run() throws {
        let language = common.language
        let (outcome, report) = try CampaignQuestionnaire.importing(
            into: campaign, period: period, explicitPath: questionnaire, database: database, language: language,
            runner: { model in
                var columnMapping = ColumnMapping()
                if let mapping {
                    let loaded = ColumnMapping.load(path: mapping, questionnaire: model)
                    DiagnosticPrinter(language: language).print(loaded.diagnostics)
                    guard let value = loaded.value else { throw CommandFailure.invalidData }
                    columnMapping = value
                }
                var pipeline = ImportPipeline(
                    questionnaire: model, language: language, mapping: columnMapping, skipInvalid: skipInvalid,
                    dryRun: dryRun, progress: Progress(language: language))
                pipeline.sheet = sheet
                pipeline.keep = keep
                return pipeline
            },
            rows: { runner, session, report in try runner.run(files, session: session, report: &report) })
        let l = language
        // A row that replaced the same respondent's earlier row of this file replaced nothing stored before.
        let replaced = outcome.updated - report.replacedWithin
        if outcome.committed {
            Console.current.print(
                l.pick(
                    "Campagne « \(campaign) » : \(outcome.inserted) réponse(s) ajoutée(s), \(replaced) remplacée(s)",
                    "Campaign '\(campaign)': \(outcome.inserted) response(s) added, \(replaced) replaced"))
            if report.duplicatesLeftOut > 0 {
                Console.current.print(
                    l.pick(
                        "\(report.duplicatesLeftOut) ligne(s) en double non importée(s) (--keep)",
                        "\(report.duplicatesLeftOut) duplicate row(s) not imported (--keep)"))
            }
            if report.rejected > 0 {
                Console.current.print(
                    l.pick(
                        "\(report.rejected) ligne(s) rejetée(s)", "\(report.rejected) row(s) rejected")
                        + (report.rejectedFiles.isEmpty ? "" : " → " + report.rejectedFiles.joined(separator: ", ")))
            }
            return
        }
        if dryRun, report.errors == 0 {
            Console.current.print(
                l.pick(
                    "Vérification : \(report.accepted) réponse(s) valide(s), rien n'a été écrit (--dry-run)",
                    "Check: \(report.accepted) valid response(s), nothing written (--dry-run)"))
            return
        }
        if report.everyRowRejected {
            let files = report.rejectedFiles.joined(separator: ", ")
            throw CommandFailure(
                status: 1,
                message: l.pick(
                    "toutes les lignes ont été rejetées (\(report.rejected)) : rien n'a été importé, aucune campagne créée ni modifiée ; les lignes et leurs erreurs sont dans \(files)",
                    "every row was rejected (\(report.rejected)): nothing was imported, no campaign created or changed; the rows and their errors are in \(files)"
                ))
        }
        if report.fatal > 0 {
            // --skip-invalid sets bad rows aside; it cannot get past a file that cannot be read at all.
            throw CommandFailure(
                status: 1,
                message: l.pick(
                    "\(report.errors) erreur(s) : rien n'a été importé ; corrigez-les (un fichier illisible ou un en-tête invalide arrête l'import, même avec --skip-invalid)",
                    "\(report.errors) error(s): nothing was imported; fix them (an unreadable file or an invalid header stops the import, even with --skip-invalid)"
                ))
        }
        throw CommandFailure(
            status: 1,
            message: l.pick(
                "\(report.errors) erreur(s) : rien n'a été importé (corrigez-les, ou --skip-invalid pour importer les lignes valides)",
                "\(report.errors) error(s): nothing was imported (fix them, or use --skip-invalid to import the good rows)"))
    }
}

/// The questionnaire of a campaign: the stored one for an existing campaign, else the file given or od4growth.
enum CampaignQuestionnaire {
    static func resolve(
        campaign: String, explicitPath: String?, database: any CampaignStore, language: Language
    ) throws -> (Questionnaire, String) {
        let exists: Bool
        exists = try database.campaigns().contains { $0.name == campaign }
        if exists, explicitPath == nil {
            let loaded = try CampaignSource(commandLine: database, language: language).campaign(named: campaign)
            return (loaded.questionnaire, loaded.text)
        }
        let loaded = try QuestionnaireLocator(language: language).loadWithText(explicitPath: explicitPath, id: nil)
        return (loaded.questionnaire, loaded.text)
    }
}

extension CampaignQuestionnaire {
    /// Imports into `campaign` (created with the questionnaire given, or od4growth, when new): the
    /// runner `makeRunner` builds for the campaign's questionnaire stores what `rows` gives it in
    /// one transaction; its diagnostics are printed. A database this call created is removed again
    /// when nothing was committed.
    static func importing(
        into campaign: String, period: String?, explicitPath: String?, database: DatabaseOptions, language: Language,
        runner makeRunner: (Questionnaire) throws -> ImportPipeline,
        rows: (ImportPipeline, any ImportBatch, inout ImportPipeline.Report) throws -> Bool
    ) throws -> (outcome: ImportOutcome, report: ImportPipeline.Report) {
        let createdDatabase = !FileManager.default.fileExists(atPath: database.db)
        var committed = false
        defer { if createdDatabase, !committed { CampaignDatabase.removeFiles(at: database.db) } }
        let store = try database.open(language)
        let (model, text) = try resolve(campaign: campaign, explicitPath: explicitPath, database: store, language: language)
        let runner = try makeRunner(model)
        var report = ImportPipeline.Report()
        let outcome: ImportOutcome
        outcome = try store.importing(campaign: campaign, period: period, questionnaire: model, questionnaireText: text) {
            session in try rows(runner, session, &report)
        }
        DiagnosticPrinter(language: language).print(report.diagnostics)
        committed = outcome.committed
        return (outcome, report)
    }
}

extension KeepRule: ExpressibleByArgument {}
