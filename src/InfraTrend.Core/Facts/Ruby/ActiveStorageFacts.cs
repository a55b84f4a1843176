using System.Text.RegularExpressions;

namespace InfraTrend.Facts.Ruby;

/// <summary>
/// Active Storage's object storage: the services config/storage.yml declares (S3, GCS, AzureStorage; an S3 endpoint at
/// Cloudflare R2 or MinIO is that instead), narrowed to the one production.rb selects when it names one. Read line by
/// line, since storage.yml is ERB before it is YAML.
/// </summary>
[FactSource]
public sealed partial class ActiveStorageFacts : IFactSource
{
    [GeneratedRegex(@"^([A-Za-z_][\w-]*):\s*(#.*)?$")]
    private static partial Regex ServiceName();

    [GeneratedRegex(@"^\s+service:\s*['""]?(\w+)")]
    private static partial Regex ServiceKind();

    [GeneratedRegex(@"^\s+endpoint:\s*(.+)$")]
    private static partial Regex Endpoint();

    [GeneratedRegex(@"\bconfig\.active_storage\.service\s*=\s*(?::(\w+)\b|['""](\w+)['""]|(\S))")]
    private static partial Regex ProductionService();

    private sealed record StorageService(string Name, string Kind, int Line, string? Endpoint);

    public void Collect(FactContext context)
    {
        foreach (var file in context.FilesNamed("storage.yml").Where(f => f.Directory.EndsWith("config", StringComparison.Ordinal) && !Gemfiles.IsVendored(f.Path) && !RubyParts.IsFixture(f.Directory)))
        {
            var app = file.Directory == "config" ? "." : file.Directory[..^"/config".Length];
            var production = PartDetector.Join(app, "config/environments/production.rb");
            if (context.Snapshot.ReadText(production) is not { } settings || context.Snapshot.ReadText(file.Path) is not { } text)
                continue;
            var selected = Gemfiles.CodeLines(settings).Select(l => ProductionService().Match(l)).FirstOrDefault(m => m.Success);
            if (selected is null)
                continue; // production stores no files with Active Storage
            var named = selected.Groups[1].Success ? selected.Groups[1].Value : selected.Groups[2].Success ? selected.Groups[2].Value : null;
            // A setting read from the environment may pick any service the file declares; a Mirror writes to its primary and mirrors.
            var services = Services(text);
            var chosen = services.Where(s => named is null ? s.Kind != "Disk" : s.Name == named).ToList();
            if (chosen.Any(s => s.Kind == "Mirror"))
                chosen = services.Where(s => s.Kind is not ("Disk" or "Mirror")).ToList();
            foreach (var service in chosen)
            {
                if (Storage(service) is { } storage)
                    context.Add(FactKeys.ObjectStorage, storage, new Evidence(file.Path, service.Line));
            }
        }
    }

    private static string? Storage(StorageService service) =>
        service.Kind switch
        {
            "S3" when service.Endpoint?.Contains("r2.cloudflarestorage.com", StringComparison.OrdinalIgnoreCase) == true => "cloudflare-r2",
            "S3" when service.Endpoint?.Contains("minio", StringComparison.OrdinalIgnoreCase) == true => "minio",
            "S3" => "s3",
            "GCS" => "gcs",
            "AzureStorage" => "azure-blob",
            _ => null,
        };

    private static List<StorageService> Services(string text)
    {
        var services = new List<StorageService>();
        string? name = null;
        string? kind = null;
        string? endpoint = null;
        var line = 0;
        void Close()
        {
            if (name is not null && kind is not null)
                services.Add(new StorageService(name, kind, line, endpoint));
        }
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var current = lines[i].TrimEnd('\r');
            if (ServiceName().Match(current) is { Success: true } header)
            {
                Close();
                (name, kind, endpoint, line) = (header.Groups[1].Value, null, null, i + 1);
            }
            else if (name is not null && ServiceKind().Match(current) is { Success: true } service)
            {
                (kind, line) = (service.Groups[1].Value, i + 1);
            }
            else if (name is not null && Endpoint().Match(current) is { Success: true } url)
            {
                endpoint = url.Groups[1].Value;
            }
        }
        Close();
        return services;
    }
}
