using System.Text;
using FsCheck;
using FsCheck.Fluent;
using InstallableDrivers.Registries;

namespace InstallableDrivers.Tests.Registries;

/// <summary>
/// For random sequences of sets and deletes, the file-backed registry behaves like the in-memory one after every step,
/// reads back the same from disk, and keeps the comments and sections it was not asked to change.
/// </summary>
public sealed class IniDriverRegistryModelTests
{
    // A handful of names in mixed case, so that sequences often hit the same alias and section in another spelling.
    private static readonly string[] Sections = ["Drivers32", "DRIVERS32", "mci32", "Status"];
    private static readonly string[] Aliases = ["wave", "WAVE", "midi", "aux", "mixer1"];
    private static readonly string[] Values = ["a.so", "b.so  some args", "c.so = x ; y", ""];

    private const string Prelude = "; written by hand\n[boot]\nshell=x\n\n[drivers32]\n# the wave driver\nwave=orig.so\n";

    [Fact]
    public void The_file_registry_behaves_like_the_memory_registry()
    {
        var operation =
            from delete in Gen.Elements(false, false, true)
            from section in Gen.Elements(Sections)
            from alias in Gen.Elements(Aliases)
            from value in Gen.Elements(Values)
            select new Operation(delete, section, alias, value);
        // Shrinks by dropping one operation at a time, so a failure is reported with a short sequence.
        var operations = Arb.From(
            Gen.Choose(0, 20).SelectMany(count => Gen.ArrayOf(operation, count)),
            ops => Enumerable.Range(0, ops.Length).Select(skip => ops.Where((_, i) => i != skip).ToArray()));

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(60), Prop.ForAll(operations, (Operation[] ops) => RunAgainstBoth(ops)));
    }

    private static void RunAgainstBoth(Operation[] operations)
    {
        using var directory = new TemporaryDirectory();
        var path = directory.File("system.ini");
        File.WriteAllText(path, Prelude);
        var file = new IniDriverRegistry(path);
        var model = new MemoryDriverRegistry();
        model.SetValue("boot", "shell", "x");
        model.SetValue("drivers32", "wave", "orig.so");

        foreach (var step in operations)
        {
            if (step.Delete)
            {
                Assert.Equal(model.DeleteValue(step.Section, step.Alias), file.DeleteValue(step.Section, step.Alias));
            }
            else
            {
                model.SetValue(step.Section, step.Alias, step.Value);
                file.SetValue(step.Section, step.Alias, step.Value);
            }

            Assert.Equal(Dump(model), Dump(file));
        }

        Assert.Equal(Dump(model), Dump(new IniDriverRegistry(path)));
        var untouched = Prelude.Split('\n').Where(line => line.StartsWith(';') || line.StartsWith('#') || line.StartsWith('['));
        Assert.Equal(untouched, File.ReadAllLines(path).Where(line => untouched.Contains(line)));
    }

    private static string Dump(IDriverRegistry registry)
    {
        var text = new StringBuilder();
        foreach (var section in registry.GetSections())
        {
            text.Append('[').Append(section).Append("]\n");
            foreach (var alias in registry.GetAliases(section))
            {
                text.Append(alias).Append('=').Append(registry.GetValue(section, alias)).Append('\n');
            }
        }

        return text.ToString();
    }

    private sealed record Operation(bool Delete, string Section, string Alias, string Value);
}
