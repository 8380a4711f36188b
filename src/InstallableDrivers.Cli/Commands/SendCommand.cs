using System.CommandLine;

namespace InstallableDrivers.Cli.Commands;

/// <summary><c>drv send ALIAS MSG [L1] [L2]</c>: opens the driver, sends one message, prints the result, closes.</summary>
internal static class SendCommand
{
    public static Command Create(GlobalOptions global)
    {
        var alias = CommandOptions.Alias();
        var message = new Argument<string>("MSG") { Description = $"The message: {MessageNames.Syntax}." };
        var lParam1 = new Argument<string?>("L1") { Description = "lParam1 (decimal or 0x hex; default 0).", Arity = ArgumentArity.ZeroOrOne };
        var lParam2 = new Argument<string?>("L2") { Description = "lParam2 (decimal or 0x hex; default 0).", Arity = ArgumentArity.ZeroOrOne };
        var section = CommandOptions.Section();
        var command = new Command("send", "Open a driver, send it one message, print the result in decimal and hex, and close it.")
        {
            alias,
            message,
            lParam1,
            lParam2,
            section,
        };
        command.SetAction(parse =>
        {
            // Bad input is reported before the driver is loaded.
            var request = MessageRequest.Parse(parse.GetRequiredValue(message), parse.GetValue(lParam1), parse.GetValue(lParam2));
            using var session = global.OpenSession(parse);
            using var driver = session.OpenAlias(parse.GetRequiredValue(alias), parse.GetRequiredValue(section));
            var result = driver.Send(request.Message, request.LParam1, request.LParam2);
            Console.Out.WriteLine($"{request} = {Numbers.DecimalAndHex(result)}");
            return (int)ExitCode.Ok;
        });
        return command;
    }
}
