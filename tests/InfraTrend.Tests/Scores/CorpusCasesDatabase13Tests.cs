using InfraTrend.Analyzers;
using InfraTrend.Analyzers.Database;
using InfraTrend.Auditing;
using InfraTrend.Facts;
using InfraTrend.Model;
using InfraTrend.Tests.Support;

using static InfraTrend.Tests.Scores.CorpusCase;

namespace InfraTrend.Tests.Scores;

/// <summary>
/// Database cases of the thirteenth round, seen on the latest auditors' splits, where the tool said "no database" or
/// scored the floor while the auditor scored what the application does with its own store: a database reached through
/// gorm v1's dialect import (eddycjy/go-gin-example) or an embedded SQLite file opened through ADO.NET in a library the
/// services reference (DigitalRuby/IPBan), and tables the application creates itself with CREATE TABLE IF NOT EXISTS
/// as it starts (TwiN/gatus, DigitalRuby/IPBan). The fixtures are written by hand after those repositories; none of
/// their files are copied.
/// </summary>
public class CorpusCasesDatabase13Tests
{
    private static TestRepository GinApi(string dialect) => TestRepository.Create()
        .Write("go.mod", "module example.org/blog\n\ngo 1.13\n\nrequire (\n\tgithub.com/gin-gonic/gin v1.4.0\n\tgithub.com/jinzhu/gorm v1.9.11\n)\n")
        .Write("main.go", "package main\n\nimport (\n\t\"github.com/gin-gonic/gin\"\n\n\t\"example.org/blog/models\"\n)\n\nfunc main() {\n\tmodels.Setup()\n\tr := gin.New()\n\tr.Run(\":8000\")\n}\n")
        .Write("models/models.go", "package models\n\nimport (\n\t\"github.com/jinzhu/gorm\"\n\t_ \"github.com/jinzhu/gorm/dialects/" + dialect + "\"\n)\n\nvar db *gorm.DB\n\nfunc Setup() {\n\tdb, _ = gorm.Open(\"" + dialect + "\", \"user:pass@/blog\")\n}\n");

    [Theory]
    [InlineData("mysql", "mysql")]
    [InlineData("postgres", "postgres")]
    [InlineData("sqlite", "sqlite")]
    public void A_gorm_v1_dialect_import_is_the_database_the_api_keeps_its_data_in(string dialect, string engine)
    {
        // eddycjy/go-gin-example: models/models.go imports _ "github.com/jinzhu/gorm/dialects/mysql" and opens the blog
        // database; the schema is a hand-applied dump. The auditor scored database 20: not "no database".
        using var repo = GinApi(dialect);

        var facts = Extract(repo);
        var evaluation = Evaluation.Evaluate(facts);

        Assert.Contains(engine, facts.Parts.Single().Facts.List(FactKeys.DatabaseEngines));
        Assert.Equal(FindingStatus.Fail, Finding(evaluation, "database.migrations").Finding.Status);
        Assert.Equal(20, evaluation.ScoreCard.Category(Category.Database).Score);
    }

    private const string AgentDb = "using Microsoft.Data.Sqlite;\n\nnamespace Agent.Core;\n\npublic sealed class StateDb\n{\n    public void Open(string path)\n    {\n        using var connection = new SqliteConnection(\"Data Source=\" + path);\n        connection.Open();\n        Execute(connection, \"CREATE TABLE IF NOT EXISTS Entries (Address TEXT PRIMARY KEY, Count INTEGER)\");\n        Execute(connection, \"ALTER TABLE Entries ADD COLUMN Source TEXT\");\n    }\n\n    private static void Execute(SqliteConnection connection, string sql) { }\n}\n";

    private static TestRepository Agent(string core) => TestRepository.Create()
        .Write("Agent/Agent.csproj", """<Project Sdk="Microsoft.NET.Sdk"><PropertyGroup><OutputType>Exe</OutputType><TargetFramework>net8.0</TargetFramework></PropertyGroup><ItemGroup><ProjectReference Include="../Agent.Core/Agent.Core.csproj" /></ItemGroup></Project>""")
        .Write("Agent/Program.cs", "using Agent.Core;\n\nnew StateDb().Open(\"agent.sqlite\");\n")
        .Write("Agent.Core/Agent.Core.csproj", """<Project Sdk="Microsoft.NET.Sdk"><PropertyGroup><TargetFramework>net8.0</TargetFramework></PropertyGroup><ItemGroup><PackageReference Include="Microsoft.Data.Sqlite" Version="8.0.0" /></ItemGroup></Project>""")
        .Write("Agent.Core/StateDb.cs", core);

    [Fact]
    public void An_embedded_sqlite_file_opened_through_ado_net_in_a_referenced_library_is_the_agents_database()
    {
        // DigitalRuby/IPBan: IPBanCore (a library both executables reference) opens ipban.sqlite with SqliteConnection and
        // creates its tables with CREATE TABLE IF NOT EXISTS at start-up, then patches them with ALTER TABLE. The auditor
        // scored database 30: ad-hoc schema evolution, no migration tool.
        using var repo = Agent(AgentDb);

        var facts = Extract(repo);
        var evaluation = Evaluation.Evaluate(facts);

        Assert.Contains("sqlite", facts.Parts.Single(p => p.Path == "Agent").Facts.List(FactKeys.DatabaseEngines));
        var migrations = Finding(evaluation, "database.migrations", "Agent").Finding;
        Assert.Equal((FindingStatus.Partial, MigrationsAnalyzer.SchemaInitScore), (migrations.Status, migrations.Score));
        Assert.Equal(28, evaluation.ScoreCard.Category(Category.Database).Score);
    }

    [Fact]
    public void A_plugin_beside_the_parts_that_logs_to_sqlite_is_not_the_applications_database()
    {
        // TechnitiumSoftware/DnsServer: Apps/QueryLogsSqliteApp is an optional plugin library no part references; its
        // SqliteConnection stores the plugin's own query log. The auditor left database out.
        using var repo = TestRepository.Create()
            .Write("Server/Server.csproj", ConsoleProject)
            .Write("Server/Program.cs", "System.Console.WriteLine(\"dns\");\n")
            .Write("Apps/QueryLogsApp/QueryLogsApp.csproj", """<Project Sdk="Microsoft.NET.Sdk"><PropertyGroup><OutputType>Library</OutputType><TargetFramework>net8.0</TargetFramework></PropertyGroup><ItemGroup><PackageReference Include="Microsoft.Data.Sqlite" Version="8.0.0" /></ItemGroup></Project>""")
            .Write("Apps/QueryLogsApp/App.cs", "using Microsoft.Data.Sqlite;\n\npublic sealed class App\n{\n    public void Init()\n    {\n        using var connection = new SqliteConnection(\"Data Source=querylogs.db\");\n        connection.Open();\n    }\n}\n");

        var evaluation = Evaluation.Evaluate(Extract(repo));

        Assert.Null(evaluation.ScoreCard.Category(Category.Database).Score);
    }

    private static TestRepository GoStatusPage(string store) => TestRepository.Create()
        .Write("go.mod", "module example.org/status\n\ngo 1.22\n\nrequire (\n\tgithub.com/lib/pq v1.10.9\n\tmodernc.org/sqlite v1.29.0\n)\n")
        .Write("main.go", "package main\n\nimport (\n\t\"net/http\"\n\n\t\"example.org/status/storage\"\n)\n\nfunc main() {\n\tstorage.Open()\n\thttp.ListenAndServe(\":8080\", nil)\n}\n")
        .Write("storage/sql.go", store);

    [Fact]
    public void Tables_the_server_creates_itself_if_missing_are_a_schema_built_at_start()
    {
        // TwiN/gatus: storage/store/sql/specific_postgres.go and specific_sqlite.go run CREATE TABLE IF NOT EXISTS as the
        // store opens, plus ALTER TABLE statements whose errors are ignored: no versioned migrations. The auditor scored 40.
        using var repo = GoStatusPage("package storage\n\nimport (\n\t\"database/sql\"\n\n\t_ \"github.com/lib/pq\"\n)\n\nfunc Open() {\n\tdb, _ := sql.Open(\"postgres\", \"\")\n\t_, _ = db.Exec(`CREATE TABLE IF NOT EXISTS endpoints (id BIGSERIAL PRIMARY KEY, name TEXT NOT NULL)`)\n\t_, _ = db.Exec(`ALTER TABLE endpoints ADD COLUMN grp TEXT`)\n}\n");

        var evaluation = Evaluation.Evaluate(Extract(repo));

        var migrations = Finding(evaluation, "database.migrations").Finding;
        Assert.Equal((FindingStatus.Partial, MigrationsAnalyzer.SchemaInitScore), (migrations.Status, migrations.Score));
        Assert.Equal(FindingStatus.Partial, Finding(evaluation, "database.migrations-applied").Finding.Status);
        Assert.Equal(28, evaluation.ScoreCard.Category(Category.Database).Score);
    }

    [Fact]
    public void A_server_that_only_queries_its_tables_creates_no_schema()
    {
        using var repo = GoStatusPage("package storage\n\nimport (\n\t\"database/sql\"\n\n\t_ \"github.com/lib/pq\"\n)\n\nfunc Open() {\n\tdb, _ := sql.Open(\"postgres\", \"\")\n\t_, _ = db.Query(`SELECT id, name FROM endpoints`)\n}\n");

        var evaluation = Evaluation.Evaluate(Extract(repo));

        Assert.Equal(FindingStatus.Fail, Finding(evaluation, "database.migrations").Finding.Status);
        Assert.Equal(20, evaluation.ScoreCard.Category(Category.Database).Score);
    }

    [Fact]
    public void Create_if_not_exists_beside_versioned_migrations_changes_nothing()
    {
        // Versioned migrations win: an idempotent CREATE TABLE in code (a cache table) is not the schema's tool then.
        using var repo = GoStatusPage("package storage\n\nimport (\n\t\"database/sql\"\n\n\t_ \"github.com/lib/pq\"\n)\n\nfunc Open() {\n\tdb, _ := sql.Open(\"postgres\", \"\")\n\t_, _ = db.Exec(`CREATE TABLE IF NOT EXISTS cache (k TEXT)`)\n}\n")
            .Write("go.mod", "module example.org/status\n\ngo 1.22\n\nrequire (\n\tgithub.com/lib/pq v1.10.9\n\tgithub.com/pressly/goose/v3 v3.20.0\n)\n")
            .Write("migrations/00001_init.sql", "-- +goose Up\nCREATE TABLE endpoints (id BIGSERIAL);\n")
            .Write("migrations/00002_groups.sql", "-- +goose Up\nALTER TABLE endpoints ADD COLUMN grp TEXT;\n");

        var facts = Extract(repo);

        Assert.DoesNotContain("startup-ddl", facts.Parts.Single().Facts.List(FactKeys.MigrationTools));
    }
}
