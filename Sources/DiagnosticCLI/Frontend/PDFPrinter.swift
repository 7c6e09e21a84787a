import DiagnosticCore
import DiagnosticPipeline
import Foundation

/// Prints an HTML report to a PDF file with a headless Chromium: the report's own print style sheet
/// (A4, page numbers, the organisation and date on every page) makes the pages. Chromium is a
/// program od4g runs when it is there, not a dependency: without it, the error says how to get one.
struct PDFPrinter {
    /// The browser program.
    let browser: String
    /// The language of messages.
    let language: Language
    /// How long one report may take to print before the browser is stopped.
    var timeout: TimeInterval = 120

    /// The programs looked for on `PATH`, in this order.
    static let candidates = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"]

    /// The browser given with `--browser` (a path or a program name), else `$OD4G_BROWSER`, else the
    /// first of `candidates` found on `searchPath` (a `PATH` value).
    static func locate(explicit: String?, environment: [String: String], language: Language) throws -> PDFPrinter {
        let searchPath = environment["PATH"] ?? ""
        if let named = explicit ?? environment["OD4G_BROWSER"].flatMap({ $0.isEmpty ? nil : $0 }) {
            guard let found = executable(named, searchPath: searchPath) else {
                throw CommandFailure(
                    status: 1,
                    message: language.pick(
                        "error: navigateur introuvable ou non exécutable : \(named) (--browser ou OD4G_BROWSER) ; donnez le chemin de Chromium, par exemple /usr/bin/chromium",
                        "error: browser not found or not executable: \(named) (--browser or OD4G_BROWSER); give Chromium's path, for example /usr/bin/chromium"
                    ))
            }
            return PDFPrinter(browser: found, language: language)
        }
        for name in candidates {
            if let found = executable(name, searchPath: searchPath) { return PDFPrinter(browser: found, language: language) }
        }
        throw CommandFailure(status: 1, message: notInstalled(language))
    }

    /// What to do when no browser is found.
    static func notInstalled(_ language: Language) -> String {
        language.pick(
            """
            error: pour écrire un PDF, od4g imprime le rapport HTML avec Chromium en mode sans fenêtre, et aucun Chromium n'est installé \
            (cherché : \(candidates.joined(separator: ", ")) dans PATH). Installez-le (Debian, Ubuntu : apt-get install chromium) \
            ou donnez son chemin avec --browser ; sinon écrivez le rapport en HTML (--output rapport.html) et imprimez-le depuis \
            votre navigateur (Imprimer → Enregistrer au format PDF).
            """,
            """
            error: to write a PDF, od4g prints the HTML report with a headless Chromium, and no Chromium is installed \
            (looked for: \(candidates.joined(separator: ", ")) on PATH). Install it (Debian, Ubuntu: apt-get install chromium) \
            or give its path with --browser; otherwise write the report as HTML (--output report.html) and print it from \
            your browser (Print → Save as PDF).
            """)
    }

    /// `name` as an executable path: as it is when it holds a `/`, else searched on `searchPath`.
    static func executable(_ name: String, searchPath: String) -> String? {
        let manager = FileManager.default
        func runnable(_ path: String) -> Bool {
            var isDirectory: ObjCBool = false
            return manager.fileExists(atPath: path, isDirectory: &isDirectory) && !isDirectory.boolValue
                && manager.isExecutableFile(atPath: path)
        }
        if name.contains("/") { return runnable(name) ? name : nil }
        for folder in searchPath.split(separator: ":") where !folder.isEmpty {
            let path = String(folder) + "/" + name
            if runnable(path) { return path }
        }
        return nil
    }

    /// Prints `html` to `path`: the PDF replaces any file there only once it is complete.
    func print(html: String, to path: String) throws {
        let manager = FileManager.default
        let scratch = manager.temporaryDirectory.appendingPathComponent("od4g-print-" + UUID().uuidString)
        defer { try? manager.removeItem(at: scratch) }
        let page = scratch.appendingPathComponent("report.html")
        let pdf = scratch.appendingPathComponent("report.pdf")
        do {
            // The report holds the organisation's answers: the folder is the user's alone.
            try manager.createDirectory(
                at: scratch, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            try Data(html.utf8).write(to: page)
        } catch {
            throw CommandFailure(
                status: 1,
                message: language.pick(
                    "error: impossible d'écrire le fichier temporaire de l'impression dans \(scratch.path)",
                    "error: cannot write the print's temporary file in \(scratch.path)"))
        }
        let problem = run(arguments: arguments(page: page, pdf: pdf, profile: scratch.appendingPathComponent("profile")))
        guard let data = manager.contents(atPath: pdf.path), data.starts(with: Array("%PDF-".utf8)) else {
            throw CommandFailure(
                status: 1,
                message: language.pick(
                    "error: Chromium (\(browser)) n'a pas produit de PDF\(problem.map { " : " + $0 } ?? "") ; essayez --output rapport.html et imprimez-le depuis votre navigateur",
                    "error: Chromium (\(browser)) produced no PDF\(problem.map { ": " + $0 } ?? ""); try --output report.html and print it from your browser"
                ))
        }
        try OutputFile.write(data, to: path)
    }

    /// Chromium's command line: headless, its own empty profile, no header or footer of its own (the
    /// report's margin boxes print instead), no sandbox only where Chromium refuses one (as root).
    func arguments(page: URL, pdf: URL, profile: URL) -> [String] {
        var arguments = [
            "--headless", "--disable-gpu", "--no-first-run", "--no-default-browser-check", "--disable-extensions",
            "--disable-background-networking", "--disable-dev-shm-usage", "--user-data-dir=" + profile.path,
            "--no-pdf-header-footer",
            "--print-to-pdf=" + pdf.path,
        ]
        if geteuid() == 0 { arguments.append("--no-sandbox") }
        arguments.append(page.absoluteString)
        return arguments
    }

    /// Runs the browser and waits at most `timeout`; what went wrong, or `nil`.
    private func run(arguments: [String]) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: browser)
        process.arguments = arguments
        let errors = Pipe()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        do {
            try process.run()
        } catch {
            return language.pick("le programme ne démarre pas", "the program does not start")
        }
        // Chromium writes much to standard error: read it as it comes so that it never blocks on a full pipe.
        let collected = Slots(count: 1, value: Data())
        let reading = DispatchGroup()
        DispatchQueue.global().async(group: reading) {
            collected[0] = errors.fileHandleForReading.readDataToEndOfFile()
        }
        // Foundation starts the browser in a process group of its own: stopping the group stops
        // the renderers and helpers it started too.
        let group = -process.processIdentifier
        if finished.wait(timeout: .now() + timeout) == .timedOut {
            kill(group, SIGTERM)
            _ = finished.wait(timeout: .now() + 5)
            // Helpers that outlive the browser, or ignore SIGTERM, are stopped too.
            kill(group, SIGKILL)
            _ = finished.wait(timeout: .now() + 5)
            return language.pick(
                "arrêté après \(Int(timeout)) s sans avoir fini", "stopped after \(Int(timeout)) s without finishing")
        }
        // A helper left running would hold standard error open: it is stopped after a while.
        if reading.wait(timeout: .now() + 10) == .timedOut {
            kill(group, SIGKILL)
            _ = reading.wait(timeout: .now() + 5)
        }
        guard process.terminationStatus != 0 else { return nil }
        let lastLine = String(decoding: collected[0], as: UTF8.self).split(separator: "\n").last.map(String.init) ?? ""
        return language.pick("code de sortie \(process.terminationStatus)", "exit status \(process.terminationStatus)")
            + (lastLine.isEmpty ? "" : " (\(lastLine))")
    }
}
