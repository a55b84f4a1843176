using System.Text.RegularExpressions;

namespace InfraTrend.Facts.Docs;

/// <summary>
/// How the application is built to run as a cluster: a coordination library its manifests depend on (distributed
/// locks, consensus, a shared socket backplane, a data grid) or a document or configuration of its cluster or
/// high-availability mode. Auditors credit such a design for scaling well beyond "it can be started twice".
/// </summary>
[FactSource]
public sealed partial class ClusterDesignFacts : IFactSource
{
    private static readonly (string Id, Regex Pattern)[] Libraries =
    [
        ("hazelcast", new Regex(@"\bcom\.hazelcast\b|[""']hazelcast[""']")),
        ("jraft", new Regex(@"\bcom\.alipay\.sofa\b[^\n]{0,80}\bjraft|<artifactId>jraft-core</artifactId>")),
        ("curator", new Regex(@"\borg\.apache\.curator\b")),
        ("jgroups", new Regex(@"\borg\.jgroups\b")),
        ("shedlock", new Regex(@"\bnet\.javacrumbs\.shedlock\b")),
        ("redisson", new Regex(@"\borg\.redisson\b")),
        ("redlock", new Regex(@"[""'](redlock|@sesamecare-oss/redlock)[""']\s*:|\bInclude=""RedLock\.net""")),
        ("socket.io-redis-adapter", new Regex(@"[""'](@socket\.io/redis-adapter|socket\.io-redis|@socket\.io/redis-streams-adapter)[""']\s*:")),
        ("raft", new Regex(@"^\s*(require\s+)?github\.com/hashicorp/raft\s+v[^\n]*$(?<!//\s*indirect)", RegexOptions.Multiline)),
        ("memberlist", new Regex(@"^\s*(require\s+)?github\.com/hashicorp/memberlist\s+v[^\n]*$(?<!//\s*indirect)", RegexOptions.Multiline)),
        ("redsync", new Regex(@"^\s*(require\s+)?github\.com/go-redsync/redsync[^\n]*$(?<!//\s*indirect)", RegexOptions.Multiline)),
        ("distributed-lock", new Regex(@"\bInclude=""(DistributedLock(\.[A-Za-z]+)?|Medallion\.Threading[^""]*)""")),
        // Services that register with a discovery server and are called through it: each can run as many instances as
        // the load needs, and the gateway or client balances over them (Spring Cloud's Eureka, Nacos, Consul, ZooKeeper).
        ("service-discovery", new Regex(@"\bspring-cloud-starter-(netflix-eureka-client|alibaba-nacos-discovery|consul-discovery|zookeeper-discovery)\b")),
        // A virtual-actor cluster, and a SignalR backplane that shares pushed messages between server instances.
        ("orleans", new Regex(@"\bInclude=""Microsoft\.Orleans\.(Server|Sdk|Clustering\.[A-Za-z]+)""")),
        ("signalr-backplane", new Regex(@"\bInclude=""Microsoft\.AspNetCore\.SignalR\.(StackExchangeRedis|Redis)""|\bInclude=""Microsoft\.Azure\.SignalR""")),
    ];

    /// <summary>A document whose name says it is about the cluster, high-availability or scaling mode.</summary>
    [GeneratedRegex(@"^(\d+[-_.])?(clustering|cluster[-_]mode|cluster[-_]deployment|cluster[-_]setup|high[-_]?availability|ha[-_](deployment|setup|mode)|horizontal[-_]scaling|scalability|scaling[-_]out|distributed[-_]deployment([-_]guide)?)\.(md|mdx|rst|adoc|txt)$", RegexOptions.IgnoreCase)]
    private static partial Regex ClusterDocName();

    /// <summary>A cluster member list shipped with a distribution (cluster.conf, cluster.conf.example).</summary>
    [GeneratedRegex(@"^cluster\.conf(\.example|\.sample)?$", RegexOptions.IgnoreCase)]
    private static partial Regex ClusterConfigName();

    [GeneratedRegex(@"(^|/)(tests?|spec|examples?|samples?|demo|fixtures?|node_modules|vendor|third[-_]party)(/|$)", RegexOptions.IgnoreCase)]
    private static partial Regex AsideFolder();

    /// <summary>
    /// A section heading of an operator document about running several instances: high availability, horizontal
    /// scaling, clustering, several instances or replicas ("## High availability", "### Clustering / multi-node
    /// deployments", "## Architecture and scaling"). A guide need not be a file of its own to document a cluster mode.
    /// </summary>
    [GeneratedRegex(@"^\s{0,3}(#{1,4}|={1,4})\s+[^\n]{0,40}\b(high[- ]availability|horizontal(ly)?[- ]scal(ing|e|able)|scal(e|ing)[- ](out|horizontally)|clustering|cluster mode|(multiple|several) (instances|replicas)|(architecture|deployment|performance) and scaling|scaling and (performance|architecture|high availability))\b[^\n]{0,40}$", RegexOptions.IgnoreCase | RegexOptions.Multiline)]
    private static partial Regex ClusterHeading();

    /// <summary>
    /// Where operator guides live: the repository's top level, or a folder about deploying, installing, configuring,
    /// hosting, administering or running it (docs/deployment, docs/getting_started, docs/configuration, hosting/k8s),
    /// not a product introduction, a developer's notes or a bundled library's README.
    /// </summary>
    [GeneratedRegex(@"^[^/]+$|(^|/)[^/]*(deploy|install|config|self[-_]?host|hosting|admin|operat|getting[-_]started|production|setup|running|scal|cluster)[^/]*/", RegexOptions.IgnoreCase)]
    private static partial Regex GuidePlace();

    /// <summary>Documents that tell history or news rather than how to run the application.</summary>
    [GeneratedRegex(@"(^|/)(changelogs?|changes|history|release[-_]?notes|releases|blog|news|adr|decisions|benchmarks?|versioned_docs|wwwroot)(/|\.|$)", RegexOptions.IgnoreCase)]
    private static partial Regex NotAGuide();

    public void Collect(FactContext context)
    {
        foreach (var file in context.Snapshot.Files)
        {
            if (AsideFolder().IsMatch(file.Path) || Node.NodeManifests.IsVendored(file.Path))
                continue;
            var name = file.Name;
            var evidence = new Evidence(file.Path, 0);
            if (ClusterDocName().IsMatch(name))
            {
                context.Add(FactKeys.ClusterDesign, "cluster-docs", evidence);
                continue;
            }
            if (ClusterConfigName().IsMatch(name))
            {
                context.Add(FactKeys.ClusterDesign, "cluster-config", evidence);
                continue;
            }
            if (IsDocument(name))
            {
                if (GuidePlace().IsMatch(file.Path) && !NotAGuide().IsMatch(file.Path) && file.Size <= 256 * 1024 && context.Snapshot.ReadText(file.Path) is { } doc && HeadingLine(doc) is { } line)
                    context.Add(FactKeys.ClusterDesign, "cluster-docs", new Evidence(file.Path, line));
                continue;
            }
            if (!IsManifest(name) || TestProject().IsMatch(name) || file.Size > 1024 * 1024 || context.Snapshot.ReadText(file.Path) is not { } text)
                continue;
            foreach (var (id, pattern) in Libraries)
            {
                // A coordination library only the tests use (curator-test's embedded ZooKeeper, a Hazelcast test
                // instance) says nothing of how the application runs.
                if (pattern.Matches(text).FirstOrDefault(m => !TestScoped(name, text, m.Index)) is { } m)
                    context.Add(FactKeys.ClusterDesign, id, new Evidence(file.Path, new TextLines(text).LineOf(m.Index)));
            }
        }
    }

    private static bool IsDocument(string name) =>
        name.EndsWith(".md", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".mdx", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".adoc", StringComparison.OrdinalIgnoreCase);

    /// <summary>The line of the first cluster or high-availability heading outside a fenced code block, or null.</summary>
    private static int? HeadingLine(string text)
    {
        var match = ClusterHeading().Match(text);
        if (!match.Success)
            return null;
        var fenced = false;
        var lines = text.Split('\n');
        for (var lineNumber = 1; lineNumber <= lines.Length; lineNumber++)
        {
            var line = lines[lineNumber - 1];
            var trimmed = line.TrimStart();
            if (trimmed.StartsWith("```", StringComparison.Ordinal) || trimmed.StartsWith("~~~", StringComparison.Ordinal))
            {
                fenced = !fenced;
                continue;
            }
            if (!fenced && ClusterHeading().IsMatch(line.TrimEnd('\r')) && !AsksForStickySessions(lines, lineNumber))
                return lineNumber;
        }
        return null;
    }

    /// <summary>
    /// Whether the section under the heading at <paramref name="headingLine"/> (up to the next heading) asks for sticky
    /// sessions or session affinity: replicas that each keep their own sessions or rendered state (gethomepage/homepage's
    /// "### Multiple Replicas") are a workaround for per-instance state, not a design for running as a cluster.
    /// </summary>
    private static bool AsksForStickySessions(string[] lines, int headingLine)
    {
        var section = lines.Skip(headingLine).TakeWhile(l => !SectionHeading().IsMatch(l));
        return section.Any(l => StickySessions().IsMatch(l));
    }

    [GeneratedRegex(@"^\s{0,3}#{1,6}\s")]
    private static partial Regex SectionHeading();

    [GeneratedRegex(@"\bsticky[- ]sessions?\b|\bsession[- ]affinity\b|\bsticky[- ]routing\b", RegexOptions.IgnoreCase)]
    private static partial Regex StickySessions();

    /// <summary>A .NET test project (Foo.Tests.csproj, Foo.IntegrationTests.csproj): its packages are the tests'.</summary>
    [GeneratedRegex(@"[.](Unit|Integration|Functional|Architecture|Acceptance|E2E)?Tests?[.]csproj$", RegexOptions.IgnoreCase)]
    private static partial Regex TestProject();

    /// <summary>A Gradle test configuration (testImplementation, testCompile, integrationTestRuntimeOnly...).</summary>
    [GeneratedRegex(@"^\s*[A-Za-z]*[tT]est[A-Za-z]*\s*[(""' ]")]
    private static partial Regex GradleTestConfiguration();

    /// <summary>A Node dependency map: the last one opened before a match is the one it is declared in.</summary>
    [GeneratedRegex(@"""(dependencies|devDependencies|peerDependencies|optionalDependencies)""\s*:\s*\{")]
    private static partial Regex NodeDependencyMap();

    /// <summary>
    /// Whether the dependency matched at <paramref name="index"/> is declared for the tests only: a Gradle test
    /// configuration, a Maven dependency of test scope or a test kit artifact (curator-test), a Node devDependency.
    /// </summary>
    private static bool TestScoped(string name, string text, int index)
    {
        if (name.StartsWith("build.gradle", StringComparison.Ordinal))
        {
            var start = index == 0 ? 0 : text.LastIndexOf('\n', index - 1) + 1;
            var end = text.IndexOf('\n', index);
            var line = text[start..(end < 0 ? text.Length : end)];
            return GradleTestConfiguration().IsMatch(line) || line.Contains("-test:", StringComparison.Ordinal);
        }
        if (name == "pom.xml")
        {
            var open = text.LastIndexOf("<dependency>", index, StringComparison.Ordinal);
            var close = text.IndexOf("</dependency>", index, StringComparison.Ordinal);
            if (open < 0 || close < 0 || text.LastIndexOf("</dependency>", index, StringComparison.Ordinal) > open)
                return false;
            var block = text[open..close];
            return block.Contains("<scope>test</scope>", StringComparison.Ordinal) || block.Contains("-test</artifactId>", StringComparison.Ordinal);
        }
        if (name == "package.json")
        {
            var map = NodeDependencyMap().Matches(text[..index]).LastOrDefault();
            return map is not null && map.Groups[1].Value == "devDependencies" && text.IndexOf('}', map.Index + map.Length) > index;
        }
        return false;
    }

    private static bool IsManifest(string name) =>
        name is "package.json" or "pom.xml" or "build.gradle" or "build.gradle.kts" or "go.mod" or "Directory.Packages.props" or "libs.versions.toml"
        || name.EndsWith(".csproj", StringComparison.Ordinal);
}
