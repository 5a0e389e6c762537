using System.Text.Encodings.Web;
using System.Text.Json;
using WireLens.Analysis.Connections;
using WireLens.Reporting.Attribution;
using WireLens.Reporting.Export;
using WireLens.Reporting.Findings;
using WireLens.Reporting.Groups;
using WireLens.Reporting.Summary;

namespace WireLens.Reporting.Json;

/// <summary>
/// Writes the <c>--json FILE</c> report: <c>{"summary": {...}, "connections": [{...}, ...]}</c>, the connection
/// keys being the CSV column names (<see cref="ConnectionFields.Names"/>) with JSON numbers, booleans and null, and
/// arrays of strings for the list columns (which the CSV joins with <c>;</c>).
/// </summary>
/// <remarks>
/// <para>The summary is known only at the end, but it comes first in the file, so connections are streamed (in stream
/// order, through the same <see cref="StreamOrderBuffer{T}"/> as the CSV, with the same bounded-reorder caveat) to
/// <c>FILE.connections.tmp</c>. <see cref="Complete"/> writes the summary and then copies the connections into
/// <c>FILE.tmp</c> and renames that to FILE; disposing without <see cref="Complete"/> deletes both temporary files.</para>
/// <para>Layout: one connection object per line, so line tools work on it too. Strings hold the exact wire text;
/// the JSON writer escapes control characters (and, with the default encoder, every non-ASCII character including
/// bidi controls) as <c>\uXXXX</c>. No spreadsheet formula rule applies.</para>
/// </remarks>
public sealed class JsonReportWriter : IConnectionSink, IDisposable
{
    private static readonly JsonWriterOptions s_options = new() { Encoder = JavaScriptEncoder.Default, Indented = false };

    private readonly FileStream _connections;
    private readonly Utf8JsonWriter _json;
    private readonly JsonFieldWriter _fields;
    private readonly ConnectionGrouping _grouping;
    private readonly StreamOrderBuffer<ConnectionRecord> _order;
    private bool _anyConnection;
    private bool _completed;
    private bool _disposed;

    /// <param name="filePath">The report file to produce.</param>
    /// <param name="fractionalDigits">6 or 9: the capture's timestamp precision.</param>
    /// <param name="reorderCapacity">How many connections may wait for an earlier stream.</param>
    /// <param name="grouping">Gives the group, tool and tool_source keys (this writer's own instance); by tool from the capture alone when null.</param>
    public JsonReportWriter(
        string filePath,
        int fractionalDigits = 6,
        int reorderCapacity = StreamOrderBuffer<ConnectionRecord>.DefaultCapacity,
        ConnectionGrouping? grouping = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(filePath);
        if (fractionalDigits is not (6 or 9))
        {
            throw new ArgumentOutOfRangeException(nameof(fractionalDigits), fractionalDigits, "Timestamps have 6 or 9 fractional digits.");
        }

        _grouping = grouping ?? ConnectionGrouping.ByToolFromCapture();
        FinalPath = filePath;
        TempPath = filePath + ".tmp";
        ConnectionsTempPath = filePath + ".connections.tmp";
        _order = new StreamOrderBuffer<ConnectionRecord>(r => r.Stream, WriteConnection, reorderCapacity);
        _connections = new FileStream(ConnectionsTempPath, FileMode.Create, FileAccess.ReadWrite, FileShare.Read);
        _json = new Utf8JsonWriter(_connections, s_options);
        _fields = new JsonFieldWriter(_json, fractionalDigits);
    }

    public string FinalPath { get; }

    /// <summary>The file assembled by <see cref="Complete"/> before it is renamed to <see cref="FinalPath"/>.</summary>
    public string TempPath { get; }

    /// <summary>Where connection objects are streamed until <see cref="Complete"/>.</summary>
    public string ConnectionsTempPath { get; }

    public long ConnectionsWritten => _order.Written;

    /// <summary>Connections written after a higher stream because the reorder buffer was full.</summary>
    public long ConnectionsWrittenOutOfOrder => _order.WrittenOutOfOrder;

    public void OnConnection(ConnectionRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        ThrowIfClosed();
        _order.Add(record);
    }

    /// <summary>
    /// Writes the remaining connections, then the final file (summary first; then, when given, the per-group report's
    /// <c>tools</c> and <c>timeseries</c> and the <c>findings</c>; connections last), and renames it to <see cref="FinalPath"/>.
    /// </summary>
    public void Complete(CaptureSummary summary, ToolsReport? tools = null, IReadOnlyList<Finding>? findings = null)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ThrowIfClosed();
        _order.Flush();
        _json.Flush();

        using (var output = new FileStream(TempPath, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            output.Write("{\"summary\":"u8);
            using (var summaryJson = new Utf8JsonWriter(output, s_options))
            {
                SummaryJson.Write(summaryJson, summary);
            }

            if (tools is not null)
            {
                WriteSection(output, "tools"u8, json => ToolsJson.WriteTools(json, tools));
                WriteSection(output, "timeseries"u8, json => ToolsJson.WriteTimeSeries(json, tools));
            }

            if (findings is not null)
            {
                WriteSection(output, "findings"u8, json => ToolsJson.WriteFindings(json, findings));
            }

            output.Write(",\n\"connections\":["u8);
            _connections.Position = 0;
            _connections.CopyTo(output);
            output.Write("\n]}\n"u8);
        }

        _json.Dispose();
        _connections.Dispose();
        File.Move(TempPath, FinalPath, overwrite: true);
        File.Delete(ConnectionsTempPath);
        _completed = true;
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (!_completed)
        {
            _json.Dispose();
            _connections.Dispose();
            File.Delete(ConnectionsTempPath);
            File.Delete(TempPath);
        }
    }

    private static void WriteSection(Stream output, ReadOnlySpan<byte> name, Action<Utf8JsonWriter> write)
    {
        output.Write(",\n\""u8);
        output.Write(name);
        output.Write("\":"u8);
        using var json = new Utf8JsonWriter(output, s_options);
        write(json);
    }

    private void ThrowIfClosed()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_completed)
        {
            throw new InvalidOperationException("The JSON report is already complete.");
        }
    }

    private void WriteConnection(ConnectionRecord record)
    {
        // One object per line; the writer is reset per object because the objects are not inside a JSON container
        // it could track (the array brackets are written when the file is assembled).
        _json.Flush();
        _connections.Write(_anyConnection ? ",\n"u8 : "\n"u8);
        _anyConnection = true;
        _json.Reset(_connections);
        _json.WriteStartObject();
        ConnectionFields.Write(record, _grouping.Classify(record), _fields);
        _json.WriteEndObject();
        _json.Flush();
    }
}
