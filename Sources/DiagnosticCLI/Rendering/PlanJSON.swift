import DiagnosticCore
import DiagnosticPipeline
import Foundation

/// The stable JSON form of a plan (`od4g-plan/1`), documented in `docs/recommendations.md`.
struct PlanJSON {
    /// Identifies the document shape.
    static let schema = "od4g-plan/1"

    let subject: PlanSubject
    let language: Language

    private var lang: String { language.rawValue }
    private var words: RecommendationText {
        RecommendationText(questionnaire: subject.questionnaire, catalogue: subject.catalogue, language: language)
    }

    struct Document: Encodable {
        var schema: String
        var language: String
        var organisation: String?
        var typology: String
        var campaign: String?
        var questionnaire: Identity
        var catalogue: Identity
        var targets: [String: String]
        var followed: [String]
        var unknownFollowed: [String]
        var recommendations: [Item]
        /// Actions beyond the plan's size for the organisation: recommended for later.
        var later: [Later]
        /// When too few scored questions are answered for a plan: the figures and what to complete.
        var incomplete: Incomplete?
        var route: Route?
        var progress: Progress?

        enum CodingKeys: String, CodingKey {
            case schema, language, organisation, typology, campaign, questionnaire, catalogue, targets, followed
            case unknownFollowed = "unknown_followed"
            case recommendations, later, incomplete, route, progress
        }
    }

    struct Incomplete: Encodable {
        var answered: Int
        var asked: Int
        var minimum: Double
        var missing: [String]
    }

    struct Later: Encodable {
        var action: String
        var title: String
        var gain: Double
    }

    struct Identity: Encodable {
        var id: String
        var version: String
    }

    struct Item: Encodable {
        var rank: Int
        var action: String
        var title: String
        var family: String
        var format: String
        var durationHours: Double?
        var provider: String?
        var horizon: String
        var gain: Double
        var prerequisiteOnly: Bool
        var requires: [String]
        var reasons: [Reason]

        enum CodingKeys: String, CodingKey {
            case rank, action, title, family, format, provider, horizon, gain, requires, reasons
            case durationHours = "duration_hours"
            case prerequisiteOnly = "prerequisite_only"
        }
    }

    struct Reason: Encodable {
        var kind: String
        var subject: String?
        var text: String
    }

    struct Route: Encodable {
        var actions: [String]
        var hours: Double
        var unknownDurations: Int
        var unreachable: [String]
        var needs: [Need]

        enum CodingKeys: String, CodingKey {
            case actions, hours, unreachable, needs
            case unknownDurations = "unknown_durations"
        }
    }

    struct Need: Encodable {
        var dimension: String
        var target: String
        var score: Double?
        var threshold: Double
        var reachable: Double
    }

    struct Progress: Encodable {
        var since: String
        var dimensions: [Step]
    }

    struct Step: Encodable {
        var dimension: String
        var target: String
        var threshold: Double
        var before: Double?
        var after: Double?
        var reached: Bool
        var share: Double?
    }

    static func horizonCode(_ horizon: Horizon) -> String {
        switch horizon {
        case .first: "0-3-months"
        case .year: "3-12-months"
        case .later: "12-months-plus"
        }
    }

    func render() throws -> String {
        return try JSONOutput.encode(document(), language: language)
    }

    func document() -> Document {
        let plan = subject.plan
        let items = plan.recommendations.enumerated().map { index, item in
            Item(
                rank: index + 1, action: item.action.id, title: item.action.title.resolved(lang), family: item.action.family,
                format: item.action.format.rawValue, durationHours: item.action.durationHours, provider: item.action.provider,
                horizon: Self.horizonCode(item.horizon), gain: NumberText.round(item.gain),
                prerequisiteOnly: item.prerequisiteOnly, requires: item.action.requiredActions,
                reasons: item.reasons.map(reason))
        }
        let route = plan.route.map { route in
            Route(
                actions: route.actions, hours: route.hours, unknownDurations: route.unknownDurations,
                unreachable: route.unreachable,
                needs: route.needs.map {
                    Need(
                        dimension: $0.dimension, target: $0.target, score: $0.score.map { NumberText.round($0) },
                        threshold: $0.threshold, reachable: NumberText.round($0.reachable))
                })
        }
        let progress = subject.input.progress.map { progress in
            Progress(
                since: progress.campaign,
                dimensions: progress.items.map {
                    Step(
                        dimension: $0.dimension, target: $0.target, threshold: $0.threshold,
                        before: $0.before.map { NumberText.round($0) }, after: $0.after.map { NumberText.round($0) },
                        reached: $0.reached, share: $0.share.map { NumberText.round($0, decimals: 4) })
                })
        }
        return Document(
            schema: Self.schema, language: lang, organisation: subject.name, typology: subject.typology.id,
            campaign: subject.campaign,
            questionnaire: Identity(id: subject.questionnaire.id, version: subject.questionnaire.version),
            catalogue: Identity(id: subject.catalogue.id, version: subject.catalogue.version), targets: plan.targets,
            followed: plan.followed, unknownFollowed: subject.input.unknownFollowed, recommendations: items,
            later: plan.later.map {
                Later(action: $0.action.id, title: $0.action.title.resolved(lang), gain: NumberText.round($0.gain))
            },
            incomplete: plan.incomplete.map {
                Incomplete(
                    answered: $0.answered, asked: $0.asked, minimum: subject.questionnaire.scoring.minimumCompleteness,
                    missing: plan.missing)
            }, route: route, progress: progress)
    }

    private func reason(_ reason: RecommendationReason) -> Reason {
        let (kind, subject): (String, String?) =
            switch reason {
            case .answer(let question, _): ("answer", question)
            case .profile(let field, _): ("profile", field)
            case .dimensionBelow(let dimension, _, _): ("dimension_below", dimension)
            case .dimensionAtLeast(let dimension, _, _): ("dimension_at_least", dimension)
            case .target(let dimension, _, _): ("target", dimension)
            case .prerequisite(let of): ("prerequisite", of)
            }
        return Reason(kind: kind, subject: subject, text: words.reason(reason))
    }
}
