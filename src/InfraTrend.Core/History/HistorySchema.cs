namespace InfraTrend.History;

/// <summary>
/// The schema as an ordered list of forward migrations in plain SQL: step N brings a database from
/// `PRAGMA user_version` N-1 to N. Steps are never edited once released; a change is a new step.
/// </summary>
public static class HistorySchema
{
    /// <summary>`PRAGMA application_id`: marks a file as an InfraTrend history ("ITRH").</summary>
    public const int ApplicationId = 0x49545248;

    public static int LatestVersion => Migrations.Count;

    public static readonly IReadOnlyList<string> Migrations =
    [
        // 1: runs with their scores, findings and facts. Fingerprints, finding texts and facts are stored once
        // however many runs share them (facts Brotli-compressed), so a run costs a few KiB.
        """
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

        // 2: remediation tasks, worked out from the runs, and their events (the user's own among them).
        """
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
        -- Runs recorded before tasks existed: their repositories' tasks are worked out on next use.
        ALTER TABLE repositories ADD COLUMN tasks_stale INTEGER NOT NULL DEFAULT 1;
        """,

        // 3: labels (history mark) and retention: a pruned run keeps its row as a marker of its commit.
        """
        ALTER TABLE runs ADD COLUMN label TEXT;
        ALTER TABLE runs ADD COLUMN pruned_at TEXT;
        CREATE INDEX runs_by_branch ON runs(repository_id, branch, effective_at);
        """,
    ];
}
