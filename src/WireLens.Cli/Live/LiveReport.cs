using System.Globalization;
using WireLens.Capture.Live;

namespace WireLens.Cli.Live;

/// <summary>The lines a live command prints about what it saved.</summary>
public static class LiveReport
{
    public static void WriteSaved(TextWriter stdout, string capturePath, string manifestPath, LiveCaptureStatistics s, int sockets, bool blankLine = true)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(s);
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Saved {capturePath} ({s.Written:N0} packets; libpcap received {s.Received:N0}, dropped {s.DroppedByKernel:N0} by the kernel, {s.DroppedByInterface:N0} by the interface; {s.DroppedByQueue:N0} not analysed live)"));
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Saved {manifestPath}{(sockets > 0 ? $" ({sockets:N0} process-owned sockets)" : string.Empty)}"));
        if (blankLine)
        {
            stdout.WriteLine();
        }
    }
}
