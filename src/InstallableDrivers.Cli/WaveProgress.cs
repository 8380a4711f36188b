using System.Globalization;
using InstallableDrivers.Multimedia;
using Spectre.Console;

namespace InstallableDrivers.Cli;

/// <summary>
/// Shows how far a play or record has come: a progress bar on a terminal; nothing while it runs when the output is a
/// file or a pipe (the command prints its summary line either way).
/// </summary>
internal static class WaveProgress
{
    /// <summary>Runs <paramref name="work"/>, which reports bytes done out of <paramref name="totalBytes"/>.</summary>
    public static async Task<long> RunAsync(string description, long totalBytes, Func<IProgress<long>?, Task<long>> work)
    {
        if (Console.IsOutputRedirected)
        {
            return await work(null).ConfigureAwait(false);
        }

        long result = 0;
        await Terminal.Out.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(Markup.Escape(description), maxValue: Math.Max(totalBytes, 1));
                result = await work(new Reporter(task)).ConfigureAwait(false);
                task.Value = task.MaxValue;
            }).ConfigureAwait(false);
        return result;
    }

    /// <summary>Seconds of audio, for messages: "1.50 s".</summary>
    public static string Seconds(WaveFormat format, long bytes) =>
        string.Create(CultureInfo.InvariantCulture, $"{format.DurationOf(bytes).TotalSeconds:0.00} s");

    // Progress<T> would post each report to the thread pool; the bar takes the value at once, from any thread.
    private sealed class Reporter(ProgressTask task) : IProgress<long>
    {
        public void Report(long value) => task.Value = value;
    }
}
