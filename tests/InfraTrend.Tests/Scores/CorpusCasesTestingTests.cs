using InfraTrend.Analyzers;
using InfraTrend.Analyzers.Testing;
using InfraTrend.Auditing;
using InfraTrend.Facts;
using InfraTrend.Tests.Support;

using static InfraTrend.Tests.Scores.CorpusCase;

namespace InfraTrend.Tests.Scores;

/// <summary>
/// Testing cases the calibration corpus showed the tool getting wrong, each rebuilt by hand as a small fixture after the
/// real repositories named in the test (none of their files are copied).
/// </summary>
public class CorpusCasesTestingTests
{
    private const string GoMod = "module example.com/svc\n\ngo 1.22\n";

    private const string GoMain = "package main\n\nimport \"net/http\"\n\nfunc main() { http.ListenAndServe(\":80\", nil) }\n";

    private const string GoTestPipeline = "on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: go test ./...\n";

    [Fact]
    public void A_part_without_tests_of_its_own_beside_a_tested_service_counts_for_half()
    {
        // ntfy, pocketbase: a Go service with a broad go test suite run in CI, and a web/ (or ui/) front end without
        // tests of its own; NodeBB: the service's tests sit in a root test/ folder outside the part. Auditors rate the
        // product's suite: the untested front end is a gap, not an untested product.
        using var repo = TestRepository.Create()
            .Write("go.mod", GoMod)
            .Write("main.go", GoMain)
            .Write("server/server.go", "package server\n\nfunc Serve() {}\n")
            .Write("server/server_test.go", "package server\n\nimport \"testing\"\n\nfunc TestServe(t *testing.T) { Serve() }\n")
            .Write("web/package.json", """{ "name": "web", "scripts": { "build": "vite build", "dev": "vite" }, "dependencies": { "react": "18.2.0" }, "devDependencies": { "vite": "5.0.0" } }""")
            .Write("web/src/main.jsx", "import React from 'react';\nexport const App = () => null;\n")
            .Write(".github/workflows/test.yml", GoTestPipeline);

        var evaluation = Evaluation.Evaluate(Extract(repo));

        Assert.Equal(FindingStatus.Pass, Finding(evaluation, "testing.tests-present").Finding.Status);
        var web = Finding(evaluation, "testing.tests-present", "web").Finding;
        Assert.Equal(FindingStatus.Partial, web.Status);
        Assert.Equal(0.5, web.Score, 3);
    }

    [Fact]
    public void Cypress_specs_named_the_cypress_10_way_are_tests_and_drive_the_application_end_to_end()
    {
        // overseerr, jellyseerr: a Next.js and Express service whose only suite is Cypress, in cypress/e2e/*.cy.ts, run
        // by a workflow; the auditors rate it a thin but real browser suite. Before, *.cy.ts was no test name at all.
        using var repo = TestRepository.Create()
            .Write("package.json", """{ "name": "svc", "scripts": { "start": "node dist/index.js", "cypress:open": "cypress open" }, "dependencies": { "express": "4.19.0", "next": "14.2.0" }, "devDependencies": { "cypress": "13.6.0" } }""")
            .Write("server/index.ts", "import express from 'express';\nconst app = express();\napp.get('/api/v1/status', (_req, res) => res.json({ ok: true }));\napp.listen(5055);\n")
            .Write("cypress.config.ts", "import { defineConfig } from 'cypress';\nexport default defineConfig({ e2e: { baseUrl: 'http://localhost:5055' } });\n")
            .Write("cypress/e2e/login.cy.ts", "describe('login', () => { it('signs in', () => { cy.visit('/login'); cy.get('[data-testid=email]').type('a@b.c'); }); });\n")
            .Write("cypress/e2e/discover.cy.ts", "describe('discover', () => { it('shows titles', () => { cy.visit('/'); cy.contains('Trending'); }); });\n")
            .Write(".github/workflows/cypress.yml", "on: push\njobs:\n  e2e:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - uses: cypress-io/github-action@v6\n        with:\n          start: npm start\n");

        var evaluation = Evaluation.Evaluate(Extract(repo));

        Assert.Equal(FindingStatus.Pass, Finding(evaluation, "testing.tests-present").Finding.Status);
        Assert.Equal(FindingStatus.Pass, Finding(evaluation, "testing.end-to-end").Finding.Status);
    }

    [Fact]
    public void A_repository_without_any_test_still_fails_every_part()
    {
        // listmonk: neither the Go service nor its front end has a test file; nothing to lean on.
        using var repo = TestRepository.Create()
            .Write("go.mod", GoMod)
            .Write("main.go", GoMain)
            .Write("frontend/package.json", """{ "name": "frontend", "scripts": { "build": "vite build" }, "dependencies": { "vue": "3.4.0" }, "devDependencies": { "vite": "5.0.0" } }""")
            .Write("frontend/src/main.js", "import { createApp } from 'vue';\ncreateApp({}).mount('#app');\n");

        var evaluation = Evaluation.Evaluate(Extract(repo));

        Assert.All(evaluation.Findings.Where(f => f.Analyzer.Id == "testing.tests-present"), f => Assert.Equal(FindingStatus.Fail, f.Finding.Status));
    }

    [Fact]
    public void Depth_asks_one_test_file_for_seven_sources_so_a_dotnet_suite_of_test_classes_is_not_called_thin()
    {
        // elsa-core, Lidarr, outline, standardnotes: suites of hundreds of test files at one for every six or seven
        // source files, rated well tested by the auditors; the old mark of one for four called them thin.
        using var repo = TestRepository.Create()
            .Write("go.mod", GoMod)
            .Write("main.go", GoMain)
            .Write(".github/workflows/test.yml", GoTestPipeline);
        for (var i = 0; i < 40; i++)
            repo.Write($"pkg/m{i}/m.go", $"package m{i}\n\nfunc F() {{}}\n");
        for (var i = 0; i < 6; i++)
            repo.Write($"pkg/m{i}/m_test.go", $"package m{i}\n\nimport \"testing\"\n\nfunc TestF(t *testing.T) {{ F() }}\n");

        var depth = Finding(Evaluation.Evaluate(Extract(repo)), "testing.depth").Finding;

        // 6 test files for 41 sources clears the ratio (1 for 7); the suite's own size is what holds it back.
        Assert.Equal(FindingStatus.Partial, depth.Status);
        Assert.Contains("small suite", depth.Message, StringComparison.Ordinal);
        Assert.Equal(Math.Log(7) / Math.Log(201), depth.Score, 3);
    }

    [Fact]
    public void A_small_suite_beside_a_small_application_earns_its_size_not_full_depth()
    {
        // publify, qfieldcloud, CodeTriage: a couple of dozen spec files beside a small app clear the ratio, yet the
        // auditors rate such suites 45-65, below the hundreds of files of rubygems.org or openfoodnetwork (88).
        Assert.Equal(0.13, TestDepthAnalyzer.SizeCredit(1), 2);
        Assert.Equal(0.52, TestDepthAnalyzer.SizeCredit(15), 2);
        Assert.Equal(0.74, TestDepthAnalyzer.SizeCredit(50), 2);
        Assert.Equal(1.0, TestDepthAnalyzer.SizeCredit(200), 3);
        Assert.Equal(1.0, TestDepthAnalyzer.SizeCredit(1000), 3);
        Assert.Equal(0.0, TestDepthAnalyzer.SizeCredit(0), 3);
    }

    [Fact]
    public void Browser_tests_are_known_by_the_driver_their_test_files_import_or_any_selenium_package()
    {
        // DefectDojo: tests/*_test.py drive the UI through `from selenium import webdriver`, with selenium installed by a
        // pip install in the integration-test image, not in a requirements file. Lidarr: the automation test project
        // references Selenium.Support and Selenium.WebDriver.ChromeDriver, not Selenium.WebDriver itself.
        using var python = TestRepository.Create()
            .Write("requirements.txt", "Django==5.0\n")
            .Write("app/views.py", "def index(request):\n    return None\n")
            .Write("tests/product_test.py", "import unittest\n\nfrom selenium import webdriver\nfrom selenium.webdriver.common.by import By\n\n\nclass ProductTest(unittest.TestCase):\n    def test_list(self):\n        pass\n");
        using var dotnet = TestRepository.Create()
            .Write("src/App/App.csproj", WebProject)
            .Write("src/App/Program.cs", "var app = WebApplication.Create(args);\napp.Run();\n")
            .Write("src/App.Automation.Test/App.Automation.Test.csproj", """<Project Sdk="Microsoft.NET.Sdk"><ItemGroup><PackageReference Include="NUnit" Version="3.14.0" /><PackageReference Include="Selenium.Support" Version="3.141.0" /><PackageReference Include="Selenium.WebDriver.ChromeDriver" Version="134.0.0" /></ItemGroup></Project>""")
            .Write("src/App.Automation.Test/MainPagesTest.cs", "using NUnit.Framework;\n\npublic class MainPagesTest\n{\n    [Test]\n    public void Opens() { }\n}\n");
        using var unit = TestRepository.Create()
            .Write("requirements.txt", "Django==5.0\n")
            .Write("app/views.py", "def index(request):\n    return None\n")
            .Write("tests/test_views.py", "# selenium is not used here\nimport unittest\n\n\nclass ViewsTest(unittest.TestCase):\n    def test_index(self):\n        pass\n");

        Assert.Equal(["selenium"], Extract(python).Repository.List(FactKeys.EndToEndTests));
        Assert.Equal(["selenium"], Extract(dotnet).Repository.List(FactKeys.EndToEndTests));
        Assert.Empty(Extract(unit).Repository.List(FactKeys.EndToEndTests));
    }
}
