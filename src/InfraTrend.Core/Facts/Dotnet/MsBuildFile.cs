using System.Xml;
using System.Xml.Linq;

namespace InfraTrend.Facts.Dotnet;

/// <summary>An MSBuild item as written (`&lt;PackageReference Include="Serilog" Version="4.0.0" /&gt;`), with where it stands.</summary>
public sealed record MsBuildItem(string Kind, string Include, IReadOnlyDictionary<string, string> Metadata, Evidence Evidence, bool Conditional)
{
    /// <summary>Metadata given as an attribute or a child element (`Version`, `VersionOverride`...).</summary>
    public string? Get(string name) => Metadata.GetValueOrDefault(name);
}

/// <summary>An MSBuild property (`&lt;TargetFramework&gt;net8.0&lt;/TargetFramework&gt;`), with where it stands.</summary>
public sealed record MsBuildProperty(string Name, string Value, Evidence Evidence, bool Conditional);

/// <summary>
/// What InfraTrend reads from one MSBuild file (a project, Directory.Build.props, Directory.Packages.props):
/// SDKs, properties and items, read as written; no evaluation beyond what the callers do.
/// </summary>
public sealed class MsBuildFile
{
    private static readonly HashSet<string> ItemKinds = new(StringComparer.Ordinal)
    {
        "PackageReference", "PackageVersion", "GlobalPackageReference", "ProjectReference",
    };

    private MsBuildFile(string path, IReadOnlyList<string> sdks, IReadOnlyList<MsBuildProperty> properties, IReadOnlyList<MsBuildItem> items, Evidence projectEvidence, bool importsParent)
    {
        Path = path;
        Sdks = sdks;
        Properties = properties;
        Items = items;
        ProjectEvidence = projectEvidence;
        ImportsParent = importsParent;
    }

    public string Path { get; }

    public string Folder => Path.Contains('/') ? Path[..Path.LastIndexOf('/')] : ".";

    /// <summary>SDK names without their version (`Microsoft.NET.Sdk.Web`, `MSTest.Sdk`).</summary>
    public IReadOnlyList<string> Sdks { get; }

    public IReadOnlyList<MsBuildProperty> Properties { get; }

    public IReadOnlyList<MsBuildItem> Items { get; }

    /// <summary>The `&lt;Project&gt;` element.</summary>
    public Evidence ProjectEvidence { get; }

    /// <summary>True when this file imports the file of the same name above it (`GetPathOfFileAbove`), as nested Directory.*.props do.</summary>
    public bool ImportsParent { get; }

    public IEnumerable<MsBuildItem> ItemsOf(string kind) => Items.Where(i => i.Kind == kind);

    /// <summary>The first unconditional definition of a property, else the first conditional one.</summary>
    public MsBuildProperty? Property(string name) =>
        Properties.Where(p => p.Name.Equals(name, StringComparison.OrdinalIgnoreCase)).OrderBy(p => p.Conditional).FirstOrDefault();

    /// <summary>Reads an MSBuild file; null when it is not well-formed XML.</summary>
    public static MsBuildFile? Parse(string path, string text)
    {
        XDocument document;
        try
        {
            document = XDocument.Parse(text, LoadOptions.SetLineInfo);
        }
        catch (XmlException)
        {
            return null;
        }
        var project = document.Root;
        if (project is null || project.Name.LocalName != "Project")
            return null;

        var sdks = new List<string>();
        AddSdks(sdks, (string?)project.Attribute("Sdk"));
        var properties = new List<MsBuildProperty>();
        var items = new List<MsBuildItem>();
        var importsParent = false;
        foreach (var element in project.Descendants())
        {
            var name = element.Name.LocalName;
            switch (name)
            {
                case "Sdk":
                    AddSdks(sdks, (string?)element.Attribute("Name"));
                    break;
                case "Import":
                    AddSdks(sdks, (string?)element.Attribute("Sdk"));
                    // `$([MSBuild]::GetPathOfFileAbove('Directory.Build.props', '$(MSBuildThisFileDirectory)../'))` or `../Directory.Build.props`.
                    var imported = (string?)element.Attribute("Project") ?? "";
                    if (imported.Contains("FileAbove", StringComparison.Ordinal) || imported.Contains(System.IO.Path.GetFileName(path), StringComparison.OrdinalIgnoreCase))
                        importsParent = true;
                    break;
                case "PropertyGroup" or "ItemGroup" or "Choose" or "When" or "Otherwise" or "Target" or "ImportGroup":
                    break;
                default:
                    var parent = element.Parent?.Name.LocalName;
                    if (parent == "PropertyGroup" && !element.HasElements)
                        properties.Add(new MsBuildProperty(name, element.Value.Trim(), At(path, element), IsConditional(element)));
                    else if (parent == "ItemGroup" && ItemKinds.Contains(name) && (string?)element.Attribute("Include") is { Length: > 0 } include)
                        items.Add(new MsBuildItem(name, include.Trim(), Metadata(element), At(path, element), IsConditional(element)));
                    break;
            }
        }
        return new MsBuildFile(path, sdks, properties, items, At(path, project), importsParent);
    }

    private static void AddSdks(List<string> into, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
            return;
        // `Sdk="Microsoft.NET.Sdk;Aspire.AppHost.Sdk/9.0.0"`: names separated by `;`, each with an optional `/version`.
        foreach (var sdk in value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            into.Add(sdk.Split('/')[0].Trim());
    }

    private static Dictionary<string, string> Metadata(XElement element)
    {
        var metadata = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var attribute in element.Attributes())
            metadata.TryAdd(attribute.Name.LocalName, attribute.Value.Trim());
        foreach (var child in element.Elements())
            metadata.TryAdd(child.Name.LocalName, child.Value.Trim());
        return metadata;
    }

    private static bool IsConditional(XElement element) =>
        element.AncestorsAndSelf().TakeWhile(e => e.Name.LocalName != "Project").Any(e => e.Attribute("Condition") is not null || e.Name.LocalName is "When" or "Otherwise");

    private static Evidence At(string path, XElement element) => new(path, ((IXmlLineInfo)element).HasLineInfo() ? ((IXmlLineInfo)element).LineNumber : 0);
}
