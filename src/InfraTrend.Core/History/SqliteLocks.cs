using System.Runtime.InteropServices;

namespace InfraTrend.History;

/// <summary>
/// Whether another process has an SQLite database open. SQLite's unix VFS holds a POSIX read lock on the database
/// file's shared-lock bytes for as long as a connection has its write-ahead log open; `fcntl(F_GETLK)` asking for a
/// write lock on those bytes names any such process without taking a lock. Linux only (the `struct flock` layout and
/// command number are Linux's); elsewhere the answer is "maybe", so nothing is removed.
/// </summary>
internal static class SqliteLocks
{
    private const long PendingByte = 0x40000000;
    private const long SharedFirst = PendingByte + 2;
    private const long SharedSize = 510;

    public static bool HeldByAnotherProcess(string path)
    {
        if (!OperatingSystem.IsLinux() || RuntimeInformation.ProcessArchitecture is not (Architecture.X64 or Architecture.Arm64))
            return true;
        try
        {
            // Read-only: opening and closing a descriptor would drop this process's own POSIX locks on the file, but
            // its connection is closed by now.
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            var query = new Flock { Type = WriteLock, Whence = 0, Start = PendingByte, Length = SharedFirst + SharedSize - PendingByte };
            if (fcntl((int)stream.SafeFileHandle.DangerousGetHandle(), GetLock, ref query) != 0)
                return true;
            return query.Type != Unlocked;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return true;
        }
    }

    private const int GetLock = 5; // F_GETLK on Linux x86-64 and arm64
    private const short WriteLock = 1; // F_WRLCK
    private const short Unlocked = 2; // F_UNLCK

    [StructLayout(LayoutKind.Sequential)]
    private struct Flock
    {
        public short Type;
        public short Whence;
        public long Start;
        public long Length;
        public int Pid;
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int fcntl(int fd, int command, ref Flock flock);
}
