namespace InfraTrend.Facts;

/// <summary>Paths written inside a repository's files, made repository-relative.</summary>
internal static class RepositoryPath
{
    /// <summary>`a/b/../pom.xml` -> `a/pom.xml`, `build/./jobs/x.yml` -> `build/jobs/x.yml`; null when it climbs out of the repository.</summary>
    public static string? Normalize(string path)
    {
        var parts = new List<string>();
        foreach (var segment in path.Split('/'))
        {
            if (segment is "" or ".")
                continue;
            if (segment == "..")
            {
                if (parts.Count == 0)
                    return null;
                parts.RemoveAt(parts.Count - 1);
            }
            else
            {
                parts.Add(segment);
            }
        }
        return string.Join('/', parts);
    }
}
