using Dapper;
using Microsoft.Data.Sqlite;

namespace InfraTrend.History;

/// <summary>`history forget`: removes one repository of a shared database with everything recorded about it.</summary>
public static class RepositoryRemoval
{
    /// <summary>Deletes the repository, its runs (with their scores and findings), tasks and events; returns how many runs went.</summary>
    public static int Forget(HistoryDatabase db, long repositoryId)
    {
        var c = db.Connection;
        try
        {
            int runs;
            using (var tx = db.BeginWrite())
            {
                runs = c.ExecuteScalar<int>("SELECT count(*) FROM runs WHERE repository_id = @repositoryId", new { repositoryId }, tx);
                // Foreign keys cascade from the repository to its runs, tasks and events, and from each run to its rows.
                c.Execute("DELETE FROM repositories WHERE id = @repositoryId", new { repositoryId }, tx);
                Retention.RemoveUnused(c, tx);
                tx.Commit();
            }
            c.Execute("PRAGMA incremental_vacuum");
            return runs;
        }
        catch (SqliteException e)
        {
            throw HistoryDatabase.Explain(e, db.Path);
        }
    }
}
