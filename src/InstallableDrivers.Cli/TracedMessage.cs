namespace InstallableDrivers.Cli;

/// <summary>A message a driver received, and what its pointer parameters pointed at (null for plain values).</summary>
internal sealed record TracedMessage(DriverMessageRecord Record, string? LParam1Text, string? LParam2Text);
