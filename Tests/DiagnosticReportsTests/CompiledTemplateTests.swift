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

    /// A partial that includes itself is a clear error, not a crash.
    @Test func aPartialThatIncludesItselfIsAnError() throws {
        let pair = try Pair(["main": "<p>{{> loop}}</p>", "loop": "{{#yes}}again {{> loop}}{{/yes}}"])
        #expect(pair.compiled.isCompiled("main"))
        #expect {
            _ = try pair.compiled.render(Self.context, template: "main")
        } throws: { error in
            let message = (error as? ReportError)?.message(.en) ?? ""
            return message.hasPrefix("template 'main.mustache' in ")
                && message.hasSuffix(
                    ": more than 32 nested partials ({{> …}}); does a partial include itself?")
        }
        // Nesting within the limit renders.
        let nested = try Pair(["main": "{{> a}}", "a": "[{{> b}}]", "b": "{{name}}"])
        #expect(try nested.render(Self.context) == "[A &lt;b&gt; &amp; &#39;c&#39;]")
    }

    @Test func everyBundledTemplateIsCompiled() throws {
        let templates = try ReportTemplates(folder: TemplateTests.folder)
        for name in try FileManager.default.contentsOfDirectory(atPath: TemplateTests.folder) where name.hasSuffix(".mustache") {
            #expect(templates.isCompiled(String(name.dropLast(".mustache".count))), "\(name) renders with the compiled renderer")
        }
    }

    /// Individual reports with a plan, in both formats and languages, through the bundled templates.
    @Test func bundledIndividualReportsMatchSwiftMustache() throws {
        let questionnaire = try Fixtures.mini()
        let catalogue = try Fixtures.miniActions(questionnaire)
        let response = try Fixtures.response(
            """
            respondent: {organisation: "Commune <C> & 'co'", typology: commune, population: 300, agents: 3}
            answers: {p1: "no", p2: {answer: draft, justification: "Vote | ** #", evidence: ["https://example.org/?a=1&b=2"]}, p3: 1, s1: "yes", s2: [national], u1: [skills, licence]}
            """, questionnaire: questionnaire)
        let card = try Scorer(questionnaire: questionnaire).score(response)
        var input = IndividualInput(questionnaire: questionnaire, respondents: [.init(who: "", response: response, card: card)])
        input.plan = PlanInput(
            catalogue: catalogue,
            plan: Recommender(questionnaire: questionnaire, catalogue: catalogue).plan(
                response: response, card: card, targets: ["partager": "n4"]))
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

    /// Values that list their own template fields list every stored property, so no field a
    /// template could use goes missing (they skip reflection only for speed).
    @Test func templateFieldsListEveryStoredProperty() {
        typealias Report = IndividualReport
        let link = Report.Link("https://example.org")
        let cell = Report.AnswerCell(
            id: "q", label: "Q", maximum: "1", who: "", hasWho: false, text: "t", points: "1", unsure: false,
            justification: "", hasJustification: false, evidence: [link], hasEvidence: true)
        let line = Report.QuestionLine(id: "q", label: "Q", maximum: "1", answers: [cell])
        let item = PlanView.Item(
            rank: 1, id: "a", title: "A", description: "", facts: "", gain: "", why: "", reasons: [], reasonText: "",
            prerequisiteOnly: false, after: "", hasAfter: false)
        let values: [any TemplateFields] = [
            Report.Fact(label: "l", value: "v"),
            Report.DimensionLine(
                name: "", title: "", score: "", bar: "", level: "", points: "", maximum: "", median: "", typologyPercentile: "",
                campaignPercentile: ""),
            Report.Highlight(id: "", label: "", points: "", maximum: ""), link, cell, line,
            Report.QuestionGroup(title: "", questions: [line]), Report.ChangeLine(name: "", before: "", after: "", delta: ""),
            Report.ChangedQuestion(id: "", label: "", before: "", after: ""), item,
            PlanView.Block(title: "", items: [item]), PlanView.Need(dimension: "", score: "", threshold: ""),
            PlanView.Step(dimension: "", before: "", after: "", target: "", threshold: "", verdict: "", hasVerdict: false),
        ]
        for value in values {
            let labels = Set(Mirror(reflecting: value).children.compactMap(\.label))
            #expect(Set(value.templateFields.keys) == labels, "\(type(of: value))")
        }
    }

    @Test func htmlEscapingCopiesPlainRunsAndEscapesTheFiveCharacters() {
        #expect(Escaping.html("plain é ü") == "plain é ü")
        #expect(Escaping.html("<a href=\"x\">l'été & co</a>") == "&lt;a href=&quot;x&quot;&gt;l&#39;été &amp; co&lt;/a&gt;")
        #expect(Escaping.html("é<") == "é&lt;")
        #expect(Escaping.html("&") == "&amp;")
    }
}
