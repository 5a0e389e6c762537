using System.Globalization;

namespace WireLens.Load.Builtin;

/// <summary>The human summary of a run, printed before the machine line.</summary>
public static class BuiltinSummaryText
{
    /// <summary>Writes the summary of a run with <paramref name="settings"/> (several lines, no machine line).</summary>
    public static void Write(TextWriter output, BuiltinSettings settings, BuiltinSummary summary, IReadOnlyDictionary<string, string> firstErrors)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(firstErrors);
        IFormatProvider c = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(c, $"{summary.Label}  GET {settings.Target}"));
        output.WriteLine(string.Create(c, $"  mode         {Mode(settings)}"));
        output.WriteLine(string.Create(c, $"  requests     {summary.Requests} answered ({summary.Ok} ok) in {summary.ElapsedSeconds:0.000} s: {summary.RequestsPerSecond:0.0} requests/s"));
        output.WriteLine(string.Create(c,
            $"  errors       {summary.Errors} (connect {summary.ConnectErrors}, timeout {summary.TimeoutErrors}, status>=400 {summary.StatusErrors}, other {summary.OtherErrors})"));
        output.WriteLine(string.Create(c, $"  connections  {summary.Connections} opened, {summary.ConnectFailures} attempts failed"));
        if (summary.Requests > 0)
        {
            output.WriteLine(string.Create(c,
                $"  latency ms   p50 {summary.P50Ms:0.000}  p90 {summary.P90Ms:0.000}  p99 {summary.P99Ms:0.000}  mean {summary.MeanMs:0.000}  max {summary.MaxMs:0.000}"));
        }

        if (settings.Rate is { } rate)
        {
            output.WriteLine(string.Create(c,
                $"  schedule     {rate:0.###} requests/s: {summary.Dropped} dropped (at the in-flight bound of {settings.InFlight}), {summary.Late} late (> {settings.LateThreshold.TotalMilliseconds:0.###} ms)"));
        }

        if (summary.Interrupted)
        {
            output.WriteLine(string.Create(c, $"  interrupted  {summary.Cancelled} requests in flight were cancelled"));
        }

        foreach ((string kind, string message) in firstErrors.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"  first {kind} error: {message}");
        }
    }

    /// <summary>The load model and protocol in words.</summary>
    public static string Mode(BuiltinSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        IFormatProvider c = CultureInfo.InvariantCulture;
        string model = settings.Rate is { } r
            ? string.Create(c, $"open model, {r:0.###} requests/s, at most {settings.InFlight} in flight")
            : string.Create(c, $"closed loop, {settings.InFlight} workers");
        string bound = settings.Requests is { } n ? string.Create(c, $"{n} requests") : string.Create(c, $"{settings.Duration!.Value.TotalSeconds:0.###} s");
        string protocol = settings.Http2
            ? string.Create(c, $"HTTP/2 ({(settings.Target.Scheme == "https" ? "h2" : "h2c")}), {settings.Pools} connections x {settings.StreamsPerConnection} streams")
            : "HTTP/1.1 " + (settings.KeepAlive ? "keep-alive" : "Connection: close");
        string tls = settings.Target.Scheme == "https" ? (!settings.TlsResume ? ", TLS full handshakes"
                : settings.TargetHasHostName ? ", TLS resumption offered" : ", TLS full handshakes (no resumption for an IP address target)") : string.Empty;
        return $"{model}, {bound}, {protocol}{tls}";
    }
}
