using System.Runtime.InteropServices;
using InstallableDrivers.Multimedia.Interop;
using static InstallableDrivers.Multimedia.Interop.WaveHeaderFlags;

namespace InstallableDrivers.Tests.Multimedia;

/// <summary>WAVEHDRs and their sample buffers in native memory, as an application hands them to a wave driver (prepared).</summary>
internal sealed unsafe class NativeWaveBuffers : IDisposable
{
    private readonly WAVEHDR*[] headers;

    /// <summary>One prepared buffer per array, holding a copy of it (playback) or as many zero bytes (recording).</summary>
    public NativeWaveBuffers(params byte[][] contents)
    {
        headers = new WAVEHDR*[contents.Length];
        for (var i = 0; i < contents.Length; i++)
        {
            var header = (WAVEHDR*)NativeMemory.AllocZeroed((nuint)sizeof(WAVEHDR));
            header->lpData = (nint)NativeMemory.Alloc((nuint)Math.Max(contents[i].Length, 1));
            contents[i].CopyTo(new Span<byte>((void*)header->lpData, contents[i].Length));
            header->dwBufferLength = (uint)contents[i].Length;
            header->dwFlags = WHDR_PREPARED;
            headers[i] = header;
        }
    }

    /// <summary>The header of buffer <paramref name="index"/>.</summary>
    public WAVEHDR* this[int index] => headers[index];

    /// <summary>The headers' addresses, in order: what WOM_DONE and WIM_DATA pass as dwParam1.</summary>
    public IReadOnlyList<nint> Addresses => [.. Enumerable.Range(0, headers.Length).Select(i => (nint)headers[i])];

    /// <summary>The bytes of buffer <paramref name="index"/> the driver recorded (dwBytesRecorded of them).</summary>
    public byte[] Recorded(int index) => new ReadOnlySpan<byte>((void*)headers[index]->lpData, (int)headers[index]->dwBytesRecorded).ToArray();

    public void Dispose()
    {
        foreach (var header in headers)
        {
            NativeMemory.Free((void*)header->lpData);
            NativeMemory.Free(header);
        }
    }
}
