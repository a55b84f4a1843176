using InfraTrend.Facts;
using InfraTrend.Tests.Support;

using static InfraTrend.Tests.Scores.CorpusCase;

namespace InfraTrend.Tests.Scores;

/// <summary>
/// Scaling cases of the fourteenth tuning round, each rebuilt by hand as a small fixture after the real repositories
/// named in the test (none of their files are copied).
/// </summary>
public class CorpusCasesScaling14Tests
{
    [Fact]
    public void A_go_service_caching_with_theine_has_an_in_process_cache()
    {
        // openfga/openfga (auditor 60, tool 20): go.mod requires github.com/Yiling-J/theine-go and the storage layer
        // keeps check results in a theine.Cache; the rule read "no cache".
        using var repo = TestRepository.Create()
            .Write("go.mod", "module example.org/authz\n\ngo 1.22\n\nrequire (\n\tgithub.com/Yiling-J/theine-go v0.6.2\n\tgithub.com/jackc/pgx/v5 v5.6.0\n)\n")
            .Write("cmd/authz/main.go", "package main\n\nimport (\n\t\"net/http\"\n\n\t\"example.org/authz/pkg/storage\"\n)\n\nfunc main() {\n\t_ = storage.New(1000)\n\t_ = http.ListenAndServe(\":8080\", nil)\n}\n")
            .Write("pkg/storage/cache.go", "package storage\n\nimport \"github.com/Yiling-J/theine-go\"\n\ntype Cache struct{ client *theine.Cache[string, []byte] }\n\nfunc New(size int64) *Cache {\n\tclient, _ := theine.NewBuilder[string, []byte](size).Build()\n\treturn &Cache{client: client}\n}\n");

        Assert.Contains("in-process", Extract(repo).Repository.List(FactKeys.Cache));
    }
}
