using System.Text.Json.Nodes;
using InfraTrend.Auditing;
using InfraTrend.Facts;
using InfraTrend.Reports;
using InfraTrend.Scanning;
using InfraTrend.Tests.Support;
using static InfraTrend.Tests.Reports.AuditBuilder;

namespace InfraTrend.Tests.Reports;

public sealed class JsonReportTests
{
    private static TestRepository SmallRepository()
    {
        var repo = TestRepository.Create();
        repo.Write("README.md", "# shop\n\nDeploys to Render.\n")
            .Write("package.json", """{ "name": "shop", "scripts": { "start": "node server.js" }, "dependencies": { "express": "^4.19.0" } }""")
            .Write("server.js", "const express = require('express');\nconst app = express();\napp.get('/health', (req, res) => res.send('ok'));\napp.listen(3000);\n")
            .Write(".github/workflows/ci.yml", "on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm test\n");
        repo.Commit("init", new DateTimeOffset(2025, 8, 26, 12, 0, 0, TimeSpan.Zero));
        return repo;
    }

    private static JsonObject Parse(string json) => (JsonObject)JsonNode.Parse(json)!;

    [Fact]
    public void Json_of_a_real_audit_matches_the_schema()
    {
        using var repo = SmallRepository();

        var json = JsonReport.Render(Auditor.Audit(repo.Root));

        Assert.Empty(AuditSchema.Errors(json));
    }

    [Fact]
    public void Json_of_an_audit_with_findings_tasks_parts_and_every_skip_reason_matches_the_schema()
    {
        var audit = SampleLike();
        foreach (var reason in Enum.GetValues<SkipReason>())
            audit.Skipped.Add(new SkippedFile($"skipped/{reason}", reason));

        var json = JsonReport.Render(audit.Build());

        Assert.Empty(AuditSchema.Errors(json));
    }

    [Fact]
    public void Json_of_an_evaluation_of_hand_made_facts_matches_the_schema()
    {
        var repository = new FactTable();
        repository.Add(FactKeys.Languages, "typescript", new Evidence("api/package.json", 1));
        repository.Add(FactKeys.Platforms, "render", new Evidence("render.yaml", 1));
        repository.Add(FactKeys.CiSystems, "github-actions", new Evidence(".github/workflows/ci.yml", 0));
        repository.Flag(FactKeys.RunsTests, new Evidence(".github/workflows/ci.yml", 9));
        repository.Flag(FactKeys.Readme, new Evidence("README.md", 0));
        var api = new PartFacts("api", "api", "service");
        api.Facts.Add(FactKeys.Languages, "typescript", new Evidence("api/package.json", 1));
        api.Facts.Flag(FactKeys.HealthEndpoint, new Evidence("api/src/app.ts", 12));
        var web = new PartFacts("web", "web", "web");
        var facts = new RepositoryFacts { Repository = repository, Parts = [api, web] };

        var result = new AuditResult(new AuditBuilder().Repository, "0.1.0", AuditedAt, TimeSpan.FromSeconds(2), 10, [], [], facts, Evaluation.Evaluate(facts));
        var json = JsonReport.Render(result);

        Assert.Empty(AuditSchema.Errors(json));
        Assert.Equal(["api", "web"], Parse(json)["parts"]!.AsArray().Select(p => p!["path"]!.GetValue<string>()));
    }

    [Fact]
    public void The_schema_rejects_output_that_lacks_a_property_or_has_an_unknown_one()
    {
        var json = Parse(JsonReport.Render(SampleLike().Build()));
        json.Remove("facts");
        json["surprise"] = true;

        var errors = AuditSchema.Errors(json.ToJsonString());

        Assert.Contains(errors, e => e.Contains("facts", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("surprise", StringComparison.Ordinal) || e.Contains("additionalProperties", StringComparison.Ordinal));
    }

    [Fact]
    public void Facts_hold_every_key_of_the_catalogue()
    {
        using var repo = SmallRepository();

        var facts = Parse(JsonReport.Render(Auditor.Audit(repo.Root)))["facts"]!.AsObject();

        Assert.All(FactKeys.All, key => Assert.True(facts.ContainsKey(key.Name), $"facts lacks {key.Name}"));
        Assert.Equal(FactKeys.All.Count, facts.Count);
    }

    [Fact]
    public void Categories_list_all_eight_in_order_with_null_where_nothing_applied()
    {
        var categories = Parse(JsonReport.Render(SampleLike().Build()))["categories"]!.AsArray();

        Assert.Equal(["deployment", "ci", "monitoring", "security", "database", "operations", "testing", "scaling"], categories.Select(c => c!["id"]!.GetValue<string>()));
        var ci = categories[1]!;
        Assert.Equal(100, ci["score"]!.GetValue<int>());
        Assert.Equal("excellent", ci["status"]!.GetValue<string>());
        var testing = categories[6]!.AsObject();
        Assert.Null(testing["score"]);
        Assert.Null(testing["status"]);
        Assert.True(testing.ContainsKey("score"));
    }

    [Fact]
    public void Overall_and_maturity_state_the_level_and_the_findings_blocking_the_next()
    {
        var json = Parse(JsonReport.Render(SampleLike().Build()));

        Assert.Equal(72, json["overall"]!["score"]!.GetValue<int>());
        Assert.Equal(3, json["overall"]!["maturityLevel"]!.GetValue<int>());
        Assert.Equal("Defined", json["overall"]!["maturityName"]!.GetValue<string>());
        var levels = json["maturity"]!["levels"]!.AsArray();
        Assert.Equal([true, true, true, false, false], levels.Select(l => l!["reached"]!.GetValue<bool>()));
        Assert.Equal(4.0, levels[3]!["applicableWeight"]!.GetValue<double>());
        Assert.Equal(1.0, levels[3]!["passingWeight"]!.GetValue<double>());
        Assert.Equal(
            ["monitoring.error-tracking|backend|part", "monitoring.error-tracking|frontend|part", "security.headers|backend|part", "security.rate-limiting|backend|part"],
            json["maturity"]!["blocking"]!.AsArray().Select(b => b!.GetValue<string>()));
    }

    [Fact]
    public void Findings_and_tasks_carry_fingerprints_evidence_and_stack_fixes()
    {
        var json = Parse(JsonReport.Render(SampleLike().Build()));

        var migrations = json["findings"]!.AsArray().Single(f => f!["analyzer"]!.GetValue<string>() == "database.migrations")!;
        Assert.Equal("database.migrations|backend|part", migrations["fingerprint"]!.GetValue<string>());
        Assert.Equal("backend", migrations["part"]!.GetValue<string>());
        Assert.Equal("pass", migrations["status"]!.GetValue<string>());
        Assert.Equal("render.yaml", migrations["evidence"]![1]!["path"]!.GetValue<string>());
        Assert.Equal(12, migrations["evidence"]![1]!["line"]!.GetValue<int>());

        var tasks = json["tasks"]!.AsArray();
        var errorTracking = tasks.Single(t => t!["id"]!.GetValue<string>() == "monitoring.error-tracking|backend|part")!;
        Assert.Equal("high", errorTracking["priority"]!.GetValue<string>());
        Assert.Equal("pnpm add @sentry/node", errorTracking["fix"]!.GetValue<string>());
        Assert.Equal(4, errorTracking["level"]!.GetValue<int>());
        // A finding without a fix of its own: the task falls back on the analyzer's remediation.
        Assert.Null(json["findings"]!.AsArray().Single(f => f!["analyzer"]!.GetValue<string>() == "operations.runbooks")!["fix"]);
        Assert.Equal("Remediate operations.runbooks.", tasks.Single(t => t!["analyzer"]!.GetValue<string>() == "operations.runbooks")!["fix"]!.GetValue<string>());
        Assert.Equal(["high", "high", "high", "medium", "medium", "low"], tasks.Select(t => t!["priority"]!.GetValue<string>()));
    }

    [Fact]
    public void Parts_carry_their_stack_own_scores_and_test_files()
    {
        var parts = Parse(JsonReport.Render(SampleLike().Build()))["parts"]!.AsArray();

        var backend = parts[0]!;
        Assert.Equal("backend", backend["path"]!.GetValue<string>());
        Assert.Equal("service", backend["kind"]!.GetValue<string>());
        Assert.Equal(["express"], backend["stack"]!["frameworks"]!.AsArray().Select(f => f!.GetValue<string>()));
        Assert.Equal(444, backend["testFiles"]!.GetValue<int>());
        Assert.Equal(50, backend["categories"]![2]!["score"]!.GetValue<int>());
        // The frontend has no health route to judge, so its monitoring rests on error tracking alone.
        Assert.Equal(0, parts[1]!["categories"]![2]!["score"]!.GetValue<int>());
    }

    [Fact]
    public void Two_renders_of_one_result_are_byte_identical()
    {
        var result = SampleLike().Build();

        Assert.Equal(JsonReport.Render(result), JsonReport.Render(result));
    }

    [Fact]
    public void Two_audits_of_the_same_state_differ_only_in_their_time_fields()
    {
        using var repo = SmallRepository();

        string WithoutTimes(AuditResult result)
        {
            var json = JsonReport.Build(result);
            json.Remove("auditedAt");
            json.Remove("durationMs");
            return json.ToJsonString();
        }

        Assert.Equal(WithoutTimes(Auditor.Audit(repo.Root)), WithoutTimes(Auditor.Audit(repo.Root)));
    }

    [Fact]
    public void Messages_that_hold_a_secret_are_redacted()
    {
        var audit = SampleLike();
        audit.Warnings.Add(("deploy.sh", "cannot parse https://deploy:hunter2@example.com/hook"));

        var json = JsonReport.Render(audit.Build());

        Assert.DoesNotContain("hunter2", json, StringComparison.Ordinal);
        Assert.Contains(Redaction.Marker, json, StringComparison.Ordinal);
    }
}
