using System.Text;
using InstallableDrivers.Isolation;
using InstallableDrivers.Multimedia;
using InstallableDrivers.Multimedia.Interop;

namespace InstallableDrivers.DriverHost;

/// <summary>
/// The .NET host's FIND_EXPORT and CALL_EXPORT (docs/isolation.md, "The host protocol"): a .NET driver has no exports
/// besides its driver object, and offers a native driver's <c>wodMessage</c> or <c>widMessage</c> by implementing
/// <see cref="IWaveOutDriver"/> or <see cref="IWaveInDriver"/>, as the services find it in process
/// (<see cref="DriverManager.GetEntryPoint{TManaged}"/>). FIND_EXPORT answers a token for such an interface method
/// (its number here, never a code address), and CALL_EXPORT calls only a token it answered: an application's other
/// number is answered 0, as an unknown op is.
/// </summary>
/// <remarks>
/// The host references the services' assembly for the two interfaces: a .NET wave driver's <c>IWaveOutDriver</c> is
/// the host's type anyway (the driver ships no copy of it; its load context falls back to the host's), so the host has
/// to carry that assembly to load such a driver at all, and naming the interfaces here keeps the call a plain
/// interface call, as in process.
/// </remarks>
internal static unsafe class ManagedExports
{
    private const long WaveOut = 1, WaveIn = 2;

    /// <summary>The token of the export named in the slot's scratch (NUL-terminated UTF-8), or 0 if the driver has none.</summary>
    public static long Find(IDriverProc driver, HostSlot* slot)
    {
        var scratch = new ReadOnlySpan<byte>(slot->Scratch, HostChannel.ScratchSize);
        var end = scratch.IndexOf((byte)0);
        return end < 0 ? 0 : Encoding.UTF8.GetString(scratch[..end]) switch
        {
            nameof(IWaveOutDriver.wodMessage) when driver is IWaveOutDriver => WaveOut,
            nameof(IWaveInDriver.widMessage) when driver is IWaveInDriver => WaveIn,
            _ => 0,
        };
    }

    /// <summary>
    /// Calls the export whose token is the slot's first argument with the next five. What the driver throws is
    /// MMSYSERR_ERROR, as the services answer for a .NET driver that throws in process, and goes to standard error.
    /// </summary>
    public static long Call(IDriverProc driver, HostSlot* slot)
    {
        var args = slot->Args;
        try
        {
            return args[0] switch
            {
                WaveOut => ((IWaveOutDriver)driver).wodMessage((uint)args[1], (uint)args[2], (nuint)args[3], (nuint)args[4], (nuint)args[5]),
                WaveIn => ((IWaveInDriver)driver).widMessage((uint)args[1], (uint)args[2], (nuint)args[3], (nuint)args[4], (nuint)args[5]),
                _ => 0,
            };
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"installable-drivers-dotnet-host: the driver threw {e.GetType().Name} in {(args[0] == WaveOut ? nameof(IWaveOutDriver.wodMessage) : nameof(IWaveInDriver.widMessage))} message 0x{args[2]:X4}: {e.Message}; it returns MMSYSERR_ERROR");
            return (long)MMRESULT.MMSYSERR_ERROR;
        }
    }
}
