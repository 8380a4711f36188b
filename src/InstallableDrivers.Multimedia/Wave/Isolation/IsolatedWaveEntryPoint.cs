using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Reflection;
using InstallableDrivers.Isolation;
using InstallableDrivers.Multimedia.Interop;
using static InstallableDrivers.Multimedia.Interop.WaveHeaderFlags;
using static InstallableDrivers.Multimedia.Interop.WaveMessages;

namespace InstallableDrivers.Multimedia.Wave.Isolation;

/// <summary>
/// The wodMessage or widMessage of a wave driver that runs in a host process (docs/isolation.md#other-exports): it
/// takes the services' calls as the export would and makes them in the host, copying what each standard message points
/// at into the host's arena and back — the WAVEOPENDESC and its format, the stream value the driver writes, capabilities,
/// MMTIME, the volume, and each WAVEHDR with its data (<see cref="WaveShadowHeader"/>). The driver is given this proxy's
/// callback, which turns a returned shadow back into the application's header before the services hear of it. When the
/// host dies, every queued buffer of every stream comes back done; later calls answer MMSYSERR_NODRIVER, except that
/// unprepare and close succeed, so that the application can let go of its buffers and handles.
/// </summary>
internal sealed unsafe class IsolatedWaveEntryPoint
{
    /// <summary>The largest capabilities or MMTIME structure copied: far above any the services pass.</summary>
    private const uint MaxStructureBytes = 4096;

    /// <summary>The names of the messages of each entry point, for the crash ("wodMessage(WODM_WRITE)").</summary>
    private static readonly FrozenDictionary<uint, string> OutputNames = Names("WODM_"), InputNames = Names("WIDM_");

    private readonly ConcurrentDictionary<uint, string> descriptions = new();
    private readonly ConcurrentDictionary<IsolatedWaveStream, bool> streams = new();

    public IsolatedWaveEntryPoint(HostExport export, WaveDirection direction)
    {
        Export = export;
        Direction = direction;
        export.OnCrash(_ => FailStreams());
    }

    public HostExport Export { get; }

    public WaveDirection Direction { get; }

    /// <summary>True once the host died: the entry point answers MMSYSERR_NODRIVER for good.</summary>
    public bool IsDead => Export.Crash is not null;

    /// <summary>
    /// One message, as wodMessage/widMessage takes it; dwUser is the proxy's stream number for a stream's messages. A
    /// copy the arena has no room for (a buffer larger than its free space) is MMSYSERR_NOMEM.
    /// </summary>
    public uint Message(uint deviceId, uint message, nuint user, nuint param1, nuint param2)
    {
        try
        {
            return Dispatch(deviceId, message, user, param1, param2);
        }
        catch (InsufficientMemoryException)
        {
            return (uint)MMRESULT.MMSYSERR_NOMEM;
        }
    }

    private uint Dispatch(uint deviceId, uint message, nuint user, nuint param1, nuint param2)
    {
        if (message == Direction.Open)
        {
            return Open(deviceId, (nuint*)user, (WAVEOPENDESC*)param1, (uint)param2);
        }

        var stream = user == 0 ? null : IsolatedWaveStream.Find(user);
        if (stream is not null && stream.Entry != this)
        {
            return stream.Entry.Message(deviceId, message, user, param1, param2); // a stream of the host before a restart
        }

        var driverValue = stream?.DriverValue ?? user;
        return message switch
        {
            _ when message == Direction.Prepare => stream is null ? Invalid : Prepare(deviceId, stream, (WAVEHDR*)param1),
            _ when message == Direction.Unprepare => stream is null ? Invalid : Unprepare(deviceId, stream, (WAVEHDR*)param1),
            _ when message == Direction.Queue => stream is null ? Invalid : Queue(deviceId, stream, (WAVEHDR*)param1),
            _ when message == Direction.Close => stream is null ? Invalid : Close(deviceId, stream),
            // Structures of the caller's size (capabilities, MMTIME), within reason; the driver is told the size it was given.
            _ when message == Direction.GetDevCaps || message == Direction.GetPosition
                => CallWithCopy(deviceId, message, driverValue, param1, (int)Math.Min(param2, MaxStructureBytes), Math.Min(param2, MaxStructureBytes)),
            _ when message == WODM_GETVOLUME && Direction == WaveDirection.Output => CallWithCopy(deviceId, message, driverValue, param1, sizeof(uint), param2),
            _ => Call(deviceId, message, driverValue, param1, param2),
        };
    }

    private static uint Invalid => (uint)MMRESULT.MMSYSERR_INVALHANDLE;

    private static uint NoDriver => (uint)MMRESULT.MMSYSERR_NODRIVER;

    /// <summary>The answer for a dead host without calling it, with the crash in the last error as a call would leave it.</summary>
    private uint Dead()
    {
        Export.ReportDead();
        return NoDriver;
    }

    /// <summary>Calls the export in the host; MMSYSERR_NODRIVER (and the streams failed) when the host is dead.</summary>
    private uint Call(uint deviceId, uint message, nuint user, nuint param1, nuint param2)
    {
        if (Export.TryCall(deviceId, message, (long)user, (long)param1, (long)param2, Describe(message), IsLifecycle(message), out var result))
        {
            return (uint)result;
        }

        FailStreams();
        return NoDriver;
    }

    /// <summary>A message whose dwParam1 points to <paramref name="bytes"/> the driver reads and fills (capabilities, MMTIME, the volume).</summary>
    private uint CallWithCopy(uint deviceId, uint message, nuint user, nuint structure, int bytes, nuint param2)
    {
        if (structure == 0 || bytes <= 0)
        {
            return Call(deviceId, message, user, structure, param2);
        }

        using var copy = Export.AllocateSharedBuffer(bytes);
        new ReadOnlySpan<byte>((void*)structure, bytes).CopyTo(copy.Span);
        var result = Call(deviceId, message, user, (nuint)copy.Address, param2);
        if (result == (uint)MMRESULT.MMSYSERR_NOERROR)
        {
            copy.Span.CopyTo(new Span<byte>((void*)structure, bytes));
        }

        return result;
    }

    private uint Open(uint deviceId, nuint* user, WAVEOPENDESC* description, uint flags)
    {
        if (description == null || user == null || description->lpFormat == 0)
        {
            return (uint)MMRESULT.MMSYSERR_INVALPARAM;
        }

        // [the driver's value][WAVEOPENDESC][format], in the arena.
        var formatSize = WaveStream.FormatSize((WAVEFORMATEX*)description->lpFormat);
        var block = Export.AllocateSharedBuffer(sizeof(nuint) + sizeof(WAVEOPENDESC) + formatSize);
        var copy = (WAVEOPENDESC*)(block.Address + sizeof(nuint));
        var format = (byte*)copy + sizeof(WAVEOPENDESC);
        Buffer.MemoryCopy((void*)description->lpFormat, format, formatSize, formatSize);
        *copy = *description;
        copy->lpFormat = (nint)format;
        if ((flags & WaveOpenFlags.WAVE_FORMAT_QUERY) != 0)
        {
            using (block)
            {
                return Call(deviceId, Direction.Open, (nuint)block.Address, (nuint)copy, flags);
            }
        }

        var stream = new IsolatedWaveStream(this, block, *description, (flags & DriverMessages.CALLBACK_TYPEMASK) >> 16);
        copy->dwCallback = IsolatedWaveCallbackRouter.Function;
        copy->dwInstance = stream.Id;
        streams[stream] = true;
        var result = Call(deviceId, Direction.Open, (nuint)block.Address, (nuint)copy, (flags & ~DriverMessages.CALLBACK_TYPEMASK) | DriverMessages.CALLBACK_FUNCTION);
        if (result != (uint)MMRESULT.MMSYSERR_NOERROR)
        {
            streams.TryRemove(stream, out _);
            stream.Dispose();
            return result;
        }

        *user = stream.Id;
        return result;
    }

    private uint Prepare(uint deviceId, IsolatedWaveStream stream, WAVEHDR* header)
    {
        if (IsDead)
        {
            return Dead();
        }

        var shadow = stream.Shadow(header, create: true)!;
        shadow.CopyIn(withData: false);
        var result = Call(deviceId, Direction.Prepare, stream.DriverValue, (nuint)shadow.Header, (nuint)sizeof(WAVEHDR));
        if (result == (uint)MMRESULT.MMSYSERR_NOERROR)
        {
            header->dwFlags = shadow.Header->dwFlags;
        }
        else if (result != (uint)MMRESULT.MMSYSERR_NOTSUPPORTED)
        {
            stream.Drop(shadow); // not prepared: nothing for the driver to keep
        }

        return result;
    }

    private uint Unprepare(uint deviceId, IsolatedWaveStream stream, WAVEHDR* header)
    {
        var shadow = stream.Shadow(header, create: false);
        if (IsDead)
        {
            // Nothing is left to unprepare in a dead host: the application's header is let go of.
            if (shadow is not null)
            {
                stream.Drop(shadow);
            }

            header->dwFlags &= ~WHDR_PREPARED;
            return (uint)MMRESULT.MMSYSERR_NOERROR;
        }

        if (shadow is null)
        {
            return (uint)MMRESULT.MMSYSERR_NOTSUPPORTED; // never seen (prepared by the services): they unmark it
        }

        shadow.CopyIn(withData: false);
        var result = Call(deviceId, Direction.Unprepare, stream.DriverValue, (nuint)shadow.Header, (nuint)sizeof(WAVEHDR));
        if (result == (uint)MMRESULT.MMSYSERR_NOERROR)
        {
            header->dwFlags = shadow.Header->dwFlags;
        }

        if (result is (uint)MMRESULT.MMSYSERR_NOERROR or (uint)MMRESULT.MMSYSERR_NOTSUPPORTED)
        {
            stream.Drop(shadow);
        }

        return result;
    }

    private uint Queue(uint deviceId, IsolatedWaveStream stream, WAVEHDR* header)
    {
        if (IsDead)
        {
            return Dead();
        }

        // Made here when the header was prepared by the services, or has moved since (a caller that pins it only for
        // each call): the driver is then given a shadow of the header where it is now, as in process it would be given
        // the header itself.
        var shadow = stream.Shadow(header, create: true)!;
        if (shadow.IsQueued)
        {
            return (uint)MMRESULT.WAVERR_STILLPLAYING;
        }

        shadow.CopyIn(withData: Direction == WaveDirection.Output);
        var flags = header->dwFlags;
        header->dwFlags = (flags & ~WHDR_DONE) | WHDR_INQUEUE; // what the driver does to its header, before a WOM_DONE can come
        stream.Enqueue(shadow);
        var result = Call(deviceId, Direction.Queue, stream.DriverValue, (nuint)shadow.Header, (nuint)sizeof(WAVEHDR));
        var queued = result == (uint)MMRESULT.MMSYSERR_NOERROR;
        stream.EndEnqueue(shadow, queued);
        if (!queued)
        {
            header->dwFlags = flags;
        }
        else if (IsDead)
        {
            stream.FailQueued(); // the host died right after taking it: it comes back done like the others
        }

        return result;
    }

    private uint Close(uint deviceId, IsolatedWaveStream stream)
    {
        var result = IsDead ? NoDriver : Call(deviceId, Direction.Close, stream.DriverValue, 0, 0);
        if (result == NoDriver && IsDead)
        {
            // The stream died with its host: closing it only lets go of it, and the application hears WOM_CLOSE as usual.
            stream.Deliver(Direction == WaveDirection.Output ? WOM_CLOSE : WIM_CLOSE, 0, 0);
            result = (uint)MMRESULT.MMSYSERR_NOERROR;
        }

        if (result == (uint)MMRESULT.MMSYSERR_NOERROR)
        {
            streams.TryRemove(stream, out _);
            stream.Dispose();
        }

        return result;
    }

    /// <summary>Returns every queued buffer of every stream done (the host died); each stream does it once.</summary>
    private void FailStreams()
    {
        foreach (var stream in streams.Keys)
        {
            stream.FailQueued();
        }
    }

    /// <summary>
    /// The messages that get the lifecycle deadline (docs/isolation.md, "Deadlines"): opening and closing a stream and the
    /// questions about devices, short by nature; the others (writes, reset, position) may take as long as the sound does.
    /// </summary>
    private bool IsLifecycle(uint message) =>
        message == Direction.Open || message == Direction.Close || message == Direction.GetDevCaps || message == Direction.GetNumDevs
        || message == DRVM_INIT || message == DRVM_EXIT;

    private string Describe(uint message) => descriptions.GetOrAdd(message, static (m, entry) =>
        $"{entry.Export.Name}({((entry.Direction == WaveDirection.Output ? OutputNames : InputNames).TryGetValue(m, out var name) ? name : m.ToString(System.Globalization.CultureInfo.InvariantCulture))})", this);

    private static FrozenDictionary<uint, string> Names(string prefix) => typeof(WaveMessages)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral && (f.Name.StartsWith(prefix, StringComparison.Ordinal) || f.Name.StartsWith("DRVM_", StringComparison.Ordinal)))
        .GroupBy(f => (uint)f.GetRawConstantValue()!)
        .ToFrozenDictionary(g => g.Key, g => g.First().Name);
}
