// Lists the ACM drivers through NAudio after one RedirectImports call, as a program would at its start; prints each
// driver's short name, or the exception NAudio's first ACM call met and where it was thrown.
using InstallableDrivers.Multimedia;
using NAudio.Wave.Compression;

WinMM.RedirectImports(typeof(AcmDriver).Assembly);
try
{
    foreach (var driver in AcmDriver.EnumerateAcmDrivers())
    {
        Console.WriteLine($"driver: {driver.ShortName}");
    }
}
#pragma warning disable CA1031 // Whatever it is, the test reads it from the output.
catch (Exception e)
#pragma warning restore CA1031
{
    Console.WriteLine($"{e.GetType().FullName}: {e.Message}");
    Console.WriteLine(e.StackTrace);
}
