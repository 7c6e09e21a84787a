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
    /// Width of the label column.
    public var labelWidth: Double = 290
    /// Width of the plot (0–100 axis).
    public var plotWidth: Double = 360
    /// Height of a row.
    public var rowHeight: Double = 30

    /// Creates a chart.
    public init(rows: [Row]) {
        self.rows = rows
    }

    /// Horizontal position of a value on the axis.
    public func x(_ value: Double) -> Double {
        labelWidth + plotWidth * min(100, max(0, value)) / 100
    }

    private var height: Double { Double(rows.count) * rowHeight + 40 }
    private var width: Double { labelWidth + plotWidth + 150 }

    private func axis(_ svg: inout SVG) {
        let bottom = Double(rows.count) * rowHeight + 8
        for tick in stride(from: 0.0, through: 100, by: 25) {
            svg.line(x1: x(tick), y1: 4, x2: x(tick), y2: bottom, stroke: "#d0d0d0")
            svg.text(String(Int(tick)), x: x(tick), y: bottom + 16, anchor: "middle", size: 11)
        }
    }

    /// Bars, each with its value and note.
    public func bars(id: String, title: String, description: String, language: Language) -> String {
        var svg = SVG()
        axis(&svg)
        for (index, row) in rows.enumerated() {
            let y = Double(index) * rowHeight + 8
            svg.text(row.label, x: labelWidth - 10, y: y + rowHeight / 2 + 2, anchor: "end", size: 13)
            if let value = row.value {
                svg.rect(
                    x: labelWidth, y: y + 5, width: x(value) - labelWidth, height: rowHeight - 12, fill: Palette.organisation)
                svg.text(
                    NumberText.format(value, decimals: 1, language: language) + "  " + row.note, x: x(value) + 6,
                    y: y + rowHeight / 2 + 2, size: 12)
            } else {
                svg.text(row.note, x: labelWidth + 6, y: y + rowHeight / 2 + 2, size: 12)
            }
        }
        return svg.document(id: id, width: width, height: height, title: title, description: description)
    }

    /// Box plots: whiskers from minimum to maximum, a box from the first to the third quartile, the median marked.
    public func boxes(id: String, title: String, description: String, language: Language) -> String {
        var svg = SVG()
        axis(&svg)
        for (index, row) in rows.enumerated() {
            let y = Double(index) * rowHeight + 8
            let middle = y + rowHeight / 2
            svg.text(row.label, x: labelWidth - 10, y: middle + 4, anchor: "end", size: 13)
            guard let s = row.summary else {
                svg.text(row.note, x: labelWidth + 6, y: middle + 4, size: 12)
                continue
            }
            svg.line(x1: x(s.minimum), y1: middle, x2: x(s.maximum), y2: middle, stroke: Palette.text)
            svg.line(x1: x(s.minimum), y1: middle - 6, x2: x(s.minimum), y2: middle + 6, stroke: Palette.text)
            svg.line(x1: x(s.maximum), y1: middle - 6, x2: x(s.maximum), y2: middle + 6, stroke: Palette.text)
            svg.rect(
                x: x(s.lowerQuartile), y: y + 6, width: x(s.upperQuartile) - x(s.lowerQuartile), height: rowHeight - 12,
                fill: "#cfe3f3", stroke: Palette.organisation)
            svg.line(x1: x(s.median), y1: y + 4, x2: x(s.median), y2: y + rowHeight - 4, stroke: Palette.median, width: 3)
            svg.text(row.note, x: labelWidth + plotWidth + 12, y: middle + 4, size: 12)
        }
        return svg.document(id: id, width: width, height: height, title: title, description: description)
    }
}

/// A grid of shares (0–1): rows by columns, each cell coloured on a single-hue scale and labelled.
public struct Heatmap: Sendable {
    /// Row labels.
    public var rows: [String]
    /// Column labels.
    public var columns: [String]
    /// values[row][column], `nil` when not applicable.
    public var values: [[Double?]]
    /// Width of the row label column.
    public var labelWidth: Double = 200
    /// Size of a cell.
    public var cell: (width: Double, height: Double) = (72, 22)

    /// Creates a heatmap.
    public init(rows: [String], columns: [String], values: [[Double?]]) {
        self.rows = rows
        self.columns = columns
        self.values = values
    }

    /// The heatmap as SVG.
    public func svg(id: String, title: String, description: String, language: Language) -> String {
        var svg = SVG()
        let top = 40.0
        for (column, label) in columns.enumerated() {
            svg.text(
                label, x: labelWidth + (Double(column) + 0.5) * cell.width, y: top - 10, anchor: "middle", size: 11,
                weight: "bold")
        }
        for (row, label) in rows.enumerated() {
            let y = top + Double(row) * cell.height
            svg.text(label, x: labelWidth - 8, y: y + cell.height / 2 + 4, anchor: "end", size: 11)
            for column in columns.indices {
                let x = labelWidth + Double(column) * cell.width
                guard let value = values.element(at: row)?.element(at: column) ?? nil else {
                    svg.rect(x: x, y: y, width: cell.width - 1, height: cell.height - 1, fill: "#f2f2f2")
                    svg.text("—", x: x + cell.width / 2, y: y + cell.height / 2 + 4, anchor: "middle", size: 11, fill: "#595959")
                    continue
                }
                let color = Palette.share(value)
                svg.rect(x: x, y: y, width: cell.width - 1, height: cell.height - 1, fill: color.fill)
                svg.text(
                    NumberText.format(100 * value, decimals: 0, language: language) + " %", x: x + cell.width / 2,
                    y: y + cell.height / 2 + 4, anchor: "middle", size: 11, fill: color.text)
            }
        }
        let width = labelWidth + Double(columns.count) * cell.width + 10
        return svg.document(
            id: id, width: width, height: top + Double(rows.count) * cell.height + 10, title: title, description: description)
    }
}
