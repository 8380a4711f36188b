using System.Runtime.InteropServices;
using static InstallableDrivers.DriverMessages;

namespace InstallableDrivers.Tests.Runtime;

/// <summary>The table of standard messages whose parameters are pointers, and what it reads through them.</summary>
public sealed class DriverMessageParametersTests
{
    [Theory]
    [InlineData(DRV_OPEN, DriverParameterKind.Utf16String, DriverParameterKind.Value)]
    [InlineData(DRV_CONFIGURE, DriverParameterKind.Value, DriverParameterKind.DriverConfigInfo)]
    [InlineData(DRV_INSTALL, DriverParameterKind.Value, DriverParameterKind.DriverConfigInfo)]
    [InlineData(DRV_LOAD, DriverParameterKind.Value, DriverParameterKind.Value)]
    [InlineData(DRV_REMOVE, DriverParameterKind.Value, DriverParameterKind.Value)]
    [InlineData(DRV_USER + 1, DriverParameterKind.Value, DriverParameterKind.Value)]
    public void Each_standard_message_says_what_its_parameters_carry(uint message, DriverParameterKind lParam1, DriverParameterKind lParam2)
        => Assert.Equal((lParam1, lParam2), DriverMessageParameters.Of(message));

    [Fact]
    public void A_string_and_a_configuration_block_are_described_by_what_they_hold()
    {
        var text = Marshal.StringToHGlobalUni("freq=440");
        try
        {
            Assert.Equal("\"freq=440\"", DriverMessageParameters.Describe(DriverParameterKind.Utf16String, text));
        }
        finally
        {
            Marshal.FreeHGlobal(text);
        }

        using var block = new DriverConfigInfoBlock("Drivers32", "wave.tonegen");
        Assert.Equal("[Drivers32] wave.tonegen", DriverMessageParameters.Describe(DriverParameterKind.DriverConfigInfo, block.Address));
        Assert.Null(DriverMessageParameters.Describe(DriverParameterKind.Value, 1234));
        Assert.Null(DriverMessageParameters.Describe(DriverParameterKind.Utf16String, 0));
    }
}
