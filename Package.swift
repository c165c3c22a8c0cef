// swift-tools-version:6.0
import PackageDescription

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "Nastavnik",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "nastavnik", targets: ["Nastavnik"]),
        .executable(name: "nastavnik-bench", targets: ["NastavnikBench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/vapor/vapor.git", from: "4.122.0"),
        .package(url: "https://github.com/vapor/fluent.git", from: "4.13.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver.git", from: "4.9.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver.git", from: "2.14.0"),
        .package(url: "https://github.com/vapor/sql-kit.git", from: "3.36.0"),
        // The drivers under Fluent's, named for the bulk paths of imports (NastavnikStore/Bulk).
        .package(url: "https://github.com/vapor/sqlite-nio.git", from: "1.12.0"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.27.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.20"),
        // Already Vapor's (it reports request counts and latencies through it); named here for our Prometheus backend.
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.4.0"),
    ],
    targets: [
        // Office Open XML: DOCX writing and templates, XLSX writing and reading, CSV decoding. No domain knowledge.
        .target(
            name: "NastavnikOffice",
            dependencies: [.product(name: "ZIPFoundation", package: "ZIPFoundation")],
            swiftSettings: strict
        ),
        // Domain: rules, formulas, value types, documents. Foundation and NastavnikOffice — never Vapor/Fluent/NIO.
        .target(name: "NastavnikCore", dependencies: ["NastavnikOffice"], swiftSettings: strict),
        .target(
            name: "NastavnikStore",
            dependencies: [
                "NastavnikCore",
                .product(name: "Fluent", package: "fluent"),
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "SQLiteNIO", package: "sqlite-nio"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "NastavnikWeb",
            dependencies: [
                "NastavnikCore",
                "NastavnikStore",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Fluent", package: "fluent"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
                .product(name: "Metrics", package: "swift-metrics"),
            ],
            // The stylesheet and icons ship with the binary (Nastavnik_NastavnikWeb.resources beside it), so the
            // server serves them whatever its working directory (issue 23: started elsewhere, no page had CSS).
            resources: [.copy("Assets")],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "Nastavnik",
            dependencies: ["NastavnikWeb"],
            swiftSettings: strict
        ),
        // Matching benchmark (issue 4; scripts/bench-matching): NastavnikCore only.
        .executableTarget(name: "NastavnikBench", dependencies: ["NastavnikCore"], swiftSettings: strict),
        // Fixtures the test targets share (a lying-size ZIP, peak memory); never linked into the server.
        .target(name: "NastavnikTestSupport", path: "Tests/NastavnikTestSupport", swiftSettings: strict),
        .testTarget(name: "NastavnikCoreTests", dependencies: ["NastavnikCore"], swiftSettings: strict),
        .testTarget(name: "NastavnikOfficeTests", dependencies: ["NastavnikOffice", "NastavnikTestSupport"], swiftSettings: strict),
        .testTarget(
            name: "NastavnikWebTests",
            dependencies: [
                "NastavnikWeb",
                "NastavnikTestSupport",
                .product(name: "VaporTesting", package: "vapor"),
            ],
            swiftSettings: strict
        ),
    ]
)
