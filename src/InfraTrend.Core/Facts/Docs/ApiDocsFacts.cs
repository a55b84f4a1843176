using System.Text.RegularExpressions;

namespace InfraTrend.Facts.Docs;

/// <summary>API descriptions: OpenAPI/Swagger documents or generators (FastAPI and Django Ninja describe every route by themselves), GraphQL schemas, Postman collections.</summary>
[FactSource]
public sealed partial class ApiDocsFacts : IFactSource
{
    [GeneratedRegex(@"^\s*[""']?(openapi|swagger)[""']?\s*:\s*[""']?\d", RegexOptions.Multiline)]
    private static partial Regex SpecHeader();

    // A hand-written API reference in the documentation (docs/api.md, doc/api/index.rst, docs/api-reference/...).
    [GeneratedRegex(@"(^|/)(docs?|documentation|[a-z]+-docs)/(.*/)?api([-_]?(reference|docs|guide|v\d+))?(\.(md|mdx|rst|adoc)$|/[^/]+\.(md|mdx|rst|adoc)$)", RegexOptions.IgnoreCase)]
    private static partial Regex ReferencePage();

    private static readonly (string Package, string Id)[] Generators =
    [
        ("swagger-jsdoc", "swagger"), ("swagger-ui-express", "swagger"), ("@nestjs/swagger", "openapi"), ("@fastify/swagger", "openapi"), ("tsoa", "openapi"), ("express-openapi-validator", "openapi"), ("@asteasolutions/zod-to-openapi", "openapi"), ("hono-openapi", "openapi"), ("@hono/zod-openapi", "openapi"),
        ("Swashbuckle.AspNetCore", "swagger"), ("Microsoft.AspNetCore.OpenApi", "openapi"), ("NSwag.AspNetCore", "openapi"), ("Scalar.AspNetCore", "openapi"),
        ("drf-spectacular", "openapi"), ("drf-yasg", "swagger"), ("fastapi", "openapi"), ("flask-smorest", "openapi"), ("apispec", "openapi"), ("django-ninja", "openapi"), ("springdoc-openapi", "openapi"), ("swaggo/swag", "swagger"), ("rswag", "swagger"),
    ];

    public void Collect(FactContext context)
    {
        foreach (var file in context.Snapshot.Files.Where(f => !Node.NodeManifests.IsVendored(f.Path)))
        {
            var name = file.Name.ToLowerInvariant();
            var evidence = new Evidence(file.Path, 1);
            if (name.EndsWith(".graphql", StringComparison.Ordinal) || name.EndsWith(".graphqls", StringComparison.Ordinal) || name == "schema.gql")
                context.Add(FactKeys.ApiDocs, "graphql-schema", evidence);
            else if (name.EndsWith(".postman_collection.json", StringComparison.Ordinal))
                context.Add(FactKeys.ApiDocs, "postman", evidence);
            // By its name, or by its folder (docs/swagger/collections.yaml, api/openapi/v1.yaml); the header decides.
            else if ((name.Contains("openapi", StringComparison.Ordinal) || name.Contains("swagger", StringComparison.Ordinal) || name.StartsWith("api.", StringComparison.Ordinal)
                      || file.Path.Contains("openapi/", StringComparison.OrdinalIgnoreCase) || file.Path.Contains("swagger/", StringComparison.OrdinalIgnoreCase))
                     && (name.EndsWith(".yaml", StringComparison.Ordinal) || name.EndsWith(".yml", StringComparison.Ordinal) || name.EndsWith(".json", StringComparison.Ordinal))
                     && context.Snapshot.ReadText(file.Path) is { } text && SpecHeader().Match(text) is { Success: true } header)
                context.Add(FactKeys.ApiDocs, header.Groups[1].Value, new Evidence(file.Path, new TextLines(text).LineOf(header.Index)));
            else if (ReferencePage().IsMatch(file.Path))
                context.Add(FactKeys.ApiDocs, "reference", new Evidence(file.Path, 0));
            else if (name is "package.json" or "requirements.txt" or "pyproject.toml" or "go.mod" or "gemfile" or "pom.xml" or "build.gradle" or "build.gradle.kts" or "directory.packages.props" || name.EndsWith(".csproj", StringComparison.Ordinal))
            {
                if (context.Snapshot.ReadText(file.Path) is not { } manifest)
                    continue;
                foreach (var (package, id) in Generators)
                {
                    if (TextLines.Find(manifest, package) is > 0 and var line)
                        context.Add(FactKeys.ApiDocs, id, new Evidence(file.Path, line));
                }
            }
        }
    }
}
