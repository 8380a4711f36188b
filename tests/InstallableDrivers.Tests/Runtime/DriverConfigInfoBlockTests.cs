using System.Runtime.InteropServices;

namespace InstallableDrivers.Tests.Runtime;

public sealed class DriverConfigInfoBlockTests
{
    [Fact]
    public unsafe void The_block_is_a_DRVCONFIGINFO_naming_section_and_alias()
    {
        using var block = new DriverConfigInfoBlock("Drivers32", "wave.tonegen");
        var info = (DRVCONFIGINFO*)block.Address;
        Assert.Equal((uint)sizeof(DRVCONFIGINFO), info->dwDCISize);
        Assert.Equal("Drivers32", Marshal.PtrToStringUni(info->lpszDCISectionName));
        Assert.Equal("wave.tonegen", Marshal.PtrToStringUni(info->lpszDCIAliasName));
        Assert.Equal(new DriverConfiguration("Drivers32", "wave.tonegen"), DriverConfiguration.FromPointer(block.Address));
    }

    [Fact]
    public void Empty_names_are_empty_strings()
    {
        using var block = new DriverConfigInfoBlock("", "");
        Assert.Equal(new DriverConfiguration("", ""), DriverConfiguration.FromPointer(block.Address));
    }

    [Fact]
    public void After_dispose_the_address_is_gone_and_a_second_dispose_does_nothing()
    {
        var block = new DriverConfigInfoBlock("Drivers32", "wave1");
        block.Dispose();
        block.Dispose();
        Assert.Throws<ObjectDisposedException>(() => block.Address);
    }

    [Fact]
    public void A_NUL_in_a_name_is_refused() =>
        Assert.Throws<ArgumentException>(() => new DriverConfigInfoBlock("Drivers32", "wave\01"));
}
