namespace InfraTrend.Facts.Code;

/// <summary>
/// stack.languages from the application's source files (the first file of each language is the evidence), and
/// stack.sourceFiles, how many there are besides the tests: what the depth of a test suite is measured against.
/// </summary>
[FactSource]
public sealed class LanguageFacts : IFactSource
{
    public void Collect(FactContext context)
    {
        foreach (var file in context.Snapshot.Files)
        {
            if (SourceFiles.LanguageOf(file.Path) is not { } language || SourceFiles.IsNotApplication(file.Path) || file.Path.EndsWith(".d.ts", StringComparison.Ordinal))
                continue;
            // A TypeScript project's `jest.config.js` or build script does not make it a JavaScript one.
            if (language is "javascript" or "typescript" && Node.NodeSourceRoles.IsTooling(file.Path))
                continue;
            var table = context.TableFor(FactKeys.Languages, file.Path);
            // Migrations are generated or written once per schema change: they would make a suite look thinner than it is.
            if (!SourceFiles.IsTest(file.Path) && !PartDetector.IsTestOrExample(Path.GetDirectoryName(file.Path) ?? ".")
                && !Dotnet.DotnetWorkspace.IsInFolderNamed(file.Path, "migrations") && !Dotnet.DotnetWorkspace.IsInFolderNamed(file.Path, "migrate"))
                table.Count(FactKeys.SourceFiles, 1, table.Number(FactKeys.SourceFiles) == 0 ? new Evidence(file.Path, 0) : null);
            if (!table.Has(FactKeys.Languages, language))
                table.Add(FactKeys.Languages, language, new Evidence(file.Path, 0));
        }
    }
}
