using System.Runtime.InteropServices;

namespace InstallableDrivers.Tests.Support;

/// <summary>
/// Sets variables in the native environment that C drivers read with getenv. .NET's Environment.SetEnvironmentVariable
/// only changes the managed copy on Unix, so the C library's setenv is called directly.
/// </summary>
internal static partial class NativeEnvironment
{
    public static void Set(string name, string value)
    {
        if (setenv(name, value, 1) != 0)
        {
            throw new InvalidOperationException($"setenv({name}) failed");
        }
    }

    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int setenv(string name, string value, int overwrite);
}
