using InfraTrend.Facts;
using InfraTrend.Model;

namespace InfraTrend.Analyzers.Operations;

[Analyzer(
    "operations.api-docs",
    Category = Category.Operations,
    Level = 3,
    Weight = 1,
    WeightReason = "An API description spares every client team from reading the server code; it matters only for repositories that serve an API, so it weighs one point.",
    Severity = Severity.Low,
    Title = "API documentation",
    LooksFor = "An API description: an OpenAPI or Swagger document or generator, a GraphQL schema, a Postman collection.",
    WhyItMatters = "Without a description clients guess at an API from examples and break when it changes.",
    Remediation = RemediationText)]
public sealed class ApiDocsAnalyzer : IAnalyzer
{
    private const string RemediationText = "Publish an OpenAPI description of the API, generated from the code where the framework can.";

    private static readonly string[] ServerFrameworks =
        ["express", "nestjs", "fastify", "koa", "aspnetcore", "django", "fastapi", "flask", "rails", "sinatra", "gin", "echo", "fiber", "spring-boot", "laravel"];

    public IEnumerable<Finding> Analyze(AnalyzerContext context)
    {
        var frameworks = context.Repository.List(FactKeys.Frameworks);
        if (!frameworks.Intersect(ServerFrameworks).Any())
            return [context.NotApplicable("No server framework in the repository, so no API to describe.")];

        var docs = context.Repository.List(FactKeys.ApiDocs);
        if (docs.Count > 0)
            return [context.Pass($"The API is described: {string.Join(", ", docs)}.", context.EvidenceOf(FactKeys.ApiDocs))];
        return [context.Fail("No API description: no OpenAPI or Swagger document, GraphQL schema or Postman collection.", Fix(context, frameworks))];
    }

    private static string Fix(AnalyzerContext context, IReadOnlyList<string> frameworks)
    {
        var stack = context.Stack;
        bool Uses(string framework) => frameworks.Contains(framework);

        return stack.Ecosystem switch
        {
            "node" when Uses("nestjs") => $"{stack.AddPackage(node: "@nestjs/swagger")}, then SwaggerModule.setup('docs', app, SwaggerModule.createDocument(app, new DocumentBuilder().build()))",
            "node" when Uses("fastify") => $"{stack.AddPackage(node: "@fastify/swagger @fastify/swagger-ui")}, then register both before the routes",
            "node" => $"{stack.AddPackage(node: "swagger-jsdoc swagger-ui-express")}, then app.use('/docs', swaggerUi.serve, swaggerUi.setup(swaggerJsdoc(options)))",
            "dotnet" => $"{stack.AddPackage(dotnet: "Microsoft.AspNetCore.OpenApi")}, then builder.Services.AddOpenApi(); and app.MapOpenApi();",
            "python" when Uses("django") => $"{stack.AddPackage(python: "drf-spectacular")}, then python manage.py spectacular --file openapi.yaml",
            "python" when Uses("fastapi") => "FastAPI already generates the description: export app.openapi() to openapi.json and commit it",
            "python" => $"{stack.AddPackage(python: "flask-smorest")}, then describe the endpoints with its blueprints",
            "go" => "Annotate the handlers for swaggo (go install github.com/swaggo/swag/cmd/swag@latest) and commit the output of swag init",
            "ruby" when Uses("rails") => $"{stack.AddPackage(ruby: "rswag")}, then rails generate rswag:install and rake rswag:specs:swaggerize",
            "java" => $"{stack.AddPackage(java: "org.springdoc:springdoc-openapi-starter-webmvc-ui")}: it serves /v3/api-docs and /swagger-ui.html",
            _ => RemediationText,
        };
    }
}
