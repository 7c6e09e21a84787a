import ArgumentParser
import DiagnosticCore
import DiagnosticPipeline
import DiagnosticStore
import Foundation

/// Runs `od4g` with arguments and returns its exit status; `main` and the tests both call it.
public enum CommandLineRunner {
    /// Parses `arguments` (without the program name), runs the command, and returns the exit status.
    public static func run(_ arguments: [String], console: Console = .standard) -> Int32 {
        Console.$current.withValue(console) {
            let language = ParserMessages.language(of: arguments)
            do {
                if let unknown = ParserMessages.unknownHelpTopic(arguments) {
                    console.error(ParserMessages.unknownCommand(unknown, language: language))
                    return ExitCode.validationFailure.rawValue
                }
                var command = try Od4g.parseAsRoot(arguments)
                let activity = "od4g " + (type(of: command).configuration.commandName ?? type(of: command)._commandName)
                do {
                    try CampaignDatabase.$activity.withValue(activity) { try command.run() }
                } catch let error as StoreError {
                    throw error.failure(Self.language(of: command))
                } catch let error as PipelineError {
                    throw CommandFailure(status: 1, message: "error: " + error.message(Self.language(of: command)))
                }
                return 0
            } catch let failure as CommandFailure {
                if let message = failure.message { console.error(message) }
                return failure.status
            } catch {
                let status = Od4g.exitCode(for: error).rawValue
                // Help and version go to standard output as they are; errors are said in the user's language.
                let message =
                    status == 0 ? Od4g.fullMessage(for: error) : ParserMessages.localized(Od4g.fullMessage(for: error), language)
                if !message.isEmpty {
                    if status == 0 { console.print(message) } else { console.error(message) }
                }
                return status
            }
        }
    }
}

extension CommandLineRunner {
    /// The language a parsed command speaks (`--lang`), else the default.
    static func language(of command: any ParsableCommand) -> Language {
        (command as? LocalizedCommand)?.common.language ?? CommonOptions.defaultLanguage
    }
}

/// swift-argument-parser's messages (in English) as od4g says them: in French when the language is
/// French, the word "error:" kept in English so that editors and scripts still find it.
enum ParserMessages {
    /// The language `--lang` names among the arguments, else `OD4G_LANG`, else French.
    static func language(of arguments: [String]) -> Language {
        for (index, argument) in arguments.enumerated() {
            if argument.hasPrefix("--lang=") { return Language(rawValue: String(argument.dropFirst(7))) ?? .fr }
            if argument == "--lang", let value = arguments.element(at: index + 1), let language = Language(rawValue: value) {
                return language
            }
        }
        return CommonOptions.defaultLanguage
    }

    /// `od4g help X` where X names no command: the parser would show the general help and succeed.
    static func unknownHelpTopic(_ arguments: [String]) -> String? {
        guard arguments.first == "help", let topic = arguments.element(at: 1), !topic.hasPrefix("-") else { return nil }
        return commandNames.contains(topic) ? nil : topic
    }

    static var commandNames: [String] { Od4g.configuration.subcommands.map { $0._commandName } }

    static func unknownCommand(_ name: String, language: Language) -> String {
        let names = commandNames
        let suggestion = ResponseChecker.closest(to: name, among: names)
        return language.pick(
            "error: commande inconnue « \(name) »\(suggestion.map { " ; vouliez-vous dire « \($0) » ?" } ?? "") (commandes : \(names.joined(separator: ", ")))",
            "error: unknown command '\(name)'\(suggestion.map { "; did you mean '\($0)'?" } ?? "") (commands: \(names.joined(separator: ", ")))"
        )
    }

    /// The parser's phrases and their French; a phrase not listed stays as it is.
    static let french: [(pattern: String, replacement: String)] = [
        (#"^Error: "#, "error: "),
        (#"Unknown option '([^']*)'"#, "option inconnue « $1 »"),
        (#"\. Did you mean '([^']*)'\?"#, " ; vouliez-vous dire « $1 » ?"),
        (#"Missing expected argument '([^']*)'"#, "argument attendu manquant : « $1 »"),
        (#"Missing value for '([^']*)'"#, "valeur manquante pour « $1 »"),
        (#"Unexpected argument '([^']*)'"#, "argument inattendu « $1 »"),
        (#"The value '([^']*)' is invalid for '([^']*)'"#, "la valeur « $1 » n'est pas valide pour « $2 »"),
        (#"\. Please provide one of (.*)\."#, " ; valeurs possibles : $1."),
        (#"' and '"#, "' et '"),
        (#"(?m)^Help:  "#, "Aide :  "),
        (#"(?m)^Usage: "#, "Utilisation : "),
        (#"See '([^']*)' for more information\."#, "Voir « $1 » pour en savoir plus."),
    ]

    /// The message with "Error:" as "error:", and in French the parser's phrases translated.
    static func localized(_ message: String, _ language: Language) -> String {
        var text = message
        if language == .en {
            return text.replacingOccurrences(of: #"^Error: "#, with: "error: ", options: .regularExpression)
        }
        for (pattern, replacement) in french {
            text = text.replacingOccurrences(of: pattern, with: replacement, options: .regularExpression)
        }
        return text
    }
}

/// Ends a command with a non-zero status after it has printed its diagnostics.
struct CommandFailure: Error {
    /// Exit status: 1 for bad or missing data (usage errors are reported by ArgumentParser with 64).
    var status: Int32
    /// A last message, when the diagnostics were not printed already.
    var message: String?

    /// Bad data: the diagnostics were printed.
    static let invalidData = CommandFailure(status: 1, message: nil)
}
