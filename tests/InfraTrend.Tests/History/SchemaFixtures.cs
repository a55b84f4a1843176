namespace InfraTrend.Tests.History;

/// <summary>
/// Each earlier schema version as a database of that version holds it (`sqlite3 .schema`), with a little data, so the
/// migration tests build real old databases. Frozen: a new schema version adds the previous one here, never edits one.
/// </summary>
public static class SchemaFixtures
{
    public static readonly IReadOnlyDictionary<int, string> Schemas = new Dictionary<int, string>
    {
        [1] = """
        CREATE TABLE repositories (
            id INTEGER PRIMARY KEY,
            identity TEXT NOT NULL UNIQUE,
            root TEXT NOT NULL,
            remote_url TEXT,
            root_commit TEXT,
            created_at TEXT NOT NULL
        );
        CREATE TABLE facts (
            id INTEGER PRIMARY KEY,
            hash TEXT NOT NULL UNIQUE,
            model_version INTEGER NOT NULL,
            brotli_json BLOB NOT NULL
        );
        CREATE TABLE rulesets (
            version TEXT PRIMARY KEY,
            category_weights TEXT NOT NULL
        ) WITHOUT ROWID;
        CREATE TABLE ruleset_rules (
            ruleset_version TEXT NOT NULL REFERENCES rulesets(version),
            analyzer_id TEXT NOT NULL,
            category TEXT NOT NULL,
            level INTEGER NOT NULL,
            weight REAL NOT NULL,
            severity TEXT NOT NULL,
            scope TEXT NOT NULL,
            title TEXT NOT NULL,
            PRIMARY KEY (ruleset_version, analyzer_id)
        ) WITHOUT ROWID;
        CREATE TABLE runs (
            id INTEGER PRIMARY KEY,
            uid TEXT NOT NULL UNIQUE,
            repository_id INTEGER NOT NULL REFERENCES repositories(id) ON DELETE CASCADE,
            number INTEGER NOT NULL,
            audited_at TEXT NOT NULL,
            effective_at TEXT NOT NULL,
            commit_sha TEXT,
            committed_at TEXT,
            branch TEXT,
            dirty INTEGER NOT NULL,
            tool_version TEXT NOT NULL,
            ruleset_version TEXT NOT NULL REFERENCES rulesets(version),
            config_hash TEXT,
            files_scanned INTEGER NOT NULL,
            duration_ticks INTEGER NOT NULL,
            details TEXT NOT NULL,
            facts_id INTEGER REFERENCES facts(id),
            UNIQUE (repository_id, number)
        );
        CREATE INDEX runs_by_time ON runs(repository_id, effective_at, audited_at);
        CREATE INDEX runs_by_commit ON runs(repository_id, commit_sha);
        CREATE INDEX runs_by_facts ON runs(facts_id);
        CREATE TABLE run_scores (
            run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
            ruleset_version TEXT NOT NULL REFERENCES rulesets(version),
            overall INTEGER,
            maturity_level INTEGER NOT NULL,
            PRIMARY KEY (run_id, ruleset_version)
        ) WITHOUT ROWID;
        CREATE TABLE category_scores (
            run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
            ruleset_version TEXT NOT NULL,
            part_path TEXT NOT NULL,
            category TEXT NOT NULL,
            score INTEGER,
            PRIMARY KEY (run_id, ruleset_version, part_path, category)
        ) WITHOUT ROWID;
        CREATE TABLE fingerprints (
            id INTEGER PRIMARY KEY,
            analyzer_id TEXT NOT NULL,
            part_path TEXT NOT NULL,
            subject TEXT NOT NULL,
            UNIQUE (analyzer_id, part_path, subject)
        );
        CREATE TABLE finding_texts (
            id INTEGER PRIMARY KEY,
            hash TEXT NOT NULL UNIQUE,
            message TEXT NOT NULL,
            fix TEXT,
            evidence TEXT NOT NULL
        );
        CREATE TABLE findings (
            run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
            ordinal INTEGER NOT NULL,
            fingerprint_id INTEGER NOT NULL REFERENCES fingerprints(id),
            status TEXT NOT NULL,
            score REAL NOT NULL,
            priority TEXT,
            text_id INTEGER REFERENCES finding_texts(id),
            PRIMARY KEY (run_id, ordinal)
        ) WITHOUT ROWID;
        """,
        [2] = """
        CREATE TABLE repositories (
            id INTEGER PRIMARY KEY,
            identity TEXT NOT NULL UNIQUE,
            root TEXT NOT NULL,
            remote_url TEXT,
            root_commit TEXT,
            created_at TEXT NOT NULL
        , tasks_stale INTEGER NOT NULL DEFAULT 1);
        CREATE TABLE facts (
            id INTEGER PRIMARY KEY,
            hash TEXT NOT NULL UNIQUE,
            model_version INTEGER NOT NULL,
            brotli_json BLOB NOT NULL
        );
        CREATE TABLE rulesets (
            version TEXT PRIMARY KEY,
            category_weights TEXT NOT NULL
        ) WITHOUT ROWID;
        CREATE TABLE ruleset_rules (
            ruleset_version TEXT NOT NULL REFERENCES rulesets(version),
            analyzer_id TEXT NOT NULL,
            category TEXT NOT NULL,
            level INTEGER NOT NULL,
            weight REAL NOT NULL,
            severity TEXT NOT NULL,
            scope TEXT NOT NULL,
            title TEXT NOT NULL,
            PRIMARY KEY (ruleset_version, analyzer_id)
        ) WITHOUT ROWID;
        CREATE TABLE runs (
            id INTEGER PRIMARY KEY,
            uid TEXT NOT NULL UNIQUE,
            repository_id INTEGER NOT NULL REFERENCES repositories(id) ON DELETE CASCADE,
            number INTEGER NOT NULL,
            audited_at TEXT NOT NULL,
            effective_at TEXT NOT NULL,
            commit_sha TEXT,
            committed_at TEXT,
            branch TEXT,
            dirty INTEGER NOT NULL,
            tool_version TEXT NOT NULL,
            ruleset_version TEXT NOT NULL REFERENCES rulesets(version),
            config_hash TEXT,
            files_scanned INTEGER NOT NULL,
            duration_ticks INTEGER NOT NULL,
            details TEXT NOT NULL,
            facts_id INTEGER REFERENCES facts(id),
            UNIQUE (repository_id, number)
        );
        CREATE INDEX runs_by_time ON runs(repository_id, effective_at, audited_at);
        CREATE INDEX runs_by_commit ON runs(repository_id, commit_sha);
        CREATE INDEX runs_by_facts ON runs(facts_id);
        CREATE TABLE run_scores (
            run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
            ruleset_version TEXT NOT NULL REFERENCES rulesets(version),
            overall INTEGER,
            maturity_level INTEGER NOT NULL,
            PRIMARY KEY (run_id, ruleset_version)
        ) WITHOUT ROWID;
        CREATE TABLE category_scores (
            run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
            ruleset_version TEXT NOT NULL,
            part_path TEXT NOT NULL,
            category TEXT NOT NULL,
            score INTEGER,
            PRIMARY KEY (run_id, ruleset_version, part_path, category)
        ) WITHOUT ROWID;
        CREATE TABLE fingerprints (
            id INTEGER PRIMARY KEY,
            analyzer_id TEXT NOT NULL,
            part_path TEXT NOT NULL,
            subject TEXT NOT NULL,
            UNIQUE (analyzer_id, part_path, subject)
        );
        CREATE TABLE finding_texts (
            id INTEGER PRIMARY KEY,
            hash TEXT NOT NULL UNIQUE,
            message TEXT NOT NULL,
            fix TEXT,
            evidence TEXT NOT NULL
        );
        CREATE TABLE findings (
            run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
            ordinal INTEGER NOT NULL,
            fingerprint_id INTEGER NOT NULL REFERENCES fingerprints(id),
            status TEXT NOT NULL,
            score REAL NOT NULL,
            priority TEXT,
            text_id INTEGER REFERENCES finding_texts(id),
            PRIMARY KEY (run_id, ordinal)
        ) WITHOUT ROWID;
        CREATE TABLE tasks (
            repository_id INTEGER NOT NULL REFERENCES repositories(id) ON DELETE CASCADE,
            fingerprint TEXT NOT NULL,
            analyzer_id TEXT NOT NULL,
            part_path TEXT NOT NULL,
            subject TEXT NOT NULL,
            title TEXT NOT NULL,
            priority TEXT NOT NULL,
            state TEXT NOT NULL,
            first_seen_at TEXT NOT NULL,
            first_seen_commit TEXT,
            first_seen_run INTEGER NOT NULL,
            last_seen_at TEXT NOT NULL,
            last_seen_commit TEXT,
            last_seen_run INTEGER NOT NULL,
            opened_at TEXT NOT NULL,
            opened_commit TEXT,
            closed_at TEXT,
            closed_commit TEXT,
            until TEXT,
            reason TEXT,
            PRIMARY KEY (repository_id, fingerprint)
        );
        CREATE TABLE task_events (
            id INTEGER PRIMARY KEY,
            repository_id INTEGER NOT NULL REFERENCES repositories(id) ON DELETE CASCADE,
            fingerprint TEXT NOT NULL,
            at TEXT NOT NULL,
            kind TEXT NOT NULL,
            source TEXT NOT NULL,
            run_number INTEGER,
            commit_sha TEXT,
            reason TEXT,
            until TEXT,
            uid TEXT UNIQUE
        );
        CREATE INDEX task_events_by_task ON task_events(repository_id, fingerprint, at);
        CREATE INDEX task_events_by_source ON task_events(repository_id, source, at);
        """,
    };

    /// <summary>One repository with one run (ci.pipeline failing, operations.readme passing), valid in every version.</summary>
    public const string RunData = """
        INSERT INTO repositories (id, identity, root, remote_url, root_commit, created_at)
        VALUES (1, 'github.com/acme/shop', '/srv/shop', 'https://github.com/acme/shop.git', NULL, '2025-01-05T10:00:00.0000000Z');
        INSERT INTO facts (id, hash, model_version, brotli_json)
        VALUES (1, 'f1', 1, X'1B570000C4B666EA972D5FED1FEACA5818CC20ECE7A39621C2061CB8841C72C293DC0FA5A9FEC2B247DE433CD43EF020B86C0B4DF31F5CD85E7580AB090D504D59D3EE26ECDB33C0E7D5');
        INSERT INTO rulesets (version, category_weights) VALUES ('old-rules', '{"ci":1,"operations":0.25}');
        INSERT INTO ruleset_rules (ruleset_version, analyzer_id, category, level, weight, severity, scope, title)
        VALUES ('old-rules', 'ci.pipeline', 'ci', 2, 3, 'high', 'repository', 'CI pipeline'),
               ('old-rules', 'operations.readme', 'operations', 1, 1, 'low', 'repository', 'README');
        INSERT INTO runs (id, uid, repository_id, number, audited_at, effective_at, commit_sha, committed_at, branch, dirty,
                          tool_version, ruleset_version, config_hash, files_scanned, duration_ticks, details, facts_id)
        VALUES (1, 'run-1', 1, 1, '2025-01-05T10:00:00.0000000Z', '2025-01-04T09:00:00.0000000Z', 'aaaaaaa1111111111111111111111111111111111',
                '2025-01-04T09:00:00.0000000Z', 'main', 0, '0.0.9', 'old-rules', NULL, 12, 3400000, '{"skipped":[],"warnings":[]}', 1);
        INSERT INTO run_scores (run_id, ruleset_version, overall, maturity_level) VALUES (1, 'old-rules', 20, 1);
        INSERT INTO category_scores (run_id, ruleset_version, part_path, category, score)
        VALUES (1, 'old-rules', '', 'ci', 0), (1, 'old-rules', '', 'operations', 100);
        INSERT INTO fingerprints (id, analyzer_id, part_path, subject)
        VALUES (1, 'ci.pipeline', '.', 'repository'), (2, 'operations.readme', '.', 'repository');
        INSERT INTO finding_texts (id, hash, message, fix, evidence)
        VALUES (1, 't1', 'No CI pipeline found.', 'Add a workflow.', '[]'), (2, 't2', 'A README explains the project.', NULL, '[["README.md",0]]');
        INSERT INTO findings (run_id, ordinal, fingerprint_id, status, score, priority, text_id)
        VALUES (1, 0, 1, 'fail', 0, 'high', 1), (1, 1, 2, 'pass', 1, NULL, 2);
        """;

    /// <summary>What version 2 added: the run's task, already worked out.</summary>
    public const string TaskData = """
        UPDATE repositories SET tasks_stale = 0;
        INSERT INTO tasks (repository_id, fingerprint, analyzer_id, part_path, subject, title, priority, state,
                           first_seen_at, first_seen_commit, first_seen_run, last_seen_at, last_seen_commit, last_seen_run, opened_at, opened_commit)
        VALUES (1, 'ci.pipeline|.|repository', 'ci.pipeline', '.', 'repository', 'CI pipeline', 'high', 'open',
                '2025-01-04T09:00:00.0000000Z', 'aaaaaaa1111111111111111111111111111111111', 1,
                '2025-01-04T09:00:00.0000000Z', 'aaaaaaa1111111111111111111111111111111111', 1,
                '2025-01-04T09:00:00.0000000Z', 'aaaaaaa1111111111111111111111111111111111');
        INSERT INTO task_events (repository_id, fingerprint, at, kind, source, run_number, commit_sha, reason)
        VALUES (1, 'ci.pipeline|.|repository', '2025-01-04T09:00:00.0000000Z', 'opened', 'audit', 1, 'aaaaaaa1111111111111111111111111111111111', 'fails');
        """;
}
