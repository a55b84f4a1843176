using InfraTrend.Facts.Code;

namespace InfraTrend.Tests.Facts;

public class SourceFilesTests
{
    [Theory]
    [InlineData("src/index.ts", false)]
    [InlineData("src/index.test.ts", true)]
    [InlineData("tests/api.py", true)]
    [InlineData("Tests/Api.cs", true)]
    [InlineData("src/Shop.UnitTests/OrderTests.cs", true)]
    [InlineData("src/Shop.Tests/Helpers.cs", true)]
    [InlineData("pkg/server/handler_test/util.go", true)]
    [InlineData("src/test/java/com/acme/AppIT.java", true)]
    [InlineData("app/__tests__/x.js", true)]
    [InlineData("test.ts", false)]
    [InlineData("contest/entry.ts", false)]
    // Below a JVM source root the folders are a package name: `com/acme/testing` is application code.
    [InlineData("src/main/java/com/acme/testing/Clock.java", false)]
    [InlineData("services/a/src/main/kotlin/org/acme/spec/Rule.kt", false)]
    public void IsTest(string path, bool expected) => Assert.Equal(expected, SourceFiles.IsTest(path));

    [Theory]
    [InlineData("src/index.ts", false)]
    [InlineData("dist/index.js", true)]
    [InlineData("packages/ui/Dist/index.js", true)]
    [InlineData("examples/basic/app.ts", true)]
    [InlineData("docs/snippet.py", true)]
    [InlineData("bin/Release/app.cs", true)]
    [InlineData("web/app.min.js", true)]
    [InlineData("api/Models/Order.g.cs", true)]
    [InlineData("README.ts", false)]
    [InlineData("src/main/java/com/acme/samples/Demo.java", false)]
    [InlineData("src/main/java/com/acme/Demo.java", false)]
    [InlineData("samples/src/main/java/com/acme/Demo.java", true)]
    [InlineData("src/main/resources/static/dist/app.js", false)]
    public void IsNotApplication(string path, bool expected) => Assert.Equal(expected, SourceFiles.IsNotApplication(path));
}
