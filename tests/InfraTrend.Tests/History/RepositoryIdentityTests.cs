using InfraTrend.History;
using InfraTrend.Scanning;

namespace InfraTrend.Tests.History;

public sealed class RepositoryIdentityTests
{
    [Theory]
    [InlineData("https://github.com/Acme/Shop.git", "github.com/Acme/Shop")]
    [InlineData("git@github.com:Acme/Shop.git", "github.com/Acme/Shop")]
    [InlineData("ssh://git@GitHub.com:22/Acme/Shop/", "github.com/Acme/Shop")]
    [InlineData("https://[redacted]@gitlab.example.com:8443/group/sub/shop", "gitlab.example.com:8443/group/sub/shop")]
    [InlineData("file:///srv/git/shop.git", "file:/srv/git/shop")]
    [InlineData("/srv/git/shop.git/", "file:/srv/git/shop")]
    public void Remote_urls_of_one_repository_normalise_to_one_identity(string url, string identity) =>
        Assert.Equal(identity, RepositoryIdentity.NormaliseRemote(url));

    [Fact]
    public void Without_a_remote_the_root_commit_names_the_repository_and_outside_git_its_path()
    {
        Assert.Equal("root:abc123", RepositoryIdentity.Of(new RepositoryInfo("/srv/shop", "def", "main", null, false, null, "abc123")));
        Assert.Equal("path:/srv/shop", RepositoryIdentity.Of(new RepositoryInfo("/srv/shop", null, null, null, false, null, null)));
    }
}
