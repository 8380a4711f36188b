using NAudio.Wave;

namespace InstallableDrivers.NAudioTests;

/// <summary>Reading NAudio providers to the end, in NAudio 2's array-based API (the NAudio 3 tests have their own).</summary>
internal static class WaveProviders
{
    /// <summary>Every byte the provider gives until it gives none.</summary>
    public static byte[] ReadAll(IWaveProvider provider)
    {
        var output = new MemoryStream();
        var buffer = new byte[4096];
        int read;
        while ((read = provider.Read(buffer, 0, buffer.Length)) > 0)
        {
            output.Write(buffer, 0, read);
        }

        return output.ToArray();
    }
}
