import Foundation

/// A radar (spider) chart of dimension scores 0–100: one axis per dimension, one polygon per series.
public struct RadarChart: Sendable {
    /// One polygon: the organisation, or the median of its peers.
    public struct Series: Sendable {
        /// Name shown in the legend.
        public var name: String
        /// One value per axis (0–100); `nil` is drawn at the centre.
        public var values: [Double?]
        /// Whether it is the reference drawn dashed (the peers' median).
        public var reference: Bool

        /// Creates a series.
        public init(name: String, values: [Double?], reference: Bool) {
            self.name = name
            self.values = values
            self.reference = reference
        }
    }

    /// Axis labels, clockwise from the top.
    public var axes: [String]
    /// The polygons.
    public var series: [Series]
    /// Drawing size (square).
    public var size: Double = 320
    /// Space around the plot for labels.
    public var margin: Double = 90

    /// Creates a chart.
    public init(axes: [String], series: [Series]) {
        self.axes = axes
        self.series = series
    }

    /// The centre of the plot.
    public var centre: (x: Double, y: Double) { (margin + size / 2, margin + size / 2) }
    /// Radius of the 100 ring.
    public var radius: Double { size / 2 }

    /// Where `value` (0–100) sits on axis `index`: axis 0 points up, the others follow clockwise.
    public func point(_ value: Double, axis index: Int) -> (x: Double, y: Double) {
        let angle = -Double.pi / 2 + 2 * Double.pi * Double(index) / Double(max(axes.count, 1))
        let distance = radius * min(100, max(0, value)) / 100
        return (centre.x + distance * cos(angle), centre.y + distance * sin(angle))
    }

    /// The chart as SVG; `title` and `description` are its text alternative.
    public func svg(id: String, title: String, description: String) -> String {
        var svg = SVG()
        for ring in [25.0, 50, 75, 100] {
            let points = axes.indices.map { point(ring, axis: $0) }
            svg.polygon(
                points.map { ($0.x, $0.y) }, fill: "none", stroke: Palette.grid, opacity: 0, dash: ring == 100 ? nil : "2 3")
            let label = point(ring, axis: 0)
            svg.text(String(Int(ring)), x: label.x + 5, y: label.y + 14, size: 10, fill: "#595959")
        }
        for index in axes.indices {
            let end = point(100, axis: index)
            svg.line(x1: centre.x, y1: centre.y, x2: end.x, y2: end.y, stroke: Palette.grid)
            let label = point(120, axis: index)
            let anchor = abs(label.x - centre.x) < 1 ? "middle" : (label.x > centre.x ? "start" : "end")
            svg.text(axes[index], x: label.x, y: label.y + 4, anchor: anchor, size: 13, weight: "bold")
        }
        for item in series {
            let color = item.reference ? Palette.median : Palette.organisation
            let points = axes.indices.map { point((item.values.element(at: $0) ?? nil) ?? 0, axis: $0) }
            svg.polygon(
                points.map { ($0.x, $0.y) }, fill: color, stroke: color, opacity: item.reference ? 0.05 : 0.2,
                dash: item.reference ? "6 4" : nil)
            if !item.reference { for point in points { svg.circle(x: point.x, y: point.y, radius: 3.5, fill: color) } }
        }
        let legendY = margin * 2 + size - 24
        for (index, item) in series.enumerated() {
            let x = 16 + Double(index) * 220
            svg.line(
                x1: x, y1: legendY, x2: x + 28, y2: legendY, stroke: item.reference ? Palette.median : Palette.organisation,
                width: 3, dash: item.reference ? "6 4" : nil)
            svg.text(item.name, x: x + 36, y: legendY + 4, size: 12)
        }
        return svg.document(id: id, width: size + 2 * margin, height: size + 2 * margin, title: title, description: description)
    }
}
