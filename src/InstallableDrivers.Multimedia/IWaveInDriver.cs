namespace InstallableDrivers.Multimedia;

/// <summary>
/// What a .NET wave driver implements, beside <see cref="IDriverProc"/>, to offer waveform-audio input devices: the
/// managed form of the <c>widMessage</c> export of mmddk.h (docs/wave-drivers.md). The services find it with
/// <see cref="DriverManager.GetEntryPoint{TManaged}"/> and call it exactly as they call a native driver's export.
/// </summary>
public interface IWaveInDriver
{
    /// <summary>Handles one <c>DRVM_*</c> or <c>WIDM_*</c> message for one of the driver's input devices.</summary>
    /// <param name="uDeviceID">The device, numbered from 0 within this driver.</param>
    /// <param name="uMsg">The message (<see cref="Interop.WaveMessages"/>).</param>
    /// <param name="dwUser">For WIDM_OPEN the address of a pointer-sized value the driver fills; later, that value.</param>
    /// <param name="dwParam1">The first message parameter.</param>
    /// <param name="dwParam2">The second message parameter.</param>
    /// <returns>An MMRESULT, or for WIDM_GETNUMDEVS the number of devices.</returns>
    uint widMessage(uint uDeviceID, uint uMsg, nuint dwUser, nuint dwParam1, nuint dwParam2);
}
