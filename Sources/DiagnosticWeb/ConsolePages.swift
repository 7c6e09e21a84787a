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

    /// What every console page shows: who is signed in, with the token of the log-out form.
    private func frame(back: Bool) -> [String: Any] {
        ["advisor": session.advisor.name, "csrf": session.csrf, "back": back]
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

        var context: [String: Any] { ["invited": invited, "started": started, "submitted": submitted] }
    }

    private func share(_ part: Int, of whole: Int) -> String {
        whole == 0 ? "—" : NumberText.format(100 * Double(part) / Double(whole), decimals: 0, language: language) + " %"
    }

    /// The campaigns page (`web-campaigns.html`).
    func campaigns(_ rows: [CampaignRow]) -> String {
        var context = frame(back: false)
        context["hasCampaigns"] = !rows.isEmpty
        context["campaigns"] = rows.map { row -> [String: Any] in
            var campaign = Counts(row.invitations).context
            campaign["id"] = String(row.info.id)
            campaign["name"] = row.info.name
            campaign["responses"] = row.info.responses
            if let period = row.info.period { campaign["period"] = period }
            if let closed = row.info.closedAt { campaign["closedOn"] = WebServer.day(closed) }
            return campaign
        }
        return server.render("web-campaigns.html", context)
    }

    /// A campaign's page (`web-campaign.html`): participation, breakdowns, invitations.
    func campaign(
        _ campaign: LoadedCampaign, lines: [Line], newLink: (StoredInvitation, String)?, openLinks: Int = 0,
        newOpenLink: String? = nil
    ) -> String {
        let info = campaign.info
        let questionnaire = campaign.questionnaire
        let invitations = lines.map(\.invitation)
        let counts = Counts(invitations)
        var context = frame(back: true)
        context["id"] = String(info.id)
        context["name"] = info.name
        context["questionnaire"] = questionnaire.title.resolved(lang)
        context["version"] = info.questionnaireVersion
        if let period = info.period { context["period"] = period }
        if let closed = info.closedAt { context["closedOn"] = WebServer.day(closed) }
        if let (invitation, link) = newLink {
            context["newLink"] = ["organisation": invitation.invitation.organisation, "link": link]
        }
        context["openLinks"] = openLinks
        if let newOpenLink { context["newOpenLink"] = newOpenLink }
        var totals = counts.context
        totals["startedShare"] = share(counts.started, of: counts.invited)
        totals["submittedShare"] = share(counts.submitted, of: counts.invited)
        totals["responses"] = info.responses
        context["counts"] = totals
        context["breakdowns"] = [
            breakdown(
                invitations, byTypology: true, key: { $0.typology },
                label: { questionnaire.typology($0)?.label.resolved(lang) ?? $0 }),
            breakdown(
                invitations, byTypology: false, key: { $0.departement ?? "" },
                label: { $0.isEmpty ? "" : questionnaire.departementName($0) }),
        ]
        context["invitations"] = lines.map { line(line: $0, questionnaire: questionnaire) }
        return server.render("web-campaign.html", context)
    }

    private func breakdown(
        _ invitations: [StoredInvitation], byTypology: Bool, key: (Invitation) -> String, label: (String) -> String
    ) -> [String: Any] {
        let groups = Dictionary(grouping: invitations) { key($0.invitation) }
        return [
            "byTypology": byTypology,
            "groups": groups.sorted(by: { $0.key < $1.key }).map { group, members -> [String: Any] in
                var row = Counts(members).context
                let name = label(group)
                if !name.isEmpty { row["label"] = name }
                return row
            },
        ]
    }

    /// An invitation's row: who, where its respondent stands, how complete their answers are.
    private func line(line: Line, questionnaire: Questionnaire) -> [String: Any] {
        let invitation = line.invitation
        let progress = invitation.progress
        let revoked = invitation.revokedAt != nil
        var row: [String: Any] = [
            "id": String(invitation.id), "organisation": invitation.invitation.organisation,
            "typology": questionnaire.typology(invitation.invitation.typology)?.label.resolved(lang)
                ?? invitation.invitation.typology,
            "departement": invitation.invitation.departement ?? "", "revoked": revoked,
            "started": progress.stage != .notStarted,
            "notStarted": !revoked && progress.stage == .notStarted,
            "draft": !revoked && progress.stage == .started && progress.version == 0,
            "changed": !revoked && progress.stage == .started && progress.version > 0,
            "submitted": !revoked && progress.stage == .submitted, "version": progress.version,
            "startedOn": WebServer.day(progress.firstSavedAt), "submittedOn": WebServer.day(progress.submittedAt),
        ]
        if let email = invitation.invitation.email { row["email"] = email }
        if let result = line.result, result.asked > 0 {
            row["completeness"] = [
                "answered": result.answered, "asked": result.asked, "share": share(result.answered, of: result.asked),
            ]
        }
        return row
    }
}
