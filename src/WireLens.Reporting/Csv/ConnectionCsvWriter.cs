using System.Globalization;
using CsvHelper;
using WireLens.Analysis.Connections;
using WireLens.Reporting.Attribution;
using WireLens.Reporting.Export;
using WireLens.Reporting.Text;
using WireLens.Wire;

namespace WireLens.Reporting.Csv;

/// <summary>
/// Streams connections to <c>&lt;dir&gt;/connections.csv</c>, one row per connection, columns as in
/// <see cref="ConnectionFields.Names"/> (docs/connections-csv.md).
/// </summary>
/// <remarks>
/// <para>Cells: times ISO 8601 UTC with 6 or 9 fractional digits; milliseconds with exactly three decimals;
/// <c>true</c>/<c>false</c>; an empty cell for null/unknown; wire text (user_agent, http_host, tls_sni, ...) through
/// <see cref="WireText.CsvSafe"/> (control characters escaped, formula starts prefixed with <c>'</c>); lists joined
/// with <c>;</c> (wire-text lists through <see cref="WireText.CsvSafeList"/>); numbers untouched.
/// CsvHelper quotes (RFC 4180 quoting, invariant culture, UTF-8 without BOM, <c>\n</c> line ends).</para>
/// <para>Order: rows are written in stream order through a <see cref="StreamOrderBuffer{T}"/>. If more than the
/// reorder capacity of connections wait for an earlier stream, the lowest waiting ones are written anyway and a
/// late stream is written where it arrives: the file is then in stream order only piecewise
/// (<see cref="RowsWrittenOutOfOrder"/> says how many rows came late).</para>
/// <para>Rows go to <c>connections.csv.tmp</c>; <see cref="Complete"/> renames it to <c>connections.csv</c>.
/// Disposing without <see cref="Complete"/> deletes the temporary file, so an interrupted export never leaves a
/// partial file under the final name.</para>
/// </remarks>
public sealed class ConnectionCsvWriter : IConnectionSink, IDisposable
{
    /// <summary>The file name written in the output folder.</summary>
    public const string FileName = "connections.csv";

    private readonly CsvWriter _csv;
    private readonly StreamOrderBuffer<ConnectionRecord> _order;
    private readonly CellWriter _cells;
    private readonly ConnectionGrouping _grouping;
    private bool _completed;
    private bool _disposed;

    /// <param name="directory">The output folder (must exist).</param>
    /// <param name="fractionalDigits">6 or 9: the capture's timestamp precision.</param>
    /// <param name="reorderCapacity">How many connections may wait for an earlier stream.</param>
    /// <param name="grouping">Gives the group, tool and tool_source columns (this writer's own instance); by tool from the capture alone when null.</param>
    public ConnectionCsvWriter(
        string directory,
        int fractionalDigits = 6,
        int reorderCapacity = StreamOrderBuffer<ConnectionRecord>.DefaultCapacity,
        ConnectionGrouping? grouping = null)
    {
        ArgumentNullException.ThrowIfNull(directory);
        if (fractionalDigits is not (6 or 9))
        {
            throw new ArgumentOutOfRangeException(nameof(fractionalDigits), fractionalDigits, "Timestamps have 6 or 9 fractional digits.");
        }

        _grouping = grouping ?? ConnectionGrouping.ByToolFromCapture();
        FinalPath = Path.Combine(directory, FileName);
        TempPath = FinalPath + ".tmp";
        _order = new StreamOrderBuffer<ConnectionRecord>(r => r.Stream, WriteRow, reorderCapacity);
        _csv = CsvWriter.ToFile(TempPath, CsvFiles.Options, FileOptions.SequentialScan);
        _cells = new CellWriter(_csv, fractionalDigits);
        _csv.WriteHeader(ConnectionFields.Names.ToArray());
    }

    /// <summary>Where the finished file is (after <see cref="Complete"/>).</summary>
    public string FinalPath { get; }

    /// <summary>Where rows are written until <see cref="Complete"/>.</summary>
    public string TempPath { get; }

    public long RowsWritten => _order.Written;

    /// <summary>Rows written after a higher stream because the reorder buffer was full.</summary>
    public long RowsWrittenOutOfOrder => _order.WrittenOutOfOrder;

    public void OnConnection(ConnectionRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        ThrowIfClosed();
        _order.Add(record);
    }

    /// <summary>Writes the connections still waiting, closes the file and renames it to <see cref="FinalPath"/>.</summary>
    public void Complete()
    {
        ThrowIfClosed();
        _order.Flush();
        _csv.Dispose();
        File.Move(TempPath, FinalPath, overwrite: true);
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
            _csv.Dispose();
            File.Delete(TempPath);
        }
    }

    private void ThrowIfClosed()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_completed)
        {
            throw new InvalidOperationException("The CSV export is already complete.");
        }
    }

    private void WriteRow(ConnectionRecord record)
    {
        ConnectionFields.Write(record, _grouping.Classify(record), _cells);
        _csv.EndRecord();
    }

    /// <summary>Turns typed columns into CSV cells.</summary>
    private sealed class CellWriter(CsvWriter csv, int fractionalDigits) : IConnectionFieldWriter
    {
        // Numbers and times are formatted into a stack buffer: a row has 67 cells and a churn capture 100,000s of rows.
        public void Integer(string name, long? value)
        {
            Span<char> buffer = stackalloc char[24];
            int n = 0;
            if (value is { } v)
            {
                v.TryFormat(buffer, out n, default, CultureInfo.InvariantCulture);
            }

            csv.WriteField((ReadOnlySpan<char>)buffer[..n]);
        }

        public void Milliseconds(string name, double? value)
        {
            Span<char> buffer = stackalloc char[32];
            int n = 0;
            if (value is { } v && double.IsFinite(v) && !v.TryFormat(buffer, out n, ConnectionValues.MillisecondsFormat, CultureInfo.InvariantCulture))
            {
                csv.WriteField(ConnectionValues.Milliseconds(v));
                return;
            }

            csv.WriteField((ReadOnlySpan<char>)buffer[..n]);
        }

        public void Time(string name, Timestamp? value)
        {
            Span<char> buffer = stackalloc char[40];
            int n = 0;
            if (value is { } t && !t.TryFormatIso8601(buffer, fractionalDigits, out n))
            {
                csv.WriteField(t.ToIso8601(fractionalDigits));
                return;
            }

            csv.WriteField((ReadOnlySpan<char>)buffer[..n]);
        }

        public void Boolean(string name, bool? value) =>
            csv.WriteField(value switch { true => "true", false => "false", null => string.Empty });

        public void Token(string name, string? value) => csv.WriteField(value ?? string.Empty);

        public void WireString(string name, string? value) =>
            csv.WriteField(value is null ? string.Empty : WireText.CsvSafe(value));

        public void TokenList(string name, IReadOnlyList<string>? values) => csv.WriteField(values switch
        {
            null => string.Empty,
            [] => "none",
            _ => string.Join(WireText.ListSeparator, values),
        });

        public void WireStringList(string name, IReadOnlyList<string>? values) =>
            csv.WriteField(values is null ? string.Empty : WireText.CsvSafeList(values));
    }
}
