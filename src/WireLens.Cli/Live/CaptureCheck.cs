using WireLens.Capture.Live;

namespace WireLens.Cli.Live;

/// <summary>Whether this process can capture at all, asked before a demo commits to capturing.</summary>
public static class CaptureCheck
{
    /// <summary>Null when a capture on <paramref name="interfaceName"/> opens; else the one-line reason.</summary>
    public static string? Problem(string interfaceName)
    {
        string file = Path.Combine(Path.GetTempPath(), $"wirelens-capture-check-{Environment.ProcessId}.pcap");
        try
        {
            var options = new LiveCaptureOptions { Interface = interfaceName, OutputFile = file, BufferMegabytes = 1 };
            if (LiveCapture.TryOpen(options, out LiveCapture? capture, out string error) != LiveCaptureOpenStatus.Opened)
            {
                return error;
            }

            capture!.Dispose();
            return null;
        }
        finally
        {
            File.Delete(file);
        }
    }
}
