import DiagnosticCore
import DiagnosticDefinitions
import Foundation

/// Finds and loads the questionnaire a command needs, printing its diagnostics when it is invalid.
struct QuestionnaireLocator {
    /// The questionnaire used when neither `--questionnaire` nor the response names one.
    static let defaultID = "od4growth"

    let language: Language

    /// Folders searched for `<id>.yaml`: `$OD4G_QUESTIONNAIRES`, `./Questionnaires`, then next to the program.
    static var searchFolders: [String] {
        var folders: [String] = []
        if let custom = ProcessInfo.processInfo.environment["OD4G_QUESTIONNAIRES"], !custom.isEmpty {
            folders.append(custom)
        }
        folders.append(FileManager.default.currentDirectoryPath + "/Questionnaires")
        // `swift build` puts the program in .build/<config>/od4g: the repository is three levels up.
        let program = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath()
        var folder = program.deletingLastPathComponent()
        for _ in 0..<4 {
            folders.append(folder.appendingPathComponent("Questionnaires").path)
            folder.deleteLastPathComponent()
        }
        var seen: Set<String> = []
        return folders.filter { seen.insert(URL(fileURLWithPath: $0).standardizedFileURL.path).inserted }
    }

    /// Whether `id` can name a questionnaire file: letters, digits, `-`, `_` and `.`, not starting with
    /// `.`; so an id read from a response never reaches outside the search folders.
    static func isValidID(_ id: String) -> Bool {
        !id.isEmpty && !id.hasPrefix(".")
            && id.unicodeScalars.allSatisfy {
                ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0)
                    || $0 == "-" || $0 == "_" || $0 == "."
            }
    }

    /// The path of the questionnaire with this id, if found in the search folders.
    static func path(forID id: String) -> String? {
        guard isValidID(id) else { return nil }
        for folder in searchFolders {
            for ext in ["yaml", "yml", "json"] {
                let candidate = "\(folder)/\(id).\(ext)"
                if FileManager.default.fileExists(atPath: candidate) { return candidate }
            }
        }
        return nil
    }

    /// Loads `explicitPath`, or the questionnaire `id` found in the search folders.
    func load(explicitPath: String?, id: String?) throws -> Questionnaire {
        try loadWithText(explicitPath: explicitPath, id: id).questionnaire
    }

    /// The questionnaire of the response file (or catalogue) at `response`: `explicitPath` when
    /// given, else the one the file names (`questionnaire:`), else the default.
    func load(forResponse response: String, explicitPath: String?) throws -> Questionnaire {
        guard explicitPath == nil, let reference = ResponseLoader.questionnaireReference(path: response).value else {
            return try load(explicitPath: explicitPath, id: nil)
        }
        // A questionnaire the response names wrongly is said where the response names it.
        let origin = response + (reference.position.map { ":\($0)" } ?? "")
        return try loadWithText(explicitPath: nil, id: reference.id, origin: origin).questionnaire
    }

    /// Loads a questionnaire and keeps the exact text it was read from (campaigns store it); an id
    /// that names none is reported at `origin` (`file:line:column`) when it comes from a file.
    func loadWithText(explicitPath: String?, id: String?, origin: String? = nil) throws -> (
        questionnaire: Questionnaire, text: String
    ) {
        let prefix = origin.map { $0 + ": error: " } ?? "error: "
        let path: String
        if let explicitPath {
            path = explicitPath
        } else {
            let wanted = id ?? Self.defaultID
            guard Self.isValidID(wanted) else {
                throw CommandFailure(
                    status: 1,
                    message: language.pick(
                        prefix
                            + "« \(wanted) » n'est pas un identifiant de questionnaire (lettres, chiffres, « - », « _ », « . », sans « / » ni « . » au début) : corrigez « questionnaire » dans la réponse, ou indiquez le fichier avec --questionnaire FICHIER",
                        prefix
                            + "'\(wanted)' is not a questionnaire id (letters, digits, '-', '_', '.', no '/' and no leading '.'): correct 'questionnaire' in the response, or give the file with --questionnaire FILE"
                    ))
            }
            guard let found = Self.path(forID: wanted) else {
                let folders = Self.searchFolders.joined(separator: ", ")
                throw CommandFailure(
                    status: 1,
                    message: language.pick(
                        prefix
                            + "questionnaire « \(wanted) » introuvable (cherché dans : \(folders)) ; indiquez-le avec --questionnaire FICHIER",
                        prefix + "questionnaire '\(wanted)' not found (looked in: \(folders)); give it with --questionnaire FILE")
                )
            }
            path = found
        }
        let result = QuestionnaireLoader.loadWithText(path: path)
        guard let loaded = result.value else {
            DiagnosticPrinter(language: language).print(result.diagnostics)
            throw CommandFailure.invalidData
        }
        let folder = (path as NSString).deletingLastPathComponent
        return (try withNames(loaded.questionnaire, near: folder.isEmpty ? "." : folder), loaded.text)
    }

    /// The questionnaire with its simulation profile (`<id>-simulation.yaml`, docs/simulation.md)
    /// from `folder`, else the search folders; without one, as it is (`SimulationProfile.generic`
    /// applies). A profile that is invalid stops the command with its diagnostics.
    func withSimulation(_ questionnaire: Questionnaire, near folder: String?) throws -> Questionnaire {
        let folders = (folder.map { [$0] } ?? []) + Self.searchFolders
        guard Self.isValidID(questionnaire.id),
            let path = folders.map({ "\($0)/\(questionnaire.id)-simulation.yaml" })
                .first(where: FileManager.default.fileExists(atPath:))
        else { return questionnaire }
        let result = SimulationProfileLoader.load(path: path, questionnaire: questionnaire)
        DiagnosticPrinter(language: language).print(result.diagnostics)
        guard let profile = result.value else { throw CommandFailure.invalidData }
        var simulated = questionnaire
        simulated.simulation = profile
        return simulated
    }

    /// The questionnaire with the names its profile fields declare (`names: fr-departements`), read
    /// from `<id>.yaml` next to the questionnaire, else in the search folders. A names file that is
    /// not found leaves the codes as they are, with a warning; one that is invalid stops the command.
    func withNames(_ questionnaire: Questionnaire, near folder: String?) throws -> Questionnaire {
        let wanted = Set(questionnaire.profileFields.compactMap(\.namesID)).sorted()
        guard !wanted.isEmpty else { return questionnaire }
        var found: [ValueNames] = []
        for id in wanted {
            let folders = (folder.map { [$0] } ?? []) + Self.searchFolders
            guard Self.isValidID(id),
                let path = folders.flatMap({ folder in ["yaml", "yml", "json"].map { "\(folder)/\(id).\($0)" } })
                    .first(where: FileManager.default.fileExists(atPath:))
            else {
                Console.current.error(
                    language.pick(
                        "warning: fichier de noms « \(id) » introuvable (cherché dans : \(folders.joined(separator: ", "))) : les codes s'affichent sans leur nom",
                        "warning: names file '\(id)' not found (looked in: \(folders.joined(separator: ", "))): codes are shown without their names"
                    ))
                continue
            }
            let result = ValueNamesLoader.load(path: path)
            guard let names = result.value else {
                DiagnosticPrinter(language: language).print(result.diagnostics)
                throw CommandFailure.invalidData
            }
            found.append(ValueNames(id: id, title: names.title, names: names.names))
        }
        return questionnaire.attaching(found)
    }
}

/// Prints diagnostics to standard error, one per line.
struct DiagnosticPrinter {
    let language: Language

    func print(_ diagnostics: [Diagnostic]) {
        for diagnostic in diagnostics {
            Console.current.error(diagnostic.rendered(language))
        }
    }
}
