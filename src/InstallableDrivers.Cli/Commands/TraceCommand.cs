using System.CommandLine;
using System.Globalization;
using Spectre.Console;

namespace InstallableDrivers.Cli.Commands;

/// <summary>
/// <c>drv trace ALIAS [MSG...]</c>: opens the driver, sends the messages, closes it, and prints every message the driver
/// received, lifecycle messages included: what Wine's <c>+driver</c> debug channel shows.
/// </summary>
internal sealed class TraceCommand : AliasCommand
{
    private readonly Argument<string[]> messages = new("MSG")
    {
        Description = $"Messages to send between open and close, each MSG, MSG:L1 or MSG:L1:L2; MSG is {MessageNames.Syntax}.",
        Arity = ArgumentArity.ZeroOrMore,
    };

    // One command object serves one run of drv, so one recorder does.
    private readonly TraceRecorder recorder = new();

    public TraceCommand(GlobalOptions global)
        : base("trace", "Open a driver, send it messages, close it, and print every message it received with dwDriverId, "
            + "lParam1, lParam2 and result, in order.", global) =>
        Arguments.Add(messages);

    protected override IDriverMessageObserver Observer => recorder;

    protected override void Run(ParseResult parse, DrvWorkspace workspace)
    {
        var requests = (parse.GetValue(messages) ?? []).Select(MessageRequest.ParseSpec).ToList();
        try
        {
            using var driver = Open(workspace, parse);
            foreach (var request in requests)
            {
                driver.Send(request.Message, request.LParam1, request.LParam2);
            }
        }
        finally
        {
            // A refused open is worth seeing too: the trace shows what the driver answered before it said no.
            WriteTrace(recorder);
        }
    }

    private static void WriteTrace(TraceRecorder recorder)
    {
        if (recorder.Records.Count == 0)
        {
            return;
        }

        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumns("#", "message", "hdrvr", "dwDriverId", "lParam1", "lParam2", "result");
        foreach (var (traced, index) in recorder.Records.Select((traced, index) => (traced, index)))
        {
            var record = traced.Record;
            string[] cells =
            [
                (index + 1).ToString(CultureInfo.InvariantCulture),
                MessageNames.Format(record.Message),
                Numbers.Hex(record.Handle.Value),
                Numbers.Hex((nint)record.DriverId),
                WithText(record.LParam1, traced.LParam1Text),
                WithText(record.LParam2, traced.LParam2Text),
                Numbers.DecimalAndHex(record.Result),
            ];
            table.AddRow(cells.Select(cell => new Text(cell)));
        }

        Terminal.Out.Write(table);
    }

    /// <summary>A parameter in hex, followed by what it pointed at when it is a pointer the runtime knows.</summary>
    private static string WithText(nint value, string? text) => text is null ? Numbers.Hex(value) : $"{Numbers.Hex(value)} {text}";
}
