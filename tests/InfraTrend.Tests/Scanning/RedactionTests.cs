using InfraTrend.Scanning;

namespace InfraTrend.Tests.Scanning;

public sealed class RedactionTests
{
    [Theory]
    [InlineData("https://user:hunter2@github.com/org/repo.git", "https://[redacted]@github.com/org/repo.git")]
    [InlineData("https://ghp_abc@github.com/org/repo.git", "https://[redacted]@github.com/org/repo.git")]
    [InlineData("postgres://admin:s3cret@db:5432/app", "postgres://[redacted]@db:5432/app")]
    [InlineData("https://user:p@ss@github.com/org/repo", "https://[redacted]@github.com/org/repo")]
    [InlineData("https://github.com/org/repo.git", "https://github.com/org/repo.git")]
    [InlineData("git@github.com:org/repo.git", "git@github.com:org/repo.git")]
    [InlineData("https://github.com/org/repo/blob/main/docs/a@b.md", "https://github.com/org/repo/blob/main/docs/a@b.md")]
    [InlineData("https://example.com/search?q=a@b", "https://example.com/search?q=a@b")]
    [InlineData("see https://example.com and mail ops@example.com", "see https://example.com and mail ops@example.com")]
    public void Url_credentials_are_replaced_and_the_rest_kept(string url, string expected)
    {
        Assert.Equal(expected, Redaction.Url(url));
    }

    [Fact]
    public void A_missing_url_stays_missing()
    {
        Assert.Null(Redaction.Url(null));
    }

    public static TheoryData<string> Tokens => new()
    {
        "AKIAIOSFODNN7EXAMPLE",
        "ghp_" + new string('a', 36),
        "gho_" + new string('B', 36),
        "github_pat_" + new string('1', 40),
        "xoxb-1234567890-abcdefghij",
        "sk_live_" + new string('x', 24),
        "glpat-" + new string('z', 20),
        "AIza" + new string('Q', 35),
        "-----BEGIN RSA PRIVATE KEY-----",
        "-----BEGIN OPENSSH PRIVATE KEY-----",
        "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",
    };

    [Theory]
    [MemberData(nameof(Tokens))]
    public void Token_shapes_are_replaced_inside_text_and_look_secret(string token)
    {
        var line = $"  AWS_KEY: {token} # set in CI";

        Assert.Equal("  AWS_KEY: [redacted] # set in CI", Redaction.Text(line));
        Assert.True(Redaction.LooksSecret(line));
    }

    [Fact]
    public void Text_redacts_url_credentials_and_tokens_together()
    {
        var text = "git remote add origin https://deploy:t0ken@gitlab.example.com/x.git\nexport GH=ghp_" + new string('a', 36) + "\n";

        Assert.Equal("git remote add origin https://[redacted]@gitlab.example.com/x.git\nexport GH=[redacted]\n", Redaction.Text(text));
    }

    [Fact]
    public void A_user_name_alone_does_not_look_secret_but_is_still_redacted()
    {
        // Tokens are often passed as the user name (https://ghp_...@github.com), so every user part goes.
        Assert.False(Redaction.LooksSecret("https://git@github.com/org/repo.git"));
        Assert.Equal("https://[redacted]@github.com/org/repo.git", Redaction.Text("https://git@github.com/org/repo.git"));
    }

    [Theory]
    [InlineData("https://user:p@ss@example.com/x")]
    [InlineData("https://user:pass@example.com/x")]
    [InlineData("DATABASE_URL=postgres://app:s3cret@db:5432/app")]
    [InlineData("AKIAIOSFODNN7EXAMPLE")]
    public void A_password_in_a_url_or_a_token_looks_secret(string text)
    {
        Assert.True(Redaction.LooksSecret(text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("password: ${{ secrets.DB_PASSWORD }}")]
    [InlineData("https://github.com/org/repo.git")]
    [InlineData("ghp_short")]
    [InlineData("AKIA-not-a-key")]
    [InlineData("da39a3ee5e6b4b0d3255bfef95601890afd80709")] // a commit SHA
    [InlineData("-----BEGIN PUBLIC KEY-----")]
    public void Ordinary_text_does_not_look_secret(string text)
    {
        Assert.False(Redaction.LooksSecret(text));
        Assert.Equal(text, Redaction.Text(text));
    }
}
