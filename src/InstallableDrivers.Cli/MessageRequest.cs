namespace InstallableDrivers.Cli;

/// <summary>A message a user asked drv to send, with its two parameters.</summary>
internal sealed record MessageRequest(uint Message, nint LParam1, nint LParam2)
{
    /// <summary>Reads the message and parameters of <c>drv send</c>.</summary>
    /// <exception cref="CliException">A name or number is invalid, or the message is one the host sends itself.</exception>
    public static MessageRequest Parse(string message, string? lParam1, string? lParam2)
    {
        var number = MessageNames.Parse(message);
        if (MessageNames.IsLifecycle(number))
        {
            throw new CliException(ExitCode.BadInput,
                $"{MessageNames.Format(number)} is sent by the host itself when it opens or closes a driver; sending it again would "
                + "break the driver's lifecycle. 'drv trace ALIAS' shows it.");
        }

        return new MessageRequest(number,
            lParam1 is null ? 0 : Numbers.ParseLParam(lParam1, "lParam1"),
            lParam2 is null ? 0 : Numbers.ParseLParam(lParam2, "lParam2"));
    }

    /// <summary>Reads a message of <c>drv trace</c>: <c>MSG</c>, <c>MSG:L1</c> or <c>MSG:L1:L2</c>.</summary>
    public static MessageRequest ParseSpec(string spec)
    {
        var parts = spec.Split(':');
        return parts.Length <= 3
            ? Parse(parts[0], parts.ElementAtOrDefault(1), parts.ElementAtOrDefault(2))
            : throw new CliException(ExitCode.BadInput, $"'{spec}' has too many ':'; write MSG, MSG:L1 or MSG:L1:L2.");
    }

    public override string ToString() => $"{MessageNames.Format(Message)}({Numbers.Hex(LParam1)}, {Numbers.Hex(LParam2)})";
}
