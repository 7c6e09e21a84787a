import DiagnosticCore
import DiagnosticStore
import Foundation

/// `od4g serve --demo`: a campaign to try the web side with, in a database of its own. Five
/// organisations are invited; two have submitted, one has a draft, two have not started; forty
/// simulated organisations stand for the rest of the region, so that the regional report has
/// groups large enough to publish. An advisor account with a fresh password is made.
public struct DemoCampaign {
    /// The campaign's name.
    public static let name = "demo-grand-est"

    /// What the demo made: the invitations' links (organisation, token) and the advisor's login.
    public struct Made: Sendable {
        /// Organisation and token of each invitation, in order.
        public let links: [(organisation: String, token: String)]
        /// The advisor's name.
        public let advisor: String
        /// Their password (printed once; only its hash is stored).
        public let password: String
    }

    /// The invited organisations (fictional contacts; public figures rounded).
    static let invited: [Invitation] = [
        Invitation(
            organisation: "Commune de Lucey", code: "54326", typology: "commune", population: 620, agents: 4, departement: "54",
            email: "mairie@lucey.example"),
        Invitation(
            organisation: "Communauté de communes Terres Touloises", code: "200070332", typology: "cc", population: 45_000,
            agents: 180, departement: "54", email: "sig@terrestouloises.example"),
        Invitation(
            organisation: "Département de la Meuse", code: "55", typology: "departement", population: 180_000, agents: 2_300,
            departement: "55", email: "donnees@meuse.example"),
        Invitation(
            organisation: "Parc naturel régional de Lorraine", typology: "pnr", population: 75_000, agents: 60, departement: "54",
            email: "contact@pnr-lorraine.example"),
        Invitation(
            organisation: "Commune de Void-Vacon", code: "55573", typology: "commune", population: 1_700, agents: 12,
            departement: "55", email: "mairie@void-vacon.example"),
    ]

    /// Fills `store` (new and empty) with the demo campaign of `questionnaire` (which carries its
    /// simulation profile), stored with `text`.
    public static func make(
        in store: CampaignDatabase, questionnaire: Questionnaire, text: String, language: Language
    ) throws -> Made {
        let now = Date()
        let invitations = invited.filter { questionnaire.typology($0.typology) != nil }
        let links = invitations.map { (invitation: $0, token: InvitationToken.make()) }
        try store.invite(links, campaign: name, period: "2026", questionnaire: questionnaire, questionnaireText: text, now: now)
        let stored = try store.invitations(campaign: try store.campaign(named: name).campaign)
        // Simulated respondents: the first of the right typology answers for each of the first three
        // invited organisations, as their own; forty others stand for the rest of the region.
        // A simulated response that does not check is a fault of the simulation profile: said, not skipped.
        func entry(_ raw: RawResponse, source: String) throws -> ImportEntry {
            let checked = WebServer.entry(raw, questionnaire: questionnaire, source: source, language: language)
            guard let entry = checked.entry else {
                throw WebFailure(
                    message: (Array(checked.errors.values) + Array(checked.profile.values) + checked.general).joined(
                        separator: "; "))
            }
            return entry
        }
        var pool = Array(Simulator(questionnaire: questionnaire, seed: 2026).respondents(count: 200))
        var entries: [ImportEntry] = []
        var saves: [(entry: ImportEntry, invitation: Int64, submitted: Bool)] = []
        for (index, invitation) in stored.prefix(3).enumerated() {
            guard let position = pool.firstIndex(where: { Self.typology(of: $0) == invitation.invitation.typology }) else {
                continue
            }
            let simulated = pool.remove(at: position)
            let respondent = WebServer.Respondent(invitation.invitation, questionnaire: questionnaire)
            let raw = RawResponse(questionnaireID: questionnaire.id, profile: respondent.raw, answers: simulated.answers)
            saves.append((try entry(raw, source: "web:invitation-\(invitation.id)"), invitation.id, index < 2))
        }
        for simulated in pool.prefix(40) { entries.append(try entry(simulated, source: "simulation")) }
        _ = try store.importing(campaign: name, period: "2026", questionnaire: questionnaire, questionnaireText: text) {
            batch in
            for entry in entries { try batch.store(entry) }
            return true
        }
        // The invited respondents' answers are stored as the web stores a save (their progress with them).
        let campaign = try store.campaign(named: name).campaign
        for save in saves {
            _ = try store.storeWebSave(
                save.entry, campaign: campaign, invitation: save.invitation, submitted: save.submitted, now: now)
        }
        let password = String(InvitationToken.make().prefix(16))
        try store.addAdvisor(name: "demo", passwordHash: Passwords.hash(password), role: "advisor", now: now)
        return Made(links: links.map { ($0.invitation.organisation, $0.token) }, advisor: "demo", password: password)
    }

    private static func typology(of raw: RawResponse) -> String? {
        guard let value = raw.profile.first(where: { $0.field == "typology" })?.value, case .scalar(let text) = value else {
            return nil
        }
        return text
    }
}
