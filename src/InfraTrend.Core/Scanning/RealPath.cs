using System.Runtime.InteropServices;

namespace InfraTrend.Scanning;

/// <summary>
/// Where a path really leads: every symlink in every component resolved, the way the kernel opens it.
/// A lexical answer is not enough: for "hop/../x" with hop a link elsewhere, Path.GetFullPath says
/// "x" next to hop, while the kernel opens the x next to hop's target.
/// </summary>
internal static class RealPath
{
    /// <summary>The resolved absolute path, or null when it does not resolve (missing, broken link, loop).</summary>
    public static string? Of(string path)
    {
        if (OperatingSystem.IsWindows())
            return Path.Exists(path) ? Path.GetFullPath(path) : null;
        var resolved = realpath(path, IntPtr.Zero);
        if (resolved == IntPtr.Zero)
            return null;
        try
        {
            return Marshal.PtrToStringUTF8(resolved);
        }
        finally
        {
            free(resolved);
        }
    }

    /// <summary>
    /// Where an open file really is, from the kernel's own record of the descriptor (/proc/self/fd); null where
    /// there is no /proc. Asked after opening, so nothing can be swapped in between the check and the read.
    /// </summary>
    public static string? OfOpenFile(Microsoft.Win32.SafeHandles.SafeFileHandle handle)
    {
        if (!HasProcFd)
            return null;
        var descriptor = handle.DangerousGetHandle().ToInt64();
        return new FileInfo("/proc/self/fd/" + descriptor.ToString(System.Globalization.CultureInfo.InvariantCulture)).LinkTarget;
    }

    private static readonly bool HasProcFd = OperatingSystem.IsLinux() && Directory.Exists("/proc/self/fd");

    /// <summary>True when the resolved <paramref name="path"/> is the resolved <paramref name="root"/> or lies below it.</summary>
    public static bool IsUnder(string path, string root) =>
        path == root || path.StartsWith(root.EndsWith('/') ? root : root + "/", StringComparison.Ordinal);

    /// <summary>
    /// False when the path (links followed) is a named pipe, socket or device, true for a regular file, null where the
    /// type cannot be asked for (not Linux, no statx). One statx call, which opens nothing, so a pipe is never waited on.
    /// </summary>
    public static bool? IsRegularFile(string path)
    {
        if (!OperatingSystem.IsLinux())
            return null;
        // struct statx has one layout on every Linux architecture: stx_mode is the 16 bits at offset 28.
        var buffer = new byte[256];
        try
        {
            if (statx(AtFdCwd, path, 0, StatxType, buffer) != 0)
                return null;
        }
        catch (EntryPointNotFoundException)
        {
            return null;
        }
        return (BitConverter.ToUInt16(buffer, 28) & 0xF000) == 0x8000;
    }

    private const int AtFdCwd = -100;
    private const uint StatxType = 1;

    [DllImport("libc", SetLastError = true)]
    private static extern int statx(int directory, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, [Out] byte[] buffer);

    [DllImport("libc")]
    private static extern IntPtr realpath([MarshalAs(UnmanagedType.LPUTF8Str)] string path, IntPtr resolved);

    [DllImport("libc")]
    private static extern void free(IntPtr pointer);
}
