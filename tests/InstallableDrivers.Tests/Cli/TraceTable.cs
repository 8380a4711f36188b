namespace InstallableDrivers.Tests.Cli;

/// <summary>Reads the rows of a table drv drew (Spectre.Console's rounded border) back into cells by column name.</summary>
internal static class TraceTable
{
    public static List<Dictionary<string, string>> Rows(string output)
    {
        var lines = output.Split('\n').Where(line => line.StartsWith('│')).Select(Cells).ToList();
        var header = lines[0];
        return lines.Skip(1).Select(cells => header.Zip(cells).ToDictionary(pair => pair.First, pair => pair.Second)).ToList();
    }

    public static List<string> Column(string output, string name) => Rows(output).Select(row => row[name]).ToList();

    private static string[] Cells(string line) => line.Trim().Trim('│').Split('│').Select(cell => cell.Trim()).ToArray();
}
