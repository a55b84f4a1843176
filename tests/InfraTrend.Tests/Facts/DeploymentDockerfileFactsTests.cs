using System.Text.Json.Nodes;
using InfraTrend.Facts;
using static InfraTrend.Tests.Facts.CiFixture;

namespace InfraTrend.Tests.Facts;

/// <summary>Dockerfiles as real projects write them: ARG-parameterised bases (jenkinsci/docker, Next.js), stages built from stages, digests, non-root images.</summary>
public class DeploymentDockerfileFactsTests
{
    private static JsonObject Dockerfile(FactTable facts, string path) =>
        facts.Objects(FactKeys.Dockerfiles).Single(o => o["path"]!.GetValue<string>() == path);

    // Visual Studio leaves Dockerfile.original beside the Dockerfile it rewrites (run-aspnetcore-microservices); an ignore
    // file or notes named after the Dockerfile are not built either.
    [Theory]
    [InlineData("Dockerfile", true)]
    [InlineData("dockerfile", true)]
    [InlineData("Containerfile", true)]
    [InlineData("Dockerfile.prod", true)]
    [InlineData("api.Dockerfile", true)]
    [InlineData("api.dockerfile", true)]
    [InlineData("Dockerfile.original", false)]
    [InlineData("Dockerfile.dockerignore", false)]
    [InlineData("Dockerfile.md", false)]
    [InlineData("Dockerfiles", false)]
    public void A_file_is_a_Dockerfile_when_something_builds_it(string name, bool built) =>
        Assert.Equal(built, InfraTrend.Facts.Deployment.DockerfileFacts.IsDockerfile(name));

    [Fact]
    public void A_next_js_style_multi_stage_build_inherits_the_user_of_the_stage_it_builds_from()
    {
        var facts = Read(("Dockerfile", """
            ARG NODE_VERSION=20.19.0
            FROM node:${NODE_VERSION}-alpine AS base

            FROM base AS deps
            RUN npm ci

            FROM base AS builder
            COPY --from=deps /app/node_modules ./node_modules
            RUN npm run build

            FROM base AS runner
            RUN adduser --system --uid 1001 nextjs
            USER nextjs
            HEALTHCHECK CMD wget -qO- http://localhost:3000/health || exit 1

            FROM runner AS final
            CMD ["node", "server.js"]
            """));

        var dockerfile = Dockerfile(facts, "Dockerfile");
        Assert.Equal(["node:20.19.0-alpine"], dockerfile["baseImages"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.True(dockerfile["pinnedBase"]!.GetValue<bool>());
        Assert.True(dockerfile["multiStage"]!.GetValue<bool>());
        // The final stage is built FROM runner, which switched to nextjs and declared a HEALTHCHECK.
        Assert.True(dockerfile["nonRootUser"]!.GetValue<bool>());
        Assert.True(dockerfile["healthcheck"]!.GetValue<bool>());
        Assert.Equal(["node 20.19.0 Dockerfile:2 docker"], facts.Pins());
    }

    [Fact]
    public void Quoted_arguments_digests_and_arguments_without_a_default_are_read_right()
    {
        var facts = Read(
            ("alpine/Dockerfile", """
                ARG ALPINE_TAG=3.24.1
                FROM alpine:"${ALPINE_TAG}" AS jre
                ARG user=jenkins
                FROM eclipse-temurin:21.0.12_7-jre-alpine@sha256:28db6fdf60e38945e43d840c0333aeaec66c15943070104f7586fd3c9d1665b0 AS controller
                USER ${user}
                """),
            ("ruby/Dockerfile", """
                ARG RUBY_VERSION
                FROM ruby:$RUBY_VERSION-slim-bookworm
                """),
            ("Dockerfile.dev.dockerignore", "node_modules\n"));

        var alpine = Dockerfile(facts, "alpine/Dockerfile");
        Assert.Equal(["alpine:3.24.1", "eclipse-temurin:21.0.12_7-jre-alpine@sha256:28db6fdf60e38945e43d840c0333aeaec66c15943070104f7586fd3c9d1665b0"], alpine["baseImages"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.True(alpine["pinnedBase"]!.GetValue<bool>());
        Assert.True(alpine["nonRootUser"]!.GetValue<bool>());
        var ruby = Dockerfile(facts, "ruby/Dockerfile");
        Assert.False(ruby["pinnedBase"]!.GetValue<bool>());
        Assert.True(ruby["parameterisedBase"]!.GetValue<bool>());
        // A .dockerignore beside a Dockerfile is not one.
        Assert.Equal(2, facts.Objects(FactKeys.Dockerfiles).Count);
        Assert.Equal(["java 21.0.12 alpine/Dockerfile:4 docker"], facts.Pins());
    }

    [Theory]
    [InlineData("gcr.io/distroless/static-debian12:nonroot", true)]
    [InlineData("mcr.microsoft.com/dotnet/aspnet:8.0-jammy-chiseled", true)]
    [InlineData("cgr.dev/chainguard/node:latest", true)]
    [InlineData("cgr.dev/chainguard/node:latest-dev", false)]
    [InlineData("node:20-slim", false)]
    public void Images_that_run_as_non_root_by_default_count_without_a_user(string image, bool nonRoot)
    {
        var facts = Read(("Dockerfile", $"FROM golang:1.22 AS build\nRUN go build -o /app\nFROM {image}\nCOPY --from=build /app /app\n"));

        Assert.Equal(nonRoot, Dockerfile(facts, "Dockerfile")["nonRootUser"]!.GetValue<bool>());
    }

    [Fact]
    public void Dockerfiles_and_compose_files_of_a_test_harness_describe_no_deployment()
    {
        var facts = Read(
            ("internal/suites/example/compose/ldap/compose.yml", "services:\n  ldap:\n    image: osixia/openldap\n    healthcheck:\n      test: ['CMD', 'true']\n"),
            ("test/fixtures/Dockerfile", "FROM alpine\n"),
            ("Dockerfile", "FROM node:20\nUSER node\n"));

        Assert.Equal(["docker"], facts.List(FactKeys.Platforms));
        Assert.Empty(facts.List(FactKeys.PlatformHealthCheck));
        Assert.Single(facts.Objects(FactKeys.Dockerfiles));
    }
}
