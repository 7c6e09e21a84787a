import DiagnosticCore

/// Horizontal charts on a 0–100 axis: one bar per row, or one box (quartiles) per row.
public struct ScaleChart: Sendable {
    /// One row of the chart.
    public struct Row: Sendable {
        /// Label at the left.
        public var label: String
        /// Bar length (0–100), for bar charts.
        public var value: Double?
        /// Quartiles, for box plots.
        public var summary: Summary?
        /// A note at the right of the row (a level, a count).
        public var note: String

        /// A bar row.
        public init(label: String, value: Double?, note: String) {
            self.label = label
            self.value = value
            self.summary = nil
            self.note = note
        }

        /// A box row.
        public init(label: String, summary: Summary?, note: String) {
            self.label = label
            self.value = nil
            self.summary = summary
            self.note = note
        }
    }

    /// The rows, top to bottom.
    public var rows: [Row]
    /// Width of the view box: drawn 372 px wide (a 390 px phone), text of `smallestText` units stays 11 px.
    public var width: Double = 460
    /// Where the 0–100 axis starts.
    public var plotLeft: Double = 12
    /// Width of the plot (0–100 axis); the value and note are written at its right.
    public var plotWidth: Double = 320
    /// The smallest text size, in view-box units.
    public static let smallestText: Double = 14
    /// Height of a row's label line, above its bar or box.
    static let labelHeight: Double = 19
    /// Height of a row's bar or box.
    static let markHeight: Double = 18
    /// Space between rows.
    static let rowGap: Double = 9

    /// Creates a chart.
    public init(rows: [Row]) {
        self.rows = rows
    }

    /// Horizontal position of a value on the axis.
    public func x(_ value: Double) -> Double {
        plotLeft + plotWidth * min(100, max(0, value.isFinite ? value : 0)) / 100
    }

    /// Each row's label lines: as wide as the whole chart, above its bar.
    private var labels: [[String]] {
        rows.map { SVG.wrap($0.label, width: width - 2 * plotLeft, size: Self.smallestText) }
    }

    /// The top of each row, and the height of the rows together.
    private func layout(_ labels: [[String]]) -> (tops: [Double], bottom: Double) {
        var tops: [Double] = []
        var y = 6.0
        for lines in labels {
            tops.append(y)
            y += Double(lines.count) * Self.labelHeight + Self.markHeight + Self.rowGap
        }
        return (tops, y)
    }

    /// The 0–100 grid behind the rows, with its scale under them.
    private func axis(_ svg: inout SVG, bottom: Double) {
        for tick in stride(from: 0.0, through: 100, by: 25) {
            svg.line(x1: x(tick), y1: 4, x2: x(tick), y2: bottom, stroke: "#d0d0d0")
            svg.text(String(Int(tick)), x: x(tick), y: bottom + 16, anchor: "middle", size: Self.smallestText, fill: "#595959")
        }
    }

    private func drawLabel(_ svg: inout SVG, _ lines: [String], top: Double) {
        for (index, line) in lines.enumerated() {
            svg.text(
                line, x: plotLeft, y: top + Double(index + 1) * Self.labelHeight - 5, size: Self.smallestText, weight: "bold")
        }
    }

    /// Bars, each under its label, with its value and note at its end.
    public func bars(id: String, title: String, description: String, language: Language) -> String {
        var svg = SVG()
        let labels = self.labels
        let (tops, bottom) = layout(labels)
        axis(&svg, bottom: bottom)
        for (index, row) in rows.enumerated() {
            drawLabel(&svg, labels[index], top: tops[index])
            let barTop = tops[index] + Double(labels[index].count) * Self.labelHeight
            let middle = barTop + Self.markHeight / 2 + 5
            if let value = row.value {
                svg.rect(x: plotLeft, y: barTop, width: x(value) - plotLeft, height: Self.markHeight, fill: Palette.organisation)
                svg.text(
                    NumberText.format(value, decimals: 1, language: language) + "  " + row.note, x: x(value) + 6, y: middle,
                    size: Self.smallestText)
            } else {
                svg.text(row.note, x: plotLeft + 6, y: middle, size: Self.smallestText)
            }
        }
        return svg.document(id: id, width: width, height: bottom + 22, title: title, description: description)
    }

    /// Box plots: whiskers from minimum to maximum, a box from the first to the third quartile, the
    /// median marked; each under its label, its note (a count) at the right.
    public func boxes(id: String, title: String, description: String, language: Language) -> String {
        var svg = SVG()
        let labels = self.labels
        let (tops, bottom) = layout(labels)
        axis(&svg, bottom: bottom)
        for (index, row) in rows.enumerated() {
            drawLabel(&svg, labels[index], top: tops[index])
            let top = tops[index] + Double(labels[index].count) * Self.labelHeight
            let middle = top + Self.markHeight / 2
            guard let s = row.summary else {
                svg.text(row.note, x: plotLeft + 6, y: middle + 5, size: Self.smallestText)
                continue
            }
            svg.line(x1: x(s.minimum), y1: middle, x2: x(s.maximum), y2: middle, stroke: Palette.text)
            svg.line(x1: x(s.minimum), y1: middle - 6, x2: x(s.minimum), y2: middle + 6, stroke: Palette.text)
            svg.line(x1: x(s.maximum), y1: middle - 6, x2: x(s.maximum), y2: middle + 6, stroke: Palette.text)
            svg.rect(
                x: x(s.lowerQuartile), y: top, width: x(s.upperQuartile) - x(s.lowerQuartile), height: Self.markHeight,
                fill: "#cfe3f3", stroke: Palette.organisation)
            svg.line(
                x1: x(s.median), y1: top - 2, x2: x(s.median), y2: top + Self.markHeight + 2, stroke: Palette.median, width: 3)
            svg.text(row.note, x: plotLeft + plotWidth + 12, y: middle + 5, size: Self.smallestText)
        }
        return svg.document(id: id, width: width, height: bottom + 22, title: title, description: description)
    }
}

/// A grid of shares (0–1): rows by columns, each cell coloured on a single-hue scale and labelled,
/// with the column names written slanted above it and the colour scale below.
public struct Heatmap: Sendable {
    /// Row labels.
    public var rows: [String]
    /// Column labels.
    public var columns: [String]
    /// values[row][column], `nil` when not applicable.
    public var values: [[Double?]]
    /// Rows that open a group (a dimension): their index and the group's name, written above them.
    public var sections: [(row: Int, title: String)]
    /// Size of a cell.
    public var cell: (width: Double, height: Double) = (62, 22)
    /// The text size of cells and labels, in view-box units; the chart is never drawn so narrow
    /// that it falls below 11 px (`minimumWidth`): a phone scrolls it sideways instead.
    public static let textSize: Double = 12

    /// Creates a heatmap.
    public init(rows: [String], columns: [String], values: [[Double?]], sections: [(row: Int, title: String)] = []) {
        self.rows = rows
        self.columns = columns
        self.values = values
        self.sections = sections
    }

    /// Width of the row label column.
    var labelWidth: Double { (rows.map { SVG.estimatedWidth($0, size: Self.textSize) }.max() ?? 40) + 12 }

    /// How far a column name written at 45° reaches, across and up (bold type is wider).
    private func slant(_ label: String) -> Double { SVG.estimatedWidth(label, size: Self.textSize) * 1.1 * 0.71 }

    /// Height of the slanted column names.
    var headerHeight: Double { (columns.map(slant).max() ?? 20) + 16 }

    /// The narrowest the chart may be drawn, in CSS pixels, for its text to stay 11 px.
    public var minimumWidth: Double { width * 11 / Self.textSize }

    var width: Double {
        let names = columns.enumerated().map { labelWidth + (Double($0.offset) + 0.5) * cell.width + slant($0.element) + 8 }
        return max(labelWidth + Double(columns.count) * cell.width + 10, names.max() ?? 0, 360)
    }

    /// The heatmap as SVG.
    public func svg(id: String, title: String, description: String, language: Language) -> String {
        var svg = SVG()
        let top = headerHeight
        let left = labelWidth
        for (column, label) in columns.enumerated() {
            let x = left + (Double(column) + 0.5) * cell.width
            svg.text(label, x: x, y: top - 8, size: Self.textSize, weight: "bold", rotation: -45)
        }
        var y = top
        let openings = Dictionary(sections.map { ($0.row, $0.title) }, uniquingKeysWith: { first, _ in first })
        for (row, label) in rows.enumerated() {
            if let title = openings[row] {
                y += 6
                svg.text(title, x: 4, y: y + cell.height - 6, size: Self.textSize, weight: "bold")
                y += cell.height
            }
            svg.text(label, x: left - 8, y: y + cell.height / 2 + 4, anchor: "end", size: Self.textSize)
            for column in columns.indices {
                let x = left + Double(column) * cell.width
                guard let value = values.element(at: row)?.element(at: column) ?? nil else {
                    svg.rect(x: x, y: y, width: cell.width - 1, height: cell.height - 1, fill: "#f2f2f2")
                    svg.text(
                        "—", x: x + cell.width / 2, y: y + cell.height / 2 + 4, anchor: "middle", size: Self.textSize,
                        fill: "#595959")
                    continue
                }
                let color = Palette.share(value)
                svg.rect(x: x, y: y, width: cell.width - 1, height: cell.height - 1, fill: color.fill)
                svg.text(
                    NumberText.format(100 * value, decimals: 0, language: language) + (language == .fr ? " %" : "%"),
                    x: x + cell.width / 2, y: y + cell.height / 2 + 4, anchor: "middle", size: Self.textSize, fill: color.text)
            }
            y += cell.height
        }
        y = legend(&svg, top: y + 18, language: language)
        return svg.document(
            id: id, width: width, height: y, title: title, description: description, minimumWidth: minimumWidth)
    }

    /// The colour scale from 0 % to 100 %, and the mark of a question not asked; returns its bottom.
    private func legend(_ svg: inout SVG, top: Double, language: Language) -> Double {
        let steps = 10
        let stepWidth = 20.0
        let left = 4.0
        svg.text(
            language.pick("Part des points obtenus", "Share of points earned"), x: left, y: top + 12, size: Self.textSize,
            weight: "bold")
        let barTop = top + 20
        for step in 0..<steps {
            let share = (Double(step) + 0.5) / Double(steps)
            svg.rect(x: left + Double(step) * stepWidth, y: barTop, width: stepWidth, height: 14, fill: Palette.share(share).fill)
        }
        for tick in [0.0, 0.5, 1.0] {
            let x = left + tick * Double(steps) * stepWidth
            svg.line(x1: x, y1: barTop + 14, x2: x, y2: barTop + 18, stroke: Palette.text)
            svg.text(
                NumberText.format(100 * tick, decimals: 0, language: language) + (language == .fr ? " %" : "%"), x: x,
                y: barTop + 32, anchor: tick == 0 ? "start" : (tick == 1 ? "end" : "middle"), size: Self.textSize)
        }
        let other = left + Double(steps) * stepWidth + 30
        svg.rect(x: other, y: barTop, width: 24, height: 14, fill: "#f2f2f2")
        svg.text("—", x: other + 12, y: barTop + 12, anchor: "middle", size: Self.textSize, fill: "#595959")
        svg.text(
            language.pick("non posée à ce groupe, ou masquée", "not asked to this group, or withheld"), x: other + 30,
            y: barTop + 12,
            size: Self.textSize)
        return barTop + 40
    }
}
