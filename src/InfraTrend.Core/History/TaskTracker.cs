using Dapper;
using InfraTrend.Model;
using Microsoft.Data.Sqlite;

namespace InfraTrend.History;

/// <summary>A remediation task's state (the ids are what JSON and the table print).</summary>
public enum TaskState
{
    Open,
    Reopened,
    Accepted,
    Deferred,
    Resolved,
    Done,
}

/// <summary>The ids of task states, and which states count as open or closed.</summary>
public static class TaskStates
{
    public static string Id(this TaskState state) => state.ToString().ToLowerInvariant();

    public static TaskState Parse(string id) => Enum.Parse<TaskState>(id, ignoreCase: true);

    /// <summary>Open or reopened: something to do now.</summary>
    public static bool IsOpen(this TaskState state) => state is TaskState.Open or TaskState.Reopened;

    /// <summary>Resolved by an audit or marked done by hand.</summary>
    public static bool IsClosed(this TaskState state) => state is TaskState.Resolved or TaskState.Done;
}

/// <summary>When and where something happened to a task: a time, the commit and the run number when an audit saw it.</summary>
public sealed record TaskMoment(DateTimeOffset At, string? Commit, int? Run);

/// <summary>A remediation task as tracked across audits: its fingerprint is its id.</summary>
public sealed record TrackedTask(
    string Id,
    string AnalyzerId,
    string PartPath,
    string Subject,
    string Title,
    Priority Priority,
    TaskState State,
    TaskMoment FirstSeen,
    TaskMoment LastSeen,
    TaskMoment Opened,
    TaskMoment? Closed,
    DateTimeOffset? Until,
    string? Reason);

/// <summary>One change of a task: `opened`, `resolved`, `reopened`, `accepted`, `deferred`, `done`, `acceptance-expired`, `deferral-ended`.</summary>
public sealed record TaskEvent(string TaskId, DateTimeOffset At, string Kind, string Source, int? Run, string? Commit, string? Reason, DateTimeOffset? Until);

/// <summary>
/// Works out task states from a repository's runs in commit-time order, with the user's accept/defer/done
/// events applied on top (design.md, "History"). A run that is the latest is applied to the stored states;
/// any other (a backfill, an older commit) replays the repository from its first run, so the order in
/// which runs were recorded never changes the outcome.
/// </summary>
public static class TaskTracker
{
    public const string SourceAudit = "audit";
    public const string SourceUser = "user";

    // ---- reading ---------------------------------------------------------------------------------

    /// <summary>Every task of the repository as of <paramref name="now"/> (an acceptance or deferral that ran out reads as open).</summary>
    public static IReadOnlyList<TrackedTask> List(HistoryDatabase db, long repositoryId, DateTimeOffset now)
    {
        EnsureCurrent(db, repositoryId);
        var rows = db.Connection.Query<TaskRow>("SELECT * FROM tasks WHERE repository_id = @repositoryId", new { repositoryId });
        return rows.Select(r => ToTask(r, now))
            .OrderBy(t => Group(t.State))
            .ThenByDescending(t => t.Priority)
            .ThenBy(t => t.Opened.At)
            .ThenBy(t => t.Id, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>A task's events in order, with a due expiry that no later audit has written yet shown at its time.</summary>
    public static IReadOnlyList<TaskEvent> Events(HistoryDatabase db, long repositoryId, string fingerprint, DateTimeOffset now)
    {
        EnsureCurrent(db, repositoryId);
        var events = db.Connection.Query<EventRow>(
                "SELECT * FROM task_events WHERE repository_id = @repositoryId AND fingerprint = @fingerprint ORDER BY at, id",
                new { repositoryId, fingerprint })
            .Select(ToEvent)
            .ToList();
        var row = db.Connection.QuerySingleOrDefault<TaskRow>(
            "SELECT * FROM tasks WHERE repository_id = @repositoryId AND fingerprint = @fingerprint", new { repositoryId, fingerprint });
        if (row is not null && ExpiryKind(row) is { } kind && HistoryTime.Parse(row.Until!) <= now)
            events.Add(new TaskEvent(fingerprint, HistoryTime.Parse(row.Until!), kind, SourceAudit, null, null, null, null));
        return events;
    }

    /// <summary>The one task whose fingerprint is, or starts with, <paramref name="prefix"/>.</summary>
    public static string Resolve(HistoryDatabase db, long repositoryId, string prefix) => Resolve(db.Connection, null, repositoryId, prefix);

    private static string Resolve(SqliteConnection c, SqliteTransaction? tx, long repositoryId, string prefix)
    {
        var ids = c.Query<string>(
                "SELECT fingerprint FROM tasks WHERE repository_id = @repositoryId AND substr(fingerprint, 1, length(@prefix)) = @prefix ORDER BY fingerprint",
                new { repositoryId, prefix },
                tx)
            .ToList();
        if (ids.Contains(prefix, StringComparer.Ordinal))
            return prefix;
        return ids.Count switch
        {
            0 => throw new HistoryInputException($"no task matches '{prefix}' (see 'infratrend tasks --all')"),
            1 => ids[0],
            _ => throw new HistoryInputException(
                $"'{prefix}' matches {ids.Count} tasks ({string.Join(", ", ids.Take(3))}{(ids.Count > 3 ? ", ..." : "")}); type more of the id"),
        };
    }

    // ---- the user's events -----------------------------------------------------------------------

    /// <summary>Accepts the risk of an open task, for good or until <paramref name="until"/>.</summary>
    public static TrackedTask Accept(HistoryDatabase db, long repositoryId, string id, string reason, DateTimeOffset? until, DateTimeOffset at) =>
        AddUserEvent(db, repositoryId, id, "accepted", reason, until, at);

    /// <summary>Puts an open task off until <paramref name="until"/>, when it is open again.</summary>
    public static TrackedTask Defer(HistoryDatabase db, long repositoryId, string id, DateTimeOffset until, string? reason, DateTimeOffset at) =>
        AddUserEvent(db, repositoryId, id, "deferred", reason, until, at);

    /// <summary>Marks a task done by hand; a later audit where it still fails reopens it.</summary>
    public static TrackedTask MarkDone(HistoryDatabase db, long repositoryId, string id, string reason, DateTimeOffset at) =>
        AddUserEvent(db, repositoryId, id, "done", reason, null, at);

    private static TrackedTask AddUserEvent(HistoryDatabase db, long repositoryId, string id, string kind, string? reason, DateTimeOffset? until, DateTimeOffset at)
    {
        try
        {
            using var tx = db.BeginWrite();
            var c = db.Connection;
            EnsureCurrent(c, tx, repositoryId);
            var fingerprint = Resolve(c, tx, repositoryId, id);
            var current = ToTask(c.QuerySingle<TaskRow>("SELECT * FROM tasks WHERE repository_id = @repositoryId AND fingerprint = @fingerprint", new { repositoryId, fingerprint }, tx), at);
            if (current.State.IsClosed())
                throw new HistoryInputException($"task {fingerprint} is {current.State.Id()}; only a task that is not closed can be {kind}");
            var atText = HistoryTime.Text(at);
            c.Execute(
                """
                INSERT INTO task_events (repository_id, fingerprint, at, kind, source, reason, until, uid)
                VALUES (@repositoryId, @fingerprint, @at, @kind, @source, @reason, @until, @uid)
                """,
                new { repositoryId, fingerprint, at = atText, kind, source = SourceUser, reason, until = HistoryTime.Text(until), uid = Guid.NewGuid().ToString("N") },
                tx);
            var eventId = c.ExecuteScalar<long>("SELECT last_insert_rowid()", transaction: tx);
            var item = new UserItem { Id = eventId, Fingerprint = fingerprint, At = atText, Kind = kind, Reason = reason, Until = HistoryTime.Text(until) };
            if (IsLatest(c, tx, repositoryId, new ItemKey(atText, 1, "", eventId)))
            {
                var replay = Load(c, tx, repositoryId);
                replay.Apply(item);
                replay.Save(c, tx, repositoryId);
            }
            else
            {
                Replay(c, tx, repositoryId);
            }
            tx.Commit();
            return ToTask(c.QuerySingle<TaskRow>("SELECT * FROM tasks WHERE repository_id = @repositoryId AND fingerprint = @fingerprint", new { repositoryId, fingerprint }), at);
        }
        catch (SqliteException e)
        {
            throw HistoryDatabase.Explain(e, db.Path);
        }
    }

    // ---- keeping states current ------------------------------------------------------------------

    /// <summary>Called by the recorder inside its transaction, after the run's findings are written.</summary>
    internal static void OnRunRecorded(SqliteConnection c, SqliteTransaction tx, long repositoryId, long runId)
    {
        var run = c.QuerySingle<RunKeyRow>("SELECT id, number, effective_at, audited_at, commit_sha FROM runs WHERE id = @runId", new { runId }, tx);
        var stale = c.ExecuteScalar<long>("SELECT tasks_stale FROM repositories WHERE id = @repositoryId", new { repositoryId }, tx) != 0;
        if (!IsLatest(c, tx, repositoryId, new ItemKey(run.EffectiveAt, 0, run.AuditedAt, run.Id)))
        {
            // An older run (a backfill, an audit of a past ref) changes what came after it: the states are worked out
            // again on their next use, once for however many older runs a backfill adds.
            if (!stale)
                c.Execute("UPDATE repositories SET tasks_stale = 1 WHERE id = @repositoryId", new { repositoryId }, tx);
            return;
        }
        if (stale)
        {
            Replay(c, tx, repositoryId);
            return;
        }
        var replay = Load(c, tx, repositoryId);
        replay.Apply(new RunItem(run.Id, (int)run.Number, run.EffectiveAt, run.AuditedAt, run.CommitSha, LoadFindings(c, tx, runId)));
        replay.Save(c, tx, repositoryId);
    }

    /// <summary>Works the repository's task states out again when they are marked stale (after an older run was recorded, a migration or an import).</summary>
    public static void EnsureCurrent(HistoryDatabase db, long repositoryId)
    {
        if (db.Connection.ExecuteScalar<long>("SELECT tasks_stale FROM repositories WHERE id = @repositoryId", new { repositoryId }) == 0)
            return;
        try
        {
            using var tx = db.BeginWrite();
            EnsureCurrent(db.Connection, tx, repositoryId);
            tx.Commit();
        }
        catch (SqliteException e)
        {
            throw HistoryDatabase.Explain(e, db.Path);
        }
    }

    private static void EnsureCurrent(SqliteConnection c, SqliteTransaction tx, long repositoryId)
    {
        if (c.ExecuteScalar<long>("SELECT tasks_stale FROM repositories WHERE id = @repositoryId", new { repositoryId }, tx) != 0)
            Replay(c, tx, repositoryId);
    }

    /// <summary>Works every task of the repository out from its first run: audits in commit-time order, the user's events on top.</summary>
    public static void Replay(HistoryDatabase db, long repositoryId)
    {
        using var tx = db.BeginWrite();
        Replay(db.Connection, tx, repositoryId);
        tx.Commit();
    }

    internal static void Replay(SqliteConnection c, SqliteTransaction tx, long repositoryId)
    {
        c.Execute("DELETE FROM task_events WHERE repository_id = @repositoryId AND source = @source", new { repositoryId, source = SourceAudit }, tx);
        c.Execute("DELETE FROM tasks WHERE repository_id = @repositoryId", new { repositoryId }, tx);

        var replay = new Replayer([]);
        var users = new Queue<UserItem>(c.Query<UserItem>(
            "SELECT id, fingerprint, at, kind, reason, until FROM task_events WHERE repository_id = @repositoryId AND source = @source ORDER BY at, id",
            new { repositoryId, source = SourceUser },
            tx));
        var runs = c.Query<RunKeyRow>(
                "SELECT id, number, effective_at, audited_at, commit_sha, ruleset_version FROM runs WHERE repository_id = @repositoryId ORDER BY effective_at, audited_at, id",
                new { repositoryId },
                tx)
            .ToList();
        var names = new ObservationNames(c, tx);
        using (var command = c.CreateCommand())
        {
            // Findings arrive in run order, so one pass over the join hands each run its own.
            command.Transaction = tx;
            command.CommandText = """
                SELECT f.run_id, f.fingerprint_id, f.status, f.priority
                FROM runs r JOIN findings f ON f.run_id = r.id
                WHERE r.repository_id = $repositoryId
                ORDER BY r.effective_at, r.audited_at, r.id
                """;
            command.Parameters.AddWithValue("$repositoryId", repositoryId);
            using var reader = command.ExecuteReader();
            var more = reader.Read();
            foreach (var run in runs)
            {
                var key = new ItemKey(run.EffectiveAt, 0, run.AuditedAt, run.Id);
                while (users.Count > 0 && users.Peek().Key.CompareTo(key) < 0)
                    replay.Apply(users.Dequeue());
                var observed = new Dictionary<string, Observation>(StringComparer.Ordinal);
                while (more && reader.GetInt64(0) == run.Id)
                {
                    var (fingerprint, seen) = names.Observe(run.RulesetVersion, reader.GetInt64(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3));
                    observed.TryAdd(fingerprint, seen);
                    more = reader.Read();
                }
                replay.Apply(new RunItem(run.Id, (int)run.Number, run.EffectiveAt, run.AuditedAt, run.CommitSha, observed));
            }
        }
        while (users.Count > 0)
            replay.Apply(users.Dequeue());
        replay.Save(c, tx, repositoryId);
        c.Execute("UPDATE repositories SET tasks_stale = 0 WHERE id = @repositoryId", new { repositoryId }, tx);
    }

    /// <summary>True when <paramref name="key"/> comes after every other run and user event of the repository.</summary>
    private static bool IsLatest(SqliteConnection c, SqliteTransaction tx, long repositoryId, ItemKey key)
    {
        var lastRun = c.QueryFirstOrDefault<RunKeyRow>(
            """
            SELECT id, number, effective_at, audited_at, commit_sha FROM runs
            WHERE repository_id = @repositoryId AND NOT (id = @id AND @rank = 0)
            ORDER BY effective_at DESC, audited_at DESC, id DESC LIMIT 1
            """,
            new { repositoryId, id = key.Id, rank = key.Rank },
            tx);
        if (lastRun is not null && new ItemKey(lastRun.EffectiveAt, 0, lastRun.AuditedAt, lastRun.Id).CompareTo(key) > 0)
            return false;
        var lastUser = c.QueryFirstOrDefault<UserItem>(
            """
            SELECT id, fingerprint, at, kind, reason, until FROM task_events
            WHERE repository_id = @repositoryId AND source = @source AND NOT (id = @id AND @rank = 1)
            ORDER BY at DESC, id DESC LIMIT 1
            """,
            new { repositoryId, source = SourceUser, id = key.Id, rank = key.Rank },
            tx);
        return lastUser is null || lastUser.Key.CompareTo(key) < 0;
    }

    private static Replayer Load(SqliteConnection c, SqliteTransaction tx, long repositoryId) =>
        new(c.Query<TaskRow>("SELECT * FROM tasks WHERE repository_id = @repositoryId", new { repositoryId }, tx).ToDictionary(t => t.Fingerprint, StringComparer.Ordinal));

    private static Dictionary<string, Observation> LoadFindings(SqliteConnection c, SqliteTransaction tx, long runId) =>
        c.Query<FindingRow>(
                """
                SELECT p.analyzer_id, p.part_path, p.subject, f.status, f.priority, rr.title
                FROM findings f
                JOIN fingerprints p ON p.id = f.fingerprint_id
                JOIN runs r ON r.id = f.run_id
                LEFT JOIN ruleset_rules rr ON rr.ruleset_version = r.ruleset_version AND rr.analyzer_id = p.analyzer_id
                WHERE f.run_id = @runId
                ORDER BY f.ordinal
                """,
                new { runId },
                tx)
            .GroupBy(f => $"{f.AnalyzerId}|{f.PartPath}|{f.Subject}", StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => new Observation(g.First().Status, g.First().Priority ?? "", TaskTitle(g.First().Title ?? g.First().AnalyzerId, g.First().PartPath)), StringComparer.Ordinal);

    /// <summary>The task's title: the rule's, with the part it is about.</summary>
    private static string TaskTitle(string ruleTitle, string partPath) => partPath == "." ? ruleTitle : $"{ruleTitle} ({partPath})";

    /// <summary>Fingerprints and rule titles, read once for a replay instead of joined into every finding row.</summary>
    private sealed class ObservationNames
    {
        private readonly Dictionary<long, (string Fingerprint, string AnalyzerId, string PartPath)> _fingerprints = [];
        private readonly Dictionary<(string Ruleset, string AnalyzerId), string> _titles = [];
        private readonly Dictionary<(string Ruleset, long Fingerprint), string> _taskTitles = [];

        public ObservationNames(SqliteConnection c, SqliteTransaction tx)
        {
            foreach (var (id, analyzer, part, subject) in c.Query<(long, string, string, string)>("SELECT id, analyzer_id, part_path, subject FROM fingerprints", transaction: tx))
                _fingerprints[id] = ($"{analyzer}|{part}|{subject}", analyzer, part);
            foreach (var (ruleset, analyzer, title) in c.Query<(string, string, string)>("SELECT ruleset_version, analyzer_id, title FROM ruleset_rules", transaction: tx))
                _titles[(ruleset, analyzer)] = title;
        }

        public (string Fingerprint, Observation Seen) Observe(string ruleset, long fingerprintId, string status, string? priority)
        {
            var (fingerprint, analyzer, part) = _fingerprints[fingerprintId];
            if (status is not ("fail" or "partial"))
                return (fingerprint, new Observation(status, "", ""));
            if (!_taskTitles.TryGetValue((ruleset, fingerprintId), out var title))
                _taskTitles[(ruleset, fingerprintId)] = title = TaskTitle(_titles.GetValueOrDefault((ruleset, analyzer), analyzer), part);
            return (fingerprint, new Observation(status, priority ?? "", title));
        }
    }

    // ---- the state machine -------------------------------------------------------------------------

    /// <summary>Task states being worked out: each run and user event applied in order, the events they cause collected.</summary>
    private sealed class Replayer(Dictionary<string, TaskRow> tasks)
    {
        private readonly HashSet<string> _changed = new(StringComparer.Ordinal);
        private readonly List<EventRow> _events = [];

        public void Apply(RunItem run)
        {
            ExpireDue(run.EffectiveAt);
            foreach (var (fingerprint, seen) in run.Findings.Where(f => f.Value.IsFailing).OrderBy(f => f.Key, StringComparer.Ordinal))
            {
                if (!tasks.TryGetValue(fingerprint, out var task))
                {
                    var parts = fingerprint.Split('|', 3);
                    task = new TaskRow
                    {
                        Fingerprint = fingerprint,
                        AnalyzerId = parts[0],
                        PartPath = parts[1],
                        Subject = parts[2],
                        State = TaskState.Open.Id(),
                        FirstSeenAt = run.EffectiveAt,
                        FirstSeenCommit = run.Commit,
                        FirstSeenRun = run.Number,
                        OpenedAt = run.EffectiveAt,
                        OpenedCommit = run.Commit,
                    };
                    tasks[fingerprint] = task;
                    Emit(task, run.EffectiveAt, "opened", run, seen.Status == "partial" ? "partly met" : "fails");
                }
                else if (TaskStates.Parse(task.State).IsClosed())
                {
                    var reason = task.State == TaskState.Done.Id() ? "fails again after it was marked done" : "fails again";
                    task.State = TaskState.Reopened.Id();
                    task.OpenedAt = run.EffectiveAt;
                    task.OpenedCommit = run.Commit;
                    task.ClosedAt = null;
                    task.ClosedCommit = null;
                    task.Until = null;
                    task.Reason = null;
                    Emit(task, run.EffectiveAt, "reopened", run, reason);
                }
                task.Title = seen.Title;
                task.Priority = seen.Priority;
                task.LastSeenAt = run.EffectiveAt;
                task.LastSeenCommit = run.Commit;
                task.LastSeenRun = run.Number;
                _changed.Add(fingerprint);
            }

            foreach (var task in tasks.Values.Where(t => !TaskStates.Parse(t.State).IsClosed()).OrderBy(t => t.Fingerprint, StringComparer.Ordinal).ToList())
            {
                if (run.Findings.TryGetValue(task.Fingerprint, out var seen) && (seen.IsFailing || seen.IsWaived))
                    continue;
                var reason = seen is null ? "no longer reported (its file is gone or its rule is off)"
                    : seen.Status == "not-applicable" ? "no longer applies"
                    : "passes";
                task.State = TaskState.Resolved.Id();
                task.ClosedAt = run.EffectiveAt;
                task.ClosedCommit = run.Commit;
                task.Until = null;
                task.Reason = null;
                Emit(task, run.EffectiveAt, "resolved", run, reason);
            }
        }

        public void Apply(UserItem item)
        {
            ExpireDue(item.At);
            if (!tasks.TryGetValue(item.Fingerprint, out var task))
                return;
            task.Reason = item.Reason;
            task.Until = item.Until;
            switch (item.Kind)
            {
                case "accepted":
                    task.State = TaskState.Accepted.Id();
                    break;
                case "deferred":
                    task.State = TaskState.Deferred.Id();
                    break;
                case "done":
                    task.State = TaskState.Done.Id();
                    task.ClosedAt = item.At;
                    task.ClosedCommit = null;
                    task.Until = null;
                    break;
            }
            _changed.Add(task.Fingerprint);
        }

        /// <summary>An acceptance or deferral whose date has passed opens its task again, at that date.</summary>
        private void ExpireDue(string time)
        {
            foreach (var task in tasks.Values
                         .Where(t => ExpiryKind(t) is not null && string.CompareOrdinal(t.Until, time) <= 0)
                         .OrderBy(t => t.Until, StringComparer.Ordinal)
                         .ThenBy(t => t.Fingerprint, StringComparer.Ordinal)
                         .ToList())
            {
                var kind = ExpiryKind(task)!;
                var until = task.Until!;
                task.State = TaskState.Open.Id();
                task.Until = null;
                task.Reason = null;
                _events.Add(new EventRow { Fingerprint = task.Fingerprint, At = until, Kind = kind, Source = SourceAudit });
                _changed.Add(task.Fingerprint);
            }
        }

        private void Emit(TaskRow task, string at, string kind, RunItem run, string reason)
        {
            _events.Add(new EventRow { Fingerprint = task.Fingerprint, At = at, Kind = kind, Source = SourceAudit, RunNumber = run.Number, CommitSha = run.Commit, Reason = reason });
            _changed.Add(task.Fingerprint);
        }

        public void Save(SqliteConnection c, SqliteTransaction tx, long repositoryId)
        {
            c.Execute(
                """
                INSERT OR REPLACE INTO tasks (repository_id, fingerprint, analyzer_id, part_path, subject, title, priority, state,
                    first_seen_at, first_seen_commit, first_seen_run, last_seen_at, last_seen_commit, last_seen_run,
                    opened_at, opened_commit, closed_at, closed_commit, until, reason)
                VALUES (@RepositoryId, @Fingerprint, @AnalyzerId, @PartPath, @Subject, @Title, @Priority, @State,
                    @FirstSeenAt, @FirstSeenCommit, @FirstSeenRun, @LastSeenAt, @LastSeenCommit, @LastSeenRun,
                    @OpenedAt, @OpenedCommit, @ClosedAt, @ClosedCommit, @Until, @Reason)
                """,
                _changed.Order(StringComparer.Ordinal).Select(f => tasks[f]).Select(t => new
                {
                    RepositoryId = repositoryId,
                    t.Fingerprint, t.AnalyzerId, t.PartPath, t.Subject, t.Title, t.Priority, t.State,
                    t.FirstSeenAt, t.FirstSeenCommit, t.FirstSeenRun, t.LastSeenAt, t.LastSeenCommit, t.LastSeenRun,
                    t.OpenedAt, t.OpenedCommit, t.ClosedAt, t.ClosedCommit, t.Until, t.Reason,
                }),
                tx);
            c.Execute(
                """
                INSERT INTO task_events (repository_id, fingerprint, at, kind, source, run_number, commit_sha, reason, until)
                VALUES (@RepositoryId, @Fingerprint, @At, @Kind, @Source, @RunNumber, @CommitSha, @Reason, @Until)
                """,
                _events.Select(e => new { RepositoryId = repositoryId, e.Fingerprint, e.At, e.Kind, e.Source, e.RunNumber, e.CommitSha, e.Reason, e.Until }),
                tx);
            _changed.Clear();
            _events.Clear();
        }
    }

    private static string? ExpiryKind(TaskRow task) =>
        task.Until is null ? null
        : task.State == TaskState.Accepted.Id() ? "acceptance-expired"
        : task.State == TaskState.Deferred.Id() ? "deferral-ended"
        : null;

    private static int Group(TaskState state) =>
        state switch
        {
            TaskState.Open or TaskState.Reopened => 0,
            TaskState.Accepted or TaskState.Deferred => 1,
            _ => 2,
        };

    private static TrackedTask ToTask(TaskRow r, DateTimeOffset now)
    {
        var state = TaskStates.Parse(r.State);
        var until = HistoryTime.ParseOrNull(r.Until);
        var reason = r.Reason;
        if (ExpiryKind(r) is not null && until <= now)
        {
            state = TaskState.Open;
            until = null;
            reason = null;
        }
        return new TrackedTask(
            r.Fingerprint,
            r.AnalyzerId,
            r.PartPath,
            r.Subject,
            r.Title,
            Enum.Parse<Priority>(r.Priority, ignoreCase: true),
            state,
            new TaskMoment(HistoryTime.Parse(r.FirstSeenAt), r.FirstSeenCommit, (int)r.FirstSeenRun),
            new TaskMoment(HistoryTime.Parse(r.LastSeenAt), r.LastSeenCommit, (int)r.LastSeenRun),
            new TaskMoment(HistoryTime.Parse(r.OpenedAt), r.OpenedCommit, null),
            r.ClosedAt is null ? null : new TaskMoment(HistoryTime.Parse(r.ClosedAt), r.ClosedCommit, null),
            until,
            reason);
    }

    private static TaskEvent ToEvent(EventRow e) =>
        new(e.Fingerprint, HistoryTime.Parse(e.At), e.Kind, e.Source, e.RunNumber is { } n ? (int)n : null, e.CommitSha, e.Reason, HistoryTime.ParseOrNull(e.Until));

    // ---- rows --------------------------------------------------------------------------------------

    /// <summary>Where an item sits in the replay: by time, runs before the user's events at the same time, then as recorded.</summary>
    private readonly record struct ItemKey(string Time, int Rank, string Tiebreak, long Id) : IComparable<ItemKey>
    {
        public int CompareTo(ItemKey other)
        {
            var c = string.CompareOrdinal(Time, other.Time);
            if (c == 0)
                c = Rank.CompareTo(other.Rank);
            if (c == 0)
                c = string.CompareOrdinal(Tiebreak, other.Tiebreak);
            return c != 0 ? c : Id.CompareTo(other.Id);
        }
    }

    private sealed record RunItem(long Id, int Number, string EffectiveAt, string AuditedAt, string? Commit, Dictionary<string, Observation> Findings);

    /// <summary>
    /// A finding as a run saw it. A failing or partial finding is stored with its task's priority; one without a
    /// priority was waived in .infratrend.yml: it opens no task, and a task it already has is left as it is.
    /// </summary>
    private sealed record Observation(string Status, string Priority, string Title)
    {
        public bool IsFailing => Status is "fail" or "partial" && Priority.Length > 0;
        public bool IsWaived => Status is "fail" or "partial" && Priority.Length == 0;
    }

    private sealed record UserItem
    {
        public long Id { get; init; }
        public string Fingerprint { get; init; } = "";
        public string At { get; init; } = "";
        public string Kind { get; init; } = "";
        public string? Reason { get; init; }
        public string? Until { get; init; }
        public ItemKey Key => new(At, 1, "", Id);
    }

    private sealed record RunKeyRow
    {
        public long Id { get; init; }
        public long Number { get; init; }
        public string EffectiveAt { get; init; } = "";
        public string AuditedAt { get; init; } = "";
        public string? CommitSha { get; init; }
        public string RulesetVersion { get; init; } = "";
    }

    private sealed record FindingRow
    {
        public string AnalyzerId { get; init; } = "";
        public string PartPath { get; init; } = "";
        public string Subject { get; init; } = "";
        public string Status { get; init; } = "";
        public string? Priority { get; init; }
        public string? Title { get; init; }
    }

    internal sealed class TaskRow
    {
        public string Fingerprint { get; set; } = "";
        public string AnalyzerId { get; set; } = "";
        public string PartPath { get; set; } = "";
        public string Subject { get; set; } = "";
        public string Title { get; set; } = "";
        public string Priority { get; set; } = "";
        public string State { get; set; } = "";
        public string FirstSeenAt { get; set; } = "";
        public string? FirstSeenCommit { get; set; }
        public long FirstSeenRun { get; set; }
        public string LastSeenAt { get; set; } = "";
        public string? LastSeenCommit { get; set; }
        public long LastSeenRun { get; set; }
        public string OpenedAt { get; set; } = "";
        public string? OpenedCommit { get; set; }
        public string? ClosedAt { get; set; }
        public string? ClosedCommit { get; set; }
        public string? Until { get; set; }
        public string? Reason { get; set; }
        public long RepositoryId { get; set; }
    }

    internal sealed class EventRow
    {
        public long Id { get; set; }
        public string Fingerprint { get; set; } = "";
        public string At { get; set; } = "";
        public string Kind { get; set; } = "";
        public string Source { get; set; } = "";
        public long? RunNumber { get; set; }
        public string? CommitSha { get; set; }
        public string? Reason { get; set; }
        public string? Until { get; set; }
        public string? Uid { get; set; }
        public long RepositoryId { get; set; }
    }
}
