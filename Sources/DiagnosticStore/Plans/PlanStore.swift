import DiagnosticCore
import Foundation
import GRDB

/// A target level an organisation set for one dimension.
public struct StoredTarget: Sendable, Hashable {
    /// Dimension id.
    public var dimension: String
    /// Level id.
    public var level: String
    /// When it was set (ISO 8601).
    public var setAt: String
    /// Where it came from: `od4g target`, or the response file that carried it.
    public var source: String

    /// Creates a target.
    public init(dimension: String, level: String, setAt: String, source: String) {
        self.dimension = dimension
        self.level = level
        self.setAt = setAt
        self.source = source
    }
}

/// A support action an organisation has followed.
public struct FollowedAction: Sendable, Hashable {
    /// Action id.
    public var action: String
    /// When it was recorded (ISO 8601).
    public var recordedAt: String
    /// Where it came from: `od4g follow`, or the response file that carried it.
    public var source: String

    /// Creates a record of an action followed.
    public init(action: String, recordedAt: String, source: String) {
        self.action = action
        self.recordedAt = recordedAt
        self.source = source
    }
}

/// What an organisation has stored for its plan: targets and actions followed.
public struct PlanRecord: Sendable, Hashable {
    /// Targets, by dimension id.
    public var targets: [StoredTarget]
    /// Actions followed, by action id.
    public var followed: [FollowedAction]

    /// Creates a record.
    public init(targets: [StoredTarget], followed: [FollowedAction]) {
        self.targets = targets
        self.followed = followed
    }

    /// Targets as dimension → level.
    public var targetLevels: [String: String] {
        Dictionary(targets.map { ($0.dimension, $0.level) }, uniquingKeysWith: { _, last in last })
    }

    /// Ids of the actions followed.
    public var followedIDs: Set<String> { Set(followed.map(\.action)) }
}

/// Where an organisation stands in the database: its key, typology and latest campaign.
public struct OrganisationRef: Sendable, Hashable {
    /// Organisation key.
    public var key: String
    /// Name.
    public var name: String
    /// Official code.
    public var code: String?
    /// Typology id.
    public var typology: String
    /// Département, when known.
    public var departement: String?

    /// Creates a reference.
    public init(key: String, name: String, code: String?, typology: String, departement: String?) {
        self.key = key
        self.name = name
        self.code = code
        self.typology = typology
        self.departement = departement
    }
}

extension OrganisationRef {
    init(row: Row, path: String?) throws(StoreError) {
        self.init(
            key: try row.value("key", of: "organisation", path: path),
            name: try row.value("name", of: "organisation", path: path),
            code: try row.value("code", of: "organisation", path: path),
            typology: try row.value("typology", of: "organisation", path: path),
            departement: try row.value("departement", of: "organisation", path: path))
    }

    /// The organisation `text` names among `candidates`: by key or official code, else by name
    /// (accents and case ignored); when none matches, the error suggests the one whose name
    /// contains the text, or the closest name. Every store matches names with this rule.
    public static func find(_ text: String, among candidates: [OrganisationRef], path: String?) throws(StoreError)
        -> OrganisationRef
    {
        if let exact = candidates.first(where: { $0.key == text || $0.code == text }) { return exact }
        let wanted = RespondentIdentity.normalised(text)
        // A code or key in another case ("sim000002" for "SIM000002"), when it names one organisation.
        let coded = candidates.filter { candidate in
            candidate.code.map { RespondentIdentity.normalised($0) == wanted } ?? false
                || RespondentIdentity.normalised(candidate.key) == wanted
        }
        if coded.count == 1 { return coded[0] }
        let named = candidates.filter { RespondentIdentity.normalised($0.name) == wanted }
        if named.count == 1 { return named[0] }
        if named.count > 1 {
            throw StoreError(.ambiguousOrganisation(text, matches: named.map { "\($0.name) (\($0.code ?? $0.key))" }), path: path)
        }
        let containing = wanted.isEmpty ? [] : candidates.filter { RespondentIdentity.normalised($0.name).contains(wanted) }
        let suggestion =
            containing.count == 1 ? containing[0].name : ResponseChecker.closest(to: text, among: candidates.map(\.name))
        throw StoreError(.unknownOrganisation(text, suggestion: suggestion), path: path)
    }
}

extension CampaignDatabase {
    /// The organisation a user names by official code, key or name, among every organisation stored.
    public func organisation(matching text: String) throws(StoreError) -> OrganisationRef {
        let all = try read { db in
            try Row.fetchAll(db, sql: "SELECT key, name, code, typology, departement FROM organisation ORDER BY name, key")
                .map { row throws(StoreError) in try OrganisationRef(row: row, path: path) }
        }
        return try OrganisationRef.find(text, among: all, path: path)
    }

    /// The campaigns in which the organisation answered, latest first.
    public func campaigns(of organisationKey: String) throws(StoreError) -> [CampaignInfo] {
        let all = try campaigns()
        let ids = try read { db in
            try Int64.fetchSet(
                db,
                sql: """
                    SELECT DISTINCT r.campaign_id FROM response r JOIN organisation o ON o.id = r.organisation_id WHERE o.key = ?
                    """, arguments: [organisationKey])
        }
        return all.filter { ids.contains($0.id) }.sorted { ($0.createdAt, $0.id) > ($1.createdAt, $1.id) }
    }

    /// The targets and followed actions stored for some organisations (all when `keys` is nil), by key.
    public func plans(of keys: Set<String>?) throws(StoreError) -> [String: PlanRecord] {
        let filter = Self.organisationFilter(keys)
        return try read { db in
            var result: [String: PlanRecord] = [:]
            let targets = try Row.fetchCursor(
                db,
                sql: """
                    SELECT o.key, t.dimension, t.level, t.set_at, t.source FROM target t
                    JOIN organisation o ON o.id = t.organisation_id WHERE 1\(filter.sql) ORDER BY o.key, t.dimension
                    """, arguments: filter.arguments)
            while let row = try targets.next() {
                let key: String = try row.value(at: 0, "organisation.key", of: "target", path: path)
                if let keys, !keys.contains(key) { continue }
                result[key, default: PlanRecord(targets: [], followed: [])].targets.append(
                    StoredTarget(
                        dimension: try row.value(at: 1, "dimension", of: "target", path: path),
                        level: try row.value(at: 2, "level", of: "target", path: path),
                        setAt: try row.value(at: 3, "set_at", of: "target", path: path),
                        source: try row.value(at: 4, "source", of: "target", path: path)))
            }
            let followed = try Row.fetchCursor(
                db,
                sql: """
                    SELECT o.key, f.action, f.recorded_at, f.source FROM followed_action f
                    JOIN organisation o ON o.id = f.organisation_id WHERE 1\(filter.sql) ORDER BY o.key, f.action
                    """, arguments: filter.arguments)
            while let row = try followed.next() {
                let key: String = try row.value(at: 0, "organisation.key", of: "followed_action", path: path)
                if let keys, !keys.contains(key) { continue }
                result[key, default: PlanRecord(targets: [], followed: [])].followed.append(
                    FollowedAction(
                        action: try row.value(at: 1, "action", of: "followed_action", path: path),
                        recordedAt: try row.value(at: 2, "recorded_at", of: "followed_action", path: path),
                        source: try row.value(at: 3, "source", of: "followed_action", path: path)))
            }
            return result
        }
    }

    /// Sets target levels (replacing those of the same dimensions) and removes the targets of
    /// `clearing`, in one transaction.
    public func setTargets(
        of organisationKey: String, _ targets: [String: String], clearing: [String], source: String, at now: Date
    ) throws(StoreError) {
        let timestamp = ISO8601DateFormatter().string(from: now)
        try write { db in
            let id = try organisationID(organisationKey, db)
            for dimension in clearing {
                try TargetRecord.filter(TargetRecord.Columns.organisationID == id && TargetRecord.Columns.dimension == dimension)
                    .deleteAll(db)
            }
            for (dimension, level) in targets.sorted(by: { $0.key < $1.key }) {
                try db.execute(
                    sql: PlanSQL.upsertTarget, arguments: [id, dimension, level, timestamp, source])
            }
        }
    }

    /// Records actions as followed (or, with `forget`, removes them), in one transaction.
    public func recordFollowed(
        of organisationKey: String, _ actions: [String], forget: Bool, source: String, at now: Date
    ) throws(StoreError) {
        let timestamp = ISO8601DateFormatter().string(from: now)
        try write { db in
            let id = try organisationID(organisationKey, db)
            for action in actions {
                if forget {
                    try FollowedActionRecord.filter(
                        FollowedActionRecord.Columns.organisationID == id && FollowedActionRecord.Columns.action == action
                    ).deleteAll(db)
                } else {
                    try db.execute(
                        sql: PlanSQL.insertFollowed, arguments: [id, action, timestamp, source])
                }
            }
        }
    }

    private func organisationID(_ key: String, _ db: Database) throws -> Int64 {
        guard
            let id = try OrganisationRecord.filter(OrganisationRecord.Columns.key == key)
                .select(OrganisationRecord.Columns.id, as: Int64.self).fetchOne(db)
        else {
            throw StoreError(.unknownOrganisation(key, suggestion: nil), path: path)
        }
        return id
    }
}

extension ImportSession {
    /// Stores the targets and followed actions a response file carries, for its organisation.
    func storePlan(_ entry: ImportEntry, organisationID: Int64) throws {
        for (dimension, level) in entry.targets.sorted(by: { $0.key < $1.key }) {
            try db.execute(
                sql: PlanSQL.upsertTarget, arguments: [organisationID, dimension, level, now, entry.source])
        }
        for action in Set(entry.followedActions).sorted() {
            try db.execute(
                sql: PlanSQL.insertFollowed, arguments: [organisationID, action, now, entry.source])
        }
    }
}

/// The statements shared by `od4g target`/`od4g follow` and imports.
enum PlanSQL {
    /// Sets one target: (organisation_id, dimension, level, set_at, source).
    static let upsertTarget = """
        INSERT INTO target (organisation_id, dimension, level, set_at, source) VALUES (?, ?, ?, ?, ?)
        ON CONFLICT (organisation_id, dimension) DO UPDATE SET level = excluded.level, set_at = excluded.set_at,
            source = excluded.source
        """
    /// Records one followed action, keeping the first record: (organisation_id, action, recorded_at, source).
    static let insertFollowed = """
        INSERT INTO followed_action (organisation_id, action, recorded_at, source) VALUES (?, ?, ?, ?)
        ON CONFLICT (organisation_id, action) DO NOTHING
        """
}
