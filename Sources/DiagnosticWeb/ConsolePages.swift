import DiagnosticCore
import DiagnosticPipeline
import DiagnosticReports
import DiagnosticStore
import Foundation

/// The advisors' console: the campaigns, and for each its participation (invited, started,
/// submitted, by typology and by département, the completeness of each response), the links to
/// answers and reports, the exports, and the actions on the campaign and its links.
struct ConsolePages {
    let server: WebServer
    let session: WebServer.Session

    private var language: Language { server.language }
    private var lang: String { language.rawValue }
    private func t(_ french: String, _ english: String) -> String { Escaping.html(language.pick(french, english)) }
    private func e(_ text: String) -> String { Escaping.html(text) }

    /// A campaign on the first page.
    struct CampaignRow {
        let info: CampaignInfo
        let invitations: [StoredInvitation]
    }

    /// An invitation on a campaign's page, with the results stored for its respondent.
    struct Line {
        let invitation: StoredInvitation
        let result: RespondentResult?
    }

    private func frame(_ title: String, back: Bool, _ body: String) -> String {
        var nav = "<nav aria-label=\"\(t("Console", "Console"))\">"
        if back { nav += "<a href=\"/console\">\(t("← Campagnes", "← Campaigns"))</a> · " }
        nav += t("Connecté : ", "Signed in: ") + e(session.advisor.name)
        nav += " <form class=\"inline\" method=\"post\" action=\"/logout\">\(csrf)"
        nav += "<button type=\"submit\">\(t("Se déconnecter", "Log out"))</button></form></nav>"
        return WebPage(title: title, language: language).render(body: body).replacingOccurrences(
            of: "<main>", with: "<main>" + nav)
    }

    private var csrf: String { "<input type=\"hidden\" name=\"csrf\" value=\"\(e(session.csrf))\">" }

    /// The button of a console action: a form posting to `action` with the session's token.
    private func button(_ action: String, _ label: String) -> String {
        "<form class=\"inline\" method=\"post\" action=\"\(e(action))\">\(csrf)<button type=\"submit\">\(label)</button></form>"
    }

    /// Counts of a set of invitations: invited (not revoked), started, submitted at least once.
    struct Counts {
        var invited = 0
        var started = 0
        var submitted = 0

        init(_ invitations: [StoredInvitation]) {
            for invitation in invitations where invitation.revokedAt == nil {
                invited += 1
                if invitation.progress.stage != .notStarted { started += 1 }
                if invitation.progress.version > 0 { submitted += 1 }
            }
        }
    }

    private func share(_ part: Int, of whole: Int) -> String {
        whole == 0 ? "—" : NumberText.format(100 * Double(part) / Double(whole), decimals: 0, language: language) + " %"
    }

    func campaigns(_ rows: [CampaignRow]) -> String {
        var body = ""
        if rows.isEmpty {
            body +=
                "<p>"
                + t(
                    "Aucune campagne : créez-en une avec od4g invite --campaign NOM organisations.csv ou od4g import.",
                    "No campaign: create one with od4g invite --campaign NAME organisations.csv or od4g import.") + "</p>"
        } else {
            body += "<div class=\"table-wrap\"><table><caption>\(t("Campagnes", "Campaigns"))</caption><thead><tr>"
            body += "<th scope=\"col\">\(t("Campagne", "Campaign"))</th><th scope=\"col\">\(t("État", "State"))</th>"
            body += "<th scope=\"col\" class=\"num\">\(t("Invités", "Invited"))</th>"
            body += "<th scope=\"col\" class=\"num\">\(t("Commencés", "Started"))</th>"
            body += "<th scope=\"col\" class=\"num\">\(t("Soumis", "Submitted"))</th>"
            body += "<th scope=\"col\" class=\"num\">\(t("Réponses enregistrées", "Responses stored"))</th></tr></thead><tbody>"
            for row in rows {
                let counts = Counts(row.invitations)
                body += "<tr><th scope=\"row\"><a href=\"/console/c/\(row.info.id)\">\(e(row.info.name))</a>"
                body += row.info.period.map { " (\(e($0)))" } ?? ""
                body += "</th><td>\(state(row.info))</td><td class=\"num\">\(counts.invited)</td>"
                body += "<td class=\"num\">\(counts.started)</td><td class=\"num\">\(counts.submitted)</td>"
                body += "<td class=\"num\">\(row.info.responses)</td></tr>"
            }
            body += "</tbody></table></div>"
        }
        return frame(language.pick("Console od4g", "od4g console"), back: false, body)
    }

    private func state(_ info: CampaignInfo) -> String {
        info.closedAt.map { t("close le ", "closed on ") + e(WebServer.day($0)) } ?? t("ouverte", "open")
    }

    func campaign(_ campaign: LoadedCampaign, lines: [Line], newLink: (StoredInvitation, String)?) -> String {
        let info = campaign.info
        let questionnaire = campaign.questionnaire
        let invitations = lines.map(\.invitation)
        let counts = Counts(invitations)
        var body = "<div class=\"line\">\(e(questionnaire.title.resolved(lang))) \(e(info.questionnaireVersion))"
        body += info.period.map { " · " + e($0) } ?? ""
        body += " · " + t("campagne ", "campaign ") + state(info) + " "
        body +=
            info.closedAt == nil
            ? button("/console/c/\(info.id)/close", t("Clore la campagne", "Close the campaign"))
            : button("/console/c/\(info.id)/open", t("Rouvrir la campagne", "Open the campaign again"))
        body += "</div>"
        if let (invitation, link) = newLink {
            body += "<div class=\"notice\" role=\"status\"><p>"
            body += t("Nouveau lien pour ", "New link for ") + e(invitation.invitation.organisation)
            body += t(
                " (l'ancien est révoqué). Copiez-le maintenant : il ne sera plus affiché.",
                " (the old one is revoked). Copy it now: it will not be shown again.")
            body += "</p><p><code>\(e(link))</code></p></div>"
        }
        body += "<h2>\(t("Participation", "Participation"))</h2><p>"
        body += t("Invités : ", "Invited: ") + "\(counts.invited) · " + t("ont commencé : ", "started: ")
        body += "\(counts.started) (\(share(counts.started, of: counts.invited))) · " + t("ont soumis : ", "submitted: ")
        body += "\(counts.submitted) (\(share(counts.submitted, of: counts.invited))) · "
        body += t("réponses enregistrées (web et imports) : ", "responses stored (web and imports): ") + "\(info.responses)</p>"
        body += "<p><a href=\"/console/c/\(info.id)/report\">\(t("Rapport régional", "Regional report"))</a> · "
        body +=
            "<a href=\"/console/c/\(info.id)/open-data.csv\">\(t("Export données ouvertes (CSV)", "Open-data export (CSV)"))</a> · "
        body +=
            "<a href=\"/console/c/\(info.id)/aggregate.csv\">\(t("Agrégat par typologie (CSV)", "Aggregate by typology (CSV)"))</a></p>"
        body += breakdown(
            t("Par typologie", "By typology"), invitations, key: { $0.typology },
            label: { questionnaire.typology($0)?.label.resolved(lang) ?? $0 })
        body += breakdown(
            t("Par département", "By département"), invitations, key: { $0.departement ?? "" },
            label: { $0.isEmpty ? language.pick("(non renseigné)", "(not given)") : questionnaire.departementName($0) })
        body += "<h2>\(t("Invitations", "Invitations"))</h2>" + table(lines, questionnaire: questionnaire)
        return frame(info.name, back: true, body)
    }

    private func breakdown(
        _ title: String, _ invitations: [StoredInvitation], key: (Invitation) -> String, label: (String) -> String
    ) -> String {
        let groups = Dictionary(grouping: invitations) { key($0.invitation) }
        var html = "<div class=\"table-wrap\"><table><caption>\(title)</caption><thead><tr><th scope=\"col\"></th>"
        html += "<th scope=\"col\" class=\"num\">\(t("Invités", "Invited"))</th>"
        html += "<th scope=\"col\" class=\"num\">\(t("Commencés", "Started"))</th>"
        html += "<th scope=\"col\" class=\"num\">\(t("Soumis", "Submitted"))</th></tr></thead><tbody>"
        for (group, members) in groups.sorted(by: { $0.key < $1.key }) {
            let counts = Counts(members)
            html += "<tr><th scope=\"row\">\(e(label(group)))</th><td class=\"num\">\(counts.invited)</td>"
            html += "<td class=\"num\">\(counts.started)</td><td class=\"num\">\(counts.submitted)</td></tr>"
        }
        return html + "</tbody></table></div>"
    }

    private func table(_ lines: [Line], questionnaire: Questionnaire) -> String {
        let headings = [
            t("Typologie", "Typology"), t("Dépt", "Dept"), t("État", "State"), t("Complétude", "Completeness"),
            t("Actions", "Actions"),
        ]
        // On a phone each invitation reads as a card: its cells stacked, each with its heading.
        var html =
            "<div class=\"table-wrap\"><table class=\"cards\"><thead><tr><th scope=\"col\">\(t("Organisation", "Organisation"))</th>"
        for heading in headings { html += "<th scope=\"col\">\(heading)</th>" }
        html += "</tr></thead><tbody>"
        for line in lines {
            let invitation = line.invitation
            let id = invitation.id
            let typology =
                questionnaire.typology(invitation.invitation.typology)?.label.resolved(lang) ?? invitation.invitation.typology
            var completeness = "—"
            if let result = line.result, result.asked > 0 {
                completeness = "\(result.answered) / \(result.asked) (\(share(result.answered, of: result.asked)))"
            }
            var actions = ""
            if invitation.progress.stage != .notStarted {
                actions += "<a href=\"/console/i/\(id)\">\(t("Réponses", "Answers"))</a> · "
                actions += "<a href=\"/console/i/\(id)/report\">\(t("Diagnostic", "Diagnostic"))</a> "
            }
            if invitation.revokedAt == nil { actions += button("/console/i/\(id)/revoke", t("Révoquer", "Revoke")) }
            actions += button("/console/i/\(id)/resend", t("Nouveau lien", "New link"))
            html += "<tr id=\"i-\(id)\"><th scope=\"row\">\(e(invitation.invitation.organisation))"
            if let email = invitation.invitation.email { html += "<br><small>\(e(email))</small>" }
            html += "</th>"
            let cells = [e(typology), e(invitation.invitation.departement ?? ""), stage(invitation), completeness, actions]
            for (heading, cell) in zip(headings, cells) { html += "<td data-label=\"\(heading)\">\(cell)</td>" }
            html += "</tr>"
        }
        return html + "</tbody></table></div>"
    }

    private func stage(_ invitation: StoredInvitation) -> String {
        if invitation.revokedAt != nil { return t("lien révoqué", "link revoked") }
        let progress = invitation.progress
        switch progress.stage {
        case .notStarted: return t("pas commencé", "not started")
        case .started where progress.version == 0:
            return t("commencé le ", "started on ") + e(WebServer.day(progress.firstSavedAt))
        case .started:
            return t("soumis (v\(progress.version)), modifié depuis", "submitted (v\(progress.version)), changed since")
        case .submitted:
            return t("soumis le ", "submitted on ") + e(WebServer.day(progress.submittedAt)) + " (v\(progress.version))"
        }
    }
}
