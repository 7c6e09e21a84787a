import DiagnosticCore
import DiagnosticDefinitions
import DiagnosticTestSupport
import Foundation
import Testing

@testable import DiagnosticReports

@Suite struct TemplateTests {
    static let folder = Fixtures.repository("Reports/templates")

    @Test func everyTemplateLoads() throws {
        let templates = try ReportTemplates(folder: Self.folder)
        #expect(templates.folder == Self.folder)
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.folder).filter { $0.hasSuffix(".mustache") }
        #expect(
            Set(names) == [
                "style.mustache", "individual.html.mustache", "individual.md.mustache", "regional.html.mustache",
                "regional.md.mustache", "comparison.html.mustache", "comparison.md.mustache", "index.html.mustache",
                "index.md.mustache", "web-questionnaire.html.mustache", "web-campaigns.html.mustache",
                "web-campaign.html.mustache", "web-login.html.mustache", "web-message.html.mustache", "web-style.mustache",
                "web-language.mustache", "web-console-nav.mustache", "web-campaign-state.mustache", "web-join.html.mustache",
                "web-profile-field.mustache",
            ])
    }

    @Test func aSyntaxErrorNamesItsFileLineAndColumn() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("od4g-templates-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "<p>\n{{#fr}}ok{{/fr}}\n{{#en}}oops{{/fr}}\n".write(
            toFile: folder + "/broken.mustache", atomically: true, encoding: .utf8)
        #expect {
            _ = try ReportTemplates(folder: folder)
        } throws: { error in
            guard let error = error as? ReportError, case .templateSyntax(let file, let line, _, _) = error.reason else {
                return false
            }
            return file == folder + "/broken.mustache" && line == 3
                && error.message(.en).hasPrefix(folder + "/broken.mustache:3:")
        }
    }
}

@Suite struct ReportRenderingTests {
    func input(name: String, justification: String = "Délibération") throws -> IndividualInput {
        let questionnaire = try Fixtures.mini()
        let response = try Fixtures.response(
            """
            respondent: {organisation: \(name.debugDescription), typology: commune, population: 300}
            answers:
              p1: "yes"
              p2: {answer: adopted, justification: \(justification.debugDescription), evidence: ["https://example.org/a?b=1&c=2", "javascript:alert(1)"], confidence: unsure}
              p3: 2
              s1: "yes"
              s2: [shared]
              u2: \("<b>gras</b> | ** #".debugDescription)
            """, questionnaire: questionnaire)
        let card = try Scorer(questionnaire: questionnaire).score(response)
        return IndividualInput(questionnaire: questionnaire, respondents: [.init(who: "", response: response, card: card)])
    }

    func renderer(_ language: Language = .en) throws -> ReportRenderer {
        ReportRenderer(templates: try ReportTemplates(folder: TemplateTests.folder), language: language, date: "2026-11-23")
    }

    @Test func userTextIsEscapedInHTML() throws {
        let html = try renderer().individual(try input(name: "<script>alert(1)</script>"), format: .html)
        #expect(!html.contains("<script>"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("&lt;b&gt;gras&lt;/b&gt; | ** #"))
        #expect(html.contains(#"<a href="https://example.org/a?b=1&amp;c=2">"#))
        #expect(!html.contains(#"href="javascript"#), "only web addresses become links")
        #expect(HTMLBalance.problems(html) == [])
    }

    @Test func userTextIsEscapedInMarkdown() throws {
        let markdown = try renderer().individual(try input(name: "| ** # <script>"), format: .md)
        #expect(markdown.hasPrefix("# \\| \\*\\* \\# \\<script\\>\n"))
        #expect(markdown.contains("\\<b\\>gras\\</b\\> \\| \\*\\* \\#"))
        #expect(Escaping.markdown("a\nb_c") == "a b\\_c")
    }

    @Test func everyReportIsWellFormedHTML() throws {
        let html = try renderer(.fr).individual(try input(name: "Commune A & B"), format: .html)
        #expect(HTMLBalance.problems(html) == [])
        #expect(html.contains("<html lang=\"fr\">"))
        #expect(!html.contains("http://") || html.contains("http://www.w3.org/2000/svg"), "no external fetch")
        #expect(!html.contains("<link"))
        #expect(!html.contains("<script"))
        #expect(HTMLBalance.problems("<p><b>x</p></b>").first == "</p> closes <b>")
        #expect(HTMLBalance.problems("<a href=x>y</a>") == ["unquoted attribute in <a href=x>"])
        #expect(HTMLBalance.problems("<p>a & b</p>") == ["stray & at 5"])
    }

    @Test func reportShowsComputedFigures() throws {
        let markdown = try renderer().individual(try input(name: "Commune A"), format: .md)
        // p2 adopted 12 of 15 at the commune weight 5 → 4; piloter 10 + 4 + 4 = 18 / 23 = 78.3;
        // partager s1 10 + s2 shared 8 = 18 / 22 = 81.8; overall (78.26 + 81.82) / 2 = 80.04
        #expect(markdown.contains("| Steer | 78.3 | `████████░░` | Advanced | 18 / 23 |"))
        #expect(markdown.contains("| Share | 81.8 | `████████░░` | Advanced | 18 / 22 |"))
        #expect(markdown.contains("- **Overall score**: 80 / 100"))
        #expect(markdown.contains("No action catalogue matches this questionnaire"))
        #expect(markdown.contains("issued on 2026-11-23"))
    }

    @Test func reportShowsThePlanWithReasonsEscaped() throws {
        var input = try input(name: "Commune A")
        let questionnaire = input.questionnaire
        let catalogue = try Fixtures.miniActions(questionnaire)
        let respondent = input.respondents[0]
        // u1 is unanswered here: only a target or a level rule can call for a-licence, whose
        // description holds markup ("<ouverte> & « claire »") that must come out as text.
        input.plan = PlanInput(
            catalogue: catalogue,
            plan: Recommender(questionnaire: questionnaire, catalogue: catalogue).plan(
                response: respondent.response, card: respondent.card, targets: ["partager": "n4", "piloter": "n4"]))
        let markdown = try renderer().individual(input, format: .md)
        // Partager 81.8 is already above n4 (75); piloter 78.3 too: every target is reached.
        #expect(markdown.contains("- Targets: Steer → Advanced; Share → Advanced\n"))
        #expect(markdown.contains("- Summary: Every target is already reached."))
        // s2 (shared, 8 of 12) leaves 4 points: a-publier (partager below n4? no: 81.8) is not triggered.
        #expect(!markdown.contains("Publication support"))
        let withGap = try self.input(name: "Commune B")
        var gapInput = withGap
        let plan = Recommender(questionnaire: questionnaire, catalogue: catalogue).plan(
            response: withGap.respondents[0].response, card: withGap.respondents[0].card, targets: ["partager": "n4"],
            followed: ["a-referent"])
        // Share 81.8 ≥ 75: no target reason; nothing else holds for a commune that answered well.
        #expect(plan.recommendations.isEmpty)
        gapInput.plan = PlanInput(catalogue: catalogue, plan: plan)
        let empty = try renderer().individual(gapInput, format: .html)
        #expect(empty.contains("No action to recommend: no catalogue rule applies to these answers"))
        #expect(empty.contains("Already followed (not recommended): Appoint a referent"))
    }

    @Test func planLinesAreEscapedInHTMLAndMarkdown() throws {
        let input = try PlanFixture(organisation: "Commune <C> & co").input()
        let html = try renderer().individual(input, format: .html)
        #expect(HTMLBalance.problems(html) == [])
        #expect(html.contains("Choose an &lt;open&gt; &amp; clear licence."))
        #expect(!html.contains("<open>"))
        #expect(html.contains("<h3>Within 3 months</h3>"))
        #expect(html.contains("<li value=\"1\"><strong>Appoint a referent</strong>"))
        #expect(html.contains("Recommended because: &quot;Data referent?&quot; → No"))
        let markdown = try renderer().individual(input, format: .md)
        #expect(markdown.contains("1. **Appoint a referent** (coaching, 2 h) — expected gain +21.7\n"))
        #expect(markdown.contains("   - Choose an \\<open\\> \\& clear licence."))
        #expect(markdown.contains("### Beyond 12 months\n"))
    }
}

@Suite struct ChartGeometryTests {
    @Test func aDimensionAtFiftySitsHalfWayOnItsAxis() {
        let chart = RadarChart(axes: ["A", "B", "C", "D"], series: [])
        let centre = chart.centre
        for axis in 0..<4 {
            let half = chart.point(50, axis: axis)
            let full = chart.point(100, axis: axis)
            let halfDistance = ((half.x - centre.x) * (half.x - centre.x) + (half.y - centre.y) * (half.y - centre.y))
                .squareRoot()
            let fullDistance = ((full.x - centre.x) * (full.x - centre.x) + (full.y - centre.y) * (full.y - centre.y))
                .squareRoot()
            #expect(abs(halfDistance - chart.radius / 2) < 1e-9)
            #expect(abs(fullDistance - chart.radius) < 1e-9)
        }
        // the first axis points up, the second to the right
        #expect(abs(chart.point(100, axis: 0).x - centre.x) < 1e-9)
        #expect(chart.point(100, axis: 0).y < centre.y)
        #expect(chart.point(100, axis: 1).x > centre.x)
        // scores outside 0–100 stay on the chart
        #expect(chart.point(150, axis: 2) == chart.point(100, axis: 2))
    }

    @Test func barsAndBoxesUseTheSameLinearAxis() {
        let chart = ScaleChart(rows: [])
        #expect(chart.x(0) == chart.plotLeft)
        #expect(chart.x(50) == chart.plotLeft + chart.plotWidth / 2)
        #expect(chart.x(100) == chart.plotLeft + chart.plotWidth)
    }

    @Test func chartsCarryATextAlternative() {
        let svg = RadarChart(axes: ["A", "B", "C"], series: [.init(name: "X<Y", values: [50, nil, 100], reference: false)])
            .svg(id: "r", title: "Profil & co", description: "A 50")
        #expect(svg.contains(#"role="img" aria-labelledby="r-title r-desc""#))
        #expect(svg.contains("<title id=\"r-title\">Profil &amp; co</title>"))
        #expect(svg.contains(">X&lt;Y</text>"))
        #expect(HTMLBalance.problems(svg) == [])
        let heatmap = Heatmap(rows: ["q1"], columns: ["a", "b"], values: [[0.5, nil]]).svg(
            id: "h", title: "t", description: "d", language: .fr)
        #expect(heatmap.contains(">50 %</text>"))
        #expect(heatmap.contains(">—</text>"))
    }
}

@Suite struct ContrastTests {
    /// WCAG 2 contrast ratio of two `#rrggbb` colours.
    func contrast(_ a: String, _ b: String) -> Double {
        func luminance(_ hex: String) -> Double {
            let value = Int(hex.dropFirst(), radix: 16) ?? 0
            let channels = [(value >> 16) & 0xFF, (value >> 8) & 0xFF, value & 0xFF].map { Double($0) / 255 }
            let linear = channels.map { $0 <= 0.03928 ? $0 / 12.92 : pow(($0 + 0.055) / 1.055, 2.4) }
            return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
        }
        let (l1, l2) = (luminance(a), luminance(b))
        return (max(l1, l2) + 0.05) / (min(l1, l2) + 0.05)
    }

    @Test func textAndGraphicsPassWCAGAA() {
        #expect(contrast(Palette.text, "#ffffff") >= 4.5)
        #expect(contrast("#4d4d4d", "#ffffff") >= 4.5)
        #expect(contrast("#595959", "#ffffff") >= 4.5)
        #expect(contrast(Palette.organisation, "#ffffff") >= 3)
        #expect(contrast(Palette.median, "#ffffff") >= 3)
        for step in 0...20 {
            let cell = Palette.share(Double(step) / 20)
            #expect(contrast(cell.fill, cell.text) >= 4.5, "heatmap cell \(step * 5) %")
        }
    }
}

/// Values that validation keeps out, drawn without trapping if they ever get through.
@Suite struct NonFiniteValueTests {
    @Test func textBarsAndColoursTolerateNonFiniteValues() throws {
        let format = ReportFormatting(questionnaire: try Fixtures.mini(), language: .fr)
        #expect(format.textBar(.nan) == "░░░░░░░░░░")
        #expect(format.textBar(.infinity) == "░░░░░░░░░░")
        #expect(format.textBar(-.infinity) == "░░░░░░░░░░")
        #expect(format.textBar(250) == "██████████")
        #expect(format.textBar(64) == "██████░░░░")
        #expect(Palette.blue(.nan).fill == Palette.blue(0).fill)
        #expect(Palette.blue(.infinity).fill == Palette.blue(0).fill)
        #expect(Palette.share(.nan).fill == Palette.share(0).fill)
    }
}

/// A commune of `mini.yaml` whose answers call for several support actions of `mini-actions.yaml`
/// (no referent, a draft strategy, lack of skills and licence doubts), scored.
struct PlanFixture {
    let questionnaire: Questionnaire
    let catalogue: ActionCatalogue
    let response: Response
    let card: ScoreCard

    /// `p2` is the strategy answer, as YAML (a plain value, or a mapping with a justification).
    init(organisation: String, p2: String = "draft") throws {
        questionnaire = try Fixtures.mini()
        catalogue = try Fixtures.miniActions(questionnaire)
        // Inside YAML double quotes.
        let quoted = organisation.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        response = try Fixtures.response(
            """
            respondent: {organisation: "\(quoted)", typology: commune, population: 300, agents: 3}
            answers: {p1: "no", p2: \(p2), p3: 1, s1: "yes", s2: [national], u1: [skills, licence]}
            """, questionnaire: questionnaire)
        card = try Scorer(questionnaire: questionnaire).score(response)
    }

    /// The organisation's plan towards `targets`.
    func plan(targets: [String: String] = [:]) -> PlanInput {
        PlanInput(
            catalogue: catalogue,
            plan: Recommender(questionnaire: questionnaire, catalogue: catalogue).plan(
                response: response, card: card, targets: targets))
    }

    /// Its individual report input, with the plan towards `targets`.
    func input(targets: [String: String] = [:]) -> IndividualInput {
        var input = IndividualInput(questionnaire: questionnaire, respondents: [.init(who: "", response: response, card: card)])
        input.plan = plan(targets: targets)
        return input
    }
}
