using InfraTrend.Analyzers;
using InfraTrend.Auditing;
using InfraTrend.Facts;
using InfraTrend.Tests.Support;

using static InfraTrend.Tests.Scores.CorpusCase;

namespace InfraTrend.Tests.Scores;

/// <summary>
/// Deployment cases of the second round: each a small fixture written by hand after the real repository named in the
/// test (none of its files are copied).
/// </summary>
public class CorpusCasesDeployment2Tests
{
    private static Finding Rule(Evaluation evaluation, string rule) =>
        Finding(evaluation, rule).Finding;

    [Fact]
    public void A_push_flag_on_a_continuation_line_publishes_the_image()
    {
        // apache/answer: `docker buildx build \` with `--push` several lines down, in a workflow run on version tags.
        using var repo = TestRepository.Create()
            .Write("go.mod", "module example.com/app\n\ngo 1.23\n")
            .Write("main.go", "package main\n\nimport \"net/http\"\n\nfunc main() { http.ListenAndServe(\":8080\", nil) }\n")
            .Write("Dockerfile", "FROM golang:1.23 AS build\nCOPY . .\nRUN go build -o /app\nFROM alpine:3.20\nCOPY --from=build /app /app\nENTRYPOINT [\"/app\"]\n")
            .Write(".github/workflows/image.yml", "on:\n  push:\n    tags: ['v*']\njobs:\n  image:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: echo \"$TOKEN\" | docker login --username bot --password-stdin\n      - run: |\n          docker buildx build \\\n            --file ./Dockerfile \\\n            --platform linux/amd64,linux/arm64 \\\n            --push \\\n            --tag example/app:latest .\n");

        var facts = Extract(repo);
        var evaluation = Evaluation.Evaluate(facts);

        Assert.True(facts.Repository.Bool(FactKeys.Publishes));
        Assert.Equal(FindingStatus.Pass, Rule(evaluation, "deployment.automated").Status);
    }

    [Fact]
    public void A_pipeline_that_deploys_the_built_jar_to_a_managed_platform_is_half_a_descriptor()
    {
        // spring-io/start.spring.io: the main-branch workflow builds the jar with Maven and runs `az spring app deploy`
        // with --artifact-path; the Azure Spring Apps instance itself is configured outside the repository.
        using var repo = TestRepository.Create()
            .Write("pom.xml", "<project><modelVersion>4.0.0</modelVersion><groupId>g</groupId><artifactId>site</artifactId><version>1</version><parent><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-parent</artifactId><version>3.3.0</version></parent><dependencies><dependency><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-web</artifactId></dependency></dependencies></project>")
            .Write("src/main/java/site/App.java", "package site;\n@org.springframework.boot.autoconfigure.SpringBootApplication\npublic class App { public static void main(String[] a) { org.springframework.boot.SpringApplication.run(App.class, a); } }\n")
            .Write(".github/workflows/deploy.yml", "on:\n  push:\n    branches: [main]\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: ./mvnw -B verify\n      - uses: azure/login@v2\n        with:\n          creds: ${{ secrets.AZURE }}\n      - run: |\n          az spring app deploy \\\n            --name site --service asa --resource-group rg \\\n            --artifact-path target/site.jar\n");

        var facts = Extract(repo);
        var evaluation = Evaluation.Evaluate(facts);

        Assert.True(facts.Repository.Bool(FactKeys.Deploys));
        Assert.Equal(FindingStatus.Pass, Rule(evaluation, "deployment.automated").Status);
        var descriptor = Rule(evaluation, "deployment.descriptor");
        Assert.Equal((FindingStatus.Partial, 0.5), (descriptor.Status, descriptor.Score));
    }

    [Fact]
    public void A_dockerfile_on_an_older_dotnet_than_the_projects_target_is_only_half_a_descriptor()
    {
        // EduardoPires/EquinoxProject and simplcommerce/SimplCommerce: Visual Studio Dockerfiles still on the .NET 5/6
        // sdk and aspnet images while every project targets a newer framework; they cannot build the current code.
        using var repo = TestRepository.Create()
            .Write("src/Api/Api.csproj", WebProject.Replace("net8.0", "net9.0", StringComparison.Ordinal))
            .Write("src/Api/Program.cs", "var app = WebApplication.Create(args);\napp.Run();\n")
            .Write("src/Api/Dockerfile", "FROM mcr.microsoft.com/dotnet/aspnet:6.0 AS base\nWORKDIR /app\nFROM mcr.microsoft.com/dotnet/sdk:6.0 AS build\nCOPY . .\nRUN dotnet publish -o /app/publish\nFROM base\nCOPY --from=build /app/publish .\nENTRYPOINT [\"dotnet\", \"Api.dll\"]\n");

        var descriptor = Rule(Evaluation.Evaluate(Extract(repo)), "deployment.descriptor");

        Assert.Equal((FindingStatus.Partial, 0.5), (descriptor.Status, descriptor.Score));
        Assert.Contains("older than the one the code targets", descriptor.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_dockerfile_on_the_targeted_dotnet_is_a_full_descriptor()
    {
        using var repo = TestRepository.Create()
            .Write("src/Api/Api.csproj", WebProject)
            .Write("src/Api/Program.cs", "var app = WebApplication.Create(args);\napp.Run();\n")
            .Write("src/Api/Dockerfile", "FROM mcr.microsoft.com/dotnet/sdk:8.0 AS build\nCOPY . .\nRUN dotnet publish -o /app\nFROM mcr.microsoft.com/dotnet/aspnet:8.0\nCOPY --from=build /app /app\nENTRYPOINT [\"dotnet\", \"/app/Api.dll\"]\n");

        Assert.Equal(FindingStatus.Pass, Rule(Evaluation.Evaluate(Extract(repo)), "deployment.descriptor").Status);
    }

    [Fact]
    public void A_push_flag_kept_in_a_variable_after_a_registry_login_publishes_the_image()
    {
        // btcpayserver/btcpayserver: the tag-only CircleCI job logs in to Docker Hub, keeps `--push` in
        // DOCKER_BUILDX_OPTS and runs `docker buildx build $DOCKER_BUILDX_OPTS -t ...`.
        var activities = InfraTrend.Facts.Ci.CommandClassifier.Direct(
            "docker login --username=$USER --password=$PASS\ndocker buildx create --use\nOPTS=\"--platform linux/amd64,linux/arm64 --push\"\ndocker buildx build $OPTS -t $REPO:$TAG .\n");

        Assert.True(activities.Publish);
    }
}
