using InfraTrend.Facts;
using InfraTrend.Model;

namespace InfraTrend.Analyzers.Deployment;

[Analyzer(
    "deployment.runtime-pinned",
    Category = Category.Deployment,
    Level = 2,
    Weight = 2,
    WeightReason = "An unpinned runtime changes under the application on the platform's schedule; it rarely breaks, but when it does nothing in the repository changed.",
    Severity = Severity.Medium,
    Title = "Runtime version pinned",
    LooksFor = "A runtime version where the application is built or deployed: engines, .nvmrc, NODE_VERSION, global.json, TargetFramework, .python-version, go.mod, a versioned base image.",
    WhyItMatters = "A build that takes whatever runtime the platform offers today can break tomorrow without a single commit, and cannot be reproduced locally.",
    Remediation = RemediationText)]
public sealed class RuntimePinnedAnalyzer : IAnalyzer
{
    private const string RemediationText = "Pin the runtime version where the application is built and deployed (a version file, the platform's runtime setting or a versioned base image).";

    public IEnumerable<Finding> Analyze(AnalyzerContext context)
    {
        if (context.Repository.Bool(FactKeys.RuntimePinned))
        {
            var runtimes = context.Repository.Map(FactKeys.Runtimes)
                .Where(r => r.Value is not null)
                .Select(r => $"{r.Key} {r.Value}")
                .ToList();
            var which = runtimes.Count > 0 ? $": {string.Join(", ", runtimes)}" : "";
            return [context.Pass($"The runtime version is pinned where the application is built or deployed{which}.", context.EvidenceOf(FactKeys.RuntimePinned, FactKeys.Runtimes))];
        }

        return [context.Fail("The runtime version is not pinned where the application is built or deployed: the platform picks one.", Fix(context), context.EvidenceOf(FactKeys.Runtimes))];
    }

    private static string Fix(AnalyzerContext context)
    {
        string Version(string runtime, string fallback) => context.Repository.Map(FactKeys.Runtimes).GetValueOrDefault(runtime) ?? fallback;

        return context.Stack.Ecosystem switch
        {
            "node" => $"Add \"engines\": {{ \"node\": \"{Version("node", "22")}\" }} to package.json and a .nvmrc containing {Version("node", "22")}, or set NODE_VERSION in the platform's environment.",
            "dotnet" => $"Pin the SDK with dotnet new globaljson --sdk-version <sdk version> --roll-forward latestFeature, keep <TargetFramework>net{Version("dotnet", "8.0")}</TargetFramework>, and build from a versioned image (mcr.microsoft.com/dotnet/sdk:{Version("dotnet", "8.0")}).",
            "python" => $"Add a .python-version containing {Version("python", "3.12")} (and requires-python in pyproject.toml), or a versioned base image (python:{Version("python", "3.12")}-slim).",
            "go" => $"Keep the go directive in go.mod (go {Version("go", "1.22")}) and build from a versioned image (golang:{Version("go", "1.22")}).",
            "ruby" => $"Add a .ruby-version containing {Version("ruby", "3.3")} and ruby \"{Version("ruby", "3.3")}\" in the Gemfile.",
            "java" => $"Set the Java toolchain (java.toolchain.languageVersion = JavaLanguageVersion.of({Version("java", "21")}) or maven.compiler.release) and build from a versioned image (eclipse-temurin:{Version("java", "21")}).",
            _ => RemediationText,
        };
    }
}
