namespace InfraTrend.Tests.Support;

/// <summary>
/// A fact that needs the system's Chromium. xunit 2 has no way to skip from inside a test, so the attribute itself
/// sets <see cref="FactAttribute.Skip"/> when the browser is missing: the run then reports the test as skipped,
/// never as passed. CI installs Chromium (.ci/run), so there it always runs.
/// </summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public const string Executable = "/usr/bin/chromium";

    public ChromiumFactAttribute()
    {
        if (!File.Exists(Executable))
            Skip = $"Chromium is not installed at {Executable} (apt-get install -y chromium)";
    }
}
