using InstallableDrivers.Tests.Support;

namespace InstallableDrivers.Tests.Multimedia;

/// <summary>
/// ALSA devices for tests on a machine without sound hardware, made of ALSA's own plugins: the <c>file</c> plugin over
/// the <c>null</c> plugin, which takes and gives samples as fast as it is asked. <see cref="Playback"/> writes what is
/// played to <see cref="PlayedFile"/>; <see cref="Capture"/> records from <see cref="RecordedSource"/> (capture has a
/// device of its own because the file plugin also copies what a capture stream reads into its output file).
/// </summary>
/// <remarks>
/// libasound reads its configuration from the files ALSA_CONFIG_PATH names, looking the variable up with getenv at every
/// snd_pcm_open. The configuration is written once per process, with fixed file paths, and the variable is set once in
/// the native environment (<see cref="NativeEnvironment"/>): the tests that play or record through these devices run
/// one at a time and each rewrites or deletes the data files it uses.
/// </remarks>
internal static class AlsaTestDevice
{
    /// <summary>The xUnit collection of the test classes that use these devices, so that they run one at a time.</summary>
    public const string Users = "ALSA test devices";

    /// <summary>The playback device's ALSA name.</summary>
    public const string Playback = "idrvtest";

    /// <summary>The capture device's ALSA name.</summary>
    public const string Capture = "idrvtestin";

    /// <summary>
    /// A playback device of the isolation tests' own (<see cref="IsolatedPlayedFile"/>): they run in another collection,
    /// at the same time as the users of <see cref="Playback"/>.
    /// </summary>
    public const string IsolatedPlayback = "idrvtestiso";

    /// <summary>A device that discards what is played and records silence, any number of streams at once.</summary>
    public const string Null = "idrvnull";

    private const string SystemConfiguration = "/usr/share/alsa/alsa.conf";

    private static readonly Lazy<string> Directory = new(Configure);

    /// <summary>The raw bytes the playback device was given, in order.</summary>
    public static string PlayedFile => Path.Combine(Directory.Value, "played.raw");

    /// <summary>The raw bytes <see cref="IsolatedPlayback"/> was given, in order.</summary>
    public static string IsolatedPlayedFile => Path.Combine(Directory.Value, "played-isolated.raw");

    /// <summary>The raw bytes the capture device records, from the start at every open.</summary>
    public static string RecordedSource => Path.Combine(Directory.Value, "source.raw");

    private static string Configure()
    {
        var directory = TestDrivers.CreateTemporaryDirectory();
        var configuration = Path.Combine(directory, "asound.conf");
        // The configuration stands alone (ALSA_CONFIG_PATH replaces ALSA's own alsa.conf, which may not be installed):
        // the plugins are built into libasound and need no other definitions.
        File.WriteAllText(configuration, $$"""
            pcm.{{Playback}} {
              type file
              slave.pcm { type null }
              format "raw"
              file "{{Path.Combine(directory, "played.raw")}}"
            }
            pcm.{{Capture}} {
              type file
              slave.pcm { type null }
              format "raw"
              file "{{Path.Combine(directory, "captured-copy.raw")}}"
              infile "{{Path.Combine(directory, "source.raw")}}"
            }
            pcm.{{IsolatedPlayback}} {
              type file
              slave.pcm { type null }
              format "raw"
              file "{{Path.Combine(directory, "played-isolated.raw")}}"
            }
            pcm.{{Null}} {
              type null
            }
            """);
        File.WriteAllBytes(Path.Combine(directory, "source.raw"), []);
        // The machine's own configuration stays first in the list, so that other code in this process that uses ALSA
        // still finds "default" and the rest.
        NativeEnvironment.Set("ALSA_CONFIG_PATH", File.Exists(SystemConfiguration) ? $"{SystemConfiguration}:{configuration}" : configuration);
        return directory;
    }
}
