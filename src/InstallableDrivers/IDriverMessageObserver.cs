namespace InstallableDrivers;

/// <summary>
/// Sees each message a <see cref="DriverManager"/> delivers to a driver, after the driver returned: what Wine's
/// <c>+driver</c> debug channel shows. Set it in <see cref="DriverManagerOptions.MessageObserver"/>.
/// </summary>
/// <remarks>
/// Called on the thread that sent the message, with no lock held, so it must be thread-safe and quick. A message the
/// driver sends from inside its own DriverProc is reported before the message it is nested in, because that one
/// returns later.
/// </remarks>
public interface IDriverMessageObserver
{
    /// <summary>Called after a driver returned from a message.</summary>
    /// <param name="record">The message, its arguments and the driver's result.</param>
    void OnMessage(in DriverMessageRecord record);
}
