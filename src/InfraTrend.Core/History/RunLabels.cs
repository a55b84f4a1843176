using Dapper;
using Microsoft.Data.Sqlite;

namespace InfraTrend.History;

/// <summary>`history mark`: a label on a run (a release, say). Marked runs survive retention.</summary>
public static class RunLabels
{
    /// <summary>Sets the label of a run; an empty label removes it.</summary>
    public static void Mark(HistoryDatabase db, long runId, string label)
    {
        try
        {
            db.Connection.Execute("UPDATE runs SET label = @label WHERE id = @runId", new { runId, label = label.Trim().Length == 0 ? null : label.Trim() });
        }
        catch (SqliteException e)
        {
            throw HistoryDatabase.Explain(e, db.Path);
        }
    }
}
