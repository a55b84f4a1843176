using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace InfraTrend.Tests.Support;

/// <summary>
/// Runs code with the file permissions of user nobody (65534), on one new thread only. Tests run as root,
/// and root opens a mode-000 file; Linux keeps the file-system uid per thread, and moving it off 0 drops
/// the thread's DAC-override capabilities, so the rest of the test process stays root.
/// </summary>
[SupportedOSPlatform("linux")]
public static class Unprivileged
{
    public const uint Nobody = 65534;

    public static T Run<T>(Func<T> action)
    {
        T result = default!;
        ExceptionDispatchInfo? error = null;
        var thread = new Thread(() =>
        {
            var previousGroup = setfsgid(Nobody);
            var previousUser = setfsuid(Nobody);
            try
            {
                result = action();
            }
            catch (Exception e)
            {
                error = ExceptionDispatchInfo.Capture(e);
            }
            finally
            {
                setfsuid((uint)previousUser);
                setfsgid((uint)previousGroup);
            }
        });
        thread.Start();
        thread.Join();
        error?.Throw();
        return result;
    }

    // Not broadcast to other threads by glibc (unlike setuid): exactly the scope wanted here.
    [DllImport("libc")]
    private static extern int setfsuid(uint fsuid);

    [DllImport("libc")]
    private static extern int setfsgid(uint fsgid);
}
