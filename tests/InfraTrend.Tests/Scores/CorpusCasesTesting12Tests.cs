using InfraTrend.Analyzers;
using InfraTrend.Auditing;
using InfraTrend.Tests.Support;

using static InfraTrend.Tests.Scores.CorpusCase;

namespace InfraTrend.Tests.Scores;

/// <summary>
/// Testing cases from the latest auditors' splits of the calibration corpus, each rebuilt by hand as a small fixture
/// after the real repositories named in the test (none of their files are copied).
/// </summary>
public class CorpusCasesTesting12Tests
{
    private const string GoMod = "module example.com/svc\n\ngo 1.22\n";

    private static TestRepository GoServiceWithTests() => TestRepository.Create()
        .Write("go.mod", GoMod)
        .Write("main.go", "package main\n\nimport \"net/http\"\n\nfunc main() { http.ListenAndServe(\":80\", nil) }\n")
        .Write("store/store.go", "package store\n\nfunc Open(url string) error { return nil }\n")
        .Write("store/store_test.go", "package store\n\nimport \"testing\"\n\nfunc TestOpen(t *testing.T) { _ = Open(\"postgres://localhost/test\") }\n");

    [Fact]
    public void A_suite_run_in_ci_against_database_containers_is_half_of_an_end_to_end_suite()
    {
        // sftpgo, killbill, headscale: no browser suite, but the pipeline runs the whole suite against PostgreSQL and
        // MySQL service containers (or a Docker integration matrix); the auditors rated the testing 85, the tool 67.
        using var repo = GoServiceWithTests()
            .Write(".github/workflows/test.yml", """
                on: push
                jobs:
                  test:
                    runs-on: ubuntu-latest
                    services:
                      postgres:
                        image: postgres:16
                        env:
                          POSTGRES_PASSWORD: postgres
                    steps:
                      - uses: actions/checkout@v4
                      - run: go test ./...
                """);

        var finding = Finding(Evaluation.Evaluate(Extract(repo)), "testing.end-to-end").Finding;

        Assert.Equal(FindingStatus.Partial, finding.Status);
        Assert.Equal(0.5, finding.Score, 3);
        Assert.Contains(finding.Evidence, e => e.Path == ".github/workflows/test.yml");
    }

    [Fact]
    public void A_suite_run_in_isolation_earns_nothing_towards_end_to_end()
    {
        // The same service whose pipeline runs go test with nothing beside it: unit tests only, no credit.
        using var repo = GoServiceWithTests()
            .Write(".github/workflows/test.yml", "on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: go test ./...\n");

        var finding = Finding(Evaluation.Evaluate(Extract(repo)), "testing.end-to-end").Finding;

        Assert.Equal(FindingStatus.Fail, finding.Status);
    }
}
