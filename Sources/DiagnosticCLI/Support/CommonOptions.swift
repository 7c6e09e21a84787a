import ArgumentParser
import DiagnosticCore
import Foundation

/// Options every command takes.
struct CommonOptions: ParsableArguments {
    @Option(name: .long, help: "Langue des messages et des libellés (fr, en) / Language of messages and labels.")
    var lang: Language?

    /// The language chosen by `--lang`, else `OD4G_LANG`, else French.
    var language: Language { lang ?? Self.defaultLanguage }

    /// `OD4G_LANG`, else French.
    static var defaultLanguage: Language {
        ProcessInfo.processInfo.environment["OD4G_LANG"].flatMap(Language.init(rawValue:)) ?? .fr
    }
}

/// A command that takes the common options: store errors it lets through are reported in its
/// language by `CommandLineRunner`, so commands need not convert them one by one.
protocol LocalizedCommand: ParsableCommand {
    var common: CommonOptions { get }
}

extension Language: ExpressibleByArgument {}
