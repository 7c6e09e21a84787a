import DiagnosticCore
import DiagnosticPipeline
import DiagnosticReports

/// The plan of one organisation as text: the sequenced actions with their reasons, the shortest
/// route to the targets, and progress since the earlier campaign (words from `PlanView`).
struct PlanText {
    let subject: PlanSubject
    let language: Language

    func render() -> String {
        let l = language
        let view = PlanView(subject.input, questionnaire: subject.questionnaire, typology: subject.typology, language: language)
        var lines: [String] = []
        lines.append(
            l.pick("Plan d'actions d'accompagnement", "Support action plan") + (subject.name.map { " — \($0)" } ?? "")
                + " (\(subject.typology.label.resolved(language.rawValue)))")
        if let campaign = subject.campaign { lines.append(l.pick("Campagne : ", "Campaign: ") + campaign) }
        lines.append(l.pick("Catalogue : ", "Catalogue: ") + view.catalogue)
        if view.hasTargets {
            lines.append(l.pick("Objectifs : ", "Targets: ") + view.targetText)
        }
        lines.append("")
        if view.isIncomplete {
            lines.append(view.incomplete)
            lines.append(
                l.pick(
                    "Questions notées à compléter (\(view.missing.count)) :",
                    "Scored questions to answer (\(view.missing.count)):"))
            lines += view.missing.map { "  - " + $0 }
        } else if !view.hasRecommendations {
            lines.append(
                l.pick(
                    "Aucune action à recommander : aucune règle du catalogue ne s'applique à ces réponses, et aucun objectif n'est en retard.",
                    "No action to recommend: no catalogue rule applies to these answers and no target is behind."))
        }
        for block in view.blocks {
            lines.append(block.title)
            for item in block.items {
                lines.append("  \(item.rank). \(item.title) [\(item.id)] (\(item.facts))")
                lines.append(
                    "     " + l.pick("Gain attendu : ", "Expected gain: ") + item.gain
                        + l.pick(" point(s) sur le score global", " overall score point(s)"))
                lines.append("     " + item.why + item.reasonText)
                if item.hasAfter { lines.append("     " + l.pick("Après : ", "After: ") + item.after) }
            }
            lines.append("")
        }
        if view.hasRoute {
            lines.append(l.pick("Chemin le plus court vers les objectifs", "Shortest route to the targets"))
            if !view.routeSummary.isEmpty { lines.append("  " + view.routeSummary) }
            lines += view.routeActions.map { "  - " + $0 }
            lines += view.routeNeeds.map {
                "  \($0.dimension)" + l.pick(" : ", ": ") + "\($0.score) → " + l.pick("seuil ", "threshold ") + $0.threshold
            }
            lines += view.unreachable.map { "  " + $0 }
            lines.append("")
        }
        if view.hasProgress {
            lines.append(
                l.pick(
                    "Progrès vers les objectifs depuis « \(view.progressSince) »",
                    "Progress toward the targets since '\(view.progressSince)'"))
            for step in view.progress {
                lines.append(
                    "  \(step.dimension)" + l.pick(" : ", ": ") + "\(step.before) → \(step.after) ("
                        + l.pick("objectif \(step.target) à \(step.threshold)", "target \(step.target) at \(step.threshold)")
                        + ")"
                        + (step.hasVerdict ? " — " + step.verdict : ""))
            }
            lines.append("")
        }
        if view.hasLater {
            lines.append(
                l.pick("Plus tard, une fois ces actions engagées : ", "Later, once these actions are under way: ") + view.later)
            lines.append("")
        }
        if view.hasFollowed {
            lines.append(l.pick("Déjà suivies (non recommandées) : ", "Already followed (not recommended): ") + view.followed)
        }
        if view.hasUnknownFollowed {
            lines.append(
                l.pick(
                    "Actions suivies inconnues du catalogue (ignorées) : ",
                    "Followed actions unknown to the catalogue (ignored): ")
                    + view.unknownFollowed)
        }
        lines.append(
            l.pick(
                "Règles : docs/recommendations.md. Gain attendu : points du score global que l'action peut faire regagner.",
                "Rules: docs/recommendations.md. Expected gain: overall score points the action can recover."))
        return lines.joined(separator: "\n")
    }
}
