// The sine-tone generator of samples/NativeDriver/tonegen.c, written as a .NET driver: the same messages, the same
// answers, with each message arriving as a method call. The runtime maps its dwDriverId values to ToneInstance objects.
using System.Globalization;
using InstallableDrivers;
using InstallableDrivers.Samples;
using static InstallableDrivers.DriverMessages;

[assembly: InstallableDriver(typeof(ToneGenerator))]

namespace InstallableDrivers.Samples;

/// <summary>One open tone generator: its frequency, sample rate and phase.</summary>
public sealed class ToneInstance
{
    /// <summary>The tone's frequency in Hz.</summary>
    public int Frequency { get; set; } = ToneGenerator.DefaultFrequency;

    /// <summary>Samples per second.</summary>
    public int Rate { get; set; } = ToneGenerator.DefaultRate;

    /// <summary>Where in the wave the next sample starts, in turns (0 to 1), so rendering is continuous across calls.</summary>
    public double Phase { get; set; }
}

/// <summary>A sine-tone generator driver.</summary>
public sealed class ToneGenerator : InstallableDriver<ToneInstance>
{
    /// <summary>lParam1 = frequency in Hz (1 to rate/2); returns the previous frequency, or 0 for an invalid one.</summary>
    public const uint SetFrequency = DRV_USER + 1;

    /// <summary>lParam1 = short* buffer, lParam2 = sample count; returns the samples written.</summary>
    public const uint Render = DRV_USER + 2;

    /// <summary>The frequency when the args name none.</summary>
    public const int DefaultFrequency = 440;

    /// <summary>The sample rate when the args name none.</summary>
    public const int DefaultRate = 8000;

    /// <summary>Parses <c>freq=440 rate=8000</c>; refuses the open (null) on anything else.</summary>
    protected override ToneInstance? Open(HDRVR hDriver, string? args, nint lParam)
    {
        var instance = new ToneInstance();
        foreach (var word in (args ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = word.Split('=', 2);
            if (parts.Length != 2 || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value <= 0)
            {
                return null;
            }

            switch (parts[0])
            {
                case "freq": instance.Frequency = value; break;
                case "rate": instance.Rate = value; break;
                default: return null;
            }
        }

        return instance.Frequency * 2 <= instance.Rate ? instance : null;
    }

    /// <summary>The tone generator has settings to configure.</summary>
    protected override bool QueryConfigure(ToneInstance instance) => true;

    /// <summary>A real driver would show a dialog; this one says where its settings would be kept.</summary>
    protected override int Configure(ToneInstance instance, DriverConfiguration configuration)
    {
        Console.Error.WriteLine($"ToneGenerator: settings would be kept under {configuration.Section}\\{configuration.Alias}");
        return DRVCNF_OK;
    }

    /// <summary>The two custom messages.</summary>
    protected override unsafe nint Message(ToneInstance instance, uint message, nint lParam1, nint lParam2)
    {
        switch (message)
        {
            case SetFrequency:
                if (lParam1 <= 0 || lParam1 * 2 > instance.Rate)
                {
                    return 0;
                }

                var previous = instance.Frequency;
                instance.Frequency = (int)lParam1;
                return previous;
            case Render:
                if (lParam1 == 0 || lParam2 < 0)
                {
                    return 0;
                }

                var samples = new Span<short>((void*)lParam1, (int)lParam2);
                var step = (double)instance.Frequency / instance.Rate;
                var phase = instance.Phase;
                for (var i = 0; i < samples.Length; i++)
                {
                    samples[i] = (short)Math.Round(Math.Sin(2 * Math.PI * phase) * short.MaxValue);
                    phase = (phase + step) % 1.0;
                }

                instance.Phase = phase;
                return samples.Length;
            default:
                return 0;
        }
    }
}
