using InfraTrend.Facts.Python;

namespace InfraTrend.Facts.Go;

/// <summary>go.mod files: Go modules as the package manager, go.sum as the lockfile, and the go and toolchain directives as runtime pins.</summary>
// Adds to stack.packageManagers, stack.runtimeSources after them: the report keeps the order they were found in.
[FactSource(After = [typeof(PythonManifestFacts)])]
public sealed class GoModuleFacts : IFactSource
{
    public void Collect(FactContext context)
    {
        foreach (var module in GoModules.Of(context).Where(m => !PartDetector.IsTestOrExample(m.Folder) && !Code.SourceFiles.IsNotApplication(m.Path)))
        {
            context.SetEntry(FactKeys.PackageManagers, "go-modules", null, new Evidence(module.Path, 0));
            // The toolchain line names the Go that builds the module; the go line is the least it accepts.
            if (module.Toolchain is { } toolchain)
                context.RuntimeSource("go", toolchain.Version, toolchain.Evidence, "manifest");
            if (module.Go is { } go)
                context.RuntimeSource("go", go.Version, go.Evidence, "manifest");
        }
        foreach (var sum in context.FilesNamed("go.sum").Where(f => !GoModules.IsVendored(f.Path)))
            context.Add(FactKeys.Lockfiles, "go.sum", new Evidence(sum.Path, 0));
    }
}
