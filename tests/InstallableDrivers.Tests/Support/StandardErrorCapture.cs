using System.Runtime.InteropServices;

namespace InstallableDrivers.Tests.Support;

/// <summary>
/// Reads what native code writes to the process's standard error: file descriptor 2 is pointed at a file while an action
/// runs. The descriptor is the whole process's, so captures take turns (a process-wide lock); output other threads write
/// meanwhile lands in the file too, so tests look for their text rather than compare the whole.
/// </summary>
internal static partial class StandardErrorCapture
{
    private const int StandardError = 2;
    private static readonly Lock Turn = new();

    /// <summary>Runs <paramref name="action"/> with standard error going to a file, and returns what was written.</summary>
    public static string During(Action action)
    {
        lock (Turn)
        {
            var path = Path.Combine(TestDrivers.CreateTemporaryDirectory(), "stderr.txt");
            using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write))
            {
                var saved = Check(dup(StandardError), "dup");
                try
                {
                    Check(dup2((int)file.SafeFileHandle.DangerousGetHandle(), StandardError), "dup2");
                    action();
                }
                finally
                {
                    Check(dup2(saved, StandardError), "dup2 (restoring)");
                    Check(close(saved), "close");
                }
            }

            return File.ReadAllText(path);
        }
    }

    private static int Check(int result, string call) =>
        result >= 0 ? result : throw new InvalidOperationException($"{call} failed with errno {Marshal.GetLastPInvokeError()}");

    [LibraryImport("libc", SetLastError = true)]
    private static partial int dup(int fd);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int dup2(int oldfd, int newfd);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int close(int fd);
}
