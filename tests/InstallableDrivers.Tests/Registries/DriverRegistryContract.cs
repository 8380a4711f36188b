using InstallableDrivers.Registries;

namespace InstallableDrivers.Tests.Registries;

/// <summary>What every <see cref="IDriverRegistry"/> does; each implementation's test class derives from this one.</summary>
public abstract class DriverRegistryContract
{
    protected abstract IDriverRegistry Registry { get; }

    [Fact]
    public void A_new_registry_is_empty()
    {
        Assert.Empty(Registry.GetSections());
        Assert.Empty(Registry.GetAliases("Drivers32"));
        Assert.Null(Registry.GetValue("Drivers32", "wave"));
    }

    [Fact]
    public void A_value_set_is_read_back_exactly()
    {
        Registry.SetValue("Drivers32", "wave", "tracedrv.so  some args ; not a comment = nor a key");

        Assert.Equal("tracedrv.so  some args ; not a comment = nor a key", Registry.GetValue("Drivers32", "wave"));
        Assert.Equal(["Drivers32"], Registry.GetSections());
        Assert.Equal(["wave"], Registry.GetAliases("Drivers32"));
    }

    [Fact]
    public void An_empty_value_is_a_value()
    {
        Registry.SetValue("Drivers32", "wave", "");

        Assert.Equal("", Registry.GetValue("Drivers32", "wave"));
    }

    [Fact]
    public void Setting_an_alias_again_replaces_its_value_in_place()
    {
        Registry.SetValue("Drivers32", "wave", "a.so");
        Registry.SetValue("Drivers32", "midi", "b.so");
        Registry.SetValue("Drivers32", "wave", "c.so");

        Assert.Equal("c.so", Registry.GetValue("Drivers32", "wave"));
        Assert.Equal(["wave", "midi"], Registry.GetAliases("Drivers32"));
    }

    [Fact]
    public void Sections_and_aliases_keep_their_insertion_order()
    {
        Registry.SetValue("mci32", "zeta", "1.so");
        Registry.SetValue("Drivers32", "wave", "2.so");
        Registry.SetValue("mci32", "alpha", "3.so");
        Registry.SetValue("Drivers32", "aux", "4.so");
        Registry.SetValue("mci32", "mid", "5.so");

        Assert.Equal(["mci32", "Drivers32"], Registry.GetSections());
        Assert.Equal(["zeta", "alpha", "mid"], Registry.GetAliases("mci32"));
        Assert.Equal(["wave", "aux"], Registry.GetAliases("Drivers32"));
    }

    [Fact]
    public void Names_compare_case_insensitively()
    {
        Registry.SetValue("Drivers32", "Wave", "a.so");

        Assert.Equal("a.so", Registry.GetValue("DRIVERS32", "wAVE"));
        Assert.Equal(["Wave"], Registry.GetAliases("drivers32"));
    }

    [Fact]
    public void Names_keep_the_spelling_given_first()
    {
        Registry.SetValue("Drivers32", "Wave", "a.so");
        Registry.SetValue("DRIVERS32", "WAVE", "b.so");

        Assert.Equal(["Drivers32"], Registry.GetSections());
        Assert.Equal(["Wave"], Registry.GetAliases("Drivers32"));
        Assert.Equal("b.so", Registry.GetValue("Drivers32", "Wave"));
    }

    [Fact]
    public void Deleting_an_alias_removes_only_it()
    {
        Registry.SetValue("Drivers32", "wave", "a.so");
        Registry.SetValue("Drivers32", "midi", "b.so");

        Assert.True(Registry.DeleteValue("DRIVERS32", "WAVE"));

        Assert.Null(Registry.GetValue("Drivers32", "wave"));
        Assert.Equal("b.so", Registry.GetValue("Drivers32", "midi"));
        Assert.Equal(["midi"], Registry.GetAliases("Drivers32"));
    }

    [Fact]
    public void Deleting_what_is_not_there_returns_false()
    {
        Registry.SetValue("Drivers32", "wave", "a.so");

        Assert.False(Registry.DeleteValue("Drivers32", "midi"));
        Assert.False(Registry.DeleteValue("mci32", "wave"));
        Assert.Equal("a.so", Registry.GetValue("Drivers32", "wave"));
    }

    [Fact]
    public void Deleting_the_last_alias_keeps_the_section()
    {
        Registry.SetValue("Drivers32", "wave", "a.so");

        Registry.DeleteValue("Drivers32", "wave");

        Assert.Equal(["Drivers32"], Registry.GetSections());
        Assert.Empty(Registry.GetAliases("Drivers32"));
    }

    [Fact]
    public void An_alias_set_again_after_deletion_goes_last()
    {
        Registry.SetValue("Drivers32", "wave", "a.so");
        Registry.SetValue("Drivers32", "midi", "b.so");
        Registry.DeleteValue("Drivers32", "wave");

        Registry.SetValue("Drivers32", "WAVE", "c.so");

        Assert.Equal(["midi", "WAVE"], Registry.GetAliases("Drivers32"));
    }

    [Theory]
    [InlineData("", "wave", "a.so")]
    [InlineData(" Drivers32", "wave", "a.so")]
    [InlineData("Drivers]32", "wave", "a.so")]
    [InlineData(@"Drivers32\sub", "wave", "a.so")]
    [InlineData("Drivers\n32", "wave", "a.so")]
    [InlineData("Drivers32", "", "a.so")]
    [InlineData("Drivers32", "wave ", "a.so")]
    [InlineData("Drivers32", "wa=ve", "a.so")]
    [InlineData("Drivers32", ";wave", "a.so")]
    [InlineData("Drivers32", "#wave", "a.so")]
    [InlineData("Drivers32", "[wave", "a.so")]
    [InlineData("Drivers32", "wave", " a.so")]
    [InlineData("Drivers32", "wave", "a.so\t")]
    [InlineData("Drivers32", "wave", "a.so\r\n[evil]")]
    public void Text_a_system_ini_line_cannot_hold_is_refused(string section, string alias, string value)
    {
        Assert.Throws<ArgumentException>(() => Registry.SetValue(section, alias, value));

        Assert.Empty(Registry.GetSections());
    }

    [Fact]
    public void Null_arguments_are_refused()
    {
        Assert.Throws<ArgumentNullException>(() => Registry.SetValue(null!, "wave", "a.so"));
        Assert.Throws<ArgumentNullException>(() => Registry.SetValue("Drivers32", null!, "a.so"));
        Assert.Throws<ArgumentNullException>(() => Registry.SetValue("Drivers32", "wave", null!));
        Assert.Throws<ArgumentNullException>(() => Registry.GetValue("Drivers32", null!));
        Assert.Throws<ArgumentNullException>(() => Registry.GetAliases(null!));
        Assert.Throws<ArgumentNullException>(() => Registry.DeleteValue(null!, "wave"));
    }

    [Fact]
    public void Threads_writing_different_aliases_at_once_lose_nothing()
    {
        const int threads = 4, writesEach = 15;

        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t =>
        {
            for (var i = 0; i < writesEach; i++)
            {
                Registry.SetValue("Drivers32", $"t{t}.{i}", $"file{i}.so");
                Assert.Equal($"file{i}.so", Registry.GetValue("Drivers32", $"t{t}.{i}"));
            }
        });

        Assert.Equal(threads * writesEach, Registry.GetAliases("Drivers32").Count);
    }
}
