using System.Text.RegularExpressions;

namespace InfraTrend.Facts.Docs;

/// <summary>
/// Operational documents, by name or by heading: README (and what it covers), LICENSE, CONTRIBUTING, CHANGELOG,
/// CODEOWNERS, SECURITY.md, runbooks, incident response, disaster recovery, architecture, SLOs.
/// </summary>
[FactSource]
public sealed partial class DocsFacts : IFactSource
{
    [GeneratedRegex(@"^[ \t]{0,3}(#{1,6})[ \t]+(.+?)[ \t]*#*[ \t]*\r?$", RegexOptions.Multiline)]
    private static partial Regex Heading();

    // An underlined heading: reStructuredText titles (Sphinx docs, README.rst) and Markdown's setext headings.
    [GeneratedRegex(@"^([^\s|*`<>!\[#=\-~^+:.][^\n]{0,78}?)[ \t]*\r?\n([=\-~^*+#""'`])\2{2,}[ \t]*\r?$", RegexOptions.Multiline)]
    private static partial Regex UnderlinedHeading();

    /// <summary>The document's headings, as (title, offset, level): ATX ones (# Title) with their level, then underlined ones (level 1).</summary>
    private static IEnumerable<(string Title, int Index, int Level)> AllHeadings(string text)
    {
        foreach (Match heading in Heading().Matches(text))
            yield return (heading.Groups[2].Value.Trim(), heading.Index, heading.Groups[1].Value.Length);
        foreach (Match heading in UnderlinedHeading().Matches(text))
            yield return (heading.Groups[1].Value.Trim(), heading.Index, 1);
    }

    /// <summary>The document's headings of the top three levels, as (title, offset): ATX (# Title) and underlined ones.</summary>
    private static IEnumerable<(string Title, int Index)> Headings(string text) =>
        AllHeadings(text).Where(h => h.Level <= 3).Select(h => (h.Title, h.Index));

    private static readonly (string Section, Regex Pattern)[] ReadmeSections =
    [
        ("install", new Regex(@"\b(install|installation|setup|set up|getting started|prerequisites|requirements|quick ?start)\b", RegexOptions.IgnoreCase)),
        ("run", new Regex(@"\b(run|running|usage|development|develop|local|start|starting)\b", RegexOptions.IgnoreCase)),
        ("test", new Regex(@"\b(test|tests|testing)\b", RegexOptions.IgnoreCase)),
        // "Release" as a heading about shipping one ("Release", "How to release"), not about the versions themselves
        // ("Latest release", "Release cadence", "Release status", "Release notes"): those say nothing of where it runs.
        ("deploy", new Regex(@"\b(deploy|deploying|deployment|deployments|production|hosting|(?<!\b(latest|current|next|new|stable|last) )release(?! (cadence|status|notes|history|schedule|policy|cycle|channels?)\b)|releasing)\b", RegexOptions.IgnoreCase)),
        ("configuration", new Regex(@"\b(config|configuration|configuring|environment|env|settings)\b", RegexOptions.IgnoreCase)),
    ];

    // What a README shows rather than titles: the commands that install or start the project, or a link to install docs.
    [GeneratedRegex(@"(^[ \t>$*+\-\d.]*|`)(npm (ci|install)|pnpm install|yarn( install)?$|bundle install|bin/setup|pip3? install|poetry install|uv sync|pipenv install|go (get|install|mod download)|dotnet restore|mvn (install|package)|\./mvnw (install|package)|\./gradlew (build|assemble)|composer install|brew install|apt(-get)? install|helm install|docker (pull|compose pull))\b|\]\([^)\s]*(install|setup|getting[-_]started)[^)\s]*\)|^\[[^\]]*\b(install\w*|setup|getting started)\]:\s", RegexOptions.IgnoreCase | RegexOptions.Multiline)]
    private static partial Regex InstallCommand();

    [GeneratedRegex(@"(^[ \t>$*+\-\d.]*|`)(npm (start|run (dev|start|serve))|pnpm (dev|start)|yarn (dev|start)|bin/(rails|dev|setup)|rails s(erver)?|(bundle exec )?foreman start|python3? (manage\.py runserver|-m flask run|app\.py|main\.py)|flask run|uvicorn |gunicorn |go run|dotnet run|mvn spring-boot:run|\./mvnw spring-boot:run|\./gradlew (bootRun|run)|java -jar|docker( |-)compose up|docker run|make (run|dev|start|serve))|\]\([^)\s]*(development|getting[-_]started)[^)\s]*\)|^\[[^\]]*\b(development( setup)?|getting started)\]:\s", RegexOptions.IgnoreCase | RegexOptions.Multiline)]
    private static partial Regex RunCommand();

    // Pages on installing, deploying, upgrading or self-hosting, in a docs folder (at any depth: apps/docs/, site/content/docs/;
    // a docs site may number them, 05-installation/) or at the top level (INSTALL.md). Wiki-style docs name their pages
    // in words separated by spaces ("docs/Get started.md", "docs/Upgrade guide.md").
    [GeneratedRegex(@"(^|/)(?:\d+[-_.])?(install(ation|ing)?|deploy(ment|ments|ing)?|production|self[-_]?host(ing|ed)?|hosting|upgrad(e|es|ing)|docker|kubernetes|helm|administration|admin[-_ ]guide|operations?[-_ ]guide|get(ting)?[-_ ]started)([/._ -]|$)", RegexOptions.IgnoreCase)]
    private static partial Regex DeploymentDocPath();


    [GeneratedRegex(@"\b(deploy(ed|s|ing|ment)?)\b[^\n]{0,80}\b(render|fly\.io|vercel|netlify|railway|heroku|kubernetes|k8s|aws|azure|gcp|google cloud|docker|app engine|digitalocean)\b|\b(render|fly\.io|vercel|netlify|railway|heroku|kubernetes|aws|azure)\b[^\n]{0,40}\bdeploy", RegexOptions.IgnoreCase)]
    private static partial Regex DeploymentMention();

    // The operator topics a documentation page covers, by a folder or file name (a docs site numbers them: 30-administration/).
    private static readonly (string Topic, Regex Pattern)[] OperatorTopics =
    [
        ("install", TopicSegment(@"install(ation|ing)?|deploy(ment|ments|ing)?|self[-_]?host(ing|ed)?|production|hosting|docker|kubernetes|helm")),
        ("upgrade", TopicSegment(@"upgrad(e|es|ing)|updating")),
        ("backup", TopicSegment(@"backups?|restore|restoring|disaster[-_]recovery")),
        ("admin", TopicSegment(@"admin|administration|administrator|admin[-_](guide|tasks)|sysadmins?|maintenance|maintaining|operations|operating")),
        ("configuration", TopicSegment(@"configuration|configuring|config|settings|environment[-_]variables")),
        ("troubleshooting", TopicSegment(@"troubleshoot(ing)?|faqs?")),
    ];

    // The same topics as a README's headings name them; only a README long enough to be the operator manual counts them.
    private static readonly (string Topic, Regex Pattern)[] OperatorHeadings =
    [
        ("install", new Regex(@"\b(install(ation|ing)?|deploy(ment|ing)?|self[- ]?host(ing|ed)?|production|hosting|docker|kubernetes|helm)\b", RegexOptions.IgnoreCase)),
        ("upgrade", new Regex(@"\b(upgrad(e|es|ing)|updating)\b", RegexOptions.IgnoreCase)),
        ("backup", new Regex(@"\b(backups?|restor(e|ing))\b", RegexOptions.IgnoreCase)),
        ("admin", new Regex(@"\b(administration|maintenance|maintaining)\b", RegexOptions.IgnoreCase)),
        ("configuration", new Regex(@"\b(configuration|configuring|settings|environment variables)\b", RegexOptions.IgnoreCase)),
        ("troubleshooting", new Regex(@"\b(troubleshoot(ing)?|faqs?|known issues|common (problems|issues))\b", RegexOptions.IgnoreCase)),
    ];

    /// <summary>A README of this many lines or more is a manual, not an introduction: its sections count as operator pages.</summary>
    private const int ManualReadmeLines = 300;

    /// <summary>Non-blank lines under a README's deployment headings that make them the written procedure.</summary>
    private const int ReadmeProcedureLines = 30;

    // A page name ends at a separator: a dot, dash, underscore or slash, or a space in wiki-style names ("Upgrade guide.md").
    private static Regex TopicSegment(string names) => new(@"(^|/)(\d+[-_.])?(" + names + @")([/._ -]|$)", RegexOptions.IgnoreCase | RegexOptions.Compiled);

    // A documentation folder anywhere in the tree: docs/, doc/, documentation/, apps/docs/, site/content/docs/, dev-docs/.
    [GeneratedRegex(@"(^|/)(docs?|documentation|[a-z]+[-_]docs?)/", RegexOptions.IgnoreCase)]
    private static partial Regex AnyDocsFolder();

    // Translated copies and generated API references repeat the pages; they add no topic of their own.
    [GeneratedRegex(@"(^|/)(i18n|l10n|locales?|translations?|api[-_]?reference)/", RegexOptions.IgnoreCase)]
    private static partial Regex NotTopicFolder();

    // Names and headings are specific on purpose: a product's docs site has pages about its own "incidents", "recovery
    // codes" or "architectures" (amd64, arm64) that are no operational document of the team.
    private static readonly (string Key, Regex Name, Regex Heading)[] Documents =
    [
        (FactKeys.Runbooks, new Regex(@"runbook|(^|/)playbooks?(/|\.md$)|(^|/)operations?\.md$|(^|/)ops/|operations[-_ ]guide|operator[-_ ]guide", RegexOptions.IgnoreCase), new Regex(@"\brunbooks?\b|\bplaybooks?\b|\boperations guide\b|\boperator'?s? guide\b", RegexOptions.IgnoreCase)),
        (FactKeys.IncidentResponse, new Regex(@"incident[-_ ]?(response|management|process|handling|playbook|runbook)|postmortem|post-mortem|(^|/)on-?call(\.(md|rst|adoc)$|/|[-_](process|rotation|runbook|handbook|guide))", RegexOptions.IgnoreCase), new Regex(@"\bincident (response|management|process|handling|commander)\b|\bpostmortems?\b|\bpost-mortems?\b|\bon-?call (rotation|process|schedule|duties)\b|\bseverity levels\b", RegexOptions.IgnoreCase)),
        (FactKeys.DisasterRecovery, new Regex(@"disaster|backups?[-_ ]?(and|&)?[-_ ]?restor|(^|/)backups?\.(md|rst|adoc)$|business[-_ ]continuity", RegexOptions.IgnoreCase), new Regex(@"\bdisaster recovery\b|\bbackups? (and|&) restor(e|ing|ation)\b|\brestor(e|ing) (from )?(a )?backups?\b|\bbusiness continuity\b|\bRPO\b.*\bRTO\b", RegexOptions.IgnoreCase)),
        (FactKeys.ArchitectureDocs, new Regex(@"architecture\.(md|rst|adoc|mdx)$|(^|/)architecture/|(^|/)adrs?/|(^|/)decisions/|^(docs?/)?design\.md$|(^|/)adr[-_]?\d+[-_.][^/]*$|^docs?/arch/", RegexOptions.IgnoreCase), new Regex(@"^(system |software |application |high[- ]level )?architecture( overview| decision records?)?$|\bsystem design\b|\barchitecture decision", RegexOptions.IgnoreCase)),
        (FactKeys.Slos, new Regex(@"(^|[/_-])slos?([/_.-]|$)|service-level", RegexOptions.IgnoreCase), new Regex(@"\bSLOs?\b|\bservice level objectives?\b|\berror budgets?\b", RegexOptions.None)),
        (FactKeys.Troubleshooting, new Regex(@"troubleshoot", RegexOptions.IgnoreCase), new Regex(@"^troubleshooting\b|\btroubleshooting guide\b|^common (problems|issues)$", RegexOptions.IgnoreCase)),
    ];

    /// <summary>Documents whose headings name no operational document even when their words match: release notes, policies, licences.</summary>
    // Hidden folders other than .github and .gitlab hold tool and agent scratch files (.agents/plans, .claude), not the team's documents;
    // instruction files for coding agents (AGENTS.md, CLAUDE.md, .github/copilot-instructions.md) are written for the agent, not the team;
    // Markdown inside a web application's source (src/content/, src/pages/) is the website's pages: guides and articles for its visitors.
    [GeneratedRegex(@"(^|/)(CHANGELOG|CHANGES|HISTORY|NEWS|RELEASE[-_]?NOTES|RELEASES|CODE[-_]OF[-_]CONDUCT|SECURITY|LICEN[CS]E|COPYING|AUTHORS|CONTRIBUTORS)[^/]*$|(^|/)(changelogs?|release[-_]?notes|releases|blog|posts|news|archive)/|(^|/)\.(?!github/|gitlab/)[^/]+/|(^|/)src/(content|pages)/|(^|/)(AGENTS|CLAUDE|GEMINI)\.md$|(^|/)copilot-instructions\.md$|(^|/)\.github/instructions/", RegexOptions.IgnoreCase)]
    private static partial Regex NotOperational();

    private static readonly string[] PrTemplates =
    [
        ".github/pull_request_template.md", ".github/PULL_REQUEST_TEMPLATE.md", "pull_request_template.md", "PULL_REQUEST_TEMPLATE.md", "docs/pull_request_template.md", "docs/PULL_REQUEST_TEMPLATE.md", ".azuredevops/pull_request_template.md",
    ];

    public void Collect(FactContext context)
    {
        var files = context.Snapshot.Files;
        var deploymentDocs = new List<(string Topic, string Path)>();
        var operatorTopics = new Dictionary<string, string>();
        foreach (var file in files)
        {
            var path = file.Path;
            var name = file.Name;
            var upper = name.ToUpperInvariant();
            var topLevel = !path.Contains('/') || path.StartsWith(".github/", StringComparison.Ordinal) && path.Count(c => c == '/') == 1 || path.StartsWith("docs/", StringComparison.Ordinal) && path.Count(c => c == '/') == 1;
            var evidence = new Evidence(path, 0);
            if (!path.Contains('/') && upper.StartsWith("README", StringComparison.Ordinal))
                Readme(context, path, operatorTopics);
            else if (topLevel && (upper.StartsWith("LICENSE", StringComparison.Ordinal) || upper.StartsWith("LICENCE", StringComparison.Ordinal) || upper.StartsWith("COPYING", StringComparison.Ordinal)
                                  || upper.EndsWith("-LICENSE", StringComparison.Ordinal) || upper.EndsWith("-LICENCE", StringComparison.Ordinal) || upper.Contains("-LICENSE.", StringComparison.Ordinal) || upper == "UNLICENSE"))
                context.Flag(FactKeys.License, evidence);
            else if (topLevel && upper.StartsWith("CONTRIBUTING", StringComparison.Ordinal))
                context.Flag(FactKeys.Contributing, evidence);
            // A monorepo keeps one changelog per package (changesets, release-please): packages/api/CHANGELOG.md counts.
            else if (topLevel && (upper.StartsWith("CHANGELOG", StringComparison.Ordinal) || upper.StartsWith("CHANGES", StringComparison.Ordinal) || upper == "HISTORY.MD" || upper == "RELEASES.MD")
                     || upper.StartsWith("CHANGELOG", StringComparison.Ordinal) && !Node.NodeManifests.IsVendored(path) && !Deployment.DeploymentPaths.IsDocsSite(path) && path.Count(c => c == '/') <= 3)
                context.Flag(FactKeys.Changelog, evidence);
            else if ((topLevel || path.StartsWith(".gitlab/", StringComparison.Ordinal) && path.Count(c => c == '/') == 1) && name == "CODEOWNERS")
                context.Flag(FactKeys.Codeowners, evidence);
            else if (PrTemplates.Contains(path, StringComparer.OrdinalIgnoreCase)
                     || path.StartsWith(".github/PULL_REQUEST_TEMPLATE/", StringComparison.OrdinalIgnoreCase) && path.EndsWith(".md", StringComparison.OrdinalIgnoreCase)
                     || path.StartsWith(".gitlab/merge_request_templates/", StringComparison.Ordinal) && path.EndsWith(".md", StringComparison.OrdinalIgnoreCase))
                context.Flag(FactKeys.PrTemplate, evidence);
            else if (topLevel && upper is "SECURITY.MD" or "SECURITY.RST" or "SECURITY.TXT")
                context.Flag(FactKeys.SecurityPolicy, evidence);

            if (IsOperatorPage(path, upper) && !Node.NodeManifests.IsVendored(path) && !NotOperational().IsMatch(path) && !NotTopicFolder().IsMatch(path))
            {
                foreach (var (topic, pattern) in OperatorTopics)
                {
                    if (pattern.IsMatch(path) && (!operatorTopics.TryGetValue(topic, out var seen) || path.Count(c => c == '/') < seen.Count(c => c == '/')))
                        operatorTopics[topic] = path;
                }
            }

            // Old-style INSTALL and UPGRADING files without an extension (doc/INSTALL, doc/UPGRADING) are deployment pages too.
            if (upper is "INSTALL" or "UPGRADING" or "UPGRADE" && IsOperatorPage(path, upper) && !Node.NodeManifests.IsVendored(path))
                deploymentDocs.Add((upper.ToLowerInvariant(), path));
            if (!IsDocument(path) || Node.NodeManifests.IsVendored(path) || NotOperational().IsMatch(path) || file.Size > 256 * 1024)
                continue;
            if (!upper.StartsWith("README", StringComparison.Ordinal) && (AnyDocsFolder().IsMatch(path) || !path.Contains('/')) && !NotTopicFolder().IsMatch(path)
                && DeploymentDocPath().Match(path) is { Success: true } page)
                deploymentDocs.Add((page.Groups[2].Value.ToLowerInvariant(), path));
            var docName = path.ToLowerInvariant();
            string? text = null;
            foreach (var (key, namePattern, headingPattern) in Documents)
            {
                if (namePattern.IsMatch(docName) && !upper.StartsWith("README", StringComparison.Ordinal))
                {
                    context.Flag(key, evidence);
                    continue;
                }
                // An "Architecture" heading in a README (the top one or a package's) is an overview paragraph, not an
                // architecture document: auditors do not count it as one.
                if (key == FactKeys.ArchitectureDocs && upper.StartsWith("README", StringComparison.Ordinal))
                    continue;
                text ??= context.Snapshot.ReadText(path) ?? "";
                foreach (var (title, index) in Headings(text))
                {
                    if (headingPattern.IsMatch(title))
                    {
                        context.Flag(key, new Evidence(path, new TextLines(text).LineOf(index)));
                        break;
                    }
                }
            }
        }
        AddDeploymentDocs(context, deploymentDocs);
        foreach (var (topic, path) in operatorTopics.OrderBy(t => Array.FindIndex(OperatorTopics, o => o.Topic == t.Key)))
            context.Add(FactKeys.OperatorDocTopics, topic, new Evidence(path, 0));
    }

    /// <summary>
    /// A page of the operator documentation: a document in a docs folder (at any depth) or at the top level, other than
    /// the root README; old-style INSTALL and UPGRADING files without an extension count too.
    /// </summary>
    private static bool IsOperatorPage(string path, string upper)
    {
        var topLevel = !path.Contains('/');
        if (topLevel && upper.StartsWith("README", StringComparison.Ordinal))
            return false;
        if (upper is "INSTALL" or "UPGRADING" or "UPGRADE")
            return topLevel || path.Count(c => c == '/') == 1 && AnyDocsFolder().IsMatch(path);
        return (IsDocument(path) || path.EndsWith(".txt", StringComparison.OrdinalIgnoreCase) && AnyDocsFolder().IsMatch(path))
               && (topLevel || AnyDocsFolder().IsMatch(path));
    }

    /// <summary>The five most telling deployment documents: install and deploy pages before upgrade and admin ones.</summary>
    private static void AddDeploymentDocs(FactContext context, List<(string Topic, string Path)> pages)
    {
        static int Rank(string topic) =>
            topic.StartsWith("install", StringComparison.Ordinal) || topic.StartsWith("deploy", StringComparison.Ordinal) || topic.StartsWith("self", StringComparison.Ordinal) || topic == "production" ? 0
            : topic is "docker" or "kubernetes" or "helm" or "hosting" ? 1
            : 2;
        foreach (var (_, path) in pages.OrderBy(p => Rank(p.Topic)).ThenBy(p => p.Path.Count(c => c == '/')).ThenBy(p => p.Path, StringComparer.Ordinal).Take(5))
            context.Add(FactKeys.DeploymentDocs, path, new Evidence(path, 0));
    }

    private static bool IsDocument(string path) =>
        (path.EndsWith(".md", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".mdx", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".rst", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".adoc", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".txt", StringComparison.OrdinalIgnoreCase) && path.StartsWith("docs/", StringComparison.OrdinalIgnoreCase))
        && !path.Contains("CHANGELOG", StringComparison.OrdinalIgnoreCase) && !path.Contains("node_modules", StringComparison.Ordinal);

    private static void Readme(FactContext context, string path, Dictionary<string, string> operatorTopics)
    {
        context.Flag(FactKeys.Readme, new Evidence(path, 0));
        if (context.Snapshot.ReadText(path) is not { } text)
            return;
        var lines = new TextLines(text);
        var headings = Heading().Matches(text);
        // A README.rst (or a Markdown README with underlined titles) has its sections underlined.
        var titles = AllHeadings(text).ToList();
        foreach (var (title, index, _) in titles)
        {
            foreach (var (section, pattern) in ReadmeSections)
            {
                if (pattern.IsMatch(title))
                    context.Add(FactKeys.ReadmeSections, section, new Evidence(path, lines.LineOf(index)));
            }
        }
        // Deployment sections long enough to be the procedure itself, not a pointer to it.
        var deploy = ReadmeSections.First(s => s.Section == "deploy").Pattern;
        var deployHeadings = headings.Where(h => deploy.IsMatch(h.Groups[2].Value)).ToList();
        var procedureLines = 0;
        foreach (var heading in deployHeadings)
        {
            var next = headings.FirstOrDefault(h => h.Index > heading.Index);
            var body = text[(heading.Index + heading.Length)..(next?.Index ?? text.Length)];
            procedureLines += body.Split('\n').Count(l => l.Trim().Length > 0);
        }
        if (procedureLines >= ReadmeProcedureLines)
            context.Flag(FactKeys.ReadmeDeploymentProcedure, new Evidence(path, lines.LineOf(deployHeadings[0].Index)));
        // A README long enough to be the operator manual (install, configure, upgrade, troubleshoot) covers its topics.
        if (text.Count(c => c == '\n') >= ManualReadmeLines)
        {
            foreach (var (title, _, _) in titles.Where(h => h.Level <= 3))
            {
                foreach (var (topic, pattern) in OperatorHeadings)
                {
                    if (pattern.IsMatch(title))
                        operatorTopics.TryAdd(topic, path);
                }
            }
        }
        // A README that shows how to install or start the project says so, whatever its headings are called.
        if (!context.Repository.Has(FactKeys.ReadmeSections, "install") && InstallCommand().Match(text) is { Success: true } install)
            context.Add(FactKeys.ReadmeSections, "install", new Evidence(path, lines.LineOf(install.Index)));
        if (!context.Repository.Has(FactKeys.ReadmeSections, "run") && RunCommand().Match(text) is { Success: true } run)
            context.Add(FactKeys.ReadmeSections, "run", new Evidence(path, lines.LineOf(run.Index)));
        // A README that says where and how it is deployed documents deployment, heading or not.
        if (DeploymentMention().Match(text) is { Success: true } mention)
            context.Add(FactKeys.ReadmeSections, "deploy", new Evidence(path, lines.LineOf(mention.Index)));
    }
}
