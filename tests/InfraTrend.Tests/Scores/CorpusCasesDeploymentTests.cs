using InfraTrend.Analyzers;
using InfraTrend.Auditing;
using InfraTrend.Facts;
using InfraTrend.Scanning;
using InfraTrend.Tests.Support;

using static InfraTrend.Tests.Scores.CorpusCase;

namespace InfraTrend.Tests.Scores;

/// <summary>
/// Deployment cases the calibration corpus showed the tool getting wrong, each rebuilt by hand as a small fixture after
/// the real repository named in the test (none of its files are copied).
/// </summary>
public class CorpusCasesDeploymentTests
{
    private static Finding Rule(Evaluation evaluation, string rule) =>
        Finding(evaluation, rule).Finding;

    private const string NuGetRelease = "on:\n  release:\n    types: [published]\njobs:\n  publish:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: dotnet pack -c Release -o out\n      - run: dotnet nuget push out/*.nupkg --api-key ${{ secrets.NUGET_KEY }} --source https://api.nuget.org/v3/index.json\n";

    [Fact]
    public void A_release_published_with_nothing_that_runs_it_earns_half_of_the_descriptor_and_of_automated_delivery()
    {
        // jasontaylordev/CleanArchitecture and ardalis/CleanArchitecture: `dotnet new` templates whose only delivery is a
        // NuGet push on release; The Lounge's `npm publish` on tags. No Dockerfile, unit or blueprint says how it runs.
        using var repo = TestRepository.Create()
            .Write("src/Web/Web.csproj", WebProject)
            .Write("src/Web/Program.cs", "var app = WebApplication.Create(args);\napp.Run();\n")
            .Write(".github/workflows/release.yml", NuGetRelease);

        var evaluation = Evaluation.Evaluate(Extract(repo));

        var automated = Rule(evaluation, "deployment.automated");
        var descriptor = Rule(evaluation, "deployment.descriptor");
        Assert.Equal((FindingStatus.Partial, 0.5), (automated.Status, automated.Score));
        Assert.Equal((FindingStatus.Partial, 0.5), (descriptor.Status, descriptor.Score));
        Assert.DoesNotContain("deployment.descriptor", evaluation.ScoreCard.Maturity.Levels.Single(l => l.Level == 2).EssentialFailing);
    }

    [Fact]
    public void A_lowercase_dockerfile_is_a_dockerfile_and_makes_the_published_image_a_full_delivery()
    {
        // Ombi: src/dockerfile (lowercase), which build.yml builds with `file: ./src/dockerfile` and pushes to GHCR.
        using var repo = TestRepository.Create()
            .Write("src/Ombi/Ombi.csproj", WebProject)
            .Write("src/Ombi/Program.cs", "var app = WebApplication.Create(args);\napp.Run();\n")
            .Write("src/dockerfile", "FROM mcr.microsoft.com/dotnet/sdk:8.0 AS build\nCOPY . .\nRUN dotnet publish -o /app\nFROM mcr.microsoft.com/dotnet/aspnet:8.0\nCOPY --from=build /app /app\nENTRYPOINT [\"dotnet\", \"/app/Ombi.dll\"]\n")
            .Write(".github/workflows/release.yml", NuGetRelease);

        var facts = Extract(repo);
        var evaluation = Evaluation.Evaluate(facts);

        Assert.Contains("docker", facts.Repository.List(FactKeys.Platforms));
        Assert.Equal(FindingStatus.Pass, Rule(evaluation, "deployment.automated").Status);
        Assert.Equal(FindingStatus.Pass, Rule(evaluation, "deployment.descriptor").Status);
    }

    [Fact]
    public void An_install_script_that_writes_a_systemd_unit_is_a_server_descriptor()
    {
        // Jackett: install_service_systemd.sh writes /etc/systemd/system/jackett.service from a heredoc.
        using var repo = TestRepository.Create()
            .Write("src/App/App.csproj", WebProject)
            .Write("src/App/Program.cs", "var app = WebApplication.Create(args);\napp.Run();\n")
            .Write("install_service_systemd.sh", "#!/bin/bash\ncat > /etc/systemd/system/app.service <<EOF\n[Unit]\nDescription=App\n\n[Service]\nUser=app\nExecStart=/opt/app/app --NoRestart\nRestart=always\n\n[Install]\nWantedBy=multi-user.target\nEOF\nsystemctl enable --now app.service\n");

        var facts = Extract(repo);

        Assert.Contains("systemd", facts.Repository.List(FactKeys.Platforms));
        Assert.Equal(FindingStatus.Pass, Rule(Evaluation.Evaluate(facts), "deployment.descriptor").Status);
    }

    [Fact]
    public void Resource_limits_are_not_judged_where_the_descriptors_cannot_size_an_instance()
    {
        // gotosocial (a Dockerfile only), Lidarr (a systemd unit), CodeTriage (a Procfile): the size is chosen where they
        // run. A unit that sets MemoryMax= does declare a limit; a compose file could and does not.
        using var dockerfileOnly = TestRepository.Create()
            .Write("go.mod", "module example.com/app\n\ngo 1.22\n")
            .Write("main.go", "package main\n\nimport \"net/http\"\n\nfunc main() { http.ListenAndServe(\":8080\", nil) }\n")
            .Write("Dockerfile", "FROM golang:1.22 AS build\nCOPY . .\nRUN go build -o /app\nFROM gcr.io/distroless/static-debian12:nonroot\nCOPY --from=build /app /app\nENTRYPOINT [\"/app\"]\n");
        using var limitedUnit = TestRepository.Create()
            .Write("go.mod", "module example.com/app\n\ngo 1.22\n")
            .Write("main.go", "package main\n\nimport \"net/http\"\n\nfunc main() { http.ListenAndServe(\":8080\", nil) }\n")
            .Write("dist/app.service", "[Unit]\nDescription=App\n\n[Service]\nExecStart=/usr/bin/app\nMemoryMax=512M\n\n[Install]\nWantedBy=multi-user.target\n");
        using var compose = TestRepository.Create()
            .Write("go.mod", "module example.com/app\n\ngo 1.22\n")
            .Write("main.go", "package main\n\nimport \"net/http\"\n\nfunc main() { http.ListenAndServe(\":8080\", nil) }\n")
            .Write("docker-compose.yml", "services:\n  app:\n    image: example/app:1.0\n    ports: ['8080:8080']\n");

        Assert.Equal(FindingStatus.NotApplicable, Rule(Evaluation.Evaluate(Extract(dockerfileOnly)), "deployment.resource-limits").Status);
        Assert.Equal(FindingStatus.Pass, Rule(Evaluation.Evaluate(Extract(limitedUnit)), "deployment.resource-limits").Status);
        Assert.Equal(FindingStatus.Fail, Rule(Evaluation.Evaluate(Extract(compose)), "deployment.resource-limits").Status);
    }
}
