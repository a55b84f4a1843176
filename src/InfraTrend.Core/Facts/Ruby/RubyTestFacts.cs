using System.Text.RegularExpressions;
using InfraTrend.Facts.Code;

namespace InfraTrend.Facts.Ruby;

/// <summary>
/// Ruby test files (`*_spec.rb`, `*_test.rb`) and the framework each one is written for: RSpec, Minitest (Rails' own
/// test cases included), or neither (Bacon, test-unit), read from the file and the bundle that runs it.
/// </summary>
// After TestFileFacts, which reads testing.frameworks without what this source adds.
[FactSource(After = [typeof(TestFileFacts)])]
public sealed partial class RubyTestFacts : IFactSource
{
    [GeneratedRegex(@"\bRSpec\.|\brequire\s*\(?\s*['""]rails_helper['""]")]
    private static partial Regex RSpecFile();

    [GeneratedRegex(@"\bMinitest::|\brequire\s*\(?\s*['""]minitest|\b(ActiveSupport::TestCase|ActionDispatch::IntegrationTest|ActionController::TestCase|ActionMailer::TestCase|ActiveJob::TestCase|ActionView::TestCase|ActionCable::TestCase|ApplicationSystemTestCase|ViewComponent::TestCase)\b")]
    private static partial Regex MinitestFile();

    [GeneratedRegex(@"\bTest::Unit::TestCase\b|\brequire\s*\(?\s*['""](bacon|test/unit)['""]")]
    private static partial Regex OtherFramework();

    public void Collect(FactContext context)
    {
        var gemfiles = Gemfiles.Of(context);
        foreach (var file in context.Snapshot.Files.Where(f => f.Name.EndsWith("_spec.rb", StringComparison.Ordinal) || f.Name.EndsWith("_test.rb", StringComparison.Ordinal)).OrderBy(f => f.Path, StringComparer.Ordinal))
        {
            if (Gemfiles.IsVendored(file.Path) || file.Directory.Split('/').Any(s => s is "templates" or "example" or "examples" or "sample" or "samples" or "fixtures" or "docs"))
                continue;
            var evidence = new Evidence(file.Path, 0);
            context.Count(FactKeys.TestFiles, 1, evidence);
            if (Framework(file.Name, context.Snapshot.ReadText(file.Path) ?? "", Gemfiles.Governing(gemfiles, file.Path)) is { } framework)
                context.Add(FactKeys.TestFrameworks, framework, evidence);
        }
    }

    private static string? Framework(string name, string text, Gemfile? gemfile)
    {
        if (MinitestFile().IsMatch(text))
            return "minitest";
        if (OtherFramework().IsMatch(text))
            return null;
        var spec = name.EndsWith("_spec.rb", StringComparison.Ordinal);
        if (spec && (RSpecFile().IsMatch(text) || gemfile?.Declares("rspec") == true || gemfile?.Declares("rspec-rails") == true || gemfile?.Declares("rspec-core") == true))
            return "rspec";
        if (!spec && (gemfile?.Declares("minitest") == true || gemfile?.Declares("rails") == true))
            return "minitest";
        return null;
    }
}
