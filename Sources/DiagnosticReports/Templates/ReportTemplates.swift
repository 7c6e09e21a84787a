import DiagnosticCore
import Foundation
import Mustache

/// The report templates of `Reports/templates/`, loaded at run time so wording and branding can be
/// changed without recompiling.
///
/// Markdown templates declare `{{% CONTENT_TYPE: MARKDOWN}}`: their `{{values}}` are then escaped
/// for Markdown; HTML templates declare `{{% CONTENT_TYPE: HTML}}`, escaped for HTML. `{{{triple}}}` values (the SVG charts, which
/// escape their own text) are inserted as they are.
public struct ReportTemplates: Sendable {
    /// The folder the templates were read from.
    public let folder: String
    private let library: MustacheLibrary
    private let names: Set<String>
    /// The templates the compiled renderer draws (`CompiledTemplate`), with their partials; the
    /// others render with swift-mustache.
    private let compiled: [String: CompiledTemplate]
    /// Renders every template with swift-mustache, the reference, instead of the compiled renderer
    /// (slower; the same output, which tests check, except that swift-mustache's own HTML escaping —
    /// in partials and templates without `CONTENT_TYPE` — leaves a quote followed by a combining mark).
    public var referenceRendering = false

    /// Reads every `*.mustache` file of `folder`; a syntax error is reported with its file, line and column.
    public init(folder: String) throws(ReportError) {
        Self.registerMarkdown()
        let files: [String]
        do {
            files = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".mustache") }.sorted()
        } catch {
            throw ReportError(.templatesNotFound(folder))
        }
        var templates: [String: MustacheTemplate] = [:]
        var compiled: [String: CompiledTemplate] = [:]
        for file in files {
            let path = (folder as NSString).appendingPathComponent(file)
            guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
                throw ReportError(.templateUnreadable(path))
            }
            let name = String(file.dropLast(".mustache".count))
            do {
                templates[name] = try MustacheTemplate(string: text)
                compiled[name] = CompiledTemplate(text)
            } catch let error as MustacheTemplate.ParserError {
                throw ReportError(
                    .templateSyntax(
                        file: path, line: error.context.lineNumber, column: error.context.columnNumber,
                        problem: String(describing: error.error)))
            } catch {
                throw ReportError(.templateSyntax(file: path, line: 1, column: 1, problem: String(describing: error)))
            }
        }
        library = MustacheLibrary(templates: templates)
        names = Set(templates.keys)
        self.compiled = Self.renderable(compiled, among: names)
        self.folder = folder
    }

    /// The compiled templates whose partials, and theirs, are compiled too (or absent: they render as nothing either way).
    private static func renderable(_ compiled: [String: CompiledTemplate], among names: Set<String>) -> [String: CompiledTemplate]
    {
        var kept = compiled
        var changed = true
        while changed {
            changed = false
            for (name, template) in kept where template.partials.contains(where: { names.contains($0) && kept[$0] == nil }) {
                kept[name] = nil
                changed = true
            }
        }
        return kept
    }

    /// Whether the folder has the template `name` (e.g. `web-questionnaire.html`).
    public func contains(_ name: String) -> Bool { names.contains(name) }

    /// Renders `context` with the template `name` (e.g. `individual.html`): with the compiled
    /// renderer when the template allows it, otherwise (or with `referenceRendering`) with swift-mustache.
    public func render(_ context: Any, template name: String) throws(ReportError) -> String {
        guard names.contains(name) else { throw ReportError(.templateMissing(name: name, folder: folder)) }
        let value = TemplateContext.convert(context) ?? .object([:])
        if !referenceRendering, let template = compiled[name] {
            guard let text = template.render(value, partials: compiled) else {
                throw ReportError(.partialsTooDeep(name: name, folder: folder, limit: CompiledTemplate.maximumPartialDepth))
            }
            return text
        }
        guard let text = library.render(value.plain, withTemplate: name) else {
            throw ReportError(.templateMissing(name: name, folder: folder))
        }
        return text
    }

    /// Whether `name` renders with the compiled renderer (tests).
    func isCompiled(_ name: String) -> Bool { compiled[name] != nil }

    private static let registration: Void = {
        MustacheContentTypes.register(MarkdownContent(), named: "MARKDOWN")
        // HTML escaping byte by byte (safer than Mustache's own, which goes by Swift characters and so
        // leaves a quote followed by a combining mark as it is), without copying text that needs none.
        MustacheContentTypes.register(HTMLContent(), named: "HTML")
    }()

    private struct HTMLContent: MustacheContentType {
        func escapeText(_ text: String) -> String { Escaping.html(text) }
    }

    private static func registerMarkdown() { _ = registration }

    private struct MarkdownContent: MustacheContentType {
        func escapeText(_ text: String) -> String { Escaping.markdown(text) }
    }
}

/// A problem with reports, with a message naming the file and what to do.
public struct ReportError: Error, Sendable, Hashable {
    /// Why.
    public enum Reason: Sendable, Hashable {
        case templatesNotFound(String)
        case templateUnreadable(String)
        case templateSyntax(file: String, line: Int, column: Int, problem: String)
        case templateMissing(name: String, folder: String)
        case partialsTooDeep(name: String, folder: String, limit: Int)
        case nothingToReport
    }

    /// Why.
    public var reason: Reason

    /// Creates an error.
    public init(_ reason: Reason) {
        self.reason = reason
    }

    /// The message in `language`.
    public func message(_ language: Language) -> String {
        let l = language
        switch reason {
        case .templatesNotFound(let folder):
            return l.pick(
                "modèles de rapport introuvables dans \(folder) : indiquez le dossier avec --templates",
                "report templates not found in \(folder): give the folder with --templates")
        case .templateUnreadable(let path):
            return l.pick("\(path) : modèle illisible (UTF-8 attendu)", "\(path): unreadable template (UTF-8 expected)")
        case .templateSyntax(let file, let line, let column, let problem):
            return "\(file):\(line):\(column): error: "
                + l.pick("syntaxe Mustache invalide : \(problem)", "invalid Mustache syntax: \(problem)")
        case .templateMissing(let name, let folder):
            return l.pick("modèle « \(name).mustache » absent de \(folder)", "template '\(name).mustache' missing from \(folder)")
        case .partialsTooDeep(let name, let folder, let limit):
            return l.pick(
                "modèle « \(name).mustache » de \(folder) : plus de \(limit) partiels imbriqués ({{> …}}) ; un partiel qui s'inclut lui-même doit s'arrêter quand ses données s'épuisent",
                "template '\(name).mustache' in \(folder): more than \(limit) nested partials ({{> …}}); a partial that includes itself must stop when its data runs out"
            )
        case .nothingToReport:
            return l.pick("rien à présenter : aucune réponse notée", "nothing to report: no scored response")
        }
    }
}
