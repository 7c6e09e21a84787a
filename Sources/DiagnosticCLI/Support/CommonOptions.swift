import ArgumentParser
import DiagnosticCore
import Foundation

/// Options every command takes.
struct CommonOptions: ParsableArguments {
    @Option(name: .long, help: "Langue des messages et des libellés (fr, en) / Language of messages and labels.")
    var lang: Language?

    /// The language chosen by `--lang`, else `OD4G_LANG`, else French.
    var language: Language {
        lang ?? ProcessInfo.processInfo.environment["OD4G_LANG"].flatMap(Language.init(rawValue:)) ?? .fr
    }
}

extension Language: ExpressibleByArgument {}
