using System.Text.RegularExpressions;

namespace InfraTrend.Facts.Ci;

/// <summary>
/// Supply-chain steps a build or release tool takes by its configuration, not by a pipeline command: the CycloneDX
/// plugin of a Maven or Gradle build writes an SBOM with every package, GoReleaser signs and writes SBOMs when its
/// configuration says so.
/// </summary>
[FactSource]
public sealed partial class SupplyChainFacts : IFactSource
{
    [GeneratedRegex(@"cyclonedx-maven-plugin|org\.cyclonedx\.bom|id\s*\(?\s*[""']org\.cyclonedx")]
    private static partial Regex CycloneDxPlugin();

    [GeneratedRegex(@"^(signs|docker_signs|binary_signs):", RegexOptions.Multiline)]
    private static partial Regex GoReleaserSigns();

    [GeneratedRegex(@"^sboms:", RegexOptions.Multiline)]
    private static partial Regex GoReleaserSboms();

    public void Collect(FactContext context)
    {
        foreach (var file in context.Snapshot.Files)
        {
            var build = file.Name is "pom.xml" or "build.gradle" or "build.gradle.kts";
            var goreleaser = file.Name is ".goreleaser.yml" or ".goreleaser.yaml" or "goreleaser.yml" or "goreleaser.yaml";
            if (!build && !goreleaser || !Deployment.DeploymentPaths.Counts(file.Path) || context.Snapshot.ReadText(file.Path) is not { } text)
                continue;
            var lines = new TextLines(text);
            if (build && CycloneDxPlugin().Match(text) is { Success: true } plugin)
                context.Add(FactKeys.SupplyChain, "sbom", new Evidence(file.Path, lines.LineOf(plugin.Index)));
            if (goreleaser && GoReleaserSigns().Match(text) is { Success: true } signs)
                context.Add(FactKeys.SupplyChain, "signing", new Evidence(file.Path, lines.LineOf(signs.Index)));
            if (goreleaser && GoReleaserSboms().Match(text) is { Success: true } sboms)
                context.Add(FactKeys.SupplyChain, "sbom", new Evidence(file.Path, lines.LineOf(sboms.Index)));
        }
    }
}
