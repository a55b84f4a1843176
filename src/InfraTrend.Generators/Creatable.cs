using System.Linq;
using Microsoft.CodeAnalysis;

namespace InfraTrend.Generators
{
    /// <summary>Whether the generated registry can create a marked class with <c>new T()</c>: the shape both generators check.</summary>
    internal static class Creatable
    {
        /// <param name="interfaceName">The interface the class must implement.</param>
        /// <param name="internalConstructor">Whether an internal parameterless constructor will do (a public one always does).</param>
        public static bool Check(INamedTypeSymbol type, string interfaceName, bool internalConstructor) =>
            type.TypeKind == TypeKind.Class
            && !type.IsAbstract
            && !type.IsStatic
            && !type.IsGenericType
            && type.AllInterfaces.Any(i => i.ToDisplayString() == interfaceName)
            && type.InstanceConstructors.Any(c => c.Parameters.Length == 0
                && (c.DeclaredAccessibility == Accessibility.Public || internalConstructor && c.DeclaredAccessibility == Accessibility.Internal))
            && IsReachable(type);

        private static bool IsReachable(INamedTypeSymbol type)
        {
            for (var t = type; t is not null; t = t.ContainingType)
            {
                // A file-local type cannot be named from the generated file.
                if (t.IsFileLocal || t.DeclaredAccessibility is Accessibility.Private or Accessibility.Protected or Accessibility.ProtectedAndInternal)
                    return false;
            }
            return true;
        }
    }
}
