using InfraTrend.Analyzers;
using InfraTrend.Auditing;
using InfraTrend.Facts;
using InfraTrend.Tests.Support;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

using static InfraTrend.Tests.Scores.CorpusCase;

namespace InfraTrend.Tests.Scores;

/// <summary>
/// Deployment and CI cases of the thirteenth round: each a small fixture written by hand after the real repositories
/// named in the test (none of their files are copied).
/// </summary>
public class CorpusCasesDeployment13Tests
{
    private static Finding Rule(Evaluation evaluation, string rule) =>
        Finding(evaluation, rule).Finding;

    private const string GoModule = "module example.com/app\n\ngo 1.23\n";
    private const string GoMain = "package main\n\nimport \"net/http\"\n\nfunc main() { http.ListenAndServe(\":8080\", nil) }\n";
    private const string GoDockerfile = "FROM golang:1.23 AS build\nCOPY . .\nRUN go build -o /app\nFROM alpine:3.20\nCOPY --from=build /app /app\nUSER 10001\nENTRYPOINT [\"/app\"]\n";

    // An Azure Pipelines release step whose inline notes start with two blank lines that keep the block's indentation.
    private const string AzurePipeline =
        "trigger:\n  branches:\n    include: [master]\n\nstages:\n  - stage: Build\n    jobs:\n      - job: Build\n        pool:\n          vmImage: ubuntu-22.04\n        steps:\n"
        + "          - script: dotnet build -c Release\n            displayName: Build\n"
        + "          - script: dotnet test -c Release\n            displayName: Test\n"
        + "  - stage: Release\n    jobs:\n      - job: Release\n        steps:\n"
        + "          - task: GitHubRelease@1\n            inputs:\n              tagSource: userSpecifiedTag\n              releaseNotesInline: |\n"
        + "                \n                \n                See the installation guide for the options.\n\n                File | Description\n"
        + "              addChangeLog: true\n";

    [Fact]
    public void An_azure_pipeline_whose_release_notes_start_with_indented_blank_lines_is_read()
    {
        // rnwood/smtp4dev: azure-pipelines.yml builds, tests and releases on tags, but the GitHubRelease step's
        // releaseNotesInline block opens with whitespace-only lines, which YamlDotNet refuses ("found extra spaces in
        // first line"), so the whole pipeline was lost and CI scored as if nothing built or tested.
        Assert.ThrowsAny<YamlException>(() => new YamlStream().Load(new StringReader(AzurePipeline)));
        using var repo = TestRepository.Create()
            .Write("app/App.csproj", WebProject).Write("app/Program.cs", "var app = WebApplication.Create(args);\napp.Run();\n")
            .Write("azure-pipelines.yml", AzurePipeline);

        var facts = Extract(repo);
        var evaluation = Evaluation.Evaluate(facts);

        Assert.True(facts.Repository.Bool(FactKeys.RunsBuild));
        Assert.True(facts.Repository.Bool(FactKeys.RunsTests));
        Assert.True(facts.Repository.Bool(FactKeys.Publishes));
        Assert.Equal(FindingStatus.Pass, Rule(evaluation, "ci.builds").Status);
    }

    [Fact]
    public void A_multi_arch_manifest_pushed_after_a_registry_login_publishes_the_image()
    {
        // teableio/teable: docker-push.yml logs in to three registries, builds each architecture with the project's own
        // zx script given --push, then `docker manifest create` and `docker manifest push` per registry.
        using var repo = TestRepository.Create()
            .Write("go.mod", GoModule).Write("main.go", GoMain).Write("Dockerfile", GoDockerfile)
            .Write(".github/workflows/docker-push.yml", "on:\n  push:\n    branches: [develop]\n    tags: ['v*']\njobs:\n  manifest:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: docker/login-action@v3\n        with:\n          registry: ghcr.io\n          username: ${{ github.actor }}\n          password: ${{ secrets.TOKEN }}\n      - name: Create and push manifest\n        run: |\n          docker manifest create ghcr.io/example/app:latest ghcr.io/example/app:latest-amd64 ghcr.io/example/app:latest-arm64\n          docker manifest push ghcr.io/example/app:latest\n");

        var facts = Extract(repo);
        var evaluation = Evaluation.Evaluate(facts);

        Assert.True(facts.Repository.Bool(FactKeys.Publishes));
        Assert.Equal(FindingStatus.Pass, Rule(evaluation, "deployment.automated").Status);
    }

    [Fact]
    public void The_projects_own_image_script_given_push_after_a_registry_login_publishes()
    {
        // teableio/teable: `zx scripts/build-image.mjs --file=... --platform=linux/amd64 --push` after docker/login-action.
        using var repo = TestRepository.Create()
            .Write("go.mod", GoModule).Write("main.go", GoMain).Write("Dockerfile", GoDockerfile)
            .Write("scripts/build-image.mjs", "#!/usr/bin/env zx\nawait $`docker buildx build ${process.argv.slice(3)} .`\n")
            .Write(".github/workflows/image.yml", "on:\n  push:\n    branches: [main]\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - uses: docker/login-action@v3\n        with:\n          username: ${{ secrets.HUB_USER }}\n          password: ${{ secrets.HUB_TOKEN }}\n      - run: npm install -g zx\n      - name: Build and push\n        run: |\n          zx scripts/build-image.mjs --file=Dockerfile \\\n            --platform=linux/amd64 \\\n            --push\n");

        var facts = Extract(repo);

        Assert.True(facts.Repository.Bool(FactKeys.Publishes));
    }

    [Fact]
    public void The_same_script_with_no_registry_login_publishes_nothing()
    {
        using var repo = TestRepository.Create()
            .Write("go.mod", GoModule).Write("main.go", GoMain).Write("Dockerfile", GoDockerfile)
            .Write(".github/workflows/image.yml", "on:\n  push:\n    branches: [main]\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: zx scripts/build-image.mjs --file=Dockerfile --push\n");

        var facts = Extract(repo);

        Assert.False(facts.Repository.Bool(FactKeys.Publishes));
    }

    [Fact]
    public void A_jreleaser_release_run_through_gradle_publishes()
    {
        // gotson/komga: release.yml builds the boot jar, then `./gradlew jreleaserRelease` pushes the multi-arch images
        // and the GitHub release.
        using var repo = TestRepository.Create()
            .Write("settings.gradle.kts", "rootProject.name = \"app\"\n")
            .Write("build.gradle.kts", "plugins {\n  id(\"org.springframework.boot\") version \"3.3.0\"\n  id(\"org.jreleaser\") version \"1.14.0\"\n}\n")
            .Write("src/main/kotlin/App.kt", "fun main() {}\n")
            .Write("Dockerfile", "FROM eclipse-temurin:21-jre\nCOPY build/libs/app.jar /app.jar\nUSER 1000\nENTRYPOINT [\"java\", \"-jar\", \"/app.jar\"]\n")
            .Write(".github/workflows/release.yml", "on:\n  workflow_dispatch:\njobs:\n  release:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: ./gradlew bootJar\n      - name: JReleaser release\n        run: ./gradlew jreleaserRelease\n");

        var facts = Extract(repo);

        Assert.True(facts.Repository.Bool(FactKeys.Publishes));
        Assert.True(facts.Repository.Bool(FactKeys.RunsBuild));
    }

    private const string SharedChart = "apiVersion: v2\nname: app-api\nversion: 0.1.0\ndependencies:\n  - name: generic-service\n    version: \"3.17\"\n    repository: https://example-org.github.io/helm-charts\n";

    [Fact]
    public void A_chart_rendered_by_a_shared_platform_chart_is_not_judged_on_what_its_values_leave_to_it()
    {
        // ministryofjustice/hmpps-manage-users-api, hmcts/ccd-data-store-api: helm_deploy/<app>/Chart.yaml has no
        // templates and depends on the platform team's generic-service (or java) chart; values.yaml hands it the image,
        // ingress and replicas. The probes, limits and security context are that chart's defaults.
        using var repo = TestRepository.Create()
            .Write("go.mod", GoModule).Write("main.go", GoMain).Write("Dockerfile", GoDockerfile)
            .Write("helm_deploy/app-api/Chart.yaml", SharedChart)
            .Write("helm_deploy/app-api/values.yaml", "generic-service:\n  nameOverride: app-api\n  replicaCount: 4\n  image:\n    repository: ghcr.io/example/app-api\n    port: 8080\n  ingress:\n    enabled: true\n");

        var evaluation = Evaluation.Evaluate(Extract(repo));

        Assert.Equal(FindingStatus.NotApplicable, Rule(evaluation, "deployment.k8s-probes").Status);
        Assert.Equal(FindingStatus.NotApplicable, Rule(evaluation, "deployment.k8s-resource-limits").Status);
        Assert.Equal(FindingStatus.NotApplicable, Rule(evaluation, "deployment.k8s-security-context").Status);
        Assert.Contains("generic-service", Rule(evaluation, "deployment.k8s-probes").Message);
    }

    [Fact]
    public void What_the_values_hand_to_the_shared_chart_is_still_credited()
    {
        // ministryofjustice/digital-prison-services: values.yaml sets the liveness and readiness probes for generic-service.
        using var repo = TestRepository.Create()
            .Write("go.mod", GoModule).Write("main.go", GoMain).Write("Dockerfile", GoDockerfile)
            .Write("helm_deploy/app-api/Chart.yaml", SharedChart)
            .Write("helm_deploy/app-api/values.yaml", "generic-service:\n  livenessProbe:\n    httpGet:\n      path: /health/liveness\n  readinessProbe:\n    httpGet:\n      path: /health/readiness\n");

        var evaluation = Evaluation.Evaluate(Extract(repo));

        Assert.Equal(FindingStatus.Pass, Rule(evaluation, "deployment.k8s-probes").Status);
        Assert.Equal(FindingStatus.NotApplicable, Rule(evaluation, "deployment.k8s-resource-limits").Status);
    }

    [Fact]
    public void A_chart_with_its_own_templates_and_a_database_dependency_is_still_judged()
    {
        // The common case: the chart's templates run the application; a Bitnami PostgreSQL dependency does not render it.
        using var repo = TestRepository.Create()
            .Write("go.mod", GoModule).Write("main.go", GoMain).Write("Dockerfile", GoDockerfile)
            .Write("chart/Chart.yaml", "apiVersion: v2\nname: app\nversion: 0.1.0\ndependencies:\n  - name: postgresql\n    version: 15.x.x\n    repository: oci://registry-1.docker.io/bitnamicharts\n")
            .Write("chart/values.yaml", "replicaCount: 1\nresources: {}\n")
            .Write("chart/templates/deployment.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          image: example/app\n");

        var evaluation = Evaluation.Evaluate(Extract(repo));

        Assert.Equal(FindingStatus.Fail, Rule(evaluation, "deployment.k8s-probes").Status);
        Assert.Equal(FindingStatus.Fail, Rule(evaluation, "deployment.k8s-resource-limits").Status);
    }

    [Theory]
    [InlineData("registry.access.redhat.com/ubi9/openjdk-21-runtime:1.20", "java", "21")]
    [InlineData("registry.access.redhat.com/ubi8/openjdk-17", "java", "17")]
    [InlineData("gcr.io/distroless/java21-debian12:nonroot", "java", "21")]
    [InlineData("gcr.io/distroless/nodejs20-debian12", "node", "20")]
    [InlineData("azul/zulu-openjdk-alpine:17-jre", "java", "17")]
    [InlineData("bellsoft/liberica-runtime-container:jre-21-slim-musl", "java", "21")]
    [InlineData("ibm-semeru-runtimes:open-17-jre", "java", "17")]
    [InlineData("mcr.microsoft.com/openjdk/jdk:21-ubuntu", "java", "21")]
    public void Vendor_jdk_and_distroless_images_name_their_runtime_version(string image, string runtime, string version)
    {
        // openremote/openremote: manager/Dockerfile runs on registry.access.redhat.com/ubi9/openjdk-21-runtime, whose
        // major version is in the image's name, not its tag.
        Assert.Equal((runtime, version), InfraTrend.Facts.Deployment.RuntimeImages.Of(image));
    }

    [Fact]
    public void A_ubi_openjdk_runtime_image_pins_java_where_the_application_is_deployed()
    {
        using var repo = TestRepository.Create()
            .Write("pom.xml", "<project><modelVersion>4.0.0</modelVersion><groupId>e</groupId><artifactId>app</artifactId><version>1</version></project>\n")
            .Write("src/main/java/App.java", "public class App { public static void main(String[] a) {} }\n")
            .Write("Dockerfile", "FROM registry.access.redhat.com/ubi9/openjdk-21-runtime:1.20\nCOPY target/app.jar /deployments/app.jar\nUSER 185\n");

        var evaluation = Evaluation.Evaluate(Extract(repo));

        Assert.Equal(FindingStatus.Pass, Rule(evaluation, "deployment.runtime-pinned").Status);
    }
}
