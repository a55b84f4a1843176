using InfraTrend.Facts;
using InfraTrend.Model;

namespace InfraTrend.Analyzers.Security;

[Analyzer(
    "security.no-committed-secrets",
    Category = Category.Security,
    Level = 2,
    Weight = 2,
    WeightReason = "A committed secret is readable by everyone with the repository, for ever, through its history; no other security measure makes up for it, so it is critical and its task comes first; it is not essential to level 2, because what it finds is a pattern match that can be wrong, and a level is never withheld by a doubtful finding. In the score it weighs two points, not more: nearly every repository passes it, and the absence of a leak says less about a practice than the controls it has.",
    Severity = Severity.Critical,
    Title = "No secrets committed",
    LooksFor = "Values that look like secrets in committed files: known token shapes (cloud keys, forge tokens, private keys), and random-looking passwords, keys and URL passwords outside pipelines and development, test or example settings; and a real .env file holding one. Placeholders, CI service container passwords and local database credentials are noted, never counted. Clean files in a repository that no pipeline checks earn half: nothing keeps the next change from adding a secret.",
    WhyItMatters = "Anyone with read access to the repository, or to any clone or fork of it, can use a committed credential.",
    Remediation = RemediationText)]
public sealed class NoCommittedSecretsAnalyzer : IAnalyzer
{
    private const string RemediationText = "Revoke and rotate every committed credential, remove it from the files (git rm --cached .env, and add .env to .gitignore), read it from the environment instead, and purge it from the history (git filter-repo) if the repository is shared.";

    public IEnumerable<Finding> Analyze(AnalyzerContext context)
    {
        var secrets = context.Repository.Number(FactKeys.CommittedSecrets);
        var possible = context.Repository.Number(FactKeys.PossibleSecrets);
        var envFile = context.Repository.Bool(FactKeys.EnvFileCommitted);
        if (secrets == 0 && !envFile)
        {
            var clean = possible == 0
                ? "No values that look like secrets and no real .env file are committed."
                : $"No real secret is committed. {possible} possible placeholder or development credential{(possible == 1 ? " was" : "s were")} seen (CI service containers, local databases, example or development settings, change-me values) and {(possible == 1 ? "is" : "are")} not counted; values not shown, see the evidence for where.";
            // Clean files are a practice only where something keeps them clean: without any pipeline no change is scanned or
            // checked before it lands, and auditors give a tutorial or a sample with clean files little security credit.
            if (!context.HasPipeline)
                return [context.Partial(0.5, clean + " But no pipeline runs: nothing checks the next change for secrets before it lands.", "Add a pipeline that checks every change, with a secret scanner among its steps (gitleaks/gitleaks-action, or trufflehog).", context.EvidenceOf(FactKeys.PossibleSecrets))];
            return possible == 0 ? [context.Pass(clean)] : [context.Pass(clean, context.EvidenceOf(FactKeys.PossibleSecrets))];
        }

        var problems = new List<string>();
        if (secrets > 0)
            problems.Add($"{secrets} value{(secrets == 1 ? "" : "s")} that look{(secrets == 1 ? "s" : "")} like a secret {(secrets == 1 ? "is" : "are")} committed (values not shown; see the evidence for where)");
        if (envFile)
        {
            var paths = context.Repository.EvidenceOf(FactKeys.EnvFileCommitted).Select(e => e.Path).Distinct().ToList();
            problems.Add(paths.Count > 0 ? $"a real .env file is tracked ({string.Join(", ", paths)})" : "a real .env file is tracked");
        }
        if (possible > 0)
            problems.Add($"{possible} more possible placeholder or development credential{(possible == 1 ? " is" : "s are")} not counted");
        var message = string.Join("; ", problems);
        return [context.Fail(char.ToUpperInvariant(message[0]) + message[1..] + ".", RemediationText, context.EvidenceOf(FactKeys.CommittedSecrets, FactKeys.EnvFileCommitted))];
    }
}
