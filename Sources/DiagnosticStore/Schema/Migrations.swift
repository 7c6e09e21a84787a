import Foundation
import GRDB

/// The schema, as migrations. A migration is never edited once it has shipped: add a new one.
enum Migrations {
    /// Every migration this program knows, in order.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-campaigns") { db in
            try db.execute(
                sql: """
                        CREATE TABLE questionnaire (
                            id INTEGER PRIMARY KEY,
                            code TEXT NOT NULL,
                            version TEXT NOT NULL,
                            sha256 TEXT NOT NULL UNIQUE,
                            content TEXT NOT NULL,
                            stored_at TEXT NOT NULL
                        );
                        CREATE TABLE campaign (
                            id INTEGER PRIMARY KEY,
                            name TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
                            period TEXT,
                            questionnaire_id INTEGER NOT NULL REFERENCES questionnaire(id),
                            created_at TEXT NOT NULL
                        );
                        CREATE TABLE organisation (
                            id INTEGER PRIMARY KEY,
                            key TEXT NOT NULL UNIQUE,
                            name TEXT NOT NULL,
                            code TEXT,
                            typology TEXT NOT NULL,
                            population REAL,
                            agents REAL,
                            departement TEXT
                        );
                        CREATE TABLE response (
                            id INTEGER PRIMARY KEY,
                            campaign_id INTEGER NOT NULL REFERENCES campaign(id) ON DELETE CASCADE,
                            organisation_id INTEGER NOT NULL REFERENCES organisation(id),
                            respondent_key TEXT NOT NULL,
                            respondent_name TEXT,
                            email TEXT,
                            role TEXT,
                            viewpoint TEXT,
                            typology TEXT NOT NULL,
                            population REAL,
                            agents REAL,
                            departement TEXT,
                            profile TEXT NOT NULL CHECK (json_valid(profile)),
                            answers TEXT NOT NULL CHECK (json_valid(answers)),
                            source TEXT NOT NULL,
                            imported_at TEXT NOT NULL,
                            UNIQUE (campaign_id, organisation_id, respondent_key)
                        );
                        CREATE INDEX response_by_organisation ON response(organisation_id);
                        CREATE TABLE response_score (
                        response_id INTEGER PRIMARY KEY REFERENCES response(id) ON DELETE CASCADE,
                        overall REAL CHECK (overall BETWEEN 0 AND 100),
                        overall_level TEXT,
                        answered INTEGER NOT NULL CHECK (answered >= 0),
                        asked INTEGER NOT NULL CHECK (asked >= answered),
                        dimensions BLOB NOT NULL,
                        questions BLOB NOT NULL
                    );
                    """)
        }
        migrator.registerMigration("v2-targets") { db in
            try db.execute(
                sql: """
                    CREATE TABLE target (
                        organisation_id INTEGER NOT NULL REFERENCES organisation(id) ON DELETE CASCADE,
                        dimension TEXT NOT NULL CHECK (length(dimension) > 0),
                        level TEXT NOT NULL CHECK (length(level) > 0),
                        set_at TEXT NOT NULL,
                        source TEXT NOT NULL,
                        PRIMARY KEY (organisation_id, dimension)
                    );
                    CREATE TABLE followed_action (
                        organisation_id INTEGER NOT NULL REFERENCES organisation(id) ON DELETE CASCADE,
                        action TEXT NOT NULL CHECK (length(action) > 0),
                        recorded_at TEXT NOT NULL,
                        source TEXT NOT NULL,
                        PRIMARY KEY (organisation_id, action)
                    );
                    """)
        }
        migrator.registerMigration("v3-result-format") { db in
            try addFormatVersion(db)
        }
        migrator.registerMigration("v4-invitations") { db in
            try db.execute(
                sql: """
                    CREATE TABLE invitation (
                        id INTEGER PRIMARY KEY,
                        campaign_id INTEGER NOT NULL REFERENCES campaign(id) ON DELETE CASCADE,
                        token_sha256 TEXT NOT NULL UNIQUE CHECK (length(token_sha256) = 64),
                        organisation TEXT NOT NULL CHECK (length(trim(organisation)) > 0),
                        code TEXT,
                        typology TEXT NOT NULL,
                        population REAL,
                        agents REAL,
                        departement TEXT,
                        email TEXT,
                        created_at TEXT NOT NULL,
                        revoked_at TEXT
                    );
                    CREATE INDEX invitation_by_campaign ON invitation(campaign_id);
                    """)
        }
        migrator.registerMigration("v5-web") { db in
            try db.execute(
                sql: """
                    ALTER TABLE campaign ADD COLUMN closed_at TEXT;
                    ALTER TABLE invitation ADD COLUMN first_saved_at TEXT;
                    ALTER TABLE invitation ADD COLUMN saved_at TEXT;
                    ALTER TABLE invitation ADD COLUMN submitted_at TEXT;
                    ALTER TABLE invitation ADD COLUMN version INTEGER NOT NULL DEFAULT 0 CHECK (version >= 0);
                    ALTER TABLE invitation ADD COLUMN replaced_by INTEGER REFERENCES invitation(id);
                    CREATE TABLE advisor (
                        id INTEGER PRIMARY KEY,
                        name TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
                        password_hash TEXT NOT NULL,
                        role TEXT NOT NULL CHECK (role IN ('advisor', 'admin')),
                        created_at TEXT NOT NULL
                    );
                    CREATE TABLE advisor_session (
                        token_sha256 TEXT PRIMARY KEY CHECK (length(token_sha256) = 64),
                        advisor_id INTEGER NOT NULL REFERENCES advisor(id) ON DELETE CASCADE,
                        created_at TEXT NOT NULL,
                        expires_at TEXT NOT NULL
                    );
                    CREATE TABLE web_secret (
                        id INTEGER PRIMARY KEY CHECK (id = 1),
                        secret BLOB NOT NULL CHECK (length(secret) = 32)
                    );
                    """)
        }
        migrator.registerMigration("v6-open-links") { db in
            try db.execute(
                sql: """
                    CREATE TABLE open_link (
                        id INTEGER PRIMARY KEY,
                        campaign_id INTEGER NOT NULL REFERENCES campaign(id) ON DELETE CASCADE,
                        token_sha256 TEXT NOT NULL UNIQUE CHECK (length(token_sha256) = 64),
                        created_at TEXT NOT NULL,
                        revoked_at TEXT
                    );
                    """)
        }
        return migrator
    }

    /// `v3-result-format`: the result blobs of `response_score` start with the version of their
    /// layout (`ResultPacking`); those written before it have no version byte and are version 1.
    /// Rewritten 10,000 rows at a time, in response order.
    private static func addFormatVersion(_ db: Database) throws {
        // This migration writes version 1 for ever, whatever `ResultPacking.formatVersion` becomes.
        let version = Data([1])
        let update = try db.makeStatement(sql: "UPDATE response_score SET dimensions = ?, questions = ? WHERE response_id = ?")
        var last: Int64 = .min
        while true {
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT response_id AS id, dimensions, questions FROM response_score
                    WHERE response_id > ? ORDER BY response_id LIMIT 10000
                    """, arguments: [last])
            guard !rows.isEmpty else { return }
            for row in rows {
                let id: Int64 = try row.value("id", of: "response_score", path: nil)
                let dimensions: Data = try row.value("dimensions", of: "response_score", path: nil)
                let questions: Data = try row.value("questions", of: "response_score", path: nil)
                try update.execute(arguments: [version + dimensions, version + questions, id])
                last = id
            }
        }
    }
}
