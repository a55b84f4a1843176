using System.Text.RegularExpressions;
using InfraTrend.Scanning;

namespace InfraTrend.Facts.Code;

/// <summary>
/// testing.endToEnd: suites that drive the running application from the outside (a browser or its API), known by their
/// runner's configuration file, their folder (e2e, e2e_tests, end-to-end), or the runner's or browser driver's package
/// in a manifest (go.mod's rod or chromedp, a requirements file's selenium).
/// </summary>
[FactSource]
public sealed partial class EndToEndTestFacts : IFactSource
{
    /// <summary>Configuration files that only an end-to-end runner reads.</summary>
    private static readonly (string Prefix, string Tool)[] ConfigFiles =
    [
        ("playwright.config.", "playwright"), ("cypress.config.", "cypress"), ("cypress.json", "cypress"), ("wdio.conf.", "webdriverio"),
        (".testcaferc", "testcafe"), ("nightwatch.conf.", "nightwatch"), ("nightwatch.json", "nightwatch"), ("codecept.conf.", "codeceptjs"),
    ];

    /// <summary>Packages (npm, NuGet, PyPI, gems, Maven artifacts) that are end-to-end runners or drivers.</summary>
    private static readonly (string Needle, string Tool)[] Packages =
    [
        ("\"@playwright/test\"", "playwright"), ("\"cypress\"", "cypress"), ("\"testcafe\"", "testcafe"), ("\"selenium-webdriver\"", "selenium"),
        ("\"webdriverio\"", "webdriverio"), ("\"Microsoft.Playwright", "playwright"), ("\"Selenium.WebDriver", "selenium"), ("\"Selenium.Support\"", "selenium"),
        ("gem 'capybara'", "capybara"), ("gem \"capybara\"", "capybara"), ("pytest-playwright", "playwright"), ("<artifactId>selenium-java</artifactId>", "selenium"),
        ("<artifactId>selenide</artifactId>", "selenide"), ("<artifactId>playwright</artifactId>", "playwright"),
        ("github.com/go-rod/rod", "rod"), ("github.com/chromedp/chromedp", "chromedp"), ("github.com/tebeka/selenium", "selenium"), ("github.com/playwright-community/playwright-go", "playwright"),
        ("\nselenium==", "selenium"), ("\nselenium>=", "selenium"),
    ];

    /// <summary>Folders that hold an end-to-end suite (karakeep's packages/e2e_tests, a tests/e2e folder).</summary>
    private static readonly HashSet<string> SuiteFolders = new(StringComparer.OrdinalIgnoreCase) { "e2e", "e2e_tests", "e2e-tests", "e2etests", "end-to-end", "end_to_end", "endtoend" };

    /// <summary>
    /// A browser driver imported by a test file: Selenium or Playwright tests whose driver is installed outside the
    /// manifests (a pip install in a test image, a Maven property), like DefectDojo's tests/*_test.py.
    /// </summary>
    [GeneratedRegex(@"^\s*(from selenium\b|import selenium\b|import org\.openqa\.selenium|using OpenQA\.Selenium|from playwright\.|import com\.microsoft\.playwright|using Microsoft\.Playwright)", RegexOptions.Multiline)]
    private static partial Regex DriverImport();

    public void Collect(FactContext context)
    {
        var suiteFound = false;
        var driverFound = false;
        foreach (var file in context.Snapshot.Files)
        {
            if (Node.NodeManifests.IsVendored(file.Path))
                continue;
            // One suite folder is evidence enough: the first file found in it stands for the suite.
            if (!suiteFound && SourceFiles.LanguageOf(file.Path) is not null && file.Directory.Split('/').Any(SuiteFolders.Contains))
            {
                suiteFound = true;
                context.Add(FactKeys.EndToEndTests, "e2e-suite", new Evidence(file.Path, 0));
            }
            if (!driverFound && SourceFiles.IsTest(file.Path) && SourceFiles.LanguageOf(file.Path) is "python" or "java" or "kotlin" or "csharp"
                && file.Size < 256 * 1024 && context.Snapshot.ReadTextOnceIfAny(file.Path, Anchors.BrowserDriver) is { } source && DriverImport().Match(source) is { Success: true } import)
            {
                driverFound = true;
                context.Add(FactKeys.EndToEndTests, import.Value.Contains("laywright", StringComparison.Ordinal) ? "playwright" : "selenium", new Evidence(file.Path, new TextLines(source).LineOf(import.Index)));
            }
            var name = file.Name.ToLowerInvariant();
            foreach (var (prefix, tool) in ConfigFiles)
            {
                if (name.StartsWith(prefix, StringComparison.Ordinal))
                    context.Add(FactKeys.EndToEndTests, tool, new Evidence(file.Path, 0));
            }
            // Rails system tests drive a browser through Capybara.
            if ((file.Path.StartsWith("test/system/", StringComparison.Ordinal) || file.Path.StartsWith("spec/system/", StringComparison.Ordinal) || file.Path.StartsWith("spec/features/", StringComparison.Ordinal))
                && name.EndsWith(".rb", StringComparison.Ordinal))
                context.Add(FactKeys.EndToEndTests, "capybara", new Evidence(file.Path, 0));
            if (IsManifest(name) && file.Size < 512 * 1024 && context.Snapshot.ReadText(file.Path) is { } text)
            {
                foreach (var (needle, tool) in Packages)
                {
                    var at = text.IndexOf(needle, StringComparison.Ordinal);
                    if (at >= 0)
                        context.Add(FactKeys.EndToEndTests, tool, new Evidence(file.Path, new TextLines(text).LineOf(at)));
                }
            }
        }
    }

    private static bool IsManifest(string name) =>
        name is "package.json" or "gemfile" or "go.mod" or "pom.xml" or "build.gradle" or "build.gradle.kts" or "pyproject.toml" or "directory.packages.props"
        || name.EndsWith(".csproj", StringComparison.Ordinal) || name.StartsWith("requirements", StringComparison.Ordinal) && name.EndsWith(".txt", StringComparison.Ordinal);
}
