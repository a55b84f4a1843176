using InfraTrend.Facts.Deployment;
using YamlDotNet.RepresentationModel;

namespace InfraTrend.Facts.Ci;

/// <summary>The image a CI job runs in (`image: node:20`, `container: python:3.12`), recorded as a runtime pin of kind ci.</summary>
internal static class CiImages
{
    public static void Record(FactContext context, string image, YamlNode? matrix, Evidence evidence)
    {
        foreach (var resolved in GitHubActionsFacts.ResolveMatrix(image, matrix))
        {
            // A YAML alias (`image: *golang_image`) is the anchored node again: one pin, however many steps use it.
            if (RuntimeImages.Of(resolved) is { } pin && context.Cached("ci-image-pins", () => new HashSet<string>(StringComparer.Ordinal)).Add($"{evidence}|{pin.Runtime}|{pin.Version}"))
                context.RuntimeSource(pin.Runtime, pin.Version, evidence, "ci");
        }
    }
}
