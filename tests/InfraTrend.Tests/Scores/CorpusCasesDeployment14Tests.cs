using InfraTrend.Analyzers;
using InfraTrend.Auditing;
using InfraTrend.Facts;
using InfraTrend.Tests.Support;

using static InfraTrend.Tests.Scores.CorpusCase;

namespace InfraTrend.Tests.Scores;

/// <summary>
/// Deployment cases of the fourteenth round: a Cloud Foundry application pushed from per-space manifests by a Python
/// task runner's deploy task (fecgov/openFEC). The fixture is written by hand after that repository; none of its files
/// are copied.
/// </summary>
public class CorpusCasesDeployment14Tests
{
    private const string Manifest =
        "---\napplications:\n  - name: api\n    instances: 4\n    memory: 1G\n    buildpacks:\n      - python_buildpack\n    routes:\n      - route: api-prod.example.gov\n    services:\n      - api-creds-prod\n";

    private static TestRepository CloudFoundryApp() => TestRepository.Create()
        .Write("requirements.txt", "flask==3.0.3\ngunicorn==22.0.0\ninvoke==2.2.0\n")
        .Write("runtime.txt", "python-3.11.9\n")
        .Write("Procfile", "web: gunicorn webservices.rest:app\n")
        .Write("webservices/rest.py", "from flask import Flask\n\napp = Flask(__name__)\n")
        .Write("manifests/manifest_api_prod.yml", Manifest)
        .Write("manifests/manifest_api_stage.yml", Manifest.Replace("prod", "stage"))
        .Write("tasks.py", "from invoke import task\n\n@task\ndef deploy(ctx, space=None):\n    ctx.run('cf push api -f manifests/manifest_api_{0}.yml'.format(space))\n");

    [Fact]
    public void Per_space_cloud_foundry_manifests_describe_the_deployment_and_size_its_instances()
    {
        // fecgov/openFEC: manifests/manifest_api_{dev,stage,prod}.yml push the API with python_buildpack, 12 instances of
        // 2G, routes and bound services; the only other descriptor is a one-line Procfile. The auditor scored deployment 82.
        using var repo = CloudFoundryApp();

        var facts = Extract(repo);
        var evaluation = Evaluation.Evaluate(facts);

        Assert.Contains("cloud-foundry", facts.Repository.List(FactKeys.Platforms));
        Assert.True(facts.Repository.Bool(FactKeys.ResourceLimits));
        Assert.Equal(FindingStatus.Pass, Finding(evaluation, "deployment.descriptor").Finding.Status);
    }

    [Fact]
    public void A_manifest_without_applications_is_no_cloud_foundry_descriptor()
    {
        // A Kubernetes or extension manifest.yml has no `applications:` list of pushed apps.
        using var repo = TestRepository.Create()
            .Write("requirements.txt", "flask==3.0.3\n")
            .Write("app.py", "from flask import Flask\n\napp = Flask(__name__)\n")
            .Write("manifest.yml", "name: my-extension\nversion: 1.0.0\npermissions:\n  - storage\n");

        var facts = Extract(repo);

        Assert.DoesNotContain("cloud-foundry", facts.Repository.List(FactKeys.Platforms));
    }

    [Fact]
    public void A_pipeline_running_the_invoke_deploy_task_deploys()
    {
        // fecgov/openFEC: the CircleCI deploy job runs `invoke deploy --branch $CIRCLE_BRANCH --yes --migrate-database`.
        using var repo = CloudFoundryApp()
            .Write(".circleci/config.yml", "version: 2.1\njobs:\n  deploy:\n    docker:\n      - image: cimg/python:3.11\n    steps:\n      - checkout\n      - run:\n          name: Deploy API\n          command: |\n            invoke deploy --branch $CIRCLE_BRANCH --yes\nworkflows:\n  main:\n    jobs:\n      - deploy\n");

        var facts = Extract(repo);
        var evaluation = Evaluation.Evaluate(facts);

        Assert.True(facts.Repository.Bool(FactKeys.Deploys));
        Assert.Equal(FindingStatus.Pass, Finding(evaluation, "deployment.automated").Finding.Status);
    }
}
