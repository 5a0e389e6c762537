using System.Globalization;
using WireLens.Cli.Live;
using WireLens.Reporting.Text;

namespace WireLens.Cli.Terminal;

/// <summary>
/// One status line on standard error while a live capture runs (packets, connections, requests, drops), redrawn in
/// place every second. Only when standard error is a terminal; a redirected stream gets nothing of it.
/// </summary>
public sealed class LiveStatusLine : IDisposable
{
    private readonly TextWriter _error;
    private readonly Func<string> _label;
    private readonly LiveAnalysis _analysis;
    private readonly Timer? _timer;
    private readonly Lock _gate = new();
    private bool _shown;

    /// <param name="analysis">Whose snapshots are shown.</param>
    /// <param name="label">The line's label.</param>
    /// <param name="error">Standard error.</param>
    /// <param name="show">False when the terminal UI has the screen.</param>
    public LiveStatusLine(LiveAnalysis analysis, Func<string> label, TextWriter error, bool show = true)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        _analysis = analysis;
        _label = label;
        _error = error;
        if (show && !Console.IsErrorRedirected)
        {
            _timer = new Timer(_ => Show(), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        }
    }

    /// <summary>The line for a snapshot.</summary>
    public static string Format(string label, LiveSnapshot s)
    {
        ArgumentNullException.ThrowIfNull(s);
        string drops = s.Capture.Dropped > 0 ? string.Create(CultureInfo.InvariantCulture, $"  DROPPED {s.Capture.Dropped:N0}") : string.Empty;
        return string.Create(CultureInfo.InvariantCulture,
            $"{label} {s.Elapsed.TotalSeconds,5:F0} s  {s.Capture.Written:N0} packets  {s.Connections:N0} connections ({s.OpenConnections:N0} open)  {s.Requests:N0} requests{drops}");
    }

    private void Show()
    {
        if (_analysis.Latest is not { } snapshot)
        {
            return;
        }

        lock (_gate)
        {
            _error.Write("\r\u001b[K" + WireText.EscapeControl(Format(_label(), snapshot)));
            _shown = true;
        }
    }

    public void Dispose()
    {
        _timer?.Dispose();
        lock (_gate)
        {
            if (_shown)
            {
                _error.Write("\r\u001b[K");
                _shown = false;
            }
        }
    }
}
