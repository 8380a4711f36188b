using System.CommandLine;

namespace InstallableDrivers.Cli.Commands;

/// <summary><c>drv send ALIAS MSG [L1] [L2]</c>: opens the driver, sends one message, prints the result, closes.</summary>
internal sealed class SendCommand : AliasCommand
{
    private readonly Argument<string> message = new("MSG") { Description = $"The message: {MessageNames.Syntax}." };
    private readonly Argument<string?> lParam1 = new("L1") { Description = "lParam1 (decimal or 0x hex; default 0).", Arity = ArgumentArity.ZeroOrOne };
    private readonly Argument<string?> lParam2 = new("L2") { Description = "lParam2 (decimal or 0x hex; default 0).", Arity = ArgumentArity.ZeroOrOne };

    public SendCommand(GlobalOptions global)
        : base("send", "Open a driver, send it one message, print the result in decimal and hex, and close it.", global)
    {
        Arguments.Add(message);
        Arguments.Add(lParam1);
        Arguments.Add(lParam2);
    }

    protected override void Run(ParseResult parse, DrvWorkspace workspace)
    {
        // Bad input is reported before the registry is read or the driver loaded.
        var request = MessageRequest.Parse(parse.GetRequiredValue(message), parse.GetValue(lParam1), parse.GetValue(lParam2));
        using var driver = Open(workspace, parse);
        var result = driver.Send(request.Message, request.LParam1, request.LParam2);
        Console.Out.WriteLine($"{request} = {Numbers.DecimalAndHex(result)}");
    }
}
