using System.Text;
using InfraTrend.Auditing;
using InfraTrend.Facts;
using InfraTrend.Facts.Java;
using InfraTrend.Facts.Python;
using InfraTrend.Scanning;
using InfraTrend.Tests.Support;
using static InfraTrend.Tests.Facts.CiFixture;

namespace InfraTrend.Tests.Facts;

/// <summary>
/// TOML read with Tomlyn (<see cref="TomlDocument"/>): tables resolved as TOML means them, values unquoted, lines kept for
/// evidence, and broken files (shaped after a cookiecutter template's pyproject.toml, a hand-edited Pipfile) warned about
/// and read without the lines Tomlyn refuses.
/// </summary>
public class TomlDocumentTests
{
    private static IReadOnlyList<string> Lines(TomlDocument toml) =>
        toml.Entries.Select(e => $"{e.Table}|{e.Key}|{e.Value.Text ?? string.Join(",", e.Value.Strings.Select(s => s.Text))}|{e.Line}").ToList();

    [Fact]
    public void Dotted_keys_and_headers_resolve_to_the_table_they_name()
    {
        var toml = TomlDocument.Parse("""
            name = "top"
            a."b.c".d = 1
            [tool.poetry]
            dependencies.python = "^3.11"
            [ build . args ]
            NODE_VERSION = '20'
            [project.entry-points."ckan.plugins"]
            demo = "ckanext.demo:Plugin"
            """);

        Assert.Null(toml.Error);
        Assert.Equal(
            ["|name|top|1", "a.b.c|d|1|2", "tool.poetry.dependencies|python|^3.11|4", "build.args|NODE_VERSION|20|6", "project.entry-points.ckan.plugins|demo|ckanext.demo:Plugin|8"],
            Lines(toml));
    }

    [Fact]
    public void Arrays_of_tables_and_nested_tables_keep_their_path()
    {
        // Shaped after a fly.toml of fly launch.
        var toml = TomlDocument.Parse("""
            app = "demo"

            [http_service]
              internal_port = 8080
              force_https = true

              [http_service.concurrency]
                type = "requests"

            [[services]]
              protocol = "tcp"

              [[services.ports]]
                handlers = ["tls", "http"]
                port = 443

              [[services.tcp_checks]]
                interval = "15s"

            [[vm]]
              memory = "1gb"
            """);

        Assert.Equal(
            [
                "|app|demo|1", "http_service|internal_port|8080|4", "http_service|force_https|true|5", "http_service.concurrency|type|requests|8",
                "services|protocol|tcp|11", "services.ports|handlers|tls,http|14", "services.ports|port|443|15", "services.tcp_checks|interval|15s|18", "vm|memory|1gb|21",
            ],
            Lines(toml));
    }

    [Fact]
    public void Multi_line_arrays_and_strings_keep_each_line_and_hide_what_they_hold()
    {
        var toml = TomlDocument.Parse(""""
            [project]
            description = """
            A service.
            [tool.poetry.dependencies]
            flask = "*"
            """
            dependencies = [
              "django>=5.0",  # the web framework
              # "celery",
              'psycopg[binary]>=3.1',
            ]
            requires-python = ">=3.11"
            """");

        var dependencies = Assert.Single(toml.Entries, e => e.Key == "dependencies");
        Assert.Equal(7, dependencies.Line);
        Assert.Equal([("django>=5.0", 8), ("psycopg[binary]>=3.1", 10)], dependencies.Value.Strings);
        Assert.Equal("A service.\n[tool.poetry.dependencies]\nflask = \"*\"\n", toml.Entries[0].Value.Text);
        Assert.Equal(["project|description|2", "project|dependencies|7", "project|requires-python|12"], toml.Entries.Select(e => $"{e.Table}|{e.Key}|{e.Line}"));
    }

    [Fact]
    public void A_hash_inside_a_string_is_text_and_after_it_a_comment()
    {
        var toml = TomlDocument.Parse("""
            [deploy]
            release_command = "echo '#1' && ./migrate" # runs before each release
            url = 'https://example.com/#/health'
            cmds = ["make #all", "run"] # two
            """);

        Assert.Equal(["deploy|release_command|echo '#1' && ./migrate|2", "deploy|url|https://example.com/#/health|3", "deploy|cmds|make #all,run|4"], Lines(toml));
    }

    [Fact]
    public void Inline_tables_are_read_by_dotted_path_written_either_way()
    {
        var toml = TomlDocument.Parse("""
            a = { module = "org.x:lib", version.ref = "x" }
            b = { module = 'org.x:lib', version = { ref = 'x', strictly = "[1,2[" } }
            c = "org.x:lib:1.0"
            """);

        Assert.Equal(["x", "x", null], toml.Entries.Select(e => e.Value.Get("version.ref")?.Text));
        Assert.Equal("[1,2[", toml.Entries[1].Value.Get("version.strictly")?.Text);
        Assert.Equal("org.x:lib", toml.Entries[1].Value.Get("module")?.Text);
        Assert.Null(toml.Entries[0].Value.Text);
        Assert.Null(toml.Entries[0].Value.Get("version"));
    }

    // ---- the lines used as evidence -------------------------------------------------------------

    [Fact]
    public void Pyproject_dependencies_are_evidenced_where_written()
    {
        var manifest = PythonManifests.PyProject("pyproject.toml", """
            [project]
            name = "api"
            requires-python = ">=3.11"  # the oldest we test
            dependencies = [
                "fastapi>=0.110",
                "uvicorn[standard]>=0.29",
            ]

            [project.optional-dependencies]
            test = ["pytest>=8"]

            [dependency-groups]
            dev = ["ruff", {include-group = "test"}]

            [tool.poetry.dependencies]
            python = "^3.11"
            numpy = [{version = "<1.25", python = "<3.9"}, {version = ">=1.25", python = ">=3.9"}]
            "ruamel.yaml" = { version = "^0.18", extras = ["jinja2"] }
            """);

        Assert.Equal(
            [("fastapi", "0.110", false, 5), ("uvicorn", "0.29", false, 6), ("pytest", "8", true, 10), ("ruff", null, true, 13), ("numpy", "1.25", false, 17), ("ruamel-yaml", "0.18", false, 18)],
            manifest.Dependencies.Select(d => (d.Name, d.Version, d.Dev, d.Evidence.Line)));
        Assert.Equal((">=3.11", 3), (manifest.RequiresPythonVersion, manifest.RequiresPython!.Line));
    }

    [Fact]
    public void Fly_and_nixpacks_facts_point_at_their_lines()
    {
        var facts = Read(
            ("fly.toml", """
                app = "demo"

                [deploy]
                  release_command = "bin/rails db:migrate"

                [[http_service.checks]]
                  path = "/up"

                [env]
                  NODE_VERSION = "20.11.1"
                """),
            ("nixpacks.toml", """
                [phases.setup]
                nixPkgs = [
                  "...",
                  "nodejs-18_x",
                ]
                [phases.build]
                cmds = ["pip install -r requirements.txt", "python manage.py migrate"]
                """));

        Assert.Equal(["fly.toml:7"], facts.Where(FactKeys.PlatformHealthCheck, "/up"));
        Assert.Equal(["fly.toml:4"], facts.Where(FactKeys.MigrationsAppliedAt, "release"));
        Assert.Equal(["nixpacks.toml:7"], facts.Where(FactKeys.MigrationsAppliedAt, "build"));
        Assert.Equal(["node 18 nixpacks.toml:4 deployment", "node 20.11.1 fly.toml:10 deployment"], facts.Pins());
    }

    [Fact]
    public void A_version_catalog_in_single_quotes_is_read_as_one_in_double_quotes()
    {
        // Shaped after halo-dev/halo's gradle/libs.versions.toml, whose inline tables and bundles the line reader missed.
        var catalog = GradleBuild.ParseCatalog(TomlDocument.Parse("""
            [versions]
            lucene = '10.5.0'

            [libraries]
            lucene-core = { module = 'org.apache.lucene:lucene-core', version.ref = 'lucene' }
            jsoup = 'org.jsoup:jsoup:1.23.1'

            [bundles]
            lucene = ['lucene-core']

            [plugins]
            spring-boot = 'org.springframework.boot:4.1.0'
            """));

        Assert.Equal(("org.apache.lucene", "lucene-core", "10.5.0"), catalog.Libraries["lucene.core"]);
        Assert.Equal(("org.jsoup", "jsoup", "1.23.1"), catalog.Libraries["jsoup"]);
        Assert.Equal(["lucene-core"], catalog.Bundles["lucene"]);
        Assert.Equal(("org.springframework.boot", "4.1.0"), catalog.Plugins["spring.boot"]);
    }

    // ---- files Tomlyn refuses ------------------------------------------------------------------

    private static (IReadOnlyList<PythonManifest> Manifests, IReadOnlyList<(string Path, string Message)> Warnings) Python(params (string Path, byte[] Bytes)[] files)
    {
        using var repo = TestRepository.Create();
        foreach (var (path, bytes) in files)
            repo.WriteBytes(path, bytes);
        using var snapshot = new WorkingTreeSnapshot(repo.Root, useGit: false);
        var warnings = new List<(string, string)>();
        return (PythonManifests.Of(snapshot, (path, message) => warnings.Add((path, message))), warnings);
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    [Fact]
    public void An_unclosed_string_costs_its_line_and_a_warning_not_the_file()
    {
        var (manifests, warnings) = Python(("pyproject.toml", Utf8("""
            [project]
            name = "api
            requires-python = ">=3.11"
            dependencies = ["django>=5.0"]
            """)));

        var (path, message) = Assert.Single(warnings);
        Assert.Equal("pyproject.toml", path);
        Assert.StartsWith("TOML does not parse at line 2:", message, StringComparison.Ordinal);
        var manifest = Assert.Single(manifests);
        Assert.Equal([("django", 4)], manifest.Dependencies.Select(d => (d.Name, d.Evidence.Line)));
        Assert.Equal((">=3.11", 3), (manifest.RequiresPythonVersion, manifest.RequiresPython!.Line));
    }

    [Fact]
    public void A_key_written_twice_is_warned_about_and_both_are_read()
    {
        var (manifests, warnings) = Python(("Pipfile", Utf8("""
            [packages]
            requests = "*"
            flask = "==3.0"
            requests = ">=2.31"

            [env]
            TOKEN = "s3cr3t-one"
            TOKEN = "s3cr3t-two"

            [requires]
            python_version = "3.12"
            """)));

        var (path, message) = Assert.Single(warnings);
        Assert.Equal("Pipfile", path);
        Assert.StartsWith("TOML does not parse at line 4:", message, StringComparison.Ordinal);
        // Tomlyn quotes the first definition's line; a value can be a secret, so the warning does not.
        Assert.DoesNotContain("s3cr3t", message, StringComparison.Ordinal);
        Assert.DoesNotContain(">=2.31", message, StringComparison.Ordinal);
        Assert.Equal([("requests", 2), ("flask", 3), ("requests", 4)], Assert.Single(manifests).Dependencies.Select(d => (d.Name, d.Evidence.Line)));
    }

    [Fact]
    public void A_cookiecutter_template_loses_its_jinja_lines_only()
    {
        // Shaped after ckan's contrib/cookiecutter/ckan_extension/{{cookiecutter.project}}/pyproject.toml.
        var (manifests, warnings) = Python(("template/pyproject.toml", Utf8("""
            [project]
            name = "{{ cookiecutter.project }}"
            authors = [
                {name = "{{ cookiecutter.author }}"
                    {%- if cookiecutter.author_email -%}
                    , email = "{{ cookiecutter.author_email }}"
                    {%- endif -%}
                }
            ]
            {% set keywords = cookiecutter.keywords.split() %}
            dependencies = ["ckan>=2.10"]
            requires-python = ">=3.9"
            """)));

        var (path, message) = Assert.Single(warnings);
        Assert.Equal("template/pyproject.toml", path);
        Assert.StartsWith("TOML does not parse at line 5:", message, StringComparison.Ordinal);
        var manifest = Assert.Single(manifests);
        Assert.Equal([("ckan", 11)], manifest.Dependencies.Select(d => (d.Name, d.Evidence.Line)));
        Assert.Equal(">=3.9", manifest.RequiresPythonVersion);
    }

    [Fact]
    public void Binary_files_named_pyproject_toml_never_throw()
    {
        // With a NUL byte the snapshot skips it as binary before TOML; without one it is decoded and Tomlyn refuses it.
        var random = new Random(13);
        var withNul = new byte[2048];
        random.NextBytes(withNul);
        withNul[10] = 0;
        var withoutNul = withNul.Select(b => b == 0 ? (byte)0xFF : b).ToArray();
        withoutNul[100] = (byte)'\n';

        var (manifests, warnings) = Python(("a/pyproject.toml", withNul), ("b/pyproject.toml", withoutNul));

        var (path, message) = Assert.Single(warnings);
        Assert.Equal("b/pyproject.toml", path);
        Assert.Matches("^TOML does not parse at line [12]: ", message);
        Assert.Empty(Assert.Single(manifests).Dependencies);
    }

    [Fact]
    public void Nesting_past_tomlyns_limit_is_a_warning_with_its_line()
    {
        var toml = TomlDocument.Parse("x = 1\nvalues = " + new string('[', 100_000) + "\ny = 2\n");

        Assert.Equal(2, toml.Error?.Line);
        Assert.Equal(["|x|1|1", "|y|2|3"], Lines(toml));
    }

    [Fact]
    public void A_broken_toml_file_adds_its_warning_and_changes_nothing_else()
    {
        const string Pyproject = "[project]\nname = \"api\"\nrequires-python = \">=3.12\"\ndependencies = [\n  \"fastapi>=0.110\",\n  \"sentry-sdk>=2\",\n]\n";
        var files = new (string Path, string Text)[]
        {
            ("Dockerfile", "FROM python:3.12-slim\nCOPY . .\nRUN pip install .\nCMD [\"uvicorn\", \"app.main:app\"]\n"),
            ("app/main.py", "import sentry_sdk\nfrom fastapi import FastAPI\n\nsentry_sdk.init()\napp = FastAPI()\n"),
            ("fly.toml", "app = \"api\"\n\n[http_service]\n  internal_port = 8000\n  force_https = true\n"),
        };

        AuditResult Audit(string pyproject)
        {
            using var repo = TestRepository.Create();
            foreach (var (path, text) in files)
                repo.Write(path, text);
            repo.Write("pyproject.toml", pyproject);
            repo.Commit("init");
            return Auditor.Audit(repo.Root);
        }

        var clean = Audit(Pyproject);
        // A stray line from a bad merge: not TOML, and no fact on it.
        var broken = Audit(Pyproject.Replace("dependencies = [", "<<<<<<< HEAD\ndependencies = [", StringComparison.Ordinal));

        Assert.Empty(clean.Warnings);
        var (path, message) = Assert.Single(broken.Warnings);
        Assert.Equal("pyproject.toml", path);
        Assert.StartsWith("TOML does not parse at line 4:", message, StringComparison.Ordinal);
        Assert.Equal(clean.Evaluation.ScoreCard.Overall, broken.Evaluation.ScoreCard.Overall);
        Assert.Equal(clean.Evaluation.ScoreCard.Categories.Select(c => (c.Category, c.Score)), broken.Evaluation.ScoreCard.Categories.Select(c => (c.Category, c.Score)));
        // The same facts, the evidence below the stray line one further down.
        Assert.Equal(FactsJson(clean), FactsJson(broken));
        Assert.Contains("\"sentry\"", FactsJson(clean), StringComparison.Ordinal);
    }

    private static string FactsJson(AuditResult result) =>
        string.Join("\n", [result.Facts.Repository.ToFactsJson().ToJsonString(), .. result.Facts.Parts.Select(p => $"{p.Path}: {p.Facts.ToFactsJson().ToJsonString()}")]);
}
