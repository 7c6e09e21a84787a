import DiagnosticCore
import Testing

@Suite struct StatisticsTests {
    @Test func quantilesInterpolateBetweenClosestRanks() {
        let values = [0.0, 10, 20, 30, 40]
        #expect(Statistics.quantile(values, 0.5) == 20)
        #expect(Statistics.quantile(values, 0.25) == 10)
        // h = 3 × 0.5 = 1.5 → 10 + 0.5 × (20 − 10)
        #expect(Statistics.quantile([0, 10, 20, 30], 0.5) == 15)
        // h = 3 × 0.25 = 0.75 → 0 + 0.75 × 10
        #expect(Statistics.quantile([0, 10, 20, 30], 0.25) == 7.5)
        #expect(Statistics.quantile([42], 0.75) == 42)
        #expect(Statistics.quantile([], 0.5) == nil)
    }

    @Test func percentileRankCountsHalfTheTies() {
        // below 2, equal 2 → (2 + 1) / 6
        #expect(Statistics.percentileRank(of: 50, among: [10, 20, 50, 50, 70, 90]) == 50)
        #expect(Statistics.percentileRank(of: 90, among: [10, 20, 50, 50, 70, 90]) == 100 * 5.5 / 6)
        #expect(Statistics.percentileRank(of: 1, among: []) == nil)
    }

    @Test func summary() throws {
        let summary = try #require(Statistics.summary([30, 10, 20, 40]))
        #expect(
            summary == Summary(count: 4, mean: 25, median: 25, lowerQuartile: 17.5, upperQuartile: 32.5, minimum: 10, maximum: 40)
        )
    }
}
