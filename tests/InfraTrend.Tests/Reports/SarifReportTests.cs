using System.Text.Json.Nodes;
using InfraTrend.Model;
using InfraTrend.Reports;
using static InfraTrend.Tests.Reports.AuditBuilder;

namespace InfraTrend.Tests.Reports;

public sealed class SarifReportTests
{
    private static readonly string Sarif = SarifReport.Render(SampleLike().Build());

    private static JsonObject Run(string sarif) => JsonNode.Parse(sarif)!["runs"]![0]!.AsObject();

    private static IReadOnlyList<JsonObject> Results(string sarif) => Run(sarif)["results"]!.AsArray().Select(r => r!.AsObject()).ToList();

    private static JsonObject ResultOf(string sarif, string ruleId, string part = ".") =>
        Results(sarif).Single(r => (string)r["ruleId"]! == ruleId && (string)r["properties"]!["part"]! == part);

    [Fact]
    public void Sarif_is_valid_against_the_SARIF_2_1_0_schema()
    {
        Assert.Empty(SarifSchema.Errors(Sarif));
        Assert.Equal("2.1.0", (string)JsonNode.Parse(Sarif)!["version"]!);
    }

    [Fact]
    public void Schema_is_read_the_same_in_draft_7_and_rejects_what_SARIF_forbids()
    {
        var schema = File.ReadAllText(SarifSchema.FilePath);
        Assert.All(SarifSchema.Draft04OnlyKeywords, k => Assert.DoesNotContain($"\"{k}\"", schema, StringComparison.Ordinal));

        var broken = JsonNode.Parse(Sarif)!;
        broken["runs"]![0]!["results"]![0]!["level"] = "fatal";
        broken["runs"]![0]!["results"]![1]!["locations"]![0]!["physicalLocation"]!["region"] = new JsonObject { ["startLine"] = 0 };

        var errors = SarifSchema.Errors(broken.ToJsonString());

        Assert.Contains(errors, e => e.StartsWith("/runs/0/results/0/level", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("/runs/0/results/1/locations/0/physicalLocation/region/startLine", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_failing_or_partial_finding_is_a_result_and_nothing_else_is()
    {
        var results = Results(Sarif);

        // SampleLike: the Dockerfile partial, error tracking failing in two parts, rate limiting, headers, runbooks.
        Assert.Equal(
            [
                "deployment.dockerfile|.|docker/evil|name`x`.Dockerfile",
                "monitoring.error-tracking|backend|part",
                "monitoring.error-tracking|frontend|part",
                "operations.runbooks|.|repository",
                "security.headers|backend|part",
                "security.rate-limiting|backend|part",
            ],
            results.Select(r => (string)r["partialFingerprints"]![SarifReport.FingerprintKey]!).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(results, r => (string)r["ruleId"]! is "ci.builds" or "monitoring.health-endpoint" or "scaling.cache");
    }

    [Fact]
    public void Level_follows_the_rules_severity()
    {
        Assert.Equal("error", (string)ResultOf(Sarif, "security.rate-limiting", "backend")["level"]!);
        Assert.Equal("warning", (string)ResultOf(Sarif, "security.headers", "backend")["level"]!);
        Assert.Equal("note", (string)ResultOf(Sarif, "operations.runbooks")["level"]!);
        Assert.Equal(["error", "error", "warning", "note"], new[] { Severity.Critical, Severity.High, Severity.Medium, Severity.Low }.Select(SarifReport.Level));
    }

    [Fact]
    public void Result_points_at_its_evidence_relative_to_the_source_root_with_its_line()
    {
        var dockerfile = ResultOf(Sarif, "deployment.dockerfile");
        var location = dockerfile["locations"]![0]!["physicalLocation"]!;

        Assert.Equal("docker/evil%7Cname%60x%60.Dockerfile", (string)location["artifactLocation"]!["uri"]!);
        Assert.Equal("%SRCROOT%", (string)location["artifactLocation"]!["uriBaseId"]!);
        Assert.Equal(3, (int)location["region"]!["startLine"]!);
        Assert.Equal("runs as root: no USER | line (partial, 50%)", (string)dockerfile["message"]!["text"]!);
        Assert.Equal("partial", (string)dockerfile["properties"]!["status"]!);
    }

    [Fact]
    public void Finding_without_evidence_points_at_its_part_or_the_root_and_has_no_region()
    {
        var errorTracking = ResultOf(Sarif, "monitoring.error-tracking", "frontend")["locations"]!.AsArray();
        var runbooks = ResultOf(Sarif, "operations.runbooks")["locations"]!.AsArray();

        Assert.Equal("frontend", (string)errorTracking.Single()!["physicalLocation"]!["artifactLocation"]!["uri"]!);
        Assert.Null(errorTracking.Single()!["physicalLocation"]!["region"]);
        Assert.Equal(".", (string)runbooks.Single()!["physicalLocation"]!["artifactLocation"]!["uri"]!);
    }

    [Fact]
    public void Driver_lists_every_rule_that_ran_with_its_metadata()
    {
        var rules = Run(Sarif)["tool"]!["driver"]!["rules"]!.AsArray().Select(r => r!.AsObject()).ToList();
        var headers = rules.Single(r => (string)r["id"]! == "security.headers");

        Assert.Equal(15, rules.Count);
        Assert.Equal(rules.Select(r => (string)r["id"]!).Order(StringComparer.Ordinal), rules.Select(r => (string)r["id"]!));
        Assert.Equal("Headers", (string)headers["shortDescription"]!["text"]!);
        Assert.Equal("test test", (string)headers["fullDescription"]!["text"]!);
        Assert.Equal("Remediate security.headers.", (string)headers["help"]!["text"]!);
        Assert.Equal("warning", (string)headers["defaultConfiguration"]!["level"]!);
        Assert.Equal("security", (string)headers["properties"]!["category"]!);
        Assert.Equal(4, (int)headers["properties"]!["level"]!);
        Assert.Equal(1.0, (double)headers["properties"]!["weight"]!);

        // ruleIndex points back into this list.
        Assert.All(Results(Sarif), r => Assert.Equal((string)r["ruleId"]!, (string)rules[(int)r["ruleIndex"]!]["id"]!));
    }

    [Fact]
    public void Hostile_paths_and_messages_stay_valid_SARIF()
    {
        var audit = new AuditBuilder();
        audit.Check(
            "security.evil",
            Category.Security,
            2,
            Severity.High,
            Fail("<script>alert(\"x\")</script> & \"quotes\" \\ back\nslash", "rm -rf / # \u0001", At("a dir/<b>&\"x\"?#.yml", 7), At("ünïcødé/%41.txt")) with { Subject = "a dir/<b>&\"x\"?#.yml" });
        var sarif = SarifReport.Render(audit.Build());

        Assert.Empty(SarifSchema.Errors(sarif));
        var result = Results(sarif).Single();
        Assert.Equal("<script>alert(\"x\")</script> & \"quotes\" \\ back\nslash", (string)result["message"]!["text"]!);
        var uris = result["locations"]!.AsArray().Select(l => (string)l!["physicalLocation"]!["artifactLocation"]!["uri"]!).ToList();
        Assert.Equal(["a%20dir/%3Cb%3E%26%22x%22%3F%23.yml", "%C3%BCn%C3%AFc%C3%B8d%C3%A9/%2541.txt"], uris);
    }

    [Fact]
    public void Audit_without_a_gap_has_no_results_and_still_lists_its_rules()
    {
        var audit = new AuditBuilder().Check("ci.builds", Category.Ci, 2, Severity.High, Pass("builds"));
        var sarif = SarifReport.Render(audit.Build());

        Assert.Empty(SarifSchema.Errors(sarif));
        Assert.Empty(Results(sarif));
        Assert.Single(Run(sarif)["tool"]!["driver"]!["rules"]!.AsArray());
    }

    [Fact]
    public void Provenance_names_the_remote_commit_and_branch()
    {
        var provenance = Run(Sarif)["versionControlProvenance"]![0]!;

        Assert.Equal("https://example.com/acme/shop.git", (string)provenance["repositoryUri"]!);
        Assert.Equal("0123456789abcdef0123456789abcdef01234567", (string)provenance["revisionId"]!);
        Assert.Equal("main", (string)provenance["branch"]!);
    }
}
