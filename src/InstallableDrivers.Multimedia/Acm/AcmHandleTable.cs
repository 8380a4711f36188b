namespace InstallableDrivers.Multimedia;

/// <summary>
/// The ACM's handles (HACMDRIVERID, HACMDRIVER, HACMSTREAM): opaque, never 0, never reused, and each names one kind of
/// object, so a handle of one kind passed where another is expected is MMSYSERR_INVALHANDLE, as in msacm32.
/// </summary>
internal sealed class AcmHandleTable
{
    /// <summary>Handles start high and step by 16 so that none looks like a small number or a pointer a caller may have.</summary>
    private const long FirstHandle = 0x4143_0000;

    private readonly Dictionary<nint, object> objects = [];
    private long lastHandle = FirstHandle;

    public nint Add(object target)
    {
        lastHandle += 16;
        var handle = (nint)lastHandle;
        objects.Add(handle, target);
        return handle;
    }

    /// <summary>The object of <paramref name="handle"/> if it is of kind <typeparamref name="T"/>, else null.</summary>
    public T? Get<T>(nint handle)
        where T : class => handle != 0 && objects.TryGetValue(handle, out var target) ? target as T : null;

    public void Remove(nint handle) => objects.Remove(handle);

    /// <summary>Forgets every handle.</summary>
    public void Clear() => objects.Clear();

    /// <summary>Every object of kind <typeparamref name="T"/>, in no particular order.</summary>
    public List<T> All<T>()
        where T : class => [.. objects.Values.OfType<T>()];
}
