// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "od4g",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "od4g", targets: ["od4g"]),
        .library(name: "DiagnosticCore", targets: ["DiagnosticCore"]),
        .library(name: "DiagnosticDefinitions", targets: ["DiagnosticDefinitions"]),
    ],
    dependencies: [
        // Pinned to its minor version: YAMLBudget reads libyaml events through Yams' CYaml module.
        .package(url: "https://github.com/jpsim/Yams", .upToNextMinor(from: "6.2.2")),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        // Pinned to its minor version: CompiledTemplate ports swift-mustache 2.1's parser, and tests
        // check both renderers give the same output.
        .package(url: "https://github.com/hummingbird-project/swift-mustache", .upToNextMinor(from: "2.1.1")),
        // The web side (`od4g serve`).
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        // Advisors' passwords, hashed with bcrypt.
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        // Header names beyond those Hummingbird exports (Sec-Fetch-Site).
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        // Workbooks (XLSX, ODS) are ZIP packages of XML parts.
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        .target(name: "DiagnosticCore"),
        .target(
            name: "DiagnosticDefinitions",
            dependencies: [
                "DiagnosticCore", .product(name: "Yams", package: "Yams"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        .target(
            name: "DiagnosticStore",
            dependencies: [
                "DiagnosticCore",
                .product(name: "GRDB", package: "GRDB.swift"),
                // SQLite's C interface, for the import's hot statements (RawStatement).
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(
            name: "DiagnosticReports",
            dependencies: ["DiagnosticCore", .product(name: "Mustache", package: "swift-mustache")]
        ),
        // What a command or a server runs: the import pipeline, and the batch of reports.
        .target(
            name: "DiagnosticPipeline",
            dependencies: ["DiagnosticCore", "DiagnosticDefinitions", "DiagnosticStore", "DiagnosticReports"]
        ),
        // `od4g serve`: the questionnaire on the web.
        .target(
            name: "DiagnosticWeb",
            dependencies: [
                "DiagnosticCore", "DiagnosticDefinitions", "DiagnosticStore", "DiagnosticReports", "DiagnosticPipeline",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(
            name: "DiagnosticCLI",
            dependencies: [
                "DiagnosticWeb",
                "DiagnosticCore",
                "DiagnosticDefinitions",
                "DiagnosticStore",
                "DiagnosticReports",
                "DiagnosticPipeline",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "od4g", dependencies: ["DiagnosticCLI"]),
        .executableTarget(
            name: "od4g-bench",
            dependencies: ["DiagnosticCLI", "DiagnosticCore", "DiagnosticDefinitions", "DiagnosticPipeline", "DiagnosticStore"]
        ),
        // `od4g` with a fault injected (an import that kills itself midway), for the fault tests.
        .executableTarget(name: "od4g-faults", dependencies: ["DiagnosticCLI", "DiagnosticPipeline"], path: "Tests/od4g-faults"),
        .target(
            name: "DiagnosticTestSupport",
            dependencies: ["DiagnosticCore", "DiagnosticDefinitions", "DiagnosticStore", "DiagnosticReports", "DiagnosticCLI"],
            path: "Tests/DiagnosticTestSupport",
            exclude: ["Fixtures"]
        ),
        .testTarget(name: "DiagnosticCoreTests", dependencies: ["DiagnosticCore", "DiagnosticTestSupport"]),
        .testTarget(
            name: "DiagnosticDefinitionsTests",
            dependencies: ["DiagnosticDefinitions", "DiagnosticTestSupport"],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "DiagnosticStoreTests",
            dependencies: ["DiagnosticStore", "DiagnosticTestSupport", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .testTarget(name: "DiagnosticReportsTests", dependencies: ["DiagnosticReports", "DiagnosticTestSupport"]),
        .testTarget(
            name: "DiagnosticWebTests",
            dependencies: [
                "DiagnosticWeb", "DiagnosticTestSupport", .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ]
        ),
        .testTarget(
            name: "DiagnosticCLITests",
            dependencies: [
                "DiagnosticCLI", "DiagnosticDefinitions", "DiagnosticPipeline", "DiagnosticTestSupport", "od4g", "od4g-faults",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
