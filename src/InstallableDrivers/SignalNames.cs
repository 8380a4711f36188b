using System.Globalization;

namespace InstallableDrivers;

/// <summary>The names of the Linux signals a crashing driver's host most often ends with.</summary>
internal static class SignalNames
{
    /// <summary>SIGSEGV for 11, and so on; "signal N" for one not listed.</summary>
    public static string Format(int signal) => signal switch
    {
        1 => "SIGHUP",
        2 => "SIGINT",
        3 => "SIGQUIT",
        4 => "SIGILL",
        5 => "SIGTRAP",
        6 => "SIGABRT",
        7 => "SIGBUS",
        8 => "SIGFPE",
        9 => "SIGKILL",
        11 => "SIGSEGV",
        13 => "SIGPIPE",
        14 => "SIGALRM",
        15 => "SIGTERM",
        24 => "SIGXCPU",
        25 => "SIGXFSZ",
        31 => "SIGSYS",
        _ => string.Create(CultureInfo.InvariantCulture, $"signal {signal}"),
    };
}
