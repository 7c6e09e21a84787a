import DiagnosticCore

/// A problem that stops a pipeline, with a message saying which file and why.
public struct PipelineError: Error, Sendable, Hashable {
    /// Why.
    public enum Reason: Sendable, Hashable {
        /// A file could not be written (its path).
        case cannotWrite(String)
        /// A folder of reports is asked for where a file is (its path).
        case outputIsAFile(String)
        /// A folder could not be created (its path).
        case cannotCreateFolder(String)
        /// A run's working folder could not be created (its path).
        case cannotCreateWorkingFolder(String)
        /// The stored response of an organisation (its key) cannot be checked and scored again.
        case storedResponseUnreadable(String)
    }

    /// Why.
    public var reason: Reason

    /// Creates an error.
    public init(_ reason: Reason) {
        self.reason = reason
    }

    /// The message in `language`, without the leading "error:".
    public func message(_ language: Language) -> String {
        switch reason {
        case .cannotWrite(let path):
            return language.pick("impossible d'écrire \(path)", "cannot write \(path)")
        case .outputIsAFile(let folder):
            return language.pick(
                "\(folder) est un fichier, pas un dossier : --all écrit un dossier de rapports ; choisissez un autre --output",
                "\(folder) is a file, not a folder: --all writes a folder of reports; choose another --output")
        case .cannotCreateFolder(let folder):
            return language.pick(
                "impossible de créer le dossier \(folder) (droits, chemin) : choisissez un autre --output",
                "cannot create folder \(folder) (permissions, path): choose another --output")
        case .cannotCreateWorkingFolder(let folder):
            return language.pick(
                "impossible de créer le dossier de travail \(folder) (droits, chemin) : choisissez un autre --output",
                "cannot create the working folder \(folder) (permissions, path): choose another --output")
        case .storedResponseUnreadable(let key):
            return language.pick(
                "la réponse enregistrée de \(key) ne se relit pas : réimportez la campagne",
                "the stored response of \(key) cannot be read back: import the campaign again")
        }
    }
}
