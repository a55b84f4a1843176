using System.Text.RegularExpressions;
using InfraTrend.Scanning;

namespace InfraTrend.Facts.Python;

/// <summary>
/// Deployable Python parts: a project folder whose manifest depends on a web framework or ASGI/WSGI server (a
/// service), on a task queue only (a worker), or that has a Dockerfile or Procfile of its own (an app); and a Django
/// project (manage.py) that no such folder holds. Libraries are not parts.
/// </summary>
public static partial class PythonParts
{
    [GeneratedRegex(@"^\s*name\s*=\s*[""']([^""']+)[""']", RegexOptions.Multiline)]
    private static partial Regex ProjectName();

    public static IEnumerable<(string Folder, string Name, string Kind)> Find(Snapshot snapshot)
    {
        var found = new Dictionary<string, (string Name, string Kind)>(StringComparer.Ordinal);
        foreach (var group in PythonManifests.Of(snapshot).Where(m => !Code.SourceFiles.IsNotApplication(m.Path)).GroupBy(m => m.Folder))
        {
            var folder = group.Key;
            var deps = group.SelectMany(m => m.Dependencies).Where(d => !d.Dev).Select(d => d.Name).ToHashSet(StringComparer.Ordinal);
            var server = deps.Overlaps(PythonLibraries.ServerPackages) || snapshot.Exists(PartDetector.Join(folder, "manage.py"));
            var worker = deps.Overlaps(PythonLibraries.WorkerPackages);
            var starts = snapshot.Exists(PartDetector.Join(folder, "Dockerfile")) || snapshot.Exists(PartDetector.Join(folder, "Procfile"));
            if (!server && !worker && !starts)
                continue;
            var pyproject = group.FirstOrDefault(m => m.Kind == "pyproject");
            var name = pyproject is not null && ProjectName().Match(pyproject.Text) is { Success: true } n ? n.Groups[1].Value : FolderName(folder, snapshot.Root);
            found[folder] = (name, server ? "service" : worker ? "worker" : "app");
        }

        // A Django project whose requirements live elsewhere (a repository-level requirements/ folder, say).
        foreach (var manage in snapshot.Files.Where(f => f.Name == "manage.py" && !PythonManifests.IsVendored(f.Path)))
        {
            var folder = manage.Directory;
            if (!found.Keys.Any(f => f == "." || f == folder || Prefixes.IsUnder(folder, f, '/')))
                found[folder] = (FolderName(folder, snapshot.Root), "service");
        }
        return found.Select(p => (p.Key, p.Value.Name, p.Value.Kind));
    }

    private static string FolderName(string folder, string root) => folder == "." ? Path.GetFileName(root) : folder[(folder.LastIndexOf('/') + 1)..];
}
