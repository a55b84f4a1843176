using InfraTrend.Facts.Code;
using InfraTrend.Facts.Dotnet;
using InfraTrend.Scanning;

namespace InfraTrend.Facts;

/// <summary>
/// The literal sets of the fact sources, in one catalogue (<see cref="Catalogue"/>): each set holds a literal every match
/// of its source's patterns contains, so a file without any cannot matter to that source and is ruled out on its bytes.
/// Every set whose files (by extension) include a file is searched in one pass over its bytes, the first time any
/// source asks about it; a question about a file outside a set's files is answered from the file's text. A set's literals are
/// ASCII (found the same in bytes and in decoded text) and case-sensitive; a pattern that ignores case needs a literal
/// without letters, or every case of each. Changing a literal changes the catalogue's version, which empties what a
/// persistent cache kept.
/// </summary>
public static class Anchors
{
    /// <summary>
    /// <see cref="Security.AccountHardeningFacts"/>: a literal of every alternative of its second-factor and
    /// authorization patterns (some anchored at line starts, which walked every position of every source file).
    /// </summary>
    public static readonly LiteralSet AccountHardening = new("account-hardening", SourceFiles.ExtensionsOf(),
    [
        "TOTP", "totp", "Totp", "two_factor_authenticatable", "WebAuthn", "webauthn.", "pyotp", "django_otp",
        "verify_authentication_response", "authenticator.", "verifyAuthenticationResponse", "verifyRegistrationResponse",
        "GoogleAuthenticator", "TimeBasedOneTimePasswordGenerator", "DefaultCodeVerifier", "TwoFactor",
        "Pundit", "CanCan", "load_and_authorize_resource", "verify_authorized", "ActionPolicy", "rolify",
        "permission_required", "PermissionRequiredMixin", "BasePermission", "RoleNeed", "RolesGuard", "@Roles",
        "AbilityBuilder", "defineAbility", "createMongoAbility", "AccessControl", "Enforcer", "@PreAuthorize", "@Secured",
        "@RequiresPermissions", "@RequiresRoles", "@SaCheckPermission", "@SaCheckRole", "hasRole", "hasAnyRole",
        "hasAuthority", "hasAnyAuthority", "[Authorize", "RequireRole", "AddAuthorization",
    ]);

    /// <summary>
    /// <see cref="Security.ConfigurationFacts"/>: a word every alternative of its environment-reading pattern holds (the
    /// source files before the first that reads its environment, 2,300 of bitwarden/server's, are never decoded).
    /// </summary>
    public static readonly LiteralSet ReadsEnvironment = new("reads-environment", SourceFiles.ExtensionsOf(), ["env", "Env", "ENV", "decouple", "BaseSettings", "@Value"]);

    /// <summary><see cref="Code.EndToEndTestFacts"/>: every browser-driver import it looks for in test files names one of these.</summary>
    public static readonly LiteralSet BrowserDriver = new("browser-driver", SourceFiles.ExtensionsOf("python", "java", "kotlin", "csharp"), ["selenium", "Selenium", "playwright", "Playwright"]);

    /// <summary><see cref="Code.DatabaseOperationsFacts"/>: FluentMigrator's runner called from the application's own C# code.</summary>
    public static readonly LiteralSet FluentMigratorRun = new("fluent-migrator-run", [".cs"], ["MigrateUp"]);

    /// <summary>
    /// <see cref="Go.GoMigrationFacts"/>: what goose's `-- +goose Up` (its `+`, whatever the case of `goose`) and dbmate's
    /// `-- migrate:up` need. Any stack may keep SQL files (bitwarden/server's 1,232 stored procedures and migrations, and no Go).
    /// </summary>
    public static readonly LiteralSet SqlMigrationMarker = new("sql-migration-marker", [".sql"], ["+", "migrate:up"]);

    /// <summary>
    /// <see cref="CSharpSyntaxTrees"/>: a literal every C# file worth parsing holds (a mention of
    /// <see cref="CSharpUsageFacts"/>, or `Migrate` for <see cref="EfCoreMigrationFacts"/>); most of a C# repository holds none.
    /// </summary>
    public static readonly LiteralSet CSharpWorthParsing = new("csharp-worth-parsing", [".cs"], [.. CSharpUsageFacts.MentionLiterals, "Migrate"]);

    /// <summary><see cref="Ci.AzurePipelineShape"/>: an Azure pipeline's top-level stages, jobs or steps list.</summary>
    public static readonly LiteralSet AzurePipelineLists = new("azure-pipeline-lists", [".yml", ".yaml"], ["stages:", "jobs:", "steps:"]);

    /// <summary>Every set above, each at its index. Initialised after them (fields of one class are, in the order written).</summary>
    public static readonly LiteralCatalogue Catalogue = new([AccountHardening, ReadsEnvironment, BrowserDriver, FluentMigratorRun, SqlMigrationMarker, CSharpWorthParsing, AzurePipelineLists]);
}
