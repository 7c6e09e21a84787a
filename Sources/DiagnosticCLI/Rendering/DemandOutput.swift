import DiagnosticCore
import DiagnosticDefinitions
import Foundation

/// Renders how many organisations each action is recommended to, as text, JSON (`od4g-demand/1`) or tidy CSV.
struct DemandOutput {
    static let schema = "od4g-demand/1"

    let demand: ActionDemand
    let questionnaire: Questionnaire
    let catalogue: ActionCatalogue
    let campaign: String
    /// How many actions of each plan were counted (`nil`: all).
    let maximum: Int?
    /// Groups are named from this many organisations, and withheld with others so that none is the
    /// action's total minus the rest (`ActionDemand.Line.published`).
    let minimumGroupSize: Int
    let language: Language

    private var lang: String { language.rawValue }
    /// Whether nothing but the number of organisations is published (fewer than `minimumGroupSize`).
    private var withheld: Bool { demand.isWithheld(threshold: minimumGroupSize) }
    /// The lines published.
    private var ranked: [ActionDemand.Line] { withheld ? [] : demand.ranked }

    private func typologyName(_ id: String) -> String { questionnaire.typology(id)?.label.resolved(lang) ?? id }
    private func departementName(_ key: String) -> String {
        key.isEmpty ? language.pick("(non renseigné)", "(not given)") : questionnaire.departementName(key)
    }
    private func title(_ id: String) -> String { catalogue.action(id)?.title.resolved(lang) ?? id }
    private func share(_ count: Int) -> Double { demand.organisations == 0 ? 0 : Double(count) / Double(demand.organisations) }

    /// Counts of one line, largest first (then by key).
    private func sorted(_ counts: [String: Int]) -> [(key: String, value: Int)] {
        counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
    }

    func text() -> String {
        let l = language
        var lines = [
            l.pick(
                "Demande d'actions d'accompagnement — campagne « \(campaign) »",
                "Demand for support actions — campaign '\(campaign)'"),
            maximum.map { n in
                l.pick(
                    "\(demand.organisations) organisations ; une action compte chaque organisation dont elle est l'une des \(n) premières recommandations (préalables compris).",
                    "\(demand.organisations) organisations; an action counts every organisation it is among the \(n) first recommendations of (prerequisites included)."
                )
            }
                ?? l.pick(
                    "\(demand.organisations) organisations ; une action compte chaque organisation à qui elle est recommandée.",
                    "\(demand.organisations) organisations; an action counts every organisation it is recommended to."),
            "",
        ]
        if withheld {
            lines.append(
                l.pick(
                    "Masqué : moins de \(minimumGroupSize) organisations ont un plan, et les compter montrerait leurs plans.",
                    "Withheld: fewer than \(minimumGroupSize) organisations have a plan, and counting them would show their plans."
                ))
        } else if demand.ranked.isEmpty {
            lines.append(l.pick("Aucune action recommandée.", "No action recommended."))
        }
        for line in ranked {
            let percent = NumberText.format(100 * share(line.organisations), decimals: 0, language: language)
            let published = line.published(threshold: minimumGroupSize)
            lines.append("\(title(line.action)) [\(line.action)] — \(line.organisations) (\(percent) %)")
            lines.append(
                "  " + l.pick("par typologie : ", "by typology: ")
                    + sorted(published.byTypology).map { "\(typologyName($0.key)) (\($0.value))" }.joined(separator: ", "))
            lines.append(
                "  " + l.pick("par département : ", "by département: ")
                    + sorted(published.byDepartement).map { "\(departementName($0.key)) (\($0.value))" }.joined(separator: ", "))
        }
        if !ranked.isEmpty {
            lines.append("")
            lines.append(
                l.pick(
                    "Groupes nommés à partir de \(minimumGroupSize) organisations ; un autre petit groupe est tu avec eux, pour qu'aucun ne puisse être déduit du total par différence.",
                    "Groups named from \(minimumGroupSize) organisations; another small group is left out with them, so that none can be worked out from the total by difference."
                ))
        }
        return lines.joined(separator: "\n")
    }

    struct Document: Encodable {
        var schema: String
        var language: String
        var campaign: String
        var catalogue: String
        var organisations: Int
        var actionsPerOrganisation: Int?
        var withheld: Bool
        var actions: [Line]

        enum CodingKeys: String, CodingKey {
            case schema, language, campaign, catalogue, organisations, withheld, actions
            case actionsPerOrganisation = "actions_per_organisation"
        }
    }

    struct Line: Encodable {
        var action: String
        var title: String
        var family: String
        var organisations: Int
        var share: Double
        var byTypology: [String: Int]
        var byDepartement: [String: Int]

        enum CodingKeys: String, CodingKey {
            case action, title, family, organisations, share
            case byTypology = "by_typology"
            case byDepartement = "by_departement"
        }
    }

    func json() throws -> String {
        let document = Document(
            schema: Self.schema, language: lang, campaign: campaign, catalogue: "\(catalogue.id) \(catalogue.version)",
            organisations: demand.organisations, actionsPerOrganisation: maximum, withheld: withheld,
            actions: ranked.map {
                Line(
                    action: $0.action, title: title($0.action), family: catalogue.action($0.action)?.family ?? "",
                    organisations: $0.organisations, share: NumberText.round(share($0.organisations), decimals: 4),
                    byTypology: $0.published(threshold: minimumGroupSize).byTypology,
                    byDepartement: $0.published(threshold: minimumGroupSize).byDepartement)
            })
        return try JSONOutput.encode(document, language: language)
    }

    /// One line per action and group: `all`, each typology, each département.
    func csv() -> String {
        let writer = CSVWriter()
        var out = writer.line(["action", "title", "family", "grouping", "group", "organisations"])
        for line in ranked {
            let head = [line.action, title(line.action), catalogue.action(line.action)?.family ?? ""]
            out += writer.line(head + ["all", "*", String(line.organisations)])
            let published = line.published(threshold: minimumGroupSize)
            for (key, count) in sorted(published.byTypology) { out += writer.line(head + ["typology", key, String(count)]) }
            for (key, count) in sorted(published.byDepartement) {
                out += writer.line(head + ["departement", key, String(count)])
            }
        }
        return out
    }
}
