using InfraTrend.Facts.Ci;
using InfraTrend.Facts.Code;
using InfraTrend.Facts.Deployment;
using InfraTrend.Facts.Docs;
using InfraTrend.Facts.Dotnet;
using InfraTrend.Facts.Go;
using InfraTrend.Facts.Java;
using InfraTrend.Facts.Node;
using InfraTrend.Facts.Python;
using InfraTrend.Facts.Ruby;
using InfraTrend.Facts.Security;

namespace InfraTrend.Facts;

/// <summary>Every fact source, in the order they run. Later sources may read what earlier ones wrote.</summary>
public static class FactSources
{
    public static readonly IReadOnlyList<IFactSource> All =
    [
        new LanguageFacts(),
        new NodeManifestFacts(),
        new VersionFileFacts(),
        new NodeUsageFacts(),
        new JsMigrationFacts(),
        new PythonManifestFacts(),
        new PythonUsageFacts(),
        new DjangoSettingsFacts(),
        new PythonMigrationFacts(),
        new GoModuleFacts(),
        new GoUsageFacts(),
        new GoMigrationFacts(),
        new TestFileFacts(),
        new EndToEndTestFacts(),
        new DotnetProjectFacts(),
        new CSharpUsageFacts(),
        new EfCoreMigrationFacts(),
        new RubyManifestFacts(),
        new RubyUsageFacts(),
        new RailsMigrationFacts(),
        new ActiveStorageFacts(),
        new RubyTestFacts(),
        new JavaManifestFacts(),
        new JavaUsageFacts(),
        new JvmMigrationFacts(),
        // After every ecosystem's migration source: it skips the folders they counted.
        new DatabaseOperationsFacts(),
        new JavaTestFacts(),
        new GitHubActionsFacts(),
        new OtherPipelineFacts(),
        // After the pipelines: it reads whether one runs the tests.
        new TestcontainersFacts(),
        new DependencyBotFacts(),
        new SupplyChainFacts(),
        new CoverageFacts(),
        new RenderFacts(),
        new NixpacksFacts(),
        new ProcfileFacts(),
        new UwsgiFacts(),
        new ServerDescriptorFacts(),
        new TlsTerminationFacts(),
        new DockerfileFacts(),
        new ComposeFacts(),
        new KubernetesFacts(),
        new PlatformDescriptorFacts(),
        new InfrastructureAsCodeFacts(),
        new DocsFacts(),
        new ApiDocsFacts(),
        new ReadinessFacts(),
        new ClusterDesignFacts(),
        new SecretFacts(),
        new InHouseRateLimiterFacts(),
        new AccountHardeningFacts(),
        new ConfigurationFacts(),
        new OwnLoggerFacts(),
        // Last: it reads every runtime pin the others recorded.
        new RuntimeResolutionFacts(),
    ];
}
