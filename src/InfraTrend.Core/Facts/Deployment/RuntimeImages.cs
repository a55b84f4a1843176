namespace InfraTrend.Facts.Deployment;

/// <summary>Official runtime images (node:20, python:3.12-slim, cimg/node:20.11, mcr.microsoft.com/dotnet/sdk:8.0...) and the runtime version their tag names.</summary>
public static class RuntimeImages
{
    private static readonly (string Image, string Runtime)[] Known =
    [
        ("node", "node"), ("cimg/node", "node"), ("circleci/node", "node"), ("library/node", "node"),
        ("dotnet/aspnet", "dotnet"), ("dotnet/runtime", "dotnet"), ("dotnet/sdk", "dotnet"), ("dotnet/runtime-deps", "dotnet"), ("dotnet/core/sdk", "dotnet"), ("dotnet/core/aspnet", "dotnet"),
        ("python", "python"), ("cimg/python", "python"), ("circleci/python", "python"),
        ("golang", "go"), ("cimg/go", "go"), ("circleci/golang", "go"),
        ("ruby", "ruby"), ("cimg/ruby", "ruby"), ("circleci/ruby", "ruby"),
        ("eclipse-temurin", "java"), ("openjdk", "java"), ("amazoncorretto", "java"), ("cimg/openjdk", "java"), ("circleci/openjdk", "java"), ("maven", "java"), ("gradle", "java"),
        ("oven/bun", "bun"), ("denoland/deno", "deno"), ("php", "php"), ("cimg/php", "php"),
    ];

    /// <summary>
    /// Runtime images whose major version is in the name or after a prefix in the tag: Red Hat's UBI OpenJDK images
    /// (ubi9/openjdk-21-runtime), distroless (gcr.io/distroless/java21-debian12, nodejs20), Azul Zulu, SapMachine,
    /// BellSoft Liberica, IBM Semeru and Microsoft's OpenJDK builds.
    /// </summary>
    private static readonly (System.Text.RegularExpressions.Regex Pattern, string Runtime)[] VersionInName =
    [
        (new(@"(?:^|/)ubi\d*(?:-minimal)?/openjdk-(\d+)(?:-runtime)?(?::|$)"), "java"),
        (new(@"(?:^|/)distroless/java(\d+)(?:-debian\d+)?(?::|$)"), "java"),
        (new(@"(?:^|/)distroless/nodejs(\d+)(?:-debian\d+)?(?::|$)"), "node"),
        (new(@"(?:^|/)(?:azul/zulu-openjdk(?:-alpine|-debian|-centos)?|sapmachine|bellsoft/liberica-openjdk-[a-z]+|openjdk/jdk):(\d+)"), "java"),
        (new(@"(?:^|/)ibm-semeru-runtimes:open-(?:jdk-)?(\d+)"), "java"),
        (new(@"(?:^|/)bellsoft/liberica-runtime-container:j(?:dk|re)-(\d+)"), "java"),
    ];

    /// <summary>The runtime and the version an image's tag names, or null for another image or a tag without a version.</summary>
    public static (string Runtime, string Version)? Of(string image)
    {
        // A digest says nothing about the version; the tag before it does (node:20-alpine@sha256:...).
        var at = image.IndexOf('@');
        if (at >= 0)
            image = image[..at];
        image = image.Trim().Trim('"', '\'');
        // Vendor JDK and distroless images carry the major version in their name or a prefixed tag.
        foreach (var (pattern, named) in VersionInName)
        {
            if (pattern.Match(image.ToLowerInvariant()) is { Success: true } m)
                return (named, m.Groups[1].Value);
        }
        var colon = image.LastIndexOf(':');
        if (colon < 0 || colon < image.LastIndexOf('/'))
            return null;
        var name = image[..colon].ToLowerInvariant();
        var tag = image[(colon + 1)..];
        if (name.StartsWith("docker.io/", StringComparison.Ordinal))
            name = name["docker.io/".Length..];
        foreach (var (known, runtime) in Known)
        {
            if (name != known && !name.EndsWith("/" + known, StringComparison.Ordinal))
                continue;
            // maven:3.9-eclipse-temurin-21 and gradle:8-jdk21 name the build tool's version first: the JDK is what runs.
            if (known is "maven" or "gradle")
                return System.Text.RegularExpressions.Regex.Match(tag, @"(?:jdk|temurin-|openjdk-|corretto-)(\d+)") is { Success: true } jdk ? (runtime, jdk.Groups[1].Value) : null;
            return Versions.Normalize(tag) is { } version && char.IsDigit(tag[0]) ? (runtime, version) : null;
        }
        return null;
    }
}
