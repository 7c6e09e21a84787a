import DiagnosticCore
import DiagnosticPipeline
import Foundation

/// Progress of a long import or `report --all` on a terminal (standard error), silent when it is not a terminal.
final class Progress: PipelineProgress {
    private let language: Language
    private var shown = false

    /// A progress display, or `nil` when standard error is not a terminal.
    init?(language: Language) {
        guard isatty(STDERR_FILENO) == 1 else { return nil }
        self.language = language
    }

    func update(file: String, fraction: Double, rows: Int) {
        let percent = Int((fraction * 100).rounded())
        let text = language.pick("\r\(file) : \(percent) % (\(rows) lignes)", "\r\(file): \(percent)% (\(rows) rows)")
        FileHandle.standardError.write(Data(text.utf8))
        shown = true
    }

    func update(reports done: Int, of total: Int) {
        let text = language.pick("\rRapports : \(done) / \(total)", "\rReports: \(done) / \(total)")
        FileHandle.standardError.write(Data(text.utf8))
        shown = true
    }

    func finish() {
        if shown { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        shown = false
    }
}
