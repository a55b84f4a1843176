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
            if (RuntimeImages.Of(resolved) is { } pin)
                context.RuntimeSource(pin.Runtime, pin.Version, evidence, "ci");
        }
    }
}
