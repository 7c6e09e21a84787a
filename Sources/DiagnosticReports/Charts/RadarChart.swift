import DiagnosticCore
import Foundation

/// A radar (spider) chart of dimension scores 0–100: one axis per dimension, one polygon per series.
///
/// Sized so that, drawn 372 px wide (a 390 px phone), its smallest text is still 11 px: the view
/// box is `width` units wide and no text is smaller than `smallestText` units.
public struct RadarChart: Sendable {
    /// One polygon: an organisation, a campaign, or the median of peers.
    public struct Series: Sendable {
        /// Name shown in the legend.
        public var name: String
        /// One value per axis (0–100); `nil` is drawn at the centre.
        public var values: [Double?]
        /// Whether it is a reference (the peers' median, an earlier campaign): drawn without fill.
        public var reference: Bool
        /// The style it is drawn in (`SeriesStyle.all`); `nil`: the style of its position.
        public var style: Int?

        /// Creates a series.
        public init(name: String, values: [Double?], reference: Bool, style: Int? = nil) {
            self.name = name
            self.values = values
            self.reference = reference
            self.style = style
        }
    }

    /// A maturity level's threshold: its name and its minimum score on each axis.
    public struct Threshold: Sendable, Equatable {
        /// The level's name.
        public var name: String
        /// The minimum score of the level on each axis.
        public var values: [Double]

        /// Creates a threshold.
        public init(name: String, values: [Double]) {
            self.name = name
            self.values = values
        }
    }

    /// Axis labels, clockwise from the top.
    public var axes: [String]
    /// The polygons; the n-th is drawn in the n-th style of `SeriesStyle.all`.
    public var series: [Series]
    /// Level thresholds drawn as rings, labelled with the level's name; none: rings at 25, 50, 75.
    public var thresholds: [Threshold]
    /// Width of the view box.
    public var width: Double = 460
    /// Radius of the 100 ring.
    public var radius: Double = 105
    /// The smallest text size, in view-box units.
    public static let smallestText: Double = 14
    /// Axis label size.
    static let labelSize: Double = 15
    /// Legend text size.
    static let legendSize: Double = 14
    /// Space above the top axis label, and between the plot and its labels.
    static let gap: Double = 10

    /// Creates a chart.
    public init(axes: [String], series: [Series], thresholds: [Threshold] = []) {
        self.axes = axes
        self.series = series
        self.thresholds = thresholds
    }

    /// The axis labels' lines: at most as wide as the space beside the plot (side axes) or the
    /// whole width (top and bottom axes).
    func labelLines(_ index: Int) -> [String] {
        let point = direction(index)
        let side = abs(point.x) > 0.2
        let room = side ? (width / 2 - radius - 2 * Self.gap) / max(abs(point.x), 0.5) : width - 2 * Self.gap
        return SVG.wrap(axes.element(at: index) ?? "", width: room, size: Self.labelSize)
    }

    /// Lines of text above the plot: the labels of axes pointing up.
    private var headroom: Double {
        let top = axes.indices.filter { direction($0).y < -0.7 }.map { labelLines($0).count }.max() ?? 0
        return Self.gap + Double(top) * Self.lineHeight(Self.labelSize) + Self.gap
    }

    /// Lines of text below the plot: the labels of axes pointing down.
    private var footroom: Double {
        let bottom = axes.indices.filter { direction($0).y > 0.7 }.map { labelLines($0).count }.max() ?? 0
        return Self.gap + Double(bottom) * Self.lineHeight(Self.labelSize) + Self.gap
    }

    static func lineHeight(_ size: Double) -> Double { size * 1.25 }

    /// The centre of the plot.
    public var centre: (x: Double, y: Double) { (width / 2, headroom + radius) }

    /// The unit vector of axis `index`: axis 0 points up, the others follow clockwise.
    func direction(_ index: Int) -> (x: Double, y: Double) {
        let angle = -Double.pi / 2 + 2 * Double.pi * Double(index) / Double(max(axes.count, 1))
        return (cos(angle), sin(angle))
    }

    /// Where `value` (0–100) sits on axis `index`.
    public func point(_ value: Double, axis index: Int) -> (x: Double, y: Double) {
        let unit = direction(index)
        let distance = radius * min(100, max(0, value.isFinite ? value : 0)) / 100
        return (centre.x + distance * unit.x, centre.y + distance * unit.y)
    }

    /// The legend's rows: items flow left to right and wrap, a name too long for a row is wrapped itself.
    func legendRows() -> [[(series: Int, lines: [String], x: Double)]] {
        let swatch = 44.0
        let room = width - 2 * Self.gap
        var rows: [[(series: Int, lines: [String], x: Double)]] = [[]]
        var x = Self.gap
        for index in series.indices {
            let lines = SVG.wrap(series[index].name, width: room - swatch, size: Self.legendSize)
            let itemWidth = swatch + (lines.map { SVG.estimatedWidth($0, size: Self.legendSize) }.max() ?? 0) + 18
            if x > Self.gap, x + itemWidth > width - Self.gap {
                rows.append([])
                x = Self.gap
            }
            rows[rows.count - 1].append((index, lines, x))
            x += itemWidth
        }
        return rows.filter { !$0.isEmpty }
    }

    /// The chart as SVG; `title` and `description` are its text alternative.
    public func svg(id: String, title: String, description: String) -> String {
        var svg = SVG()
        let rings: [Threshold] =
            thresholds.isEmpty
            ? [25.0, 50, 75].map {
                Threshold(name: NumberText.format($0, decimals: 0), values: Array(repeating: $0, count: axes.count))
            }
            : thresholds
        // The outer ring (100), the axes, and one dashed ring per threshold.
        svg.polygon(
            axes.indices.map { point(100, axis: $0) }.map { ($0.x, $0.y) }, fill: "none", stroke: Palette.grid, opacity: 0)
        for index in axes.indices {
            let end = point(100, axis: index)
            svg.line(x1: centre.x, y1: centre.y, x2: end.x, y2: end.y, stroke: Palette.grid)
        }
        for ring in rings {
            let points = axes.indices.map { point(ring.values.element(at: $0) ?? 0, axis: $0) }
            svg.polygon(points.map { ($0.x, $0.y) }, fill: "none", stroke: Palette.grid, opacity: 0, dash: "3 3")
        }
        // Series: the first filled lightly, every one in its own colour, dash and marker.
        for (index, item) in series.enumerated() {
            let style = SeriesStyle.of(item.style ?? index)
            let points = axes.indices.map { point((item.values.element(at: $0) ?? nil) ?? 0, axis: $0) }
            svg.polygon(
                points.map { ($0.x, $0.y) }, fill: style.color, stroke: style.color,
                opacity: index == 0 && !item.reference ? 0.15 : 0, dash: style.dash, width: 2.5)
            for point in points { svg.marker(style.marker, x: point.x, y: point.y, color: style.color) }
        }
        // Ring labels halfway between two axes, where no data point is drawn (points sit on the axes),
        // each ring in its own gap so that no two labels meet.
        if axes.count >= 3 {
            for (number, ring) in rings.enumerated() {
                let (first, second) = (number % axes.count, (number + 1) % axes.count)
                let a = point(ring.values.element(at: first) ?? 0, axis: first)
                let b = point(ring.values.element(at: second) ?? 0, axis: second)
                let (x, y) = ((a.x + b.x) / 2, (a.y + b.y) / 2)
                let right = x >= centre.x
                svg.text(
                    ring.name, x: x + (right ? 4 : -4), y: y >= centre.y ? y + Self.smallestText : y - 4,
                    anchor: right ? "start" : "end", size: Self.smallestText, fill: "#595959")
            }
        }
        for index in axes.indices {
            let unit = direction(index)
            let lines = labelLines(index)
            let anchor = abs(unit.x) < 0.2 ? "middle" : (unit.x > 0 ? "start" : "end")
            let base = point(100, axis: index)
            let x = base.x + unit.x * Self.gap
            let height = Double(lines.count) * Self.lineHeight(Self.labelSize)
            let top: Double
            if unit.y < -0.7 {
                top = base.y - Self.gap - height
            } else if unit.y > 0.7 {
                top = base.y + Self.gap
            } else {
                top = base.y - height / 2
            }
            for (line, text) in lines.enumerated() {
                svg.text(
                    text, x: x, y: top + Double(line + 1) * Self.lineHeight(Self.labelSize) - 4, anchor: anchor,
                    size: Self.labelSize, weight: "bold")
            }
        }
        var y = centre.y + radius + footroom + 6
        for row in legendRows() {
            let rowHeight = Double(row.map(\.lines.count).max() ?? 1) * Self.lineHeight(Self.legendSize) + 6
            for item in row {
                let style = SeriesStyle.of(series[item.series].style ?? item.series)
                let middle = y + Self.lineHeight(Self.legendSize) / 2
                svg.line(x1: item.x, y1: middle, x2: item.x + 34, y2: middle, stroke: style.color, width: 2.5, dash: style.dash)
                svg.marker(style.marker, x: item.x + 17, y: middle, color: style.color)
                for (line, text) in item.lines.enumerated() {
                    svg.text(
                        text, x: item.x + 44, y: y + Double(line + 1) * Self.lineHeight(Self.legendSize) - 4,
                        size: Self.legendSize)
                }
            }
            y += rowHeight
        }
        return svg.document(id: id, width: width, height: y + 4, title: title, description: description)
    }
}

/// How the n-th series of a chart is drawn: a colour-blind-safe colour (Okabe–Ito hues, darkened
/// to at least 4.5:1 on white), a dash pattern and a marker, so that each is told apart by shape too.
struct SeriesStyle: Sendable, Equatable {
    var color: String
    var dash: String?
    var marker: SVG.Marker

    static let all: [SeriesStyle] = [
        SeriesStyle(color: Palette.organisation, dash: nil, marker: .circle),
        SeriesStyle(color: Palette.median, dash: "7 4", marker: .square),
        SeriesStyle(color: "#007A5E", dash: "2 3", marker: .triangle),
        SeriesStyle(color: "#A0468C", dash: "10 3 2 3", marker: .diamond),
        SeriesStyle(color: "#4D4D4D", dash: "1 4", marker: .cross),
        SeriesStyle(color: "#806600", dash: "12 4", marker: .invertedTriangle),
    ]

    /// The style of series `index` (styles repeat beyond six series).
    static func of(_ index: Int) -> SeriesStyle { all[index % all.count] }
}
