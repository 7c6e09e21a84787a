import DiagnosticTestSupport
import Foundation
import HummingbirdTesting
import Testing

/// A server runs for days: each diagnostic is dated the day it is read, not the day the server started.
@Suite struct ReportDateTests {
    /// The day the server's clock gives, changed by the test.
    final class Clock: @unchecked Sendable {
        private let lock = NSLock()
        private var day = "2026-12-02"
        var today: String { lock.withLock { day } }
        func set(_ value: String) { lock.withLock { day = value } }
    }

    @Test func aReportIsDatedTheDayItIsRead() async throws {
        let clock = Clock()
        let fixture = try WebFixture(today: { clock.today })
        let token = fixture.tokens[1]
        try await fixture.application.test(.router) { client in
            let (_, page, _) = try await client.get("/r/\(token)")
            let (status, _, _) = try await client.post(
                "/r/\(token)", [("csrf", WebFixture.csrf(page)), ("page", "0"), ("a.p1", "yes"), ("action", "save")])
            #expect(status == .seeOther)
            var (_, report, _) = try await client.get("/r/\(token)/report")
            #expect(report.contains("édité le 2026-12-02"), "\(report.prefix(2000))")
            clock.set("2026-12-09")
            (_, report, _) = try await client.get("/r/\(token)/report")
            #expect(report.contains("édité le 2026-12-09"))
            #expect(!report.contains("2026-12-02"))
            let (_, markdown, _) = try await client.get("/r/\(token)/report.md")
            #expect(markdown.contains("édité le 2026-12-09"))
        }
    }
}
