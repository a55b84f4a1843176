using System.Diagnostics;

namespace InfraTrend.Tests.Support;

/// <summary>
/// A real git repository in a temp folder, built by the test with the git CLI:
/// <c>using var repo = TestRepository.Create(); repo.Write("package.json", "{}"); repo.Commit("init");</c>
/// </summary>
public sealed class TestRepository : IDisposable
{
    private TestRepository(string root) => Root = root;

    public string Root { get; }

    /// <summary>A new empty folder; a git repository (branch main) unless <paramref name="git"/> is false.</summary>
    public static TestRepository Create(bool git = true)
    {
        var root = Path.Combine(Path.GetTempPath(), "infratrend-tests", Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(root);
        var repo = new TestRepository(root);
        if (git)
        {
            repo.Git("init", "-q", "-b", "main");
            repo.Git("config", "user.email", "test@example.com");
            repo.Git("config", "user.name", "Test");
            repo.Git("config", "commit.gpgsign", "false");
        }
        return repo;
    }

    public string PathOf(string relative) => System.IO.Path.Combine(Root, relative);

    /// <summary>Writes a text file (folders created), with \n line ends.</summary>
    public TestRepository Write(string relative, string content)
    {
        var full = PathOf(relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content.Replace("\r\n", "\n"));
        return this;
    }

    public TestRepository WriteBytes(string relative, byte[] content)
    {
        var full = PathOf(relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllBytes(full, content);
        return this;
    }

    public TestRepository Symlink(string relative, string target)
    {
        var full = PathOf(relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.CreateSymbolicLink(full, target);
        return this;
    }

    /// <summary>Stages everything and commits; <paramref name="date"/> sets author and committer time. Returns the commit SHA.</summary>
    public string Commit(string message = "change", DateTimeOffset? date = null)
    {
        Git("add", "-A");
        var env = date is null
            ? null
            : new Dictionary<string, string>
            {
                ["GIT_AUTHOR_DATE"] = date.Value.ToString("yyyy-MM-ddTHH:mm:sszzz"),
                ["GIT_COMMITTER_DATE"] = date.Value.ToString("yyyy-MM-ddTHH:mm:sszzz"),
            };
        Git(env, "commit", "-q", "--allow-empty", "-m", message);
        return Git("rev-parse", "HEAD").Trim();
    }

    public string Git(params string[] args) => Git(null, args);

    public string Git(IReadOnlyDictionary<string, string>? env, params string[] args)
    {
        var info = new ProcessStartInfo("git") { WorkingDirectory = Root, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        if (env is not null)
            foreach (var (k, v) in env)
                info.Environment[k] = v;
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"git {string.Join(' ', args)} failed: {error}");
        return output;
    }

    /// <summary>Replaces HEAD with the same commit carrying a (meaningless) signature header, so a signature check has something to check.</summary>
    public void SignHeadWithFakeSignature()
    {
        var commit = Git("cat-file", "commit", "HEAD");
        var endOfCommitter = commit.IndexOf('\n', commit.IndexOf("\ncommitter ", StringComparison.Ordinal) + 1);
        var signature = "gpgsig -----BEGIN PGP SIGNATURE-----\n \n iQEzBAABCAAdFiEEAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n -----END PGP SIGNATURE-----\n";
        var signed = commit[..(endOfCommitter + 1)] + signature + commit[(endOfCommitter + 1)..];
        var file = PathOf(".git/signed-commit");
        File.WriteAllText(file, signed);
        var sha = Git("hash-object", "-t", "commit", "-w", file).Trim();
        Git("update-ref", "refs/heads/main", sha);
    }

    // A walk of its own: SearchOption.AllDirectories enters links to folders, so a test's link to ".." or to another
    // folder had every file there (other tests' repositories included) walked and its mode changed.
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static void MakeRemovable(DirectoryInfo folder)
    {
        File.SetUnixFileMode(folder.FullName, (UnixFileMode)0b111_111_111);
        foreach (var entry in folder.EnumerateFileSystemInfos())
        {
            if (entry.LinkTarget is not null)
                continue;
            if (entry is DirectoryInfo directory)
                MakeRemovable(directory);
            else
                File.SetUnixFileMode(entry.FullName, (UnixFileMode)0b110_110_110);
        }
    }

    public void Dispose()
    {
        try
        {
            // Tests may leave read-only or mode-000 files behind; make everything removable first.
            if (!OperatingSystem.IsWindows())
                MakeRemovable(new DirectoryInfo(Root));
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
