// Usage: InstallableDrivers.RegistryWriter <registry file> <section> <alias prefix> <count>
// Sets <prefix>i=file<i>.so arg for i = 0 .. count-1, one SetValue (one locked rewrite of the file) each, in order.
using System.Globalization;
using InstallableDrivers.Registries;

if (args.Length != 4 || !int.TryParse(args[3], NumberStyles.None, CultureInfo.InvariantCulture, out var count))
{
    Console.Error.WriteLine("usage: InstallableDrivers.RegistryWriter <registry file> <section> <alias prefix> <count>");
    return 2;
}

var registry = new IniDriverRegistry(args[0]);
for (var i = 0; i < count; i++)
{
    registry.SetValue(args[1], $"{args[2]}{i}", $"file{i}.so arg");
}

return 0;
