using System.Reflection;
using NAudio;
using NAudio.Mixer;
using NAudio.Wave;

namespace InstallableDrivers.NAudioTests;

/// <summary>
/// What NAudio gets from the winmm functions no service serves (MIDI, the mixer) and from mmioStringToFOURCC, called
/// through NAudio's own imports: the answers of a Windows machine without MIDI or mixer drivers. Shared with
/// InstallableDrivers.NAudio2Tests.
/// </summary>
[Collection(NAudioCollection.Name)]
public sealed class UnservedImportsTests
{
    private const int MMIO_TOUPPER = 0x0010;

    public UnservedImportsTests() => NAudioAcm.EnsureReady();

    [Fact]
    public void The_mixer_has_no_devices_and_opening_one_is_MMSYSERR_NODRIVER()
    {
        Assert.Equal(0, Mixer.NumberOfDevices);
        // NAudio checks the index against mixerGetNumDevs before it opens.
        Assert.Throws<ArgumentOutOfRangeException>(() => new Mixer(0));

        var mixer = NAudioType("NAudio.Mixer.MixerInterop");
        Assert.Equal(MmResult.NoDriver, Call<MmResult>(mixer, "mixerOpen", null, 0, IntPtr.Zero, IntPtr.Zero, Activator.CreateInstance(ParameterType(mixer, "mixerOpen", 4))));
        Assert.Equal(MmResult.NoDriver, Call<MmResult>(mixer, "mixerClose", IntPtr.Zero));
    }

    [Fact]
    public void NAudios_MIDI_imports_find_no_devices_and_no_driver()
    {
        // NAudio.WinMM 3.x holds the MIDI imports (NAudio.Midi 3.x calls them from its Windows build only); in 2.2.1
        // NAudio.Midi holds them.
        var midi = NAudioType("NAudio.Midi.MidiInterop");
        Assert.Equal(0, Call<int>(midi, "midiOutGetNumDevs"));
        Assert.Equal(0, Call<int>(midi, "midiInGetNumDevs"));
        var open = midi!.GetMethods(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic).Single(m => m.Name == "midiOutOpen");
        var arguments = open.GetParameters().Select(p => p.ParameterType.IsValueType && !p.ParameterType.IsByRef ? Activator.CreateInstance(p.ParameterType) : null).ToArray();
        Assert.Equal(MmResult.NoDriver, (MmResult)open.Invoke(null, arguments)!);
    }

    [Fact]
    public void NAudio_2s_MidiOut_finds_no_devices_and_opening_one_is_MMSYSERR_NODRIVER()
    {
        // NAudio.Midi 2.2.1's MidiOut is public on every platform; 3.3.0's only in its Windows build.
        var midiOut = NAudioType("NAudio.Midi.MidiOut");
        if (midiOut is null)
        {
            return;
        }

        Assert.Equal(0, (int)midiOut.GetProperty("NumberOfDevices")!.GetValue(null)!);
        var e = Assert.IsType<MmException>(Assert.Throws<TargetInvocationException>(() => Activator.CreateInstance(midiOut, 0)).InnerException);
        Assert.Equal(MmResult.NoDriver, e.Result);
        Assert.Equal("midiOutOpen", e.Function);
    }

    [Theory]
    [InlineData("WAVE", 0, "WAVE")]
    [InlineData("wav", 0, "wav ")]
    [InlineData("riff", MMIO_TOUPPER, "RIFF")]
    [InlineData("data chunk", 0, "data")]
    [InlineData("", 0, "    ")]
    public void mmioStringToFOURCC_packs_four_characters_padded_with_spaces(string text, int flags, string code)
    {
        var expected = code[0] | (code[1] << 8) | (code[2] << 16) | (code[3] << 24);
        Assert.Equal(expected, Call<int>(NAudioType("NAudio.Wave.WaveInterop"), "mmioStringToFOURCC", text, flags));
    }

    /// <summary>A type of NAudio.WinMM or NAudio.Midi by name: the interop classes are internal in 3.x.</summary>
    private static Type? NAudioType(string name) =>
        typeof(WaveFormatConversionStream).Assembly.GetType(name) ?? typeof(global::NAudio.Midi.MidiEvent).Assembly.GetType(name);

    private static Type ParameterType(Type? type, string method, int index) =>
        type!.GetMethod(method, BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic)!.GetParameters()[index].ParameterType;

    private static T Call<T>(Type? type, string name, params object?[] arguments) =>
        (T)type!.GetMethod(name, BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic)!.Invoke(null, arguments)!;
}
