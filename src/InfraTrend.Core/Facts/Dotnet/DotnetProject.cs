namespace InfraTrend.Facts.Dotnet;

/// <summary>A NuGet package a project references, with its version resolved (own, central or inherited) and the element that declares it.</summary>
public sealed record DotnetPackage(string Id, string? Version, Evidence Evidence);

/// <summary>What InfraTrend reads from one .csproj or .fsproj, with Directory.Build.props and Directory.Packages.props applied.</summary>
public sealed record DotnetProject(
    string Path,
    string Language,
    IReadOnlyList<string> Sdks,
    string? RuntimeVersion,
    Evidence? RuntimeEvidence,
    IReadOnlyList<DotnetPackage> Packages,
    IReadOnlyList<string> ProjectReferences,
    bool IsTest,
    Evidence ProjectEvidence)
{
    public string Folder => Path.Contains('/') ? Path[..Path.LastIndexOf('/')] : ".";

    public string Name => System.IO.Path.GetFileNameWithoutExtension(Path);

    public bool UsesSdk(string sdk) => Sdks.Contains(sdk, StringComparer.OrdinalIgnoreCase);

    public DotnetPackage? Package(string id) => Packages.FirstOrDefault(p => p.Id.Equals(id, StringComparison.OrdinalIgnoreCase));

    /// <summary>The first package whose id starts with <paramref name="prefix"/> (`Sentry` finds `Sentry.AspNetCore`).</summary>
    public DotnetPackage? PackageStartingWith(string prefix) =>
        Packages.FirstOrDefault(p => Prefixes.IsAtOrUnder(p.Id, prefix, '.', StringComparison.OrdinalIgnoreCase));
}
