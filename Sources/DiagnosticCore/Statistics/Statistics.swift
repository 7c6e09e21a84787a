/// The descriptive statistics of aggregation and comparison, written once so they can be checked by hand.
public enum Statistics {
    /// Arithmetic mean; `nil` for no values. Summed in order, from 0; any sequence (a lazy one
    /// spares an array per mean when there are many, as per question for every organisation).
    public static func mean(_ values: some Sequence<Double>) -> Double? {
        var sum = 0.0
        var count = 0
        for value in values {
            sum += value
            count += 1
        }
        return count == 0 ? nil : sum / Double(count)
    }

    /// The `p` quantile (0...1) by linear interpolation between closest ranks: with values sorted
    /// x₀ ≤ … ≤ xₙ₋₁ and h = (n − 1)·p, q = x⌊h⌋ + (h − ⌊h⌋)(x⌊h⌋₊₁ − x⌊h⌋). This is the default of
    /// R (type 7), NumPy and spreadsheet QUARTILE.INC.
    public static func quantile(_ sorted: [Double], _ p: Double) -> Double? {
        guard !sorted.isEmpty else { return nil }
        let h = Double(sorted.count - 1) * min(1, max(0, p))
        let low = Int(h.rounded(.down))
        let high = min(low + 1, sorted.count - 1)
        return sorted[low] + (h - Double(low)) * (sorted[high] - sorted[low])
    }

    /// Percentile rank of `value` among `values` (which include it): 100 × (below + ½ equal) / n.
    public static func percentileRank(of value: Double, among values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let below = values.filter { $0 < value }.count
        let equal = values.filter { $0 == value }.count
        return 100 * (Double(below) + 0.5 * Double(equal)) / Double(values.count)
    }

    /// Percentile rank of `value` among `sorted` (ascending, `value` included), by binary search.
    public static func percentileRank(of value: Double, inSorted sorted: [Double]) -> Double? {
        guard !sorted.isEmpty else { return nil }
        func firstIndex(where condition: (Double) -> Bool) -> Int {
            var low = 0
            var high = sorted.count
            while low < high {
                let middle = (low + high) / 2
                if condition(sorted[middle]) { high = middle } else { low = middle + 1 }
            }
            return low
        }
        let below = firstIndex { $0 >= value }
        let equal = firstIndex { $0 > value } - below
        return 100 * (Double(below) + 0.5 * Double(equal)) / Double(sorted.count)
    }

    /// Count, mean, median, quartiles, minimum and maximum of some values; `nil` for none.
    public static func summary(_ values: [Double]) -> Summary? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        return Summary(
            count: sorted.count, mean: mean(sorted) ?? 0, median: quantile(sorted, 0.5) ?? 0,
            lowerQuartile: quantile(sorted, 0.25) ?? 0, upperQuartile: quantile(sorted, 0.75) ?? 0,
            minimum: sorted[0], maximum: sorted[sorted.count - 1])
    }
}

/// Descriptive statistics of a set of scores.
public struct Summary: Sendable, Hashable, Codable {
    /// Number of values.
    public var count: Int
    /// Mean.
    public var mean: Double
    /// Median (second quartile).
    public var median: Double
    /// First quartile.
    public var lowerQuartile: Double
    /// Third quartile.
    public var upperQuartile: Double
    /// Smallest value.
    public var minimum: Double
    /// Largest value.
    public var maximum: Double

    enum CodingKeys: String, CodingKey {
        case count, mean, median, minimum, maximum
        case lowerQuartile = "q1"
        case upperQuartile = "q3"
    }

    /// Creates a summary.
    public init(
        count: Int, mean: Double, median: Double, lowerQuartile: Double, upperQuartile: Double, minimum: Double,
        maximum: Double
    ) {
        self.count = count
        self.mean = mean
        self.median = median
        self.lowerQuartile = lowerQuartile
        self.upperQuartile = upperQuartile
        self.minimum = minimum
        self.maximum = maximum
    }
}
