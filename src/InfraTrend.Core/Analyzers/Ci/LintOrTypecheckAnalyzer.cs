using InfraTrend.Facts;
using InfraTrend.Model;

namespace InfraTrend.Analyzers.Ci;

[Analyzer(
    "ci.lint-or-typecheck",
    Category = Category.Ci,
    Level = 3,
    Weight = 2,
    WeightReason = "Static checks catch a class of bugs and review noise for almost no cost; they weigh less than tests because they see less.",
    Severity = Severity.Medium,
    Title = "Pipeline lints or type-checks",
    LooksFor = "A pipeline step that runs a linter (eslint, ruff, golangci-lint, rubocop, dotnet format) or a type check (tsc --noEmit, mypy).",
    WhyItMatters = "A linter or type checker in CI stops whole classes of mistakes before review, the same way for everyone.",
    Remediation = "Run the linter or the type checker in the pipeline on every push and pull request.")]
public sealed class LintOrTypecheckAnalyzer : IAnalyzer
{
    public IEnumerable<Finding> Analyze(AnalyzerContext context)
    {
        var lint = context.Repository.Bool(FactKeys.RunsLint);
        var typecheck = context.Repository.Bool(FactKeys.RunsTypecheck);
        if (lint || typecheck)
        {
            var which = lint && typecheck ? "a linter and a type check" : lint ? "a linter" : "a type check";
            return [context.Pass($"A pipeline runs {which}.", context.EvidenceOf(FactKeys.RunsLint, FactKeys.RunsTypecheck))];
        }

        var steps = PipelineCommands.Steps(PipelineCommands.Lint(context.Stack), PipelineCommands.Typecheck(context.Stack, context.Repository));
        var fix = steps.Length == 0 ? "Run the linter or the type checker in the pipeline on every push and pull request." : $"Add a step to the pipeline: {steps}.";
        return [context.Fail("No pipeline runs a linter or a type check.", fix, context.EvidenceOf(FactKeys.CiSystems))];
    }
}
