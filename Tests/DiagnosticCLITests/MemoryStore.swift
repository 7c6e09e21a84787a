import DiagnosticCore
import DiagnosticStore
import Foundation

/// A campaign store in dictionaries: the proof that a store is written by implementing
/// `CampaignStore` alone (the SQLite one's defaults do the rest), and the second store the seam
/// tests compare `CampaignDatabase` with.
final class MemoryStore: CampaignStore, @unchecked Sendable {
    /// What the store holds; imports work on a copy, kept only when they commit.
    struct State {
        var campaigns: [StoredCampaign] = []
        /// Organisations by key, and the order the store met them.
        var organisations: [String: OrganisationRef] = [:]
        var organisationOrder: [String] = []
        var plans: [String: PlanRecord] = [:]
        /// Invitations with their tokens' hashes.
        var invitations: [(hash: String, invitation: StoredInvitation)] = []
    }

    struct StoredCampaign {
        var info: CampaignInfo
        var text: String
        /// Organisation key → respondent key → entry.
        var entries: [String: [String: ImportEntry]] = [:]
    }

    let path: String? = nil
    private let lock = NSLock()
    private var state = State()

    private func reading<T>(_ body: (State) throws -> T) rethrows -> T {
        try lock.withLock { try body(state) }
    }

    func campaigns() throws(StoreError) -> [CampaignInfo] {
        reading { state in
            state.campaigns.map { campaign in
                var info = campaign.info
                info.responses = campaign.entries.values.reduce(0) { $0 + $1.count }
                info.organisations = campaign.entries.count
                return info
            }.sorted { $0.name < $1.name }
        }
    }

    func campaign(named name: String) throws(StoreError) -> (campaign: CampaignInfo, questionnaireText: String) {
        let all = try campaigns()
        guard let info = all.first(where: { $0.name == name }),
            let text = reading({ $0.campaigns.first { $0.info.id == info.id }?.text })
        else { throw StoreError(.unknownCampaign(name, known: all.map(\.name))) }
        return (info, text)
    }

    func campaigns(of organisationKey: String) throws(StoreError) -> [CampaignInfo] {
        let ids = reading { Set($0.campaigns.filter { $0.entries[organisationKey] != nil }.map(\.info.id)) }
        return try campaigns().filter { ids.contains($0.id) }.sorted { ($0.createdAt, $0.id) > ($1.createdAt, $1.id) }
    }

    func organisation(matching text: String) throws(StoreError) -> OrganisationRef {
        let all = reading { $0.organisations.values.sorted { ($0.name, $0.key) < ($1.name, $1.key) } }
        return try OrganisationRef.find(text, among: all, path: nil)
    }

    func organisationKey(matching text: String, campaign: CampaignInfo) throws(StoreError) -> String {
        let candidates = reading { state in
            (state.campaigns.first { $0.info.id == campaign.id }?.entries.keys).map { keys in
                keys.compactMap { state.organisations[$0] }.sorted { ($0.name, $0.key) < ($1.name, $1.key) }
            } ?? []
        }
        return try OrganisationRef.find(text, among: candidates, path: nil).key
    }

    /// The entries of a campaign as `forEachOrganisation` orders them.
    private func ordered(_ campaign: CampaignInfo, only keys: Set<String>?) -> [[ImportEntry]] {
        reading { state in
            guard let stored = state.campaigns.first(where: { $0.info.id == campaign.id }) else { return [] }
            return state.organisationOrder.compactMap { key in
                guard keys?.contains(key) ?? true, let respondents = stored.entries[key] else { return nil }
                return respondents.keys.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }.compactMap {
                    respondents[$0]
                }
            }
        }
    }

    func forEachOrganisation(
        campaign: CampaignInfo, questionnaire: Questionnaire, only organisationKeys: Set<String>?,
        _ body: ([CampaignEntry]) throws -> Void
    ) throws {
        for group in ordered(campaign, only: organisationKeys) {
            try body(
                group.map { entry in
                    CampaignEntry(
                        organisationKey: entry.identity.organisationKey, organisationName: entry.identity.organisationName,
                        organisationCode: entry.identity.code, typology: entry.identity.typology,
                        departement: entry.identity.departement, respondentKey: entry.identity.respondentKey,
                        role: entry.identity.role, result: entry.result)
                })
        }
    }

    func storedResponses(campaign: CampaignInfo, organisationKeys: Set<String>?) throws(StoreError) -> [StoredResponse] {
        ordered(campaign, only: organisationKeys).joined().map { entry in
            StoredResponse(
                organisationKey: entry.identity.organisationKey, respondentKey: entry.identity.respondentKey,
                role: entry.identity.role, profileJSON: entry.profileJSON, answersJSON: entry.answersJSON)
        }
    }

    func plans(of keys: Set<String>?) throws(StoreError) -> [String: PlanRecord] {
        reading { state in state.plans.filter { keys?.contains($0.key) ?? true } }
    }

    private func changingPlan(of key: String, _ body: (inout PlanRecord) -> Void) throws(StoreError) {
        let known = lock.withLock { () -> Bool in
            guard state.organisations[key] != nil else { return false }
            body(&state.plans[key, default: PlanRecord(targets: [], followed: [])])
            return true
        }
        guard known else { throw StoreError(.unknownOrganisation(key, suggestion: nil)) }
    }

    func setTargets(
        of organisationKey: String, _ targets: [String: String], clearing: [String], source: String, at now: Date
    ) throws(StoreError) {
        let setAt = ISO8601DateFormatter().string(from: now)
        try changingPlan(of: organisationKey) { plan in
            plan.targets.removeAll { clearing.contains($0.dimension) || targets[$0.dimension] != nil }
            plan.targets += targets.map { StoredTarget(dimension: $0.key, level: $0.value, setAt: setAt, source: source) }
            plan.targets.sort { $0.dimension < $1.dimension }
        }
    }

    func recordFollowed(
        of organisationKey: String, _ actions: [String], forget: Bool, source: String, at now: Date
    ) throws(StoreError) {
        let recordedAt = ISO8601DateFormatter().string(from: now)
        try changingPlan(of: organisationKey) { plan in
            for action in actions {
                if forget {
                    plan.followed.removeAll { $0.action == action }
                } else if !plan.followed.contains(where: { $0.action == action }) {
                    plan.followed.append(FollowedAction(action: action, recordedAt: recordedAt, source: source))
                }
            }
            plan.followed.sort { $0.action < $1.action }
        }
    }

    func invite(
        _ invitations: [(invitation: Invitation, token: String)], campaign name: String, period: String?,
        questionnaire: Questionnaire, questionnaireText: String, now: Date
    ) throws(StoreError) {
        // The campaign, created as an import creates it (an import's errors are store errors).
        do {
            _ = try importing(
                campaign: name, period: period, questionnaire: questionnaire, questionnaireText: questionnaireText, now: now
            ) { _ in true }
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(.sqlite(String(describing: error)))
        }
        let campaignID = reading { $0.campaigns.first { $0.info.name == name }?.info.id } ?? 0
        lock.withLock {
            for (invitation, token) in invitations {
                state.invitations.append(
                    (
                        InvitationToken.hash(token),
                        StoredInvitation(
                            id: Int64(state.invitations.count + 1), campaignID: campaignID, invitation: invitation,
                            createdAt: ISO8601DateFormatter().string(from: now), revokedAt: nil)
                    ))
            }
        }
    }

    func invitation(token: String) throws(StoreError) -> StoredInvitation? {
        let hash = InvitationToken.hash(token)
        return reading { $0.invitations.first { $0.hash == hash }?.invitation }
    }

    func revokeInvitation(token: String, now: Date) throws(StoreError) -> StoredInvitation? {
        let hash = InvitationToken.hash(token)
        return lock.withLock {
            guard let index = state.invitations.firstIndex(where: { $0.hash == hash }) else { return nil }
            if state.invitations[index].invitation.revokedAt == nil {
                state.invitations[index].invitation.revokedAt = ISO8601DateFormatter().string(from: now)
            }
            return state.invitations[index].invitation
        }
    }

    func invitations(campaign: CampaignInfo) throws(StoreError) -> [StoredInvitation] {
        reading { $0.invitations.map(\.invitation).filter { $0.campaignID == campaign.id } }
    }

    func importing(
        campaign name: String, period: String?, questionnaire: Questionnaire, questionnaireText: String, now: Date,
        body: (any ImportBatch) throws -> Bool
    ) throws -> ImportOutcome {
        let batch = Batch(state: reading { $0 })
        let hash = CampaignDatabase.sha256(questionnaireText)
        if let existing = batch.state.campaigns.firstIndex(where: { $0.info.name == name }) {
            let stored = batch.state.campaigns[existing].info
            guard stored.questionnaireSHA256 == hash else {
                throw StoreError(
                    .campaignQuestionnaireDiffers(
                        campaign: name,
                        stored: "\(stored.questionnaireVersion) (sha256 \(stored.questionnaireSHA256.prefix(12)))",
                        given: "\(questionnaire.version) (sha256 \(hash.prefix(12)))"))
            }
            batch.campaign = existing
        } else {
            let info = CampaignInfo(
                id: Int64(batch.state.campaigns.count + 1), name: name, period: period,
                createdAt: ISO8601DateFormatter().string(from: now), questionnaireID: questionnaire.id,
                questionnaireVersion: questionnaire.version, questionnaireSHA256: hash, responses: 0, organisations: 0)
            batch.state.campaigns.append(StoredCampaign(info: info, text: questionnaireText))
            batch.campaign = batch.state.campaigns.count - 1
        }
        let commit = try body(batch)
        if commit { lock.withLock { state = batch.state } }
        return ImportOutcome(inserted: batch.inserted, updated: batch.updated, committed: commit)
    }

    /// One import's changes, on a copy of the state.
    final class Batch: ImportBatch {
        var state: State
        var campaign = 0
        private(set) var inserted = 0
        private(set) var updated = 0
        /// Organisations this import met already: the first response of an import names them.
        private var met: Set<String> = []

        init(state: State) {
            self.state = state
        }

        func store(_ entry: ImportEntry) throws {
            let who = entry.identity
            if !met.contains(who.organisationKey) {
                met.insert(who.organisationKey)
                let before = state.organisations[who.organisationKey]
                if before == nil { state.organisationOrder.append(who.organisationKey) }
                state.organisations[who.organisationKey] = OrganisationRef(
                    key: who.organisationKey, name: who.organisationName, code: who.code, typology: who.typology,
                    departement: who.departement ?? before?.departement)
            }
            for (dimension, level) in entry.targets {
                state.plans[who.organisationKey, default: PlanRecord(targets: [], followed: [])].targets.removeAll {
                    $0.dimension == dimension
                }
                state.plans[who.organisationKey]?.targets.append(
                    StoredTarget(dimension: dimension, level: level, setAt: "", source: entry.source))
            }
            for action in Set(entry.followedActions).sorted() {
                var plan = state.plans[who.organisationKey] ?? PlanRecord(targets: [], followed: [])
                if !plan.followed.contains(where: { $0.action == action }) {
                    plan.followed.append(FollowedAction(action: action, recordedAt: "", source: entry.source))
                }
                state.plans[who.organisationKey] = plan
            }
            if state.campaigns[campaign].entries[who.organisationKey]?[who.respondentKey] == nil {
                inserted += 1
            } else {
                updated += 1
            }
            state.campaigns[campaign].entries[who.organisationKey, default: [:]][who.respondentKey] = entry
        }
    }
}
