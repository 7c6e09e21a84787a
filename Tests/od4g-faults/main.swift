import DiagnosticCLI
import DiagnosticPipeline
import Foundation

// `od4g` with a fault injected, for the fault tests only (never installed): with
// OD4G_FAULT_KILL_AFTER_ROWS=N, an import kills its own process (SIGKILL) once it has stored N
// respondents, inside its transaction.
let killAfter = ProcessInfo.processInfo.environment["OD4G_FAULT_KILL_AFTER_ROWS"].flatMap(Int.init)
let hook: @Sendable (Int) -> Void = { stored in
    if let killAfter, stored >= killAfter { kill(getpid(), SIGKILL) }
}
let status = ImportPipeline.$afterStoring.withValue(hook) {
    CommandLineRunner.run(Array(CommandLine.arguments.dropFirst()))
}
exit(status)
