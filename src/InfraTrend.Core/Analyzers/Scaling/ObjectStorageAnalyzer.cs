using InfraTrend.Facts;
using InfraTrend.Model;

namespace InfraTrend.Analyzers.Scaling;

[Analyzer(
    "scaling.object-storage",
    Category = Category.Scaling,
    Level = 5,
    Weight = 1,
    WeightReason = "Object storage lets instances stay stateless; it matters only to services that store files, so it weighs one point.",
    Severity = Severity.Low,
    Title = "Object storage",
    LooksFor = "An object storage service the application uses: S3, Azure Blob Storage, Google Cloud Storage, MinIO, Cloudflare R2." + ProductFacilities.WhichPartLooksFor,
    WhyItMatters = "Files written to an instance's disk vanish on redeploy and cannot be shared between instances, so the service cannot scale out.",
    Remediation = RemediationText,
    Scope = AnalyzerScope.Part)]
public sealed class ObjectStorageAnalyzer : IAnalyzer
{
    private const string RemediationText = "Store uploaded and generated files in object storage (S3, R2, Azure Blob) rather than on the instance disk.";

    public IEnumerable<Finding> Analyze(AnalyzerContext context)
    {
        if (FrontEndParts.NotJudged(context) is { } frontEnd)
            return [frontEnd];

        var (found, evidence) = ProductFacilities.Of(context, FactKeys.ObjectStorage);
        if (found.Count > 0)
            return [context.Pass($"The application stores files in {string.Join(", ", found)}.", evidence)];
        return [context.Fail("The application uses no object storage: files, if any, live on the instance.", Fix(context))];
    }

    private static string Fix(AnalyzerContext context) =>
        context.Stack.Ecosystem switch
        {
            "node" => $"{context.Stack.AddPackage(node: "@aws-sdk/client-s3")}, then PutObjectCommand/GetObjectCommand with the bucket from the environment (works with S3, R2 and MinIO)",
            "dotnet" => $"{context.Stack.AddPackage(dotnet: "AWSSDK.S3")} (or Azure.Storage.Blobs), then IAmazonS3.PutObjectAsync with the bucket from configuration",
            "python" => $"{context.Stack.AddPackage(python: "boto3")}, then boto3.client(\"s3\").upload_fileobj(...) with the bucket from the environment",
            "go" => $"{context.Stack.AddPackage(go: "github.com/aws/aws-sdk-go-v2/service/s3")}, then s3.NewFromConfig(cfg).PutObject(...) with the bucket from the environment",
            "ruby" => $"{context.Stack.AddPackage(ruby: "aws-sdk-s3")}, then Active Storage with service: S3 in config/storage.yml",
            "java" => $"{context.Stack.AddPackage(java: "software.amazon.awssdk:s3")}, then S3Client.putObject with the bucket from configuration",
            _ => RemediationText,
        };
}
