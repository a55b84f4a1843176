using InfraTrend.Facts;
using InfraTrend.Tests.Support;

namespace InfraTrend.Tests.Facts;

/// <summary>
/// Migrations applied on release in ways the tool missed, on fixtures shaped after real repositories: an
/// identity server's Kubernetes init container whose args follow its command, and a web app whose Procfile release
/// phase runs an npm script calling Knex's CLI by its path.
/// </summary>
public class MigrationsAppliedFactsTests
{
    [Fact]
    public void An_init_container_whose_args_tell_its_command_to_migrate_applies_the_migrations_on_release()
    {
        using var repo = TestRepository.Create()
            .Write("deploy/k8s/base/auth/deployment.yaml", """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: auth
                spec:
                  template:
                    spec:
                      initContainers:
                        - name: auth-migrate
                          image: ghcr.io/example/auth:main
                          command:
                            - /auth
                          args:
                            - migrate
                            - up
                            - "--config"
                            - /etc/config/config.yaml
                      containers:
                        - name: auth
                          image: ghcr.io/example/auth:main
                          args:
                            - serve
                            - all
                """);

        var facts = OwnMigratorFactsTests.Extract(repo);

        Assert.Equal([new Evidence("deploy/k8s/base/auth/deployment.yaml", 11)], facts.EvidenceOf(FactKeys.MigrationsAppliedAt, "release"));
    }

    [Fact]
    public void A_release_phase_running_a_script_that_calls_knex_by_its_cli_path_applies_the_migrations()
    {
        using var repo = TestRepository.Create()
            .Write("package.json", """
                {
                  "name": "monitor",
                  "scripts": {
                    "start": "node server.js",
                    "db:migrate": "tsx node_modules/knex/bin/cli.js migrate:latest --knexfile src/db/knexfile.js"
                  },
                  "dependencies": { "knex": "3.1.0", "pg": "8.13.0" }
                }
                """)
            .Write("Procfile", "release: npm run db:migrate\nweb: npm start\n");

        var facts = OwnMigratorFactsTests.Extract(repo);

        Assert.Equal([new Evidence("Procfile", 1)], facts.EvidenceOf(FactKeys.MigrationsAppliedAt, "release"));
    }
}
