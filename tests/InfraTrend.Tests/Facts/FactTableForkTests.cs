using System.Text.Json.Nodes;
using InfraTrend.Facts;

namespace InfraTrend.Tests.Facts;

public sealed class FactTableForkTests
{
    /// <summary>Writes whose result depends on what the table already holds and on their order.</summary>
    private static void Write(FactTable table, FactTable other)
    {
        table.SetText(FactKeys.DependencyBot, "renovate", new Evidence("renovate.json", 1));
        table.SetEntry(FactKeys.PackageManagers, "pnpm", "8.15.0", new Evidence("package.json", 4));
        table.SetEntry(FactKeys.PackageManagers, "npm", null);
        table.AddObject(FactKeys.RuntimeSources, new JsonObject { ["runtime"] = "node", ["version"] = "20" }, new Evidence(".nvmrc", 1));
        table.Add(FactKeys.Languages, "typescript", new Evidence("src/a.ts", 0));
        table.Count(FactKeys.SourceFiles, 3, new Evidence("src/a.ts", 0));
        table.MergeFrom(other);
    }

    private static FactTable Earlier()
    {
        var table = new FactTable();
        table.SetText(FactKeys.DependencyBot, "dependabot", new Evidence(".github/dependabot.yml", 1));
        table.SetEntry(FactKeys.PackageManagers, "npm", "10.2.0", new Evidence("package.json", 2));
        table.AddObject(FactKeys.RuntimeSources, new JsonObject { ["runtime"] = "python", ["version"] = "3.12" }, new Evidence(".python-version", 1));
        return table;
    }

    [Fact]
    public void Writes_made_on_a_fork_and_replayed_leave_the_table_as_the_same_writes_made_on_it()
    {
        var other = new FactTable();
        other.Add(FactKeys.Languages, "go", new Evidence("main.go", 0));
        var direct = Earlier();
        Write(direct, other);

        var shared = Earlier();
        var fork = shared.Fork();
        Write(fork, other);
        // Changed after the merge: the replay merges the table as it was then, as the direct write did.
        other.Add(FactKeys.Languages, "rust", new Evidence("main.rs", 0));
        Assert.Equal(Earlier().ToStorageJson().ToJsonString(), shared.ToStorageJson().ToJsonString()); // untouched until the replay
        fork.ReplayOnto(shared);

        Assert.Equal(direct.ToStorageJson().ToJsonString(), shared.ToStorageJson().ToJsonString());
        Assert.Equal(direct.ToStorageJson().ToJsonString(), fork.ToStorageJson().ToJsonString());
        Assert.Equal("dependabot", shared.Text(FactKeys.DependencyBot));
        Assert.DoesNotContain("rust", shared.List(FactKeys.Languages));
    }
}
