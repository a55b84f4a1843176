using InfraTrend.Analyzers;
using InfraTrend.Auditing;
using InfraTrend.Facts;
using InfraTrend.Tests.Support;

using static InfraTrend.Tests.Scores.CorpusCase;

namespace InfraTrend.Tests.Scores;

/// <summary>
/// Scaling cases of the sixteenth tuning round, each rebuilt by hand as a small fixture after the real repositories
/// named in the test (none of their files are copied).
/// </summary>
public class CorpusCasesScaling16Tests
{
    private const string HangfireProject = """
        <Project Sdk="Microsoft.NET.Sdk.Web">
          <PropertyGroup><TargetFramework>net8.0</TargetFramework></PropertyGroup>
          <ItemGroup>
            <PackageReference Include="Hangfire.AspNetCore" Version="1.8.14" />
            <PackageReference Include="Hangfire.InMemory" Version="1.0.0" />
          </ItemGroup>
        </Project>
        """;

    [Fact]
    public void Hangfire_on_its_in_memory_storage_is_a_scheduler_in_the_process()
    {
        // neozhu/CleanArchitectureWithBlazorServer (auditor 25, tool 70): AddHangfire(c => c...UseInMemoryStorage())
        // .AddHangfireServer(); the auditors: "Hangfire UseInMemoryStorage ... make it single-instance".
        using var repo = TestRepository.Create()
            .Write("src/Web/Web.csproj", HangfireProject)
            .Write("src/Web/Program.cs", """
                var builder = WebApplication.CreateBuilder(args);
                builder.Services.AddHangfire(configuration => configuration
                        .UseSimpleAssemblyNameTypeSerializer()
                        .UseInMemoryStorage())
                    .AddHangfireServer();
                var app = builder.Build();
                app.Run();
                """);

        var facts = Extract(repo);

        Assert.Equal(["hangfire-in-memory"], facts.Repository.List(FactKeys.BackgroundJobs));
        var jobs = Evaluation.Evaluate(facts).Findings.Single(f => f.Analyzer.Id == "scaling.background-jobs").Finding;
        Assert.Equal(FindingStatus.Partial, jobs.Status);
    }

    [Fact]
    public void Hangfire_on_a_database_storage_is_a_job_queue()
    {
        // The same registration on a durable storage (UsePostgreSqlStorage) queues jobs every instance shares.
        using var repo = TestRepository.Create()
            .Write("src/Web/Web.csproj", HangfireProject)
            .Write("src/Web/Program.cs", """
                var builder = WebApplication.CreateBuilder(args);
                builder.Services.AddHangfire(configuration => configuration
                        .UsePostgreSqlStorage(o => o.UseNpgsqlConnection(builder.Configuration.GetConnectionString("Jobs"))))
                    .AddHangfireServer();
                var app = builder.Build();
                app.Run();
                """);

        Assert.Equal(["hangfire"], Extract(repo).Repository.List(FactKeys.BackgroundJobs));
    }

    [Fact]
    public void Quartz_alone_is_a_scheduler_in_the_process()
    {
        // yangzongzhuan/RuoYi (auditor 20, tool 38): a ruoyi-quartz module on spring-boot-starter-quartz runs cron
        // jobs inside the admin application; the auditors: "job scheduler and ehcache are template features; there is
        // no distributed cache or queue".
        using var repo = TestRepository.Create()
            .Write("pom.xml", """
                <project>
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>com.example</groupId>
                  <artifactId>admin</artifactId>
                  <version>1.0.0</version>
                  <parent>
                    <groupId>org.springframework.boot</groupId>
                    <artifactId>spring-boot-starter-parent</artifactId>
                    <version>3.3.0</version>
                  </parent>
                  <dependencies>
                    <dependency>
                      <groupId>org.springframework.boot</groupId>
                      <artifactId>spring-boot-starter-web</artifactId>
                    </dependency>
                    <dependency>
                      <groupId>org.springframework.boot</groupId>
                      <artifactId>spring-boot-starter-quartz</artifactId>
                    </dependency>
                  </dependencies>
                </project>
                """)
            .Write("src/main/java/com/example/admin/AdminApplication.java", "package com.example.admin;\n\nimport org.springframework.boot.SpringApplication;\nimport org.springframework.boot.autoconfigure.SpringBootApplication;\n\n@SpringBootApplication\npublic class AdminApplication {\n    public static void main(String[] args) { SpringApplication.run(AdminApplication.class, args); }\n}\n")
            .Write("src/main/java/com/example/admin/job/CleanupJob.java", "package com.example.admin.job;\n\nimport org.quartz.Job;\nimport org.quartz.JobExecutionContext;\n\npublic class CleanupJob implements Job {\n    public void execute(JobExecutionContext context) { }\n}\n");

        var facts = Extract(repo);

        Assert.Contains("quartz", facts.Repository.List(FactKeys.BackgroundJobs));
        var jobs = Evaluation.Evaluate(facts).Findings.Single(f => f.Analyzer.Id == "scaling.background-jobs").Finding;
        Assert.Equal(FindingStatus.Partial, jobs.Status);
    }

    [Fact]
    public void A_replicas_section_that_asks_for_sticky_sessions_is_no_cluster_design()
    {
        // gethomepage/homepage (auditor 20, tool 56): docs/installation/k8s.md has a "### Multiple Replicas" section
        // that tells operators to turn sticky sessions on at the ingress; each replica keeps its own state.
        using var repo = TestRepository.Create()
            .Write("package.json", "{\n  \"name\": \"dashboard\",\n  \"dependencies\": { \"next\": \"15.0.0\" }\n}\n")
            .Write("docs/installation/k8s.md", "# Kubernetes\n\nInstall with the manifests below.\n\n### Multiple Replicas\n\nWith more than one replica, enable sticky sessions on the route so that page loads\nreach the same pod.\n\n### Ingress\n\nRoute the host to the service.\n");

        Assert.Empty(Extract(repo).Repository.List(FactKeys.ClusterDesign));
    }

    [Fact]
    public void A_replicas_section_without_sticky_sessions_is_still_a_cluster_design()
    {
        // The same guide whose section tells how instances share their state documents a cluster mode.
        using var repo = TestRepository.Create()
            .Write("package.json", "{\n  \"name\": \"dashboard\",\n  \"dependencies\": { \"next\": \"15.0.0\" }\n}\n")
            .Write("docs/installation/k8s.md", "# Kubernetes\n\n### Multiple Replicas\n\nSet REDIS_URL so that every replica shares sessions and locks.\n\n### Sticky sessions\n\nNot needed.\n");

        Assert.Equal(["cluster-docs"], Extract(repo).Repository.List(FactKeys.ClusterDesign));
    }

    [Fact]
    public void A_storybook_package_is_a_web_part_the_server_side_scaling_rules_leave_out()
    {
        // openremote/openremote (auditor 50): ui/app/storybook (lit components, `storybook build` and `storybook dev`)
        // was taken for an application part and failed the cache, job and object storage rules beside the Java manager.
        using var repo = TestRepository.Create()
            .Write("package.json", "{\n  \"name\": \"platform\",\n  \"private\": true,\n  \"workspaces\": [\"ui/app/*\"]\n}\n")
            .Write("ui/app/storybook/package.json", "{\n  \"name\": \"@example/storybook\",\n  \"private\": true,\n  \"scripts\": {\n    \"build\": \"storybook build -o dist\",\n    \"serve\": \"storybook dev -p 9000\"\n  },\n  \"dependencies\": { \"lit\": \"^3.3.1\" },\n  \"devDependencies\": { \"@storybook/web-components\": \"~10.4.6\", \"storybook\": \"~10.4.6\" }\n}\n")
            .Write("ui/app/storybook/src/button.stories.ts", "export default { title: 'Button' };\n");

        var facts = Extract(repo);

        Assert.Equal("web", facts.Parts.Single(p => p.Path == "ui/app/storybook").Kind);
        var cache = Finding(Evaluation.Evaluate(facts), "scaling.cache", "ui/app/storybook").Finding;
        Assert.Equal(FindingStatus.NotApplicable, cache.Status);
    }
}
