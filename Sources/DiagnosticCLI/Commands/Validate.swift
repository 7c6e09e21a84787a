import ArgumentParser
import DiagnosticCore
import DiagnosticDefinitions

/// `od4g validate FILE...`: checks questionnaires (and response files) and reports every problem.
struct Validate: LocalizedCommand {
    static let configuration = CommandConfiguration(
        abstract: "Vérifie des questionnaires ou des réponses / Check questionnaires or response files.",
        discussion: """
            Chaque problème s'affiche comme file:line:column: error: message. Statut non nul en cas d'erreur.
            Every problem prints as file:line:column: error: message. Non-zero exit status on any error.
            """)

    @Argument(help: "Fichiers YAML ou JSON / YAML or JSON files.")
    var files: [String]

    @Option(name: .long, help: "Questionnaire pour vérifier des réponses / Questionnaire to check response files against.")
    var questionnaire: String?

    @OptionGroup var common: CommonOptions

    func run() throws {
        let language = common.language
        let printer = DiagnosticPrinter(language: language)
        var failed = false
        for file in files {
            let errors: Int
            switch DefinitionKind.detect(path: file) {
            case .response:
                let model = try QuestionnaireLocator(language: language).load(forResponse: file, explicitPath: questionnaire)
                let result = ResponseLoader.load(path: file, questionnaire: model)
                printer.print(result.diagnostics)
                errors = result.errors.count
                if errors == 0 {
                    Console.current.print(
                        language.pick(
                            "\(file) : réponse valide (\(result.value?.answers.count ?? 0) réponses)",
                            "\(file): valid response (\(result.value?.answers.count ?? 0) answers)"))
                }
            case .supportActions:
                let model = try QuestionnaireLocator(language: language).load(forResponse: file, explicitPath: questionnaire)
                let result = ActionCatalogueLoader.load(path: file, questionnaire: model)
                printer.print(result.diagnostics)
                errors = result.errors.count
                if let catalogue = result.value {
                    Console.current.print(
                        language.pick(
                            "\(file) : catalogue valide « \(catalogue.id) » \(catalogue.version) — \(catalogue.actions.count) actions en \(catalogue.families.count) familles",
                            "\(file): valid catalogue '\(catalogue.id)' \(catalogue.version) — \(catalogue.actions.count) actions in \(catalogue.families.count) families"
                        ))
                }
            case .simulation:
                let model = try QuestionnaireLocator(language: language).load(forResponse: file, explicitPath: questionnaire)
                let result = SimulationProfileLoader.load(path: file, questionnaire: model)
                printer.print(result.diagnostics)
                errors = result.errors.count
                if let profile = result.value {
                    Console.current.print(
                        language.pick(
                            "\(file) : simulation valide pour « \(model.id) » — \(profile.fixed.count) organisations fixes, \(profile.mix.count) typologies tirées",
                            "\(file): valid simulation for '\(model.id)' — \(profile.fixed.count) fixed organisations, \(profile.mix.count) drawn typologies"
                        ))
                }
            case .valueNames:
                let result = ValueNamesLoader.load(path: file)
                printer.print(result.diagnostics)
                errors = result.errors.count
                if let names = result.value {
                    Console.current.print(
                        language.pick(
                            "\(file) : noms valides « \(names.id) » — \(names.names.count) codes",
                            "\(file): valid names '\(names.id)' — \(names.names.count) codes"))
                }
            case .questionnaire:
                let result = QuestionnaireLoader.load(path: file)
                printer.print(result.diagnostics)
                errors = result.errors.count
                if let model = result.value {
                    Console.current.print(summary(of: model, file: file, language: language))
                }
            }
            if errors > 0 {
                failed = true
                Console.current.error(
                    language.pick(
                        "\(file) : \(errors) erreur\(errors > 1 ? "s" : "")", "\(file): \(errors) error\(errors > 1 ? "s" : "")"))
            }
        }
        if failed { throw CommandFailure.invalidData }
    }

    private func summary(of model: Questionnaire, file: String, language: Language) -> String {
        let scored = model.questions.filter(\.scored).count
        func count(_ n: Int, _ one: (fr: String, en: String), _ many: (fr: String, en: String)) -> String {
            "\(n) " + (n > 1 ? language.pick(many.fr, many.en) : language.pick(one.fr, one.en))
        }
        let parts = [
            count(model.dimensions.count, ("dimension", "dimension"), ("dimensions", "dimensions")),
            count(scored, ("question notée", "scored question"), ("questions notées", "scored questions")),
            count(model.questions.count - scored, ("non notée", "unscored"), ("non notées", "unscored")),
            count(model.typologies.count, ("typologie", "typology"), ("typologies", "typologies")),
        ]
        return language.pick(
            "\(file) : questionnaire valide « \(model.id) » \(model.version) — ",
            "\(file): valid questionnaire '\(model.id)' \(model.version) — ")
            + parts.joined(separator: ", ")
    }
}
