namespace InfraTrend.Facts.Code;

/// <summary>stack.languages from the application's source files (the first file of each language is the evidence).</summary>
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
            if (!table.Has(FactKeys.Languages, language))
                table.Add(FactKeys.Languages, language, new Evidence(file.Path, 0));
        }
    }
}
