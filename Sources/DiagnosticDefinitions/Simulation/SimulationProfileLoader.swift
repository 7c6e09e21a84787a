import DiagnosticCore
import Foundation
import Yams

/// Loads a simulation file (`kind: simulation`, docs/simulation.md): how `od4g simulate` draws
/// organisations for one questionnaire, checked against it.
public enum SimulationProfileLoader {
    static let keys = [
        "kind", "questionnaire", "fixed", "mix", "departements", "sizes", "maturity", "roles", "second_respondent",
        "inverse_sections",
    ]

    /// The simulation file of `questionnairePath`'s questionnaire `id`: `<id>-simulation.yaml` beside it.
    public static func path(besideQuestionnaire questionnairePath: String, id: String) -> String {
        let folder = (questionnairePath as NSString).deletingLastPathComponent
        return ((folder.isEmpty ? "." : folder) as NSString).appendingPathComponent("\(id)-simulation.yaml")
    }

    /// Loads the file at `path`, checked against `questionnaire`.
    public static func load(path: String, questionnaire: Questionnaire) -> LoadResult<SimulationProfile> {
        switch YAMLSource.read(path) {
        case .success(let source): load(source, questionnaire: questionnaire)
        case .failure(let diagnostic): LoadResult(value: nil, diagnostics: [diagnostic])
        }
    }

    /// Loads a simulation profile from text; `file` names it in diagnostics.
    public static func load(text: String, file: String, questionnaire: Questionnaire) -> LoadResult<SimulationProfile> {
        load(YAMLSource(file: file, text: text), questionnaire: questionnaire)
    }

    static func load(_ source: YAMLSource, questionnaire: Questionnaire) -> LoadResult<SimulationProfile> {
        let sink = DiagnosticSink(file: source.file)
        var profile: SimulationProfile?
        if let root = source.compose(into: sink) {
            profile = SimulationProfileReader(context: ReadContext(sink: sink), questionnaire: questionnaire).read(root)
        }
        return LoadResult(value: sink.hasErrors ? nil : profile, diagnostics: sink.sorted)
    }
}

/// Reads a simulation file's node tree.
struct SimulationProfileReader {
    let context: ReadContext
    let questionnaire: Questionnaire
    var sink: DiagnosticSink { context.sink }

    /// The messages of simulation files.
    enum Message {
        static func otherQuestionnaire(named: String, expected: String) -> DefinitionMessage {
            .kind(
                KindMessage(
                    french: "ce fichier de simulation est pour le questionnaire « \(named) », pas « \(expected) »",
                    english: "this simulation file is for questionnaire '\(named)', not '\(expected)'"))
        }

        static func outOfRange(_ key: String, _ value: Double, _ range: String) -> DefinitionMessage {
            .kind(
                KindMessage(
                    french: "« \(key) » vaut \(DefinitionMessage.num(value)) : attendu \(range)",
                    english: "'\(key)' is \(DefinitionMessage.num(value)): expected \(range)"))
        }

        static let fixedWithoutDepartements: DefinitionMessage = .kind(
            KindMessage(
                french:
                    "organisation fixe sans « departement » et aucun « departements » listé : elle n'est simulée nulle part",
                english: "fixed organisation without 'departement' and no 'departements' listed: it is simulated nowhere"))

        static func roleNotOffered(_ role: String, offered: [String]) -> DefinitionMessage {
            .kind(
                KindMessage(
                    french:
                        "le rôle « \(role) » n'est pas une option du champ « role » (\(offered.joined(separator: ", "))) : ces répondants n'auront pas de rôle",
                    english:
                        "role '\(role)' is not an option of the 'role' field (\(offered.joined(separator: ", "))): these respondents get no role"
                ))
        }

        static let minimumAboveMaximum: DefinitionMessage = .kind(
            KindMessage(
                french: "« min » doit être au plus « max »", english: "'min' must be at most 'max'"))
    }

    func read(_ root: Node) -> SimulationProfile? {
        guard let top = MappingReader(root, name: "simulation", keys: SimulationProfileLoader.keys, context: context) else {
            return nil
        }
        if let kind = top.string("kind", required: true), kind != "simulation" {
            sink.report(.unexpectedKind(kind, expected: "simulation"), at: top.node("kind")?.position)
        }
        if let named = top.string("questionnaire", required: true), named != questionnaire.id {
            sink.report(
                Message.otherQuestionnaire(named: named, expected: questionnaire.id), at: top.node("questionnaire")?.position)
        }
        var profile = SimulationProfile()
        profile.fixed = (top.list("fixed") ?? []).enumerated().compactMap { index, node in
            guard
                let item = MappingReader(node, name: "fixed[\(index + 1)]", keys: ["typology", "departement"], context: context),
                let typology = typology(item.string("typology", required: true), at: item.node("typology")?.position)
            else { return nil }
            return SimulationProfile.Fixed(typology: typology, departement: item.string("departement"))
        }
        profile.mix = (top.list("mix") ?? []).enumerated().compactMap { index, node in
            guard
                let item = MappingReader(node, name: "mix[\(index + 1)]", keys: ["typology", "share"], context: context),
                let typology = typology(item.string("typology", required: true), at: item.node("typology")?.position),
                let share = positive(item, "share")
            else { return nil }
            return SimulationProfile.Share(typology, share)
        }
        profile.departements = (top.list("departements") ?? []).enumerated().compactMap { index, node in
            guard
                let item = MappingReader(node, name: "departements[\(index + 1)]", keys: ["code", "weight"], context: context),
                let code = item.string("code", required: true), let weight = positive(item, "weight")
            else { return nil }
            return SimulationProfile.Share(code, weight)
        }
        if profile.departements.isEmpty, profile.fixed.contains(where: { $0.departement == nil }) {
            sink.warn(Message.fixedWithoutDepartements, at: top.position(of: "fixed"))
        }
        for (key, node) in entries(top, "sizes") {
            guard let size = readSize(node, name: key.text) else { continue }
            if key.text == "default" {
                profile.defaultSize = size
            } else if let id = typology(key.text, at: key.position) {
                profile.sizes[id] = size
            }
        }
        for (key, node) in entries(top, "maturity") {
            guard let value = MappingReader.number(node, key: key.text, sink: sink) else { continue }
            guard (0...1).contains(value) else {
                sink.report(Message.outOfRange(key.text, value, "0..1"), at: node.position)
                continue
            }
            if key.text == "default" {
                profile.defaultMaturity = value
            } else if let id = typology(key.text, at: key.position) {
                profile.maturity[id] = value
            }
        }
        for (key, node) in entries(top, "roles") {
            guard case .sequence(let items) = node else {
                sink.report(.expectedList(key.text), at: node.position)
                continue
            }
            let list = items.compactMap { item -> String? in
                guard let text = item.scalarText else {
                    sink.report(.expectedText(key.text), at: item.position)
                    return nil
                }
                return text
            }
            if let field = questionnaire.profileField("role"), field.kind == .choice {
                for role in list where !field.options.contains(where: { $0.id == role }) {
                    sink.warn(Message.roleNotOffered(role, offered: field.options.map(\.id)), at: node.position)
                }
            }
            if key.text == "default" {
                profile.defaultRoles = list
            } else if family(key.text, at: key.position) != nil {
                profile.roles[key.text] = list
            }
        }
        if let node = top.node("second_respondent"),
            let second = MappingReader(node, name: "second_respondent", keys: ["share", "except_families"], context: context)
        {
            if let share = second.number("share", required: true) {
                if (0...1).contains(share) {
                    profile.secondRespondentShare = share
                } else {
                    sink.report(Message.outOfRange("share", share, "0..1"), at: second.node("share")?.position)
                }
            }
            profile.singleRespondentFamilies = (second.stringList("except_families") ?? []).compactMap {
                family($0.text, at: $0.position)
            }
        }
        profile.inverseSections = (top.stringList("inverse_sections") ?? []).compactMap { item in
            guard questionnaire.sections.contains(where: { $0.id == item.text }) else {
                report("section", item.text, among: questionnaire.sections.map(\.id), at: item.position)
                return nil
            }
            return item.text
        }
        return profile
    }

    /// The entries of the mapping under `key`, in order; a value that is not a mapping is reported.
    private func entries(_ top: MappingReader, _ key: String) -> [(key: (text: String, position: Position?), value: Node)] {
        guard let node = top.node(key) else { return [] }
        guard case .mapping(let mapping) = node else {
            sink.report(.expectedMapping(key), at: node.position)
            return []
        }
        return mapping.compactMap { entry in entry.key.scalarText.map { ((($0, entry.key.position)), entry.value) } }
    }

    private func typology(_ id: String?, at position: Position?) -> String? {
        guard let id else { return nil }
        guard questionnaire.typology(id) != nil else {
            report("typology", id, among: questionnaire.typologies.map(\.id), at: position)
            return nil
        }
        return id
    }

    private func family(_ id: String, at position: Position?) -> String? {
        guard questionnaire.typologyFamilies.contains(where: { $0.id == id }) else {
            report("family", id, among: questionnaire.typologyFamilies.map(\.id), at: position)
            return nil
        }
        return id
    }

    private func report(_ kind: String, _ id: String, among known: [String], at position: Position?) {
        sink.report(
            .unknownReference(kind: kind, id: id, suggestion: ResponseChecker.closest(to: id, among: known)), at: position)
    }

    /// What sizes, shares and weights may be: above 0, at most 2^53 − 1 (what a response may hold).
    static let positiveRange = "> 0, ≤ \(Int(ResponseChecker.largestNumber))"

    /// A number above 0 under `key`, at most 2^53 − 1 (what a response may hold).
    private func positive(_ reader: MappingReader, _ key: String) -> Double? {
        guard let value = reader.number(key, required: true) else { return nil }
        guard value > 0, value <= ResponseChecker.largestNumber else {
            sink.report(Message.outOfRange(key, value, Self.positiveRange), at: reader.node(key)?.position)
            return nil
        }
        return value
    }

    /// `{population: N | {median, spread, min, max}, inhabitants_per_agent: N | agents: {median, spread, min, max}}`.
    private func readSize(_ node: Node, name: String) -> SimulationProfile.SizeModel? {
        guard
            let size = MappingReader(
                node, name: name, keys: ["population", "inhabitants_per_agent", "agents"], context: context)
        else { return nil }
        var population = SimulationProfile.SizeModel.Population.none
        if let value = size.node("population") {
            if value.scalarText != nil {
                guard let figure = size.integer("population") else { return nil }
                guard figure > 0, Double(figure) <= ResponseChecker.largestNumber else {
                    sink.report(
                        Message.outOfRange("population", Double(figure), Self.positiveRange),
                        at: size.node("population")?.position)
                    return nil
                }
                population = .fixed(figure)
            } else {
                guard let law = logNormal(value, name: "population") else { return nil }
                population = .drawn(law)
            }
        }
        let agents: SimulationProfile.SizeModel.Agents
        if size.has("inhabitants_per_agent") {
            guard let ratio = positive(size, "inhabitants_per_agent") else { return nil }
            agents = .perInhabitants(ratio)
        } else {
            guard let value = size.require("agents"), let law = logNormal(value, name: "agents") else { return nil }
            agents = .drawn(law)
        }
        return SimulationProfile.SizeModel(population: population, agents: agents)
    }

    private func logNormal(_ node: Node, name: String) -> SimulationProfile.LogNormal? {
        guard let law = MappingReader(node, name: name, keys: ["median", "spread", "min", "max"], context: context),
            let median = positive(law, "median"), let spread = law.number("spread", required: true),
            let minimum = positive(law, "min"), let maximum = positive(law, "max")
        else { return nil }
        guard spread >= 0 else {
            sink.report(Message.outOfRange("spread", spread, "≥ 0"), at: law.node("spread")?.position)
            return nil
        }
        guard minimum <= maximum else {
            sink.report(Message.minimumAboveMaximum, at: law.node("min")?.position)
            return nil
        }
        return SimulationProfile.LogNormal(median: median, spread: spread, minimum: minimum, maximum: maximum)
    }
}
