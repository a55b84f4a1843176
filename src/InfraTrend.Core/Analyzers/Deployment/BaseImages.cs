using InfraTrend.Facts;

namespace InfraTrend.Analyzers.Deployment;

/// <summary>The official base image for the detected stack, at the runtime version the repository uses (or a current LTS).</summary>
internal static class BaseImages
{
    /// <summary>The image the application runs on, e.g. node:20.19.0-slim; null for an unknown stack.</summary>
    public static string? Runtime(AnalyzerContext context)
    {
        string Version(string runtime, string fallback) => context.Repository.Map(FactKeys.Runtimes).GetValueOrDefault(runtime) ?? fallback;

        return context.Stack.Ecosystem switch
        {
            "node" => $"node:{Version("node", "22")}-slim",
            "dotnet" => $"mcr.microsoft.com/dotnet/aspnet:{Version("dotnet", "8.0")}",
            "python" => $"python:{Version("python", "3.12")}-slim",
            "go" => "gcr.io/distroless/static-debian12:nonroot",
            "ruby" => $"ruby:{Version("ruby", "3.3")}-slim",
            "java" => $"eclipse-temurin:{Version("java", "21")}-jre",
            _ => null,
        };
    }

    /// <summary>The image the application is built in, for a multi-stage Dockerfile; null for an unknown stack.</summary>
    public static string? Build(AnalyzerContext context)
    {
        string Version(string runtime, string fallback) => context.Repository.Map(FactKeys.Runtimes).GetValueOrDefault(runtime) ?? fallback;

        return context.Stack.Ecosystem switch
        {
            "node" => $"node:{Version("node", "22")}",
            "dotnet" => $"mcr.microsoft.com/dotnet/sdk:{Version("dotnet", "8.0")}",
            "python" => $"python:{Version("python", "3.12")}",
            "go" => $"golang:{Version("go", "1.22")}",
            "ruby" => $"ruby:{Version("ruby", "3.3")}",
            "java" => $"eclipse-temurin:{Version("java", "21")}-jdk",
            _ => null,
        };
    }
}
