import DiagnosticCore
import DiagnosticDefinitions
import DiagnosticPipeline
import DiagnosticStore
import Foundation
import Hummingbird

/// A campaign's open link, `/o/TOKEN` (`od4g campaign link C`): a respondent states their
/// organisation and gets a private link of their own, an invitation like those `od4g invite`
/// makes, then answers through it. An organisation and e-mail already answering in the campaign
/// get no second link: their answers stay theirs.
extension WebServer {
    func addOpenLinkRoutes(to router: Router<BasicRequestContext>) {
        router.get("/o/:token") { _, context -> Response in
            let token = context.parameters.get("token") ?? ""
            return try await self.respond { try self.joinPage(token: token) }
        }
        router.post("/o/:token") { request, context -> Response in
            let token = context.parameters.get("token") ?? ""
            switch try await self.form(request) {
            case .failure(let refusal): return refusal.response
            case .success(let form): return try await self.respond { try self.join(token: token, form: form) }
            }
        }
    }

    /// The invitation's own fields, in the questionnaire's order: what a respondent states.
    static let joinFields: Set<String> = ["organisation", "code", "typology", "population", "agents", "departement", "email"]

    /// The open link `token`, its campaign; the page saying why it opens nothing is thrown.
    private func openedLink(_ token: String) throws -> (StoredOpenLink, LoadedCampaign) {
        guard let link = try store.openLink(token: token),
            let info = try store.campaign(id: link.campaignID, counting: false)
        else {
            throw ResponseError(
                page(
                    .notFound, title: text("Lien inconnu", "Unknown link"),
                    message: text(
                        "Ce lien ne correspond à aucune campagne : vérifiez qu'il est complet.",
                        "This link matches no campaign: check it is complete.")))
        }
        if link.revokedAt != nil {
            throw ResponseError(
                page(
                    .gone, title: text("Lien fermé", "Link closed"),
                    message: text(
                        "Ce lien ouvert a été fermé : demandez un lien à la personne qui mène la campagne.",
                        "This open link was closed: ask whoever runs the campaign for a link.")))
        }
        if info.closedAt != nil { throw StoreError(.campaignClosed(info.name), path: store.path) }
        return (link, try loaded(info))
    }

    private static func scope(open token: String) -> String { "open:" + InvitationToken.hash(token) }

    private func joinPage(token: String) throws -> Response {
        let (_, campaign) = try openedLink(token)
        return Self.html(.ok, joinForm(token: token, campaign: campaign, given: [:], errors: [:], general: nil))
    }

    /// The page asking who answers, with what was typed and its errors.
    private func joinForm(
        token: String, campaign: LoadedCampaign, given: [String: String], errors: [String: String], general: String?
    ) -> String {
        let questionnaire = campaign.questionnaire
        let lang = language.rawValue
        let fields = questionnaire.profileFields.filter { Self.joinFields.contains($0.id) }.map { field in
            QuestionnairePage.profileField(
                field, value: given[field.id] ?? "", error: errors[field.id], questionnaire: questionnaire, language: language)
        }
        var context: [String: Any] = [
            "title": questionnaire.title.resolved(lang), "campaign": campaign.info.name, "action": "/o/\(token)",
            "csrf": forms.token(for: Self.scope(open: token)), "fields": fields,
        ]
        if let description = questionnaire.description { context["description"] = description.resolved(lang) }
        let wrong = questionnaire.profileFields.filter { errors[$0.id] != nil }
        if !wrong.isEmpty || general != nil {
            context["summary"] =
                [
                    "count": wrong.count + (general == nil ? 0 : 1),
                    "fields": wrong.map { ["id": $0.id, "label": $0.label.resolved(lang), "message": errors[$0.id] ?? ""] },
                    "general": general.map { [$0] } ?? [],
                ] as [String: Any]
        }
        return render("web-join.html", context)
    }

    /// Makes the respondent's own invitation from the form, and sends them to it.
    private func join(token: String, form: FormBody) throws -> Response {
        let (link, campaign) = try openedLink(token)
        guard forms.accepts(form.value("csrf"), for: Self.scope(open: token)) else { throw forgedForm() }
        let questionnaire = campaign.questionnaire
        var given: [String: String] = [:]
        for field in questionnaire.profileFields where Self.joinFields.contains(field.id) {
            if let value = form.value("p.\(field.id)")?.trimmed, !value.isEmpty { given[field.id] = value }
        }
        let raw = questionnaire.profileFields.compactMap { field in
            given[field.id].map { (field: field.id, value: RawValue.scalar($0)) }
        }
        let (response, issues) = ResponseChecker(questionnaire: questionnaire).check(RawResponse(profile: raw, answers: []))
        var errors: [String: String] = [:]
        for issue in issues where issue.severity == .error {
            if case .profile(let id) = issue.subject { errors[id] = errors[id] ?? issue.message(language) }
        }
        if let email = given["email"], !InvitationList.looksLikeEmail(email) {
            errors["email"] = text(
                "« \(email) » n'est pas une adresse électronique.", "'\(email)' is not an e-mail address.")
        }
        let typology = (response?.profile["typology"]?.text).flatMap { questionnaire.typology($0) }
        guard errors.isEmpty, let response, let typology else {
            return Self.html(
                .unprocessableContent,
                joinForm(token: token, campaign: campaign, given: given, errors: errors, general: nil))
        }
        let invitation = Invitation(
            organisation: response.profile["organisation"]?.text ?? "", code: response.profile["code"]?.text,
            typology: typology.id, population: response.profile["population"]?.number,
            agents: response.profile["agents"]?.number, departement: response.profile["departement"]?.text,
            email: response.profile["email"]?.text)
        let personal = InvitationToken.make()
        let joined = try store.join(link, as: invitation, token: personal, now: Date()) { invited in
            Respondent(invited, questionnaire: questionnaire).identity.map { ($0.organisationKey, $0.respondentKey) }
        }
        switch joined {
        case .success:
            return Self.redirect("/r/\(personal)?welcome")
        case .failure(.taken):
            let general = text(
                "\(invitation.organisation) a déjà un lien pour cette adresse électronique (ou sans adresse) dans cette campagne : ses réponses sont celles de la personne qui l'a reçu. Donnez votre propre adresse, ou demandez son lien à votre conseiller.",
                "\(invitation.organisation) already has a link for this e-mail address (or without one) in this campaign: its answers belong to whoever received it. Give your own address, or ask your advisor for that link."
            )
            return Self.html(
                .conflict, joinForm(token: token, campaign: campaign, given: given, errors: [:], general: general))
        case .failure(.closed):
            throw StoreError(.campaignClosed(campaign.info.name), path: store.path)
        case .failure(.revoked):
            _ = try openedLink(token)
            throw unreadableForm()
        }
    }
}
