using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using WireLens.Reporting.Export;
using WireLens.Wire;

namespace WireLens.Reporting.Runs;

public static partial class RunManifestJson
{
    // The file is read by people and by programs, never inlined in HTML, so only what JSON itself requires is escaped
    // (quotes, backslash, control characters; characters outside the BMP as surrogate pairs): a URL keeps its '&'.
    private static readonly JsonWriterOptions s_writerOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = true,
    };

    /// <summary>Writes the manifest to a file, replacing it (through <c>PATH.tmp</c>, <see cref="ExportFile"/>).</summary>
    /// <exception cref="ArgumentException">The manifest would not read back (see <see cref="ToUtf8"/>).</exception>
    public static void Write(string path, RunManifest manifest)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        byte[] utf8 = ToUtf8(manifest);
        ExportFile.Write(path, temp => File.WriteAllBytes(temp, utf8));
    }

    /// <summary>Writes the manifest to a stream.</summary>
    /// <exception cref="ArgumentException">The manifest would not read back (see <see cref="ToUtf8"/>).</exception>
    public static void Write(Stream stream, RunManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(stream);
        stream.Write(ToUtf8(manifest));
    }

    /// <summary>
    /// The manifest as indented UTF-8 JSON, which <see cref="TryParse(ReadOnlyMemory{byte}, out RunManifest?, out string, string)"/>
    /// reads back to the same values. Null values are left out; times are RFC 3339 UTC with as few fractional digits
    /// as keep them exact.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// The manifest breaks a rule of the reader (duplicate labels, stop before start, a negative count…): the message
    /// is the reader's error.
    /// </exception>
    public static byte[] ToUtf8(RunManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var json = new Utf8JsonWriter(buffer, s_writerOptions))
        {
            WriteManifest(json, manifest);
        }

        buffer.Write("\n"u8);
        byte[] bytes = buffer.WrittenSpan.ToArray();

        // What is written must read back: one set of rules, the reader's.
        if (!TryParse(bytes, out _, out string error))
        {
            throw new ArgumentException(error, nameof(manifest));
        }

        return bytes;
    }

    private static void WriteManifest(Utf8JsonWriter json, RunManifest manifest)
    {
        json.WriteStartObject();
        json.WriteNumber(VersionProperty, manifest.Version);
        if (manifest.Capture is { } capture)
        {
            json.WriteStartObject(CaptureProperty);
            WriteOptional(json, FileProperty, capture.File);
            WriteOptional(json, InterfaceProperty, capture.Interface);
            if (capture.PortRange is { } range)
            {
                json.WriteStartArray(PortRangeProperty);
                json.WriteNumberValue(range.Low);
                json.WriteNumberValue(range.High);
                json.WriteEndArray();
            }

            WriteOptional(json, ReceivedProperty, capture.Received);
            WriteOptional(json, DroppedByKernelProperty, capture.DroppedByKernel);
            WriteOptional(json, DroppedByInterfaceProperty, capture.DroppedByInterface);
            WriteOptional(json, DroppedByQueueProperty, capture.DroppedByQueue);
            json.WriteEndObject();
        }

        json.WriteStartArray(RunsProperty);
        foreach (RunEntry run in manifest.Runs)
        {
            WriteRun(json, run);
        }

        json.WriteEndArray();
        if (manifest.Sockets.Count > 0)
        {
            json.WriteStartArray(SocketsProperty);
            foreach (SocketOwner socket in manifest.Sockets)
            {
                json.WriteStartObject();
                json.WriteString(LocalProperty, new System.Net.IPEndPoint(socket.LocalIp.ToIPAddress(), socket.LocalPort).ToString());
                json.WriteString(RemoteProperty, new System.Net.IPEndPoint(socket.RemoteIp.ToIPAddress(), socket.RemotePort).ToString());
                json.WriteString(ToolProperty, socket.Tool);
                WriteOptional(json, PidProperty, socket.Pid);
                json.WriteString(FirstSeenProperty, Rfc3339.Format(socket.FirstSeen));
                json.WriteString(LastSeenProperty, Rfc3339.Format(socket.LastSeen));
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }
        json.WriteEndObject();
    }

    private static void WriteRun(Utf8JsonWriter json, RunEntry run)
    {
        json.WriteStartObject();
        json.WriteString(LabelProperty, run.Label);
        json.WriteString(ToolProperty, run.Tool);
        WriteOptional(json, ToolVersionProperty, run.ToolVersion);
        json.WriteStartArray(CommandProperty);
        foreach (string arg in run.Command)
        {
            json.WriteStringValue(arg);
        }

        json.WriteEndArray();
        WriteOptional(json, TargetProperty, run.Target);
        WriteOptional(json, ConcurrencyProperty, run.Concurrency);
        json.WriteString(StartProperty, Rfc3339.Format(run.Start));
        json.WriteString(StopProperty, Rfc3339.Format(run.Stop));
        if (run.Summary is { } summary)
        {
            json.WriteStartObject(SummaryProperty);
            WriteOptional(json, RequestsProperty, summary.Requests);
            WriteOptional(json, ErrorsProperty, summary.Errors);
            if (summary.RequestsPerSecond is { } rps)
            {
                json.WriteNumber(RequestsPerSecondProperty, rps);
            }

            WriteOptional(json, ConnectionsProperty, summary.Connections);
            json.WriteStartObject(LatencyProperty);
            foreach ((string name, double ms) in summary.LatencyMs)
            {
                json.WriteNumber(name, ms);
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteEndObject();
    }

    private static void WriteOptional(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null)
        {
            json.WriteString(name, value);
        }
    }

    private static void WriteOptional(Utf8JsonWriter json, string name, long? value)
    {
        if (value is { } v)
        {
            json.WriteNumber(name, v);
        }
    }

    /// <summary>The time as <c>run.json</c> writes it (RFC 3339 UTC, as few fractional digits as keep it exact).</summary>
    public static string FormatTime(Timestamp time) => Rfc3339.Format(time);
}
