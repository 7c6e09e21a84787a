import DiagnosticCore
import DiagnosticDefinitions
import DiagnosticTestSupport
import Foundation
import Testing

@testable import DiagnosticReports

/// The summary for the council (`--detail summary|full`) and what it says.
@Suite struct SummaryTests {
    func renderer(_ language: Language = .fr) throws -> ReportRenderer {
        ReportRenderer(
            templates: try ReportTemplates(folder: Fixtures.repository("Reports/templates")), language: language,
            date: "2026-12-02")
    }

    @Test func theSummaryHoldsWhatACouncilNeedsAndTheAnnexTheRest() throws {
        let fixture = try PlanFixture(organisation: "Commune <de> Test")
        let input = fixture.input()
        let summary = try renderer().individual(input, format: .html, detail: .summary)
        let full = try renderer().individual(input, format: .html, detail: .full)
        for html in [summary, full] {
            #expect(html.contains(#"<h2 id="summary">Synthèse</h2>"#))
            #expect(html.contains("Commune &lt;de&gt; Test"))
            // The level with its meaning, in one sentence.
            let level = try #require(fixture.card.overall.level)
            #expect(
                html.contains(
                    "Niveau <strong>\(level.label.resolved("fr"))</strong> : \(level.description?.resolved("fr") ?? "")"))
            // Who to ask for help, from the catalogue, escaped.
            #expect(html.contains("<strong>Agence &lt;régionale&gt; &amp; co</strong> : Ateliers et conseil."))
            #expect(html.contains(#"<a href="https://example.org/aide">"#))
            #expect(html.contains(#"<a href="mailto:contact@example.org">contact@example.org</a>"#))
        }
        // At most three strengths and three priorities, and the plan's first actions (at most five).
        let summarySection = String(summary[summary.range(of: #"<h2 id="summary">"#)!.lowerBound...])
        let priorities = try #require(summarySection.range(of: "<h3>Priorités</h3>"))
        let actions = try #require(summarySection.range(of: "<h3>Premières actions du plan</h3>"))
        let priorityItems = summarySection[priorities.upperBound..<actions.lowerBound].components(separatedBy: "<li>").count - 1
        #expect(priorityItems == min(3, fixture.card.weaknesses.count))
        let planned = fixture.plan().plan.recommendations
        #expect(!planned.isEmpty)
        let firstTitle = try #require(planned.first?.action.title.resolved("fr"))
        #expect(summarySection.contains(#"<li value="1"><strong>\#(firstTitle)</strong>"#))
        // The summary alone stops there; the full report goes on with the annex.
        #expect(!summary.contains("Annexe : diagnostic détaillé"))
        #expect(!summary.contains("Détail des réponses"))
        #expect(full.contains(#"<h2 id="annex">Annexe : diagnostic détaillé</h2>"#))
        #expect(full.contains("Détail des réponses"))
        let markdown = try renderer(.en).individual(input, format: .md, detail: .summary)
        #expect(markdown.contains("## Summary\n"))
        #expect(markdown.contains("- **Agence \\<régionale\\> \\& co**: Workshops and advice. <https://example.org/aide>"))
        #expect(!markdown.contains("# Annex"))
        #expect(try renderer(.en).individual(input, format: .md).contains("\n# Annex: detailed diagnostic\n"))
    }

    @Test func withoutACatalogueTheSummarySaysSoAndWhereToTurn() throws {
        let fixture = try PlanFixture(organisation: "Commune de Test")
        let input = IndividualInput(
            questionnaire: fixture.questionnaire, respondents: [.init(who: "", response: fixture.response, card: fixture.card)])
        let html = try renderer().individual(input, format: .html, detail: .summary)
        #expect(html.contains("le plan n'est pas calculé"))
        #expect(html.contains("Adressez-vous à l'équipe qui conduit ce diagnostic dans votre région."))
    }

    @Test func thePrintedPageHeaderIsACSSStringThatCannotEscape() throws {
        #expect(Escaping.cssString(#"A "b" \c"#) == #"A \22 b\22  \5c c"#)
        #expect(Escaping.cssString("x</style><script>") == #"x\3c /style\3e \3c script\3e "#)
        #expect(Escaping.cssString("l1\nl2") == #"l1\a l2"#)
        let fixture = try PlanFixture(organisation: #"Mairie "</style><script>alert(1)</script>"#)
        let html = try renderer().individual(fixture.input(), format: .html)
        #expect(!html.contains("<script>"))
        #expect(
            html.contains(#"content: "Mairie \22 \3c /style\3e \3c script\3e alert(1)\3c /script\3e  · édité le 2026-12-02";"#))
    }
}

/// The charts: readable on a phone, every series told apart, nothing clipped, thresholds drawn.
@Suite struct ChartReadingTests {
    /// The width a 390 px phone gives a chart (the page's padding taken off).
    static let phoneWidth = 372.0

    struct Drawn {
        var width: Double
        var height: Double
        var minimumWidth: Double?
        var smallestText: Double
    }

    /// The view box, the `min-width` and the smallest font size of an SVG chart.
    func drawn(_ svg: String) throws -> Drawn {
        let box = try #require(PrintedText.firstMatch(#"viewBox="0 0 ([0-9.]+) ([0-9.]+)""#, in: svg))
        let sizes = PrintedText.matches(#"font-size="([0-9.]+)""#, in: svg).compactMap { Double($0[0]) }
        let minimum = PrintedText.firstMatch(#"min-width: ([0-9.]+)px"#, in: svg).flatMap { Double($0[0]) }
        return Drawn(
            width: try #require(Double(box[0])), height: try #require(Double(box[1])), minimumWidth: minimum,
            smallestText: try #require(sizes.min()))
    }

    /// The size, in CSS pixels, of the chart's smallest text on a phone.
    func phoneTextSize(_ svg: String) throws -> Double {
        let chart = try drawn(svg)
        // Drawn 100 % wide, or wider when it sets a `min-width`.
        let shown = max(Self.phoneWidth, chart.minimumWidth ?? 0)
        return chart.smallestText * shown / chart.width
    }

    func radar(_ names: [String]) -> String {
        RadarChart(
            axes: [
                "Stratégie et gouvernance", "Production et qualité des données", "Publication et partage",
                "Usages et valorisation",
            ],
            series: names.enumerated().map { index, name in
                .init(name: name, values: [10 + Double(index) * 15, 80 - Double(index) * 10, 50, 25], reference: index > 0)
            },
            thresholds: [
                .init(name: "Initié ≥ 25", values: [25, 25, 25, 25]), .init(name: "Structuré ≥ 50", values: [50, 50, 50, 50]),
                .init(name: "Avancé ≥ 75", values: [75, 75, 75, 75]),
            ]
        ).svg(id: "r", title: "t", description: "d")
    }

    @Test func chartTextStaysElevenPixelsOnAPhone() throws {
        let radar = radar(["Communauté d'agglomération simulée n° 2", "Médiane — Communauté d'agglomération"])
        let bars = ScaleChart(rows: [
            .init(label: "Production et qualité des données", value: 100, note: "Avancé"),
            .init(label: "Publication et partage", value: nil, note: "—"),
        ]).bars(id: "b", title: "t", description: "d", language: .fr)
        let summary = Summary(count: 11, mean: 50, median: 50, lowerQuartile: 25, upperQuartile: 75, minimum: 0, maximum: 100)
        let boxes = ScaleChart(rows: [.init(label: "Agence ou autre organisme public", summary: summary, note: "n = 11")])
            .boxes(id: "x", title: "t", description: "d", language: .fr)
        let heatmap = Heatmap(
            rows: ["pil-strategie", "pil-referent-mission"],
            columns: ["Ensemble", "Communauté d'agglomération", "Agence ou autre organisme public"],
            values: [[0.5, nil, 1], [0, 0.25, 0.75]], sections: [(0, "Stratégie et gouvernance")]
        ).svg(id: "h", title: "t", description: "d", language: .fr)
        for (name, svg) in [("radar", radar), ("bars", bars), ("boxes", boxes), ("heatmap", heatmap)] {
            #expect(try phoneTextSize(svg) >= 11, "\(name): smallest text on a phone")
        }
        // The heatmap is too wide for a phone at that size: it keeps its width and scrolls instead.
        #expect(try drawn(heatmap).minimumWidth != nil)
    }

    @Test func everySeriesHasItsOwnColourDashAndMarker() throws {
        let styles = (0..<6).map(SeriesStyle.of)
        #expect(Set(styles.map(\.color)).count == 6)
        #expect(Set(styles.map { $0.dash ?? "solid" }).count == 6)
        #expect(Set(styles.map { "\($0.marker)" }).count == 6)
        for style in styles { #expect(ContrastTests().contrast(style.color, "#ffffff") >= 4.5, "\(style.color) on white") }
        let svg = radar((1...6).map { "Organisation \($0)" })
        for style in styles {
            #expect(svg.contains(#"stroke="\#(style.color)""#), "series in \(style.color)")
        }
    }

    @Test func theLegendWrapsAndIsNeverClipped() throws {
        let long = "Communauté de communes du Pays de la Haute-Vallée de la Bruche et des Hautes-Vosges réunies"
        let names = [long] + (2...6).map { "Commune / ville simulée n° \($0)" }
        let chart = RadarChart(
            axes: ["A", "B", "C", "D"], series: names.map { .init(name: $0, values: [50, 50, 50, 50], reference: false) })
        let svg = chart.svg(id: "r", title: "t", description: "d")
        let box = try drawn(svg)
        let rows = chart.legendRows()
        #expect(rows.count > 1, "six names do not fit one row")
        #expect(rows.flatMap { $0 }.map(\.series) == Array(0..<6), "every series is in the legend, in order")
        #expect(rows[0][0].lines.count > 1, "a name wider than the chart is wrapped")
        for item in rows.flatMap({ $0 }) {
            for line in item.lines {
                #expect(item.x + 44 + SVG.estimatedWidth(line, size: RadarChart.legendSize) <= box.width, "\(line) fits")
            }
        }
        // Every text line sits inside the view box.
        for y in PrintedText.matches(#"<text x="[0-9.-]+" y="([0-9.-]+)""#, in: svg).compactMap({ Double($0[0]) }) {
            #expect(y > 0 && y <= box.height)
        }
    }

    /// A word wider than a line is cut into lines that fit, in one pass; a label of a million
    /// characters is cut to 200 and drawn in a few lines, at once.
    @Test func longWordsAreCutAndHugeLabelsShortened() throws {
        let word = String(repeating: "Mw", count: 40)
        let lines = SVG.wrap("Le " + word + " fin", width: 100, size: 11)
        #expect(lines.first == "Le")
        #expect(lines.last?.hasSuffix("fin") == true)
        #expect(lines.joined().replacingOccurrences(of: " ", with: "") == "Le" + word + "fin", "nothing lost nor added")
        #expect(lines.count > 3, "the word takes several lines")
        for line in lines { #expect(SVG.estimatedWidth(line, size: 11) <= 100, "\(line) fits") }
        let start = Date()
        let huge = SVG.wrap(String(repeating: "x", count: 1_000_000), width: 100, size: 11)
        #expect(Date().timeIntervalSince(start) < 5)
        #expect(huge.joined().count == 200 && huge.last?.hasSuffix("…") == true)
    }

    @Test func theRadarDrawsTheLevelThresholdsAndKeepsTheirLabelsOffTheDataPoints() throws {
        let chart = RadarChart(
            axes: ["A", "B", "C", "D"], series: [.init(name: "X", values: [25, 50, 75, 100], reference: false)],
            thresholds: [
                .init(name: "Initié ≥ 25", values: [25, 25, 25, 25]), .init(name: "Structuré ≥ 50", values: [50, 40, 50, 40]),
            ])
        let svg = chart.svg(id: "r", title: "t", description: "d")
        // A dotted ring through each threshold, at each axis' own minimum.
        let ring = [0, 1, 2, 3].map { chart.point([50, 40, 50, 40][$0], axis: $0) }.map { "\(SVG.n($0.x)),\(SVG.n($0.y))" }
        #expect(svg.contains(#"<polygon points="\#(ring.joined(separator: " "))" fill="none""#))
        #expect(svg.contains(">Initié ≥ 25</text>"))
        #expect(svg.contains(">Structuré ≥ 50</text>"))
        // No ring label starts within 12 units of a data point.
        let points = [25.0, 50, 75, 100].enumerated().map { chart.point($0.element, axis: $0.offset) }
        for label in PrintedText.matches(#"<text x="([0-9.-]+)" y="([0-9.-]+)"[^>]*>(Initié|Structuré)"#, in: svg) {
            let (x, y) = (Double(label[0]) ?? 0, Double(label[1]) ?? 0)
            for point in points {
                #expect(((x - point.x) * (x - point.x) + (y - point.y) * (y - point.y)).squareRoot() > 12)
            }
        }
    }

    @Test func reportsNameTheDimensionsAsTheirTablesDo() throws {
        let questionnaire = try Fixtures.questionnaire(at: Fixtures.od4growthPath)
        let format = ReportFormatting(questionnaire: questionnaire, language: .fr)
        let commune = try #require(questionnaire.typology("commune"))
        let thresholds = format.radarThresholds(for: [commune])
        #expect(thresholds.map(\.name) == ["Initié ≥ 25", "Structuré ≥ 50", "Avancé ≥ 75"])
        let fixture = try PlanFixture(organisation: "Commune de Test")
        let html = try SummaryTests().renderer().individual(fixture.input(), format: .html)
        for dimension in fixture.questionnaire.dimensions {
            #expect(html.contains(#"font-weight="bold">\#(dimension.label.resolved("fr"))</text>"#), "radar axis \(dimension.id)")
        }
    }
}

/// Finding things in rendered text.
enum PrintedText {
    static func matches(_ pattern: String, in text: String) -> [[String]] {
        guard let expression = try? NSRegularExpression(pattern: pattern, options: [.dotMatchesLineSeparators]) else { return [] }
        let source = text as NSString
        return expression.matches(in: text, range: NSRange(location: 0, length: source.length)).map { match in
            (1..<match.numberOfRanges).map { source.substring(with: match.range(at: $0)) }
        }
    }

    static func firstMatch(_ pattern: String, in text: String) -> [String]? { matches(pattern, in: text).first }
}

@Test func aJavaScriptStringCannotEndItselfNorItsScript() {
    #expect(Escaping.javaScriptString(#"L'« a » "b" \"#) == #""L\u0027« a » \u0022b\u0022 \u005c""#)
    #expect(Escaping.javaScriptString("x</script>\n") == #""x\u003c/script\u003e\u000a""#)
}
