import DiagnosticCore

/// The plan of one organisation as text: the sequenced actions with their reasons, the shortest
/// route to the targets, and progress since the earlier campaign.
struct PlanText {
    let subject: PlanSubject
    let language: Language

    private var lang: String { language.rawValue }
    private var words: RecommendationText {
        RecommendationText(questionnaire: subject.questionnaire, catalogue: subject.catalogue, language: language)
    }

    private func number(_ value: Double) -> String { NumberText.format(value, decimals: 1, language: language) }

    private func levelName(_ id: String, dimension: String) -> String { words.levelName(id, dimension: dimension) }
    private func dimensionName(_ id: String) -> String { words.dimensionName(id) }
    private func title(_ id: String) -> String { words.title(id) }

    func render() -> String {
        let l = language
        let plan = subject.plan
        var lines: [String] = []
        lines.append(
            l.pick("Plan d'actions d'accompagnement", "Support action plan")
                + (subject.name.map { " — \($0)" } ?? "") + " (\(subject.typology.label.resolved(lang)))")
        if let campaign = subject.campaign { lines.append(l.pick("Campagne : ", "Campaign: ") + campaign) }
        lines.append(
            l.pick("Catalogue : ", "Catalogue: ") + "\(subject.catalogue.title.resolved(lang)) (\(subject.catalogue.id) "
                + "\(subject.catalogue.version))")
        if !plan.targets.isEmpty {
            let targets = subject.questionnaire.dimensions.compactMap { dimension in
                plan.targets[dimension.id].map { "\(dimensionName(dimension.id)) → \(levelName($0, dimension: dimension.id))" }
            }
            lines.append(l.pick("Objectifs : ", "Targets: ") + targets.joined(separator: l.pick(" ; ", "; ")))
        }
        lines.append("")
        if plan.recommendations.isEmpty {
            lines.append(
                l.pick(
                    "Aucune action à recommander : aucune règle du catalogue ne s'applique à ces réponses, et aucun objectif n'est en retard.",
                    "No action to recommend: no catalogue rule applies to these answers and no target is behind."))
        }
        var rank = 0
        for horizon in Horizon.allCases {
            let items = plan.recommendations.filter { $0.horizon == horizon }
            guard !items.isEmpty else { continue }
            lines.append(words.horizon(horizon))
            for item in items {
                rank += 1
                let action = item.action
                var facts = [words.format(action.format)]
                if !words.duration(action).isEmpty { facts.append(words.duration(action)) }
                if let provider = action.provider { facts.append(provider) }
                lines.append("  \(rank). \(action.title.resolved(lang)) [\(action.id)] (\(facts.joined(separator: ", ")))")
                lines.append(
                    "     " + l.pick("Gain attendu : +", "Expected gain: +") + number(item.gain)
                        + l.pick(" point(s) sur le score global", " overall score point(s)"))
                let why =
                    item.prerequisiteOnly
                    ? l.pick("Nécessaire : ", "Needed: ") : l.pick("Recommandé parce que : ", "Recommended because: ")
                lines.append("     " + why + words.reasons(item))
                let before = action.requiredActions.filter { plan.followed.contains($0) == false }
                if !before.isEmpty {
                    lines.append("     " + l.pick("Après : ", "After: ") + before.map(title).joined(separator: ", "))
                }
            }
            lines.append("")
        }
        if let route = plan.route { lines += self.route(route) }
        if let progress = subject.progress { lines += self.progress(progress) }
        if !plan.followed.isEmpty {
            lines.append(
                l.pick("Déjà suivies (non recommandées) : ", "Already followed (not recommended): ")
                    + plan.followed.map(title).joined(separator: ", "))
        }
        if !subject.unknownFollowed.isEmpty {
            lines.append(
                l.pick(
                    "Actions suivies inconnues du catalogue (ignorées) : ",
                    "Followed actions unknown to the catalogue (ignored): ")
                    + subject.unknownFollowed.joined(separator: ", "))
        }
        lines.append(
            l.pick(
                "Règles : docs/recommendations.md. Gain attendu : points du score global que l'action peut faire regagner.",
                "Rules: docs/recommendations.md. Expected gain: overall score points the action can recover."))
        return lines.joined(separator: "\n")
    }

    private func route(_ route: ShortestRoute) -> [String] {
        let l = language
        var lines = [l.pick("Chemin le plus court vers les objectifs", "Shortest route to the targets")]
        if route.needs.isEmpty {
            lines.append("  " + l.pick("Tous les objectifs sont déjà atteints.", "Every target is already reached."))
        } else if !route.unreachable.isEmpty {
            for need in route.needs where route.unreachable.contains(need.dimension) {
                lines.append(
                    "  "
                        + l.pick(
                            "Objectif inatteignable : \(dimensionName(need.dimension)) « \(levelName(need.target, dimension: need.dimension)) » demande \(number(need.threshold)) ; même si toutes les actions adaptées réussissaient, le score n'atteindrait que \(number(need.reachable)).",
                            "Target out of reach: \(dimensionName(need.dimension)) \"\(levelName(need.target, dimension: need.dimension))\" needs \(number(need.threshold)); even if every suitable action succeeded the score would only reach \(number(need.reachable))."
                        ))
            }
        } else {
            let hours =
                number(route.hours) + " h"
                + (route.unknownDurations > 0
                    ? l.pick(
                        " (+ \(route.unknownDurations) action(s) de durée inconnue)",
                        " (+ \(route.unknownDurations) action(s) of unknown duration)")
                    : "")
            lines.append(
                "  " + l.pick("\(route.actions.count) action(s), \(hours) :", "\(route.actions.count) action(s), \(hours):"))
            for id in route.actions { lines.append("  - \(title(id)) [\(id)]") }
            for need in route.needs {
                lines.append(
                    "  " + dimensionName(need.dimension) + l.pick(" : ", ": ")
                        + (need.score.map(number) ?? l.pick("non évalué", "not assessed")) + " → "
                        + l.pick("seuil \(number(need.threshold))", "threshold \(number(need.threshold))"))
            }
        }
        lines.append("")
        return lines
    }

    private func progress(_ progress: (campaign: String, items: [TargetProgress])) -> [String] {
        let l = language
        var lines = [
            l.pick(
                "Progrès vers les objectifs depuis « \(progress.campaign) »",
                "Progress toward the targets since '\(progress.campaign)'")
        ]
        for item in progress.items {
            let before = item.before.map(number) ?? l.pick("non évalué", "not assessed")
            let after = item.after.map(number) ?? l.pick("non évalué", "not assessed")
            var line =
                "  \(dimensionName(item.dimension))" + l.pick(" : ", ": ") + "\(before) → \(after) ("
                + l.pick(
                    "objectif \(levelName(item.target, dimension: item.dimension)) à \(number(item.threshold))",
                    "target \(levelName(item.target, dimension: item.dimension)) at \(number(item.threshold))") + ")"
            if item.reached {
                line += l.pick(" — atteint", " — reached")
            } else if let before = item.before, let after = item.after, after < before {
                line += l.pick(" — en recul de \(number(before - after)) points", " — down \(number(before - after)) points")
            } else if let share = item.share {
                line += l.pick(" — \(number(share * 100)) % du chemin parcouru", " — \(number(share * 100)) % of the way covered")
            }
            lines.append(line)
        }
        lines.append("")
        return lines
    }
}
