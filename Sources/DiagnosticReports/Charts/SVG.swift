import DiagnosticCore

/// Writes SVG markup with every piece of text escaped, numbers rounded to 0.1 for stable output.
struct SVG {
    private(set) var body = ""

    /// A coordinate or length, rounded to one decimal.
    static func n(_ value: Double) -> String {
        NumberText.format(value, decimals: 1)
    }

    mutating func add(_ element: String) {
        body += element + "\n"
    }

    mutating func line(x1: Double, y1: Double, x2: Double, y2: Double, stroke: String, width: Double = 1, dash: String? = nil) {
        add(
            #"<line x1="\#(Self.n(x1))" y1="\#(Self.n(y1))" x2="\#(Self.n(x2))" y2="\#(Self.n(y2))" stroke="\#(stroke)" stroke-width="\#(Self.n(width))"\#(dash.map { " stroke-dasharray=\"\($0)\"" } ?? "")/>"#
        )
    }

    mutating func rect(x: Double, y: Double, width: Double, height: Double, fill: String, stroke: String? = nil) {
        add(
            #"<rect x="\#(Self.n(x))" y="\#(Self.n(y))" width="\#(Self.n(max(0, width)))" height="\#(Self.n(max(0, height)))" fill="\#(fill)"\#(stroke.map { " stroke=\"\($0)\"" } ?? "")/>"#
        )
    }

    mutating func text(
        _ content: String, x: Double, y: Double, anchor: String = "start", size: Double = 12, fill: String = "#1a1a1a",
        weight: String? = nil, rotation: Double? = nil
    ) {
        let turn = rotation.map { #" transform="rotate(\#(Self.n($0)) \#(Self.n(x)) \#(Self.n(y)))""# } ?? ""
        add(
            #"<text x="\#(Self.n(x))" y="\#(Self.n(y))" text-anchor="\#(anchor)" font-size="\#(Self.n(size))" fill="\#(fill)"\#(weight.map { " font-weight=\"\($0)\"" } ?? "")\#(turn)>\#(Escaping.html(content))</text>"#
        )
    }

    mutating func polygon(
        _ points: [(Double, Double)], fill: String, stroke: String, opacity: Double, dash: String? = nil, width: Double = 2
    ) {
        let list = points.map { "\(Self.n($0.0)),\(Self.n($0.1))" }.joined(separator: " ")
        add(
            #"<polygon points="\#(list)" fill="\#(fill)" fill-opacity="\#(Self.n(opacity))" stroke="\#(stroke)" stroke-width="\#(Self.n(width))"\#(dash.map { " stroke-dasharray=\"\($0)\"" } ?? "")/>"#
        )
    }

    /// The shapes that mark a series' points.
    enum Marker: Sendable, Equatable {
        case circle, square, triangle, diamond, cross, invertedTriangle
    }

    /// A marker of about 9 units centred on (`x`, `y`), outlined in white so that it stands out on lines.
    mutating func marker(_ marker: Marker, x: Double, y: Double, color: String) {
        let r = 4.5
        func shape(_ points: [(Double, Double)]) {
            let list = points.map { "\(Self.n(x + $0.0)),\(Self.n(y + $0.1))" }.joined(separator: " ")
            add(##"<polygon points="\##(list)" fill="\##(color)" stroke="#ffffff" stroke-width="1"/>"##)
        }
        switch marker {
        case .circle:
            add(
                ##"<circle cx="\##(Self.n(x))" cy="\##(Self.n(y))" r="\##(Self.n(r))" fill="\##(color)" stroke="#ffffff" stroke-width="1"/>"##
            )
        case .square: shape([(-r, -r), (r, -r), (r, r), (-r, r)])
        case .triangle: shape([(0, -r * 1.2), (r * 1.1, r * 0.8), (-r * 1.1, r * 0.8)])
        case .invertedTriangle: shape([(0, r * 1.2), (r * 1.1, -r * 0.8), (-r * 1.1, -r * 0.8)])
        case .diamond: shape([(0, -r * 1.3), (r * 1.1, 0), (0, r * 1.3), (-r * 1.1, 0)])
        case .cross:
            let t = r * 0.4
            shape([
                (-t, -r), (t, -r), (t, -t), (r, -t), (r, t), (t, t), (t, r), (-t, r), (-t, t), (-r, t), (-r, -t), (-t, -t),
            ])
        }
    }

    /// A generous estimate of how wide `text` is drawn at `size` in a sans-serif font (wide letters
    /// and capitals count more), so that what is laid out with it is never clipped.
    static func estimatedWidth(_ text: String, size: Double) -> Double {
        var units = 0.0
        for scalar in text.unicodeScalars { units += share(scalar) }
        return units * size * 1.05
    }

    /// A character's width as a share of the font size: narrow, wide, capital or digit, or other.
    private static func share(_ scalar: Unicode.Scalar) -> Double {
        if scalar.isASCII {
            return asciiShares[Int(scalar.value)]
        }
        // Combining marks take no room; other letters by case, as in ASCII.
        if scalar.properties.generalCategory == .nonspacingMark { return 0 }
        if scalar == "œ" || scalar == "Œ" { return 0.92 }
        return scalar.properties.isUppercase ? 0.7 : 0.6
    }

    /// The width shares of the ASCII characters, worked out once.
    private static let asciiShares: [Double] = (0..<128).map { value in
        let character = Character(Unicode.Scalar(UInt8(value)))
        if "iljtfrI.,;:'!|() ".contains(character) { return 0.36 }
        if "mwMW@%".contains(character) { return 0.92 }
        if character.isUppercase || character.isNumber { return 0.7 }
        return 0.6
    }

    /// `text` in lines no wider than `width` at `size`, broken between words (a word longer than a
    /// line is cut where it must be). Text longer than `longest` characters is cut there with "…": a chart label is a name, and the
    /// full text is in the table beside the chart.
    static func wrap(_ text: String, width: Double, size: Double, longest: Int = 200) -> [String] {
        let text = text.count > longest ? String(text.prefix(longest - 1)) + "…" : text
        var lines: [String] = []
        var line = ""
        var lineWidth = 0.0
        let space = estimatedWidth(" ", size: size)
        for word in text.split(separator: " ", omittingEmptySubsequences: true).map(String.init) {
            let wordWidth = estimatedWidth(word, size: size)
            let candidateWidth = line.isEmpty ? wordWidth : lineWidth + space + wordWidth
            if candidateWidth <= width {
                line = line.isEmpty ? word : line + " " + word
                lineWidth = candidateWidth
                continue
            }
            if !line.isEmpty { lines.append(line) }
            // A word wider than a line is cut in one pass, character by character (at least one a line).
            line = ""
            lineWidth = 0
            for character in word {
                let characterWidth = estimatedWidth(String(character), size: size)
                if !line.isEmpty, lineWidth + characterWidth > width {
                    lines.append(line)
                    line = ""
                    lineWidth = 0
                }
                line.append(character)
                lineWidth += characterWidth
            }
        }
        if !line.isEmpty { lines.append(line) }
        return lines.isEmpty ? [""] : lines
    }

    mutating func circle(x: Double, y: Double, radius: Double, fill: String) {
        add(#"<circle cx="\#(Self.n(x))" cy="\#(Self.n(y))" r="\#(Self.n(radius))" fill="\#(fill)"/>"#)
    }

    /// The finished `<svg>` element: an image for assistive technology, with a title and a description.
    /// `minimumWidth` (CSS pixels) keeps a wide chart from shrinking below readable text: a phone
    /// scrolls it sideways instead (print ignores it: the style sheet fits every chart to the page).
    func document(
        id: String, width: Double, height: Double, title: String, description: String, minimumWidth: Double? = nil
    ) -> String {
        let style = minimumWidth.map { #" style="min-width: \#(Int($0.rounded(.up)))px""# } ?? ""
        return """
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(Self.n(width)) \(Self.n(height))" width="100%"\(style) role="img" aria-labelledby="\(id)-title \(id)-desc" font-family="system-ui, sans-serif">
            <title id="\(id)-title">\(Escaping.html(title))</title>
            <desc id="\(id)-desc">\(Escaping.html(description))</desc>
            \(body)</svg>
            """
    }
}

/// Colours that stay distinct for colour-blind readers (Okabe–Ito), and a single-hue scale.
enum Palette {
    /// The organisation (blue, solid lines).
    static let organisation = "#0072B2"
    /// The peers' median (orange, dashed lines: told apart by shape as well as colour).
    static let median = "#B35900"
    /// Axes and grid.
    static let grid = "#8c8c8c"
    /// Body text (contrast 16:1 on white).
    static let text = "#1a1a1a"

    /// A heatmap cell for a share (0–1): a light-to-medium blue, dark enough to tell shares apart and
    /// light enough that the dark text written on it keeps a contrast of at least 4.9:1 (WCAG AA).
    static func share(_ value: Double) -> (fill: String, text: String) {
        (blue(0.05 + 0.5 * min(1, max(0, value))).fill, text)
    }

    /// A blue scale from light (0) to dark (1), and the text colour readable on it.
    static func blue(_ value: Double) -> (fill: String, text: String) {
        let t = value.isFinite ? min(1, max(0, value)) : 0
        let light = (0xEF, 0xF5, 0xFB)
        let dark = (0x08, 0x30, 0x6B)
        func mix(_ a: Int, _ b: Int) -> Int { Int((Double(a) + (Double(b) - Double(a)) * t).rounded()) }
        let rgb = (mix(light.0, dark.0), mix(light.1, dark.1), mix(light.2, dark.2))
        let hex = "#" + [rgb.0, rgb.1, rgb.2].map { String($0, radix: 16).leftPadded(2) }.joined()
        return (hex, t > 0.65 ? "#ffffff" : text)
    }
}

extension String {
    fileprivate func leftPadded(_ width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
