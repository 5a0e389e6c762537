using System.Diagnostics;
using System.Globalization;

namespace WireLens.Cli.Terminal;

/// <summary>
/// Progress of a long file read on standard error: bytes read, packets per second, time left. Shown only when
/// standard error is a terminal, so nothing of it reaches a redirected stream or standard output.
/// </summary>
public sealed class ProgressReporter
{
    private static readonly TimeSpan s_interval = TimeSpan.FromMilliseconds(500);
    private readonly long? _total;
    private readonly TextWriter _error;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private TimeSpan _lastShown;
    private bool _shown;

    public ProgressReporter(long? totalBytes, TextWriter error)
    {
        _total = totalBytes;
        _error = error;
    }

    /// <summary>Shown for files over 64 MiB (or of unknown size) when standard error is a terminal.</summary>
    public static bool ShouldShow(long? fileLength) =>
        !Console.IsErrorRedirected && (fileLength is null || fileLength > 64L * 1024 * 1024);

    public void Report(long bytesRead, long packets)
    {
        TimeSpan now = _clock.Elapsed;
        if (now - _lastShown < s_interval)
        {
            return;
        }

        _lastShown = now;
        double seconds = Math.Max(now.TotalSeconds, 0.001);
        double rate = packets / seconds;
        string left = string.Empty;
        if (_total is > 0 && bytesRead > 0)
        {
            double remaining = seconds * (_total.Value - bytesRead) / bytesRead;
            left = string.Create(CultureInfo.InvariantCulture, $"  {remaining:F0} s left");
        }

        string total = _total is null ? string.Empty : " / " + Megabytes(_total.Value);
        _error.Write(string.Create(CultureInfo.InvariantCulture, $"\r{Megabytes(bytesRead)}{total}  {rate / 1e6:F2} M packets/s{left}   "));
        _shown = true;
    }

    public void Clear()
    {
        if (_shown)
        {
            _error.Write("\r" + new string(' ', 72) + "\r");
        }
    }

    private static string Megabytes(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1048576.0:F1} MiB");
}
