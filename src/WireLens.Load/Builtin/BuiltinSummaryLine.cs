using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using WireLens.Reporting.Runs;

namespace WireLens.Load.Builtin;

/// <summary>
/// The one machine-readable line the generator prints last: <c>wirelens-load-summary {json}</c> (docs/builtin.md).
/// Written with <see cref="Format"/>, read back by <see cref="TryParse"/>, which never throws.
/// </summary>
public static class BuiltinSummaryLine
{
    /// <summary>The line's first word.</summary>
    public const string Prefix = "wirelens-load-summary";

    /// <summary>Lines longer than this are not summary lines.</summary>
    private const int MaxLineLength = 64 * 1024;

    /// <summary>The summary as one line: the prefix, a space and a JSON object (no newline).</summary>
    public static string Format(BuiltinSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("label", summary.Label);
            json.WriteNumber("requests", summary.Requests);
            json.WriteNumber("ok", summary.Ok);
            json.WriteNumber("errors", summary.Errors);
            json.WriteStartObject("errors_by_kind");
            json.WriteNumber("connect", summary.ConnectErrors);
            json.WriteNumber("timeout", summary.TimeoutErrors);
            json.WriteNumber("status", summary.StatusErrors);
            json.WriteNumber("other", summary.OtherErrors);
            json.WriteEndObject();
            json.WriteNumber("cancelled", summary.Cancelled);
            json.WriteNumber("dropped", summary.Dropped);
            json.WriteNumber("late", summary.Late);
            json.WriteNumber("connections", summary.Connections);
            json.WriteNumber("connect_failures", summary.ConnectFailures);
            json.WriteNumber("elapsed_s", summary.ElapsedSeconds);
            json.WriteNumber("requests_per_s", summary.RequestsPerSecond);
            json.WriteStartObject("latency_ms");
            json.WriteNumber("p50", summary.P50Ms);
            json.WriteNumber("p90", summary.P90Ms);
            json.WriteNumber("p99", summary.P99Ms);
            json.WriteNumber("mean", summary.MeanMs);
            json.WriteNumber("max", summary.MaxMs);
            json.WriteEndObject();
            json.WriteBoolean("interrupted", summary.Interrupted);
            json.WriteEndObject();
        }

        return Prefix + " " + Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>
    /// The last summary line in <paramref name="output"/> (other lines are skipped), or null when there is none or it
    /// cannot be read: not JSON, a count missing or negative, a number not finite. Never throws.
    /// </summary>
    public static BuiltinSummary? TryParse(string? output)
    {
        if (string.IsNullOrEmpty(output))
        {
            return null;
        }

        string[] lines = output.Split('\n');
        for (int i = lines.Length - 1; i >= 0; i--)
        {
            string line = lines[i].TrimEnd('\r');
            if (line.StartsWith(Prefix + " ", StringComparison.Ordinal) && line.Length <= MaxLineLength)
            {
                return TryParseJson(line[(Prefix.Length + 1)..]);
            }
        }

        return null;
    }

    /// <summary>The figures a run manifest keeps (<see cref="ToolSummary"/>) from a summary.</summary>
    public static ToolSummary ToToolSummary(BuiltinSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var latency = new Dictionary<string, double>(StringComparer.Ordinal);
        if (summary.Requests > 0)
        {
            latency["p50"] = summary.P50Ms;
            latency["p90"] = summary.P90Ms;
            latency["p99"] = summary.P99Ms;
            latency["mean"] = summary.MeanMs;
            latency["max"] = summary.MaxMs;
        }

        return new ToolSummary(summary.Requests, summary.Errors, summary.RequestsPerSecond, summary.Connections, latency);
    }

    private static BuiltinSummary? TryParseJson(string json)
    {
        try
        {
            using JsonDocument doc = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 4 });
            JsonElement root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("label", out JsonElement label) || label.ValueKind != JsonValueKind.String
                || !root.TryGetProperty("errors_by_kind", out JsonElement kinds) || kinds.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("latency_ms", out JsonElement latency) || latency.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            long?[] counts =
            [
                Count(root, "requests"), Count(root, "ok"), Count(kinds, "connect"), Count(kinds, "timeout"),
                Count(kinds, "status"), Count(kinds, "other"), Count(root, "cancelled"), Count(root, "dropped"),
                Count(root, "late"), Count(root, "connections"), Count(root, "connect_failures"),
            ];
            double?[] numbers =
            [
                Number(root, "elapsed_s"), Number(root, "requests_per_s"), Number(latency, "p50"), Number(latency, "p90"),
                Number(latency, "p99"), Number(latency, "mean"), Number(latency, "max"),
            ];
            bool interrupted = root.TryGetProperty("interrupted", out JsonElement i) && i.ValueKind == JsonValueKind.True;
            if (counts.Any(c => c is null) || numbers.Any(n => n is null))
            {
                return null;
            }

            return new BuiltinSummary
            {
                Label = label.GetString()!,
                Requests = counts[0]!.Value,
                Ok = counts[1]!.Value,
                ConnectErrors = counts[2]!.Value,
                TimeoutErrors = counts[3]!.Value,
                StatusErrors = counts[4]!.Value,
                OtherErrors = counts[5]!.Value,
                Cancelled = counts[6]!.Value,
                Dropped = counts[7]!.Value,
                Late = counts[8]!.Value,
                Connections = counts[9]!.Value,
                ConnectFailures = counts[10]!.Value,
                ElapsedSeconds = numbers[0]!.Value,
                RequestsPerSecond = numbers[1]!.Value,
                P50Ms = numbers[2]!.Value,
                P90Ms = numbers[3]!.Value,
                P99Ms = numbers[4]!.Value,
                MeanMs = numbers[5]!.Value,
                MaxMs = numbers[6]!.Value,
                Interrupted = interrupted,
            };
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static long? Count(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out JsonElement e) && e.ValueKind == JsonValueKind.Number && e.TryGetInt64(out long v) && v >= 0 ? v : null;

    private static double? Number(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out JsonElement e) && e.ValueKind == JsonValueKind.Number && e.TryGetDouble(out double v) && double.IsFinite(v) && v >= 0 ? v : null;

    /// <summary>Milliseconds from microseconds, for the line and the text summary.</summary>
    internal static double Milliseconds(long micros) => micros / 1000.0;

    /// <summary>A number as the text summary prints it.</summary>
    internal static string Text(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
