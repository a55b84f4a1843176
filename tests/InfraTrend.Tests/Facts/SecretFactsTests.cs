using InfraTrend.Facts;
using static InfraTrend.Tests.Facts.CiFixture;

namespace InfraTrend.Tests.Facts;

/// <summary>
/// Real secrets against placeholders and throwaway credentials, from the shapes seen on real repositories: CI service
/// containers, an installer smoke test, Woodpecker's from_secret, Rails translations, Spring profiles for a local
/// database, development compose files, .NET connection strings without a password, public front-end env files.
/// </summary>
public class SecretFactsTests
{
    // Random-looking values written for these tests; none is a credential anywhere.
    private const string RandomPassword = "q8Vz-2mWk9Lp4Rx7";
    private const string RandomHex = "9f2c7a1e4b8d3f60a5c2e7b91d4f8a3c6e0b2d5f7a9c1e3b";

    [Fact]
    public void Ci_service_container_and_local_database_passwords_are_possible_secrets_only()
    {
        var facts = Read(
            (".github/workflows/ci.yml", """
                on: push
                env:
                  NODE_ENV: test
                  DATABASE_URL: postgres://postgres:password@localhost:5432/app_test
                jobs:
                  test:
                    runs-on: ubuntu-latest
                    services:
                      postgres:
                        image: postgres:16
                        env:
                          POSTGRES_PASSWORD: password
                    steps:
                      - run: curl -F "AdminPassword=SecurePassword123" -F "ConfirmPassword=SecurePassword123" http://localhost:8080/install
                """),
            (".env.development", "URL=http://localhost:3000\nDATABASE_URL=postgres://user:pass@127.0.0.1:5432/app\n"));

        Assert.Equal(0, facts.Number(FactKeys.CommittedSecrets));
        Assert.Equal([".env.development:2", ".github/workflows/ci.yml:4", ".github/workflows/ci.yml:12", ".github/workflows/ci.yml:14"], facts.Where(FactKeys.PossibleSecrets));
        Assert.False(facts.Bool(FactKeys.EnvFileCommitted));
    }

    [Fact]
    public void Compose_and_spring_profile_passwords_for_local_databases_are_possible_secrets()
    {
        var facts = Read(
            ("docker-compose.yml", "services:\n  mysql:\n    image: mysql:9\n    environment:\n      - MYSQL_PASSWORD=petclinic\n      - MYSQL_ROOT_PASSWORD=changeme\n"),
            ("docker-compose.prod.yml", "services:\n  db:\n    environment:\n      - MYSQL_PASSWORD=P@ssw0rd\n"),
            ("application/src/main/resources/application-mysql.yaml", "spring:\n  r2dbc:\n    url: r2dbc:pool:mysql://localhost:3306/app\n    username: root\n    password: openmysql\n"));

        Assert.Equal(0, facts.Number(FactKeys.CommittedSecrets));
        Assert.Equal(["application/src/main/resources/application-mysql.yaml:5", "docker-compose.prod.yml:4", "docker-compose.yml:5", "docker-compose.yml:6"], facts.Where(FactKeys.PossibleSecrets));
    }

    [Fact]
    public void References_translations_and_connection_strings_without_a_password_are_no_credential()
    {
        var facts = Read(
            (".woodpecker/docker.yaml", "steps:\n  publish:\n    image: plugins/docker\n    settings:\n      password:\n        from_secret: docker_password\n"),
            (".github/workflows/deploy.yml", "jobs:\n  deploy:\n    steps:\n      - uses: docker/login-action@v3\n        with:\n          password: ${{ secrets.GITHUB_TOKEN }}\n"),
            ("config/locales/de.yml", "de:\n  activerecord:\n    attributes:\n      user:\n        password: Passwort\n  forgot_password: Passwort vergessen?\n"),
            ("config/database.yml", "production:\n  password: <%= ENV['DATABASE_PASSWORD'] %>\n"),
            ("src/Web/App_Data/appsettings.json", "{\n  \"LiteDbConnectionString\": \"Filename=App_Data/database.db\",\n  \"RedisPubSubConnectionString\": \"127.0.0.1:6379,allowAdmin=true\"\n}\n"),
            ("src/Api/appsettings.Development.json", "{\n  \"storage\": {\n    \"connectionString\": \"UseDevelopmentStorage=true\"\n  }\n}\n"));

        Assert.Equal(0, facts.Number(FactKeys.CommittedSecrets));
        Assert.Equal(0, facts.Number(FactKeys.PossibleSecrets));
    }

    [Fact]
    public void Values_spelled_in_words_digit_runs_and_development_sections_are_possible_secrets_only()
    {
        // After real cases: a settings.yml whose token says where the real one comes from, a dotenv of mock values, a Helm
        // value naming an existing Secret, a pipeline script calling ConvertTo-SecureString, a Stripe key filled with a digit
        // run, and Rails' secrets.yml with random development and test keys beside a production key read from ENV.
        var facts = Read(
            ("config/settings.yml", "recruits_api:\n  auth_token: \"auth-token-from-env\"\n"),
            (".env", "HIBP_API_TOKEN=mock-api-token\nOAUTH_CLIENT_SECRET=ask-the-platform-team-for-this\n"),
            ("helm/values.yaml", "database:\n  existingSecret: shop-credentials\n"),
            ("build/cleanup.yml", "steps:\n  - pwsh: |\n      $secureClientSecret = ConvertTo-SecureString -String $ClientSecret -AsPlainText\n"),
            ("config/config.defaults.yml", "payments:\n  stripe_private_key: sk_test_123456789012345678901234\n"),
            ("config/secrets.yml", $"development:\n  auth_token: {RandomHex}\n\ntest: &test\n  api_key: {RandomPassword}\n\nproduction:\n  secret_key_base: <%= ENV['SECRET_KEY_BASE'] %>\n  api_key: {RandomPassword}\n"));

        Assert.Equal(["config/secrets.yml:9"], facts.Where(FactKeys.CommittedSecrets));
        Assert.Equal([".env:1", ".env:2", "build/cleanup.yml:3", "config/config.defaults.yml:2", "config/secrets.yml:2", "config/secrets.yml:5", "config/settings.yml:2", "helm/values.yaml:2"], facts.Where(FactKeys.PossibleSecrets));
        Assert.False(facts.Bool(FactKeys.EnvFileCommitted));
    }

    [Fact]
    public void Values_that_sops_encrypted_in_the_file_are_no_credential()
    {
        // After a government service's OpenTofu values, kept in git encrypted by SOPS with a KMS key.
        var facts = Read(("ops/values/prod.sopsw.yaml", "/app/prod/core/sensitive/database_password: ENC[AES256_GCM,data:q8Vz2mWk9Lp4Rx7=,iv:9f2c7a1e4b8d3f60a5c2=,tag:Zx0=,type:str]\n"));

        Assert.Equal(0, facts.Number(FactKeys.CommittedSecrets));
        Assert.Equal(0, facts.Number(FactKeys.PossibleSecrets));
    }

    [Fact]
    public void An_empty_or_public_front_end_env_file_is_no_committed_env_file()
    {
        var facts = Read(
            ("ui/.env.production", ""),
            ("web/.env", "VITE_API_URL=https://api.example.org\nVUE_APP_TITLE=Shop\nVITE_SENTRY_KEY=8c1f5e2a9b7d4c3e\n"));

        Assert.False(facts.Bool(FactKeys.EnvFileCommitted));
        Assert.Equal(0, facts.Number(FactKeys.CommittedSecrets));
        Assert.Equal(0, facts.Number(FactKeys.PossibleSecrets));
    }

    [Fact]
    public void Token_shapes_random_literals_and_remote_url_passwords_are_real_secrets()
    {
        var facts = Read(
            ("config/production.yml", $"aws:\n  access_key_id: AKIAIOSFODNN7EXAMPLQ\ndatabase:\n  url: postgres://app:{RandomPassword}@db.internal:5432/shop\n"),
            (".env", $"SECRET_KEY_BASE={RandomHex}\nSESSION_KEY={RandomPassword}\nPORT=3000\nSECRET_KEY_ID={RandomPassword}\nTOKEN_URL=https://auth.acme.org/token\n"),
            // A compose file's database password is its own stack's, read as a placeholder like a pipeline's (see below).
            ("docker-compose.yml", $"services:\n  db:\n    environment:\n      POSTGRES_PASSWORD: {RandomPassword}\n"),
            // A token shape, or a random API key, is real in a pipeline where service container passwords are throwaways.
            (".github/workflows/ci.yml", $"env:\n  GH_TOKEN: ghp_0123456789abcdefghijklmnopqrstuvwxyzAB\n  MAPS_API_KEY: {RandomPassword}\n"));

        Assert.Equal([".env:1", ".env:2", ".github/workflows/ci.yml:2", ".github/workflows/ci.yml:3", "config/production.yml:2", "config/production.yml:4"], facts.Where(FactKeys.CommittedSecrets));
        Assert.Equal(["docker-compose.yml:4"], facts.Where(FactKeys.PossibleSecrets));
        Assert.Equal([".env"], facts.Where(FactKeys.EnvFileCommitted));
    }
}
