import DiagnosticCore
import DiagnosticTestSupport
import Foundation
import Testing

@testable import DiagnosticReports

/// The compiled renderer must write exactly what swift-mustache writes.
@Suite struct CompiledTemplateTests {
    /// Templates written to a scratch folder, loaded twice: compiled, and with swift-mustache only.
    struct Pair {
        let compiled: ReportTemplates
        let reference: ReportTemplates

        init(_ files: [String: String]) throws {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("od4g-compiled-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(atPath: folder) }
            for (name, text) in files {
                try text.write(toFile: folder + "/\(name).mustache", atomically: true, encoding: .utf8)
            }
            compiled = try ReportTemplates(folder: folder)
            var reference = try ReportTemplates(folder: folder)
            reference.referenceRendering = true
            self.reference = reference
        }

        /// The compiled output, after checking it equals the reference output.
        func render(_ context: Any, _ name: String = "main") throws -> String {
            let fast = try compiled.render(context, template: name)
            let slow = try reference.render(context, template: name)
            #expect(fast == slow, "template \(name)")
            return fast
        }
    }

    static var context: [String: Any] {
        [
            "name": "A <b> & 'c'", "yes": true, "no": false, "empty": [Any](), "count": 3, "ratio": 0.5,
            "items": [["label": "un", "on": true], ["label": "deux", "on": false]],
            "person": ["name": "Inner", "city": ["zip": "57000"]], "words": ["x", "y"], "blank": "",
        ]
    }

    @Test func standaloneLinesSectionsAndWhitespace() throws {
        let cases: [(template: String, expected: String)] = [
            ("Hello {{name}}!", "Hello A &lt;b&gt; &amp; &#39;c&#39;!"),
            ("{{{name}}}|{{&name}}", "A <b> & 'c'|A <b> & 'c'"),
            ("{{#yes}}\n  in\n{{/yes}}\nout\n", "  in\nout\n"),
            ("  {{#yes}}\n  in\n  {{/yes}}\n", "  in\n"),
            ("a {{#yes}}b{{/yes}} c\n", "a b c\n"),
            ("{{#no}}x{{/no}}{{^no}}y{{/no}}{{^yes}}z{{/yes}}", "y"),
            ("{{#items}}\n- {{label}}{{#on}} (on){{/on}}\n{{/items}}\n", "- un (on)\n- deux\n"),
            ("{{#empty}}x{{/empty}}{{^empty}}none{{/empty}}", "none"),
            (
                "{{person.name}} {{person.city.zip}} {{#person}}{{name}}/{{yes}}{{/person}} {{person.missing}}",
                "Inner 57000 Inner/true "
            ),
            ("{{#words}}[{{.}}]{{/words}}", "[x][y]"),
            // A list printed as a value gives Swift's description, as in swift-mustache.
            ("[{{words}}]", "[[&quot;x&quot;, &quot;y&quot;]]"),
            ("{{^empty}}[{{.}}]{{/empty}}", "[[]]"),
            ("{{count}} {{ratio}} {{yes}} {{missing}}", "3 0.5 true "),
            ("{{#blank}}shown{{/blank}}", "shown"),
            ("{{! a comment }}\nline\n  {{! standalone }}  \nend", "line\nend"),
            ("a {{! inline }} b\n", "a  b\n"),
            ("{{#person}}{{#items}}{{label}}@{{city.zip}} {{/items}}{{/person}}", "un@57000 deux@57000 "),
            ("{{% CONTENT_TYPE: TEXT}}\n{{name}}", "A <b> & 'c'"),
            ("{{% CONTENT_TYPE: MARKDOWN}}\n{{name}} | {{.missing}}", "A \\<b\\> \\& 'c' | "),
            ("{{#yes}}\r\n  crlf\r\n{{/yes}}\r\n", "  crlf\r\n"),
            ("{ {{name}} }{ x", "{ A &lt;b&gt; &amp; &#39;c&#39; }{ x"),
            // A closing tag followed by blanks and the end of the text is not standalone: its blanks stay.
            ("  {{#yes}}  \n    deep\n  {{/yes}}  ", "    deep\n  "),
            ("{{#yes}}a{{/yes}}\n  {{#no}}b\n{{/no}}\nc", "a\n  c"),
            ("x {{#yes}}\n  {{#yes}}\n  y\n  {{/yes}}\n{{/yes}}\n", "x \n  y\n"),
        ]
        for (template, expected) in cases {
            let pair = try Pair(["main": template])
            #expect(pair.compiled.isCompiled("main"), "\(template.debugDescription) is compiled")
            let actual = try pair.render(Self.context)
            #expect(actual == expected, "\(template.debugDescription) gave \(actual.debugDescription)")
        }
    }

    @Test func partialsKeepTheirIndentationAndContentType() throws {
        let pair = try Pair([
            "main": "{{% CONTENT_TYPE: MARKDOWN}}\n<ul>\n  {{> row}}\n</ul>\n{{name}} {{> row}}.\n",
            "row": "<li>{{name}}</li>\n<li>{{#words}}{{.}}\n{{/words}}</li>\n",
        ])
        #expect(pair.compiled.isCompiled("main") && pair.compiled.isCompiled("row"))
        // The partial is HTML again (Mustache resets the content type); as in swift-mustache, a piece of
        // its output that starts a line is indented, but not the lines inside one section's output.
        let actual = try pair.render(Self.context)
        #expect(
            actual
                == "<ul>\n  <li>A &lt;b&gt; &amp; &#39;c&#39;</li>\n  <li>x\ny\n  </li>\n</ul>\n"
                + "A \\<b\\> \\& 'c' <li>A &lt;b&gt; &amp; &#39;c&#39;</li>\n<li>x\ny\n</li>\n.\n",
            "gave \(actual.debugDescription)")
    }

    @Test func aMissingPartialRendersAsNothing() throws {
        let pair = try Pair(["main": "a{{> nowhere}}b\n  {{> nowhere}}\nc"])
        #expect(pair.compiled.isCompiled("main"))
        // As in swift-mustache, the blanks before a standalone partial stay even when it renders nothing.
        let actual = try pair.render(Self.context)
        #expect(actual == "ab\n  c", "gave \(actual.debugDescription)")
    }

    /// Set delimiters and transforms are left to swift-mustache; so is a template whose partial uses them.
    @Test func templatesOutsideTheSubsetRenderWithSwiftMustache() throws {
        let pair = try Pair([
            "delimiters": "{{=<% %>=}}\n<% name %> {{name}}",
            "transform": "{{#words}}{{.}}{{#last()}}.{{/last()}}{{^last()}}, {{/last()}}{{/words}} {{uppercased(blank)}}",
            "parent": "[{{> delimiters}}]",
            "plain": "{{name}}",
        ])
        #expect(!pair.compiled.isCompiled("delimiters"))
        #expect(!pair.compiled.isCompiled("transform"))
        #expect(!pair.compiled.isCompiled("parent"))
        #expect(pair.compiled.isCompiled("plain"))
        #expect(try pair.render(Self.context, "delimiters") == "A &lt;b&gt; &amp; &#39;c&#39; {{name}}")
        #expect(try pair.render(Self.context, "transform") == "x, y. ")
        #expect(try pair.render(Self.context, "parent") == "[A &lt;b&gt; &amp; &#39;c&#39; {{name}}]")
    }

    /// A partial that includes itself for ever is a clear error, not a crash.
    @Test func aPartialThatIncludesItselfForEverIsAnError() throws {
        let pair = try Pair(["main": "<p>{{> loop}}</p>", "loop": "{{#yes}}again {{> loop}}{{/yes}}"])
        #expect(pair.compiled.isCompiled("main"))
        #expect {
            _ = try pair.compiled.render(Self.context, template: "main")
        } throws: { error in
            let message = (error as? ReportError)?.message(.en) ?? ""
            return message.hasPrefix("template 'main.mustache' in ")
                && message.hasSuffix(
                    ": more than 100 nested partials ({{> …}}); a partial that includes itself must stop when its data runs out")
        }
        // A recursive partial over nested data stops when the data runs out, as in swift-mustache.
        // (The leaf says `child: false`: otherwise Mustache finds its parent's `child` up the context stack.)
        var tree: [String: Any] = ["name": "leaf", "child": false]
        for level in 0..<60 { tree = ["name": "n\(level)", "child": tree] }
        let recursive = try Pair(["main": "{{> node}}", "node": "{{name}}{{#child}}({{> node}}){{/child}}"])
        let rendered = try recursive.render(tree)
        #expect(rendered.hasPrefix("n59(n58(") && rendered.hasSuffix("n0(leaf)" + String(repeating: ")", count: 59)))
    }

    /// The compiled renderer escapes HTML byte by byte: a quote followed by a combining mark cannot end
    /// an attribute value. (swift-mustache's own escaping, used in partials and in templates without a
    /// `CONTENT_TYPE` line, goes by Swift character and leaves that pair as it is: the one deliberate
    /// difference between the two.)
    @Test func combiningMarksCannotHideAQuoteFromEscaping() throws {
        let pair = try Pair(["main": "<a title=\"{{name}}\">{{> part}}", "part": "|{{name}}"])
        let name = "x\"\u{301} onmouseover=alert(1) <\u{338}"
        let escaped = "x&quot;\u{301} onmouseover=alert(1) &lt;\u{338}"
        let rendered = try pair.compiled.render(["name": name], template: "main")
        #expect(rendered == "<a title=\"\(escaped)\">|\(escaped)")
        #expect(Escaping.markdown("a|\u{301}b*\u{301}") == "a\\|\u{301}b\\*\u{301}")
        #expect(Escaping.markdown("a\r\nb\rc\nd\n\ne") == "a b c d  e")
    }

    @Test func everyBundledTemplateIsCompiled() throws {
        let templates = try ReportTemplates(folder: TemplateTests.folder)
        for name in try FileManager.default.contentsOfDirectory(atPath: TemplateTests.folder) where name.hasSuffix(".mustache") {
            #expect(templates.isCompiled(String(name.dropLast(".mustache".count))), "\(name) renders with the compiled renderer")
        }
    }

    /// Individual reports with a plan, in both formats and languages, through the bundled templates.
    @Test func bundledIndividualReportsMatchSwiftMustache() throws {
        let input = try PlanFixture(
            organisation: "Commune <C> & 'co'",
            p2: #"{answer: draft, justification: "Vote | ** #", evidence: ["https://example.org/?a=1&b=2"]}"#
        ).input(targets: ["partager": "n4"])
        let compiled = try ReportTemplates(folder: TemplateTests.folder)
        var reference = compiled
        reference.referenceRendering = true
        for language in [Language.fr, .en] {
            for format in ReportFormat.allCases {
                let fast = try ReportRenderer(templates: compiled, language: language, date: "2026-11-23").individual(
                    input, format: format)
                let slow = try ReportRenderer(templates: reference, language: language, date: "2026-11-23").individual(
                    input, format: format)
                #expect(fast == slow, "\(language) \(format)")
                #expect(fast.contains("Commune") && fast.count > 2000)
            }
        }
    }

    /// A value's stored properties reflected into a template value, as `TemplateContext` once did for
    /// every value: what `TemplateFields` must give, faster.
    static func reflected(_ value: Any) -> TemplateValue? {
        switch value {
        case let text as String: return .text(text)
        case let flag as Bool: return .flag(flag)
        case let number as Int: return .text(String(number))
        case let items as [Any]: return .list(items.compactMap(reflected))
        default:
            let mirror = Mirror(reflecting: value)
            if mirror.displayStyle == .optional { return mirror.children.first.flatMap { reflected($0.value) } }
            var fields: [String: TemplateValue] = [:]
            for child in mirror.children {
                if let label = child.label, let converted = reflected(child.value) { fields[label] = converted }
            }
            return .object(fields)
        }
    }

    /// Values that list their own template fields give exactly what reflecting them gives: every
    /// stored property, under its name, with its value (they skip reflection only for speed).
    @Test func templateFieldsMatchReflection() throws {
        typealias Report = IndividualReport
        let link = Report.Link("https://example.org")
        let cell = Report.AnswerCell(
            id: "q", label: "Q", maximum: "1", who: "W", hasWho: true, text: "t", points: "0.5", unsure: true,
            justification: "j", hasJustification: true, evidence: [link, Report.Link("papier")], hasEvidence: true)
        let line = Report.QuestionLine(id: "q", label: "Q", maximum: "1", answers: [cell])
        let item = PlanView.Item(
            rank: 2, id: "a", title: "A", description: "d", facts: "f", gain: "+1", why: "w", reasons: ["r1", "r2"],
            reasonText: "r1; r2", prerequisiteOnly: true, after: "B", hasAfter: true)
        let fixture = try PlanFixture(organisation: "C")
        var planInput = fixture.plan(targets: ["partager": "n4", "piloter": "n4"])
        planInput.unknownFollowed = ["x"]
        let plan = PlanView(
            planInput, questionnaire: fixture.questionnaire,
            typology: try #require(fixture.questionnaire.typology("commune")), language: .en)
        #expect(plan.hasRoute && !plan.blocks.isEmpty && plan.hasTargets)
        let values: [any TemplateFields] = [
            Report.Fact(label: "l", value: "v"),
            Report.DimensionLine(
                name: "n", title: "t", score: "s", bar: "b", level: "l", points: "p", maximum: "m", median: "me",
                typologyPercentile: "tp", campaignPercentile: "cp", position: "po"),
            Report.SummaryAction(rank: 3, title: "t", horizon: "h", reason: "r"),
            Report.HelpLine(HelpContact(name: "n", description: nil, url: "https://e.org", email: nil), description: "d"),
            Report.Highlight(id: "i", label: "l", points: "p", maximum: "m"), link, cell, line,
            Report.QuestionGroup(title: "g", questions: [line]),
            Report.ChangeLine(name: "n", before: "b", after: "a", delta: "d"),
            Report.ChangedQuestion(id: "i", label: "l", before: "b", after: "a", effect: "e"), item,
            PlanView.Block(title: "t", items: [item]), PlanView.Need(dimension: "d", score: "s", threshold: "t"),
            PlanView.Step(dimension: "d", before: "b", after: "a", target: "t", threshold: "th", verdict: "v", hasVerdict: true),
            plan,
        ]
        for value in values {
            #expect(value.templateValue == Self.reflected(value), "\(type(of: value))")
        }
    }

    @Test func htmlEscapingCopiesPlainRunsAndEscapesTheFiveCharacters() {
        #expect(Escaping.html("plain é ü") == "plain é ü")
        #expect(Escaping.html("<a href=\"x\">l'été & co</a>") == "&lt;a href=&quot;x&quot;&gt;l&#39;été &amp; co&lt;/a&gt;")
        #expect(Escaping.html("é<") == "é&lt;")
        #expect(Escaping.html("&") == "&amp;")
    }
}
