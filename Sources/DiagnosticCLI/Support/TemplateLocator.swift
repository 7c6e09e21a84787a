import Foundation

/// Finds the report templates: the reports module reads the folder it is given, and only the CLI
/// looks at the environment, the working directory and where the program lies.
enum TemplateLocator {
    /// Folders searched for templates: `$OD4G_TEMPLATES`, `./Reports/templates`, then next to the program.
    static func searchFolders(program: String = CommandLine.arguments.first ?? "") -> [String] {
        var folders: [String] = []
        if let custom = ProcessInfo.processInfo.environment["OD4G_TEMPLATES"], !custom.isEmpty { folders.append(custom) }
        folders.append(FileManager.default.currentDirectoryPath + "/Reports/templates")
        var folder = URL(fileURLWithPath: program).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<4 {
            folders.append(folder.appendingPathComponent("Reports/templates").path)
            folder.deleteLastPathComponent()
        }
        return folders
    }

    /// The first search folder that holds templates.
    static func locate() -> String? {
        searchFolders().first { folder in
            ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).contains { $0.hasSuffix(".mustache") }
        }
    }
}
