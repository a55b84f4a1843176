using InfraTrend.Facts;
using InfraTrend.Facts.Code;
using InfraTrend.Scanning;
using InfraTrend.Tests.Support;

namespace InfraTrend.Tests.Facts;

public class SourceReleaseTests
{
    /// <summary>Runs after every fact source and notes which cached values still hold lexed sources.</summary>
    private sealed class HeldSources : IFactSource
    {
        public List<string> Names { get; } = [];

        public void Collect(FactContext context) =>
            Names.AddRange(context.CachedValues.Where(v => v.Value is IEnumerable<SourceText> sources && sources.Any()).Select(v => v.Key));
    }

    [Fact]
    public void JS_Python_and_Go_sources_are_let_go_once_their_last_reader_is_done()
    {
        // A monorepo's lexed sources are most of an audit's memory: one stack's need not stay while the next is read.
        using var repo = TestRepository.Create()
            .Write("web/package.json", """{ "name": "web", "dependencies": { "express": "4.19.0" } }""")
            .Write("web/src/index.ts", "import express from 'express';\nconst app = express();\napp.get('/health', (_req, res) => res.send('ok'));\n")
            .Write("worker/pyproject.toml", "[project]\nname = \"worker\"\ndependencies = [\"fastapi\"]\n")
            .Write("worker/worker/main.py", "from fastapi import FastAPI\n\napp = FastAPI()\nprint('started')\n")
            .Write("api/go.mod", "module example.com/api\n\ngo 1.22\n")
            .Write("api/main.go", "package main\n\nimport \"fmt\"\n\nfunc main() { fmt.Println(\"up\") }\n");
        repo.Commit("three stacks");
        using var snapshot = new WorkingTreeSnapshot(repo.Root);
        var held = new HeldSources();
        var reader = new ReadsSources();

        FactExtractor.Extract(snapshot, sources: [reader, .. FactSources.All.Select(s => s.Create()), held]);

        Assert.Equal(3, reader.Read); // each stack's sources were there to be read
        Assert.Empty(held.Names);
    }

    /// <summary>Runs first and counts the stacks whose sources the audit lexes, so an empty list means they were let go, not never read.</summary>
    private sealed class ReadsSources : IFactSource
    {
        public int Read { get; private set; }

        public void Collect(FactContext context) =>
            Read = new[] { new[] { "typescript", "javascript" }, ["python"], ["go"] }.Count(languages => SourceFiles.Application(context, languages).Count > 0);
    }
}
