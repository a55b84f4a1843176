using System.Text.RegularExpressions;
using InfraTrend.Facts.Code;

namespace InfraTrend.Facts.Security;

/// <summary>
/// What an application adds to plain authentication, as auditors list it beside the login itself: a second factor
/// (TOTP, WebAuthn/passkeys) and authorization by roles, permissions or policies. Read from the application's code in
/// each big stack's idiom, only where it stands in code (not a comment or a string): Devise two-factor, ROTP, Pundit,
/// CanCanCan and Action Policy in Rails; django-otp, pyotp, Django permission decorators and mixins, DRF permission
/// classes of its own, Flask-Principal; otplib, speakeasy, SimpleWebAuthn, CASL, AccessControl and NestJS role guards
/// in Node; pquerna/otp and go-webauthn in Go; Spring Security's method and URL role checks, Shiro and Sa-Token on the
/// JVM; ASP.NET Core Identity's two-factor API and role or policy authorization in .NET; Casbin everywhere. Tests,
/// examples and vendored code do not count.
/// </summary>
[FactSource]
public sealed partial class AccountHardeningFacts : IFactSource
{
    private const long MaxSourceSize = 512 * 1024;

    [GeneratedRegex(
        // Ruby
        @"\bROTP::TOTP\b|:two_factor_authenticatable\b|\bWebAuthn\.configure\b|\bWebAuthn::Credential\b"
        // Python
        + @"|\bpyotp\.(?:TOTP|totp)\b|\b(?:from|import)\s+django_otp\b|\bTOTPDevice\b|\bverify_authentication_response\b"
        // Node
        + @"|\bauthenticator\.(?:verify|check|generateSecret)\s*\(|\bspeakeasy\.totp\b|\b(?:verifyAuthenticationResponse|verifyRegistrationResponse)\s*\("
        // Go
        + @"|\btotp\.(?:Validate|ValidateCustom|Generate)\s*\(|\bwebauthn\.New\s*\("
        // JVM
        + @"|\bnew\s+GoogleAuthenticator\s*\(|\bTimeBasedOneTimePasswordGenerator\b|\bDefaultCodeVerifier\b"
        // .NET
        + @"|\b(?:VerifyTwoFactorTokenAsync|GetTwoFactorEnabledAsync|SetTwoFactorEnabledAsync|TwoFactorSignInAsync|TwoFactorAuthenticatorSignInAsync)\b|\bnew\s+Totp\s*\(")]
    private static partial Regex SecondFactor();

    // The line-start alternatives are written as look-behinds so that every alternative begins with a literal: the
    // engine then searches for those literals instead of trying each position of the file.
    [GeneratedRegex(
        // Ruby
        @"(?<=^[ \t]*)include\s+(?:Pundit(?:::Authorization)?|CanCan::Ability)\b|\bload_and_authorize_resource\b|\bverify_authorized\b|<\s*ActionPolicy::Base\b|(?<=^[ \t]*)rolify\b"
        // Python
        + @"|@permission_required\s*\(|\bPermissionRequiredMixin\b|(?<=^[ \t]*)class\s+\w+\s*\(\s*(?:permissions\.)?BasePermission\s*\)|\bRoleNeed\s*\("
        // Node
        + @"|\bRolesGuard\b|@Roles\s*\(|\b(?:AbilityBuilder|defineAbility|createMongoAbility)\b|\bnew\s+AccessControl\s*\("
        // Casbin (Go, Node, Python, Java)
        + @"|\b(?:casbin\.)?(?:NewEnforcer|NewSyncedEnforcer|newEnforcer)\s*\("
        // JVM
        + @"|@(?:PreAuthorize|Secured|RolesAllowed|RequiresPermissions|RequiresRoles|SaCheckPermission|SaCheckRole)\s*\(|\.(?:hasRole|hasAnyRole|hasAuthority|hasAnyAuthority)\s*\("
        // .NET
        + @"|\[Authorize\s*\(\s*(?:Roles|Policy)\s*=|\.RequireRole\s*\(|\bAddAuthorization(?:Builder|Core)?\s*\(\s*\w+\s*=>", RegexOptions.Multiline)]
    private static partial Regex Authorization();

    public void Collect(FactContext context)
    {
        foreach (var file in context.Snapshot.Files)
        {
            if (!SourceFiles.IsSource(file.Path) || file.Size > MaxSourceSize || SourceFiles.IsTest(file.Path) || SourceFiles.IsNotApplication(file.Path)
                || Node.NodeManifests.IsVendored(file.Path) || PartDetector.IsTestOrExample(file.Directory))
                continue;
            if (context.Snapshot.ReadTextOnceIfAny(file.Path, Anchors.AccountHardening) is not { } text)
                continue;
            var second = SecondFactor().IsMatch(text);
            var roles = Authorization().IsMatch(text);
            if (!second && !roles)
                continue;
            var source = SourceFiles.SourceOf(file.Path, text)!;
            if (second && source.FirstCode(SecondFactor()) is { } mfa)
                context.Add(FactKeys.AccountHardening, "second-factor", mfa);
            if (roles && source.FirstCode(Authorization()) is { } authz)
                context.Add(FactKeys.AccountHardening, "authorization", authz);
        }
    }
}
