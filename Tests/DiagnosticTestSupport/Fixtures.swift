import DiagnosticCLI
import DiagnosticCore
import DiagnosticDefinitions
import Foundation

/// Paths of fixtures and bundled files, and loaders that fail with the diagnostics as the message.
public enum Fixtures {
    /// The repository root, found from this file's path.
    public static let repositoryRoot: String = {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().path
    }()

    /// A file of `Tests/DiagnosticTestSupport/Fixtures`.
    public static func path(_ name: String) -> String {
        repositoryRoot + "/Tests/DiagnosticTestSupport/Fixtures/" + name
    }

    /// A file relative to the repository root.
    public static func repository(_ relative: String) -> String {
        repositoryRoot + "/" + relative
    }

    /// The bundled OD4Growth questionnaire.
    public static var od4growthPath: String { repository("Questionnaires/od4growth.yaml") }

    /// Loads a questionnaire, failing with its rendered diagnostics.
    /// With the simulation profile beside it (`<id>-simulation.yaml`), as `od4g simulate` reads it.
    public static func questionnaire(at path: String) throws -> Questionnaire {
        let result = QuestionnaireLoader.load(path: path)
        guard let questionnaire = result.value else {
            throw FixtureError(diagnostics: result.diagnostics.map { $0.rendered(.en) })
        }
        return try simulated(questionnaire, beside: path)
    }

    /// `questionnaire` with the simulation profile beside `path`, when there is one.
    static func simulated(_ questionnaire: Questionnaire, beside path: String) throws -> Questionnaire {
        let profilePath = SimulationProfileLoader.path(besideQuestionnaire: path, id: questionnaire.id)
        guard FileManager.default.fileExists(atPath: profilePath) else { return questionnaire }
        let result = SimulationProfileLoader.load(path: profilePath, questionnaire: questionnaire)
        guard let profile = result.value else { throw FixtureError(diagnostics: result.diagnostics.map { $0.rendered(.en) }) }
        var simulated = questionnaire
        simulated.simulation = profile
        return simulated
    }

    /// The small questionnaire used for hand-computed scores (`mini.yaml`).
    public static func mini() throws -> Questionnaire {
        try questionnaire(at: path("mini.yaml"))
    }

    /// The support-action catalogue of the mini questionnaire (`mini-actions.yaml`).
    public static func miniActions(_ questionnaire: Questionnaire) throws -> ActionCatalogue {
        try catalogue(at: path("mini-actions.yaml"), questionnaire: questionnaire)
    }

    /// Loads a support-action catalogue, failing with its rendered diagnostics.
    public static func catalogue(at path: String, questionnaire: Questionnaire) throws -> ActionCatalogue {
        let result = ActionCatalogueLoader.load(path: path, questionnaire: questionnaire)
        guard let catalogue = result.value else {
            throw FixtureError(diagnostics: result.diagnostics.map { $0.rendered(.en) })
        }
        return catalogue
    }

    /// The text of the fixture `name` with each `(old, new)` replacement made, the first occurrence
    /// of each; fails when an `old` text is not found.
    public static func text(of name: String, replacing replacements: [(String, String)]) throws -> String {
        var text = try String(contentsOfFile: path(name), encoding: .utf8)
        for (old, new) in replacements {
            guard let range = text.range(of: old) else { throw FixtureError(diagnostics: ["not found in \(name): \(old)"]) }
            text.replaceSubrange(range, with: new)
        }
        return text
    }

    /// The text of `mini.yaml` with each `(old, new)` replacement made; fails when an `old` text is not found.
    public static func miniText(_ changes: [(String, String)]) throws -> String {
        var text = try String(contentsOfFile: path("mini.yaml"), encoding: .utf8)
        for (old, new) in changes {
            guard text.contains(old) else { throw FixtureError(diagnostics: ["not found in mini.yaml: \(old)"]) }
            text = text.replacingOccurrences(of: old, with: new)
        }
        return text
    }

    /// `mini.yaml` with each `(old, new)` replacement made, loaded; fails with its rendered diagnostics.
    public static func mini(_ changes: [(String, String)]) throws -> Questionnaire {
        let result = QuestionnaireLoader.load(text: try miniText(changes), file: "mini.yaml")
        guard let questionnaire = result.value else {
            throw FixtureError(diagnostics: result.diagnostics.map { $0.rendered(.en) })
        }
        return try simulated(questionnaire, beside: path("mini.yaml"))
    }

    /// A grid question (three rows, options worth 0, 6 and 12 of a weight of 12), to insert into
    /// `mini.yaml` before `u1`.
    public static let gridQuestion = """
          - id: g1
            dimension: partager
            kind: grid
            weight: 12
            label: {fr: Données publiées par domaine, en: Data published by domain}
            rows:
              - {id: budget, label: {fr: Budget, en: Budget}}
              - {id: marches, label: {fr: Marchés publics, en: Public contracts}}
              - {id: voirie, label: {fr: Voirie, en: Roads}}
            options:
              - {id: rien, label: {fr: Rien, en: Nothing}, points: 0}
              - {id: partie, label: {fr: En partie, en: In part}, points: 6}
              - {id: tout, label: {fr: Tout, en: All}, points: 12}

        """

    /// The text of `mini.yaml` with `grid` (by default `gridQuestion`) before question `u1`.
    public static func miniTextWithGrid(_ grid: String = gridQuestion) throws -> String {
        try miniText([("  - id: u1\n", grid + "  - id: u1\n")])
    }

    /// Loads a response against `questionnaire`, failing with its rendered diagnostics.
    public static func response(_ text: String, questionnaire: Questionnaire, file: String = "response.yaml") throws -> Response {
        let result = ResponseLoader.load(text: text, file: file, questionnaire: questionnaire)
        guard let response = result.value else {
            throw FixtureError(diagnostics: result.diagnostics.map { $0.rendered(.en) })
        }
        return response
    }
}

/// A fixture that did not load, with what the loader said.
public struct FixtureError: Error, CustomStringConvertible {
    /// The rendered diagnostics.
    public var diagnostics: [String]
    /// All diagnostics, one per line.
    public var description: String { diagnostics.joined(separator: "\n") }
}

/// What one `od4g` run printed and returned.
public struct CLIRun: Sendable {
    /// Exit status.
    public var status: Int32
    /// Standard output.
    public var out: String
    /// Standard error.
    public var err: String
}

/// Runs `od4g` in-process with `arguments`, from the repository root.
public func runCLI(_ arguments: [String]) -> CLIRun {
    let capture = CapturedConsole()
    let status = CommandLineRunner.run(arguments, console: capture.console)
    return CLIRun(status: status, out: capture.out, err: capture.err)
}
