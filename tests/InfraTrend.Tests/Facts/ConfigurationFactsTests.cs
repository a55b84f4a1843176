using InfraTrend.Facts;
using static InfraTrend.Tests.Facts.CiFixture;

namespace InfraTrend.Tests.Facts;

/// <summary>Configuration read from the environment or a config file, documented the way each ecosystem does it.</summary>
public class ConfigurationFactsTests
{
    [Fact]
    public void Dotnet_appsettings_documents_the_configuration()
    {
        var facts = Read(
            ("src/Web/Shop.Web/App_Data/appsettings.json", "{\n  \"Application\": { \"UseHsts\": false }\n}\n"),
            ("src/Web/Shop.Web/Program.cs", "var builder = WebApplication.CreateBuilder(args);\nbuilder.Configuration.AddEnvironmentVariables();\n"));

        Assert.Equal(["appsettings.json"], facts.List(FactKeys.ConfigDocs));
        Assert.Equal(["appsettings.json", "environment"], facts.List(FactKeys.ConfigSources).Order());
    }

    [Fact]
    public void Spring_properties_with_environment_placeholders_document_the_configuration()
    {
        var facts = Read(
            ("src/main/resources/application.properties", "database=h2\nspring.sql.init.schema-locations=classpath*:db/${database}/schema.sql\n"),
            ("src/main/resources/application-mysql.properties", "spring.datasource.url=${MYSQL_URL:jdbc:mysql://localhost/petclinic}\n"),
            ("src/main/java/org/acme/App.java", "class App {}\n"));

        Assert.Equal(["spring configuration"], facts.List(FactKeys.ConfigDocs));
        Assert.Equal(["src/main/resources/application-mysql.properties", "src/main/resources/application.properties"], facts.Where(FactKeys.ConfigDocs, "spring configuration"));
    }

    [Fact]
    public void A_python_settings_module_and_a_configuration_example_document_the_configuration()
    {
        var facts = Read(
            ("config.py", "import os\n\nclass Config:\n    SECRET_KEY = os.environ.get('SECRET_KEY') or 'hard to guess string'\n"),
            ("netbox/netbox/configuration_example.py", "ALLOWED_HOSTS = []\nDATABASE = {}\n"));

        Assert.Equal(["sample config", "settings module"], facts.List(FactKeys.ConfigDocs).Order());
        Assert.Equal(["config.py:4"], facts.Where(FactKeys.ConfigDocs, "settings module"));
        Assert.Equal(["netbox/netbox/configuration_example.py"], facts.Where(FactKeys.ConfigDocs, "sample config"));
    }

    [Fact]
    public void Rails_sample_files_and_erb_environment_in_config_document_the_configuration()
    {
        var facts = Read(
            ("config/database.yml.sample", "production:\n  adapter: postgresql\n"),
            ("config/cable.yml", "production:\n  adapter: redis\n  url: <%= ENV.fetch(\"REDIS_URL\") { \"redis://localhost:6379/1\" } %>\n"),
            ("app/models/user.rb", "class User\n  KEY = ENV.fetch('USER_KEY', nil)\nend\n"));

        Assert.Equal(["rails config", "sample config"], facts.List(FactKeys.ConfigDocs).Order());
        Assert.Equal(["config/cable.yml:3"], facts.Where(FactKeys.ConfigDocs, "rails config"));
        Assert.Equal(["app/models/user.rb:2"], facts.Where(FactKeys.ConfigSources, "environment"));
    }

    [Fact]
    public void A_docs_page_listing_environment_variables_documents_the_configuration()
    {
        var facts = Read(
            ("docs/docs/30-administration/10-configuration/10-server.md", "# Server\n\n## Environment variables\n\n- `WOODPECKER_HOST`\n- `WOODPECKER_OPEN`\n- `WOODPECKER_DATABASE_DRIVER`\n"),
            ("docker-compose.example.yaml", "services:\n  server:\n    environment:\n      - WOODPECKER_HOST=${WOODPECKER_HOST}\n"),
            ("nfpm/woodpecker-server.env.example", "WOODPECKER_HOST=\n"),
            ("cmd/server/main.go", "package main\n\nvar flags = []cli.Flag{&cli.StringFlag{Name: \"host\", EnvVars: []string{\"WOODPECKER_HOST\"}}}\n"));

        Assert.Equal(["configuration reference", "flags with environment variables", "sample config"], facts.List(FactKeys.ConfigDocs).Order());
        Assert.Equal(["docs/docs/30-administration/10-configuration/10-server.md:3"], facts.Where(FactKeys.ConfigDocs, "configuration reference"));
        Assert.Equal(["docker-compose.example.yaml", "nfpm/woodpecker-server.env.example"], facts.Where(FactKeys.ConfigDocs, "sample config"));
    }

    [Fact]
    public void Environment_read_in_code_without_documents_is_a_source_only()
    {
        var facts = Read(
            ("config/setup.go", "package config\n\nfunc Setup() {\n\t_, isDocker := os.LookupEnv(\"APP_DOCKER\")\n}\n"),
            // A role template, an agent's notes and a product page with no settings are no configuration documents.
            ("application/src/main/resources/extensions/role-template-configmap.yaml", "kind: Role\n"),
            ("deploy/nginx/default.conf", "server { listen 80; }\n"),
            (".claude/skills/add-config-param/SKILL.md", "# Add a config parameter\n\nAdd `FOO_BAR`, `BAZ_QUX` and `ONE_TWO`.\n"),
            ("docs/features/configuration-rendering.md", "# Configuration rendering\n\nTemplates render device configurations.\n"));

        Assert.Empty(facts.List(FactKeys.ConfigDocs));
        Assert.Equal(["config/setup.go:4"], facts.Where(FactKeys.ConfigSources, "environment"));
    }
}
