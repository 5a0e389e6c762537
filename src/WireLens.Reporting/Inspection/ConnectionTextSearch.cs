using System.Buffers;
using System.Globalization;
using WireLens.Reporting.Text;
using WireLens.Wire;
using WireLens.Wire.Ip;

namespace WireLens.Reporting.Inspection;

/// <summary>
/// <see cref="ConnectionFilter.Text"/> over many rows: the same answer as looking for the text in every
/// <see cref="ConnectionColumns.Text"/>, without making those strings. Numbers are formatted into a stack buffer; wire
/// strings (pooled by the table, so they repeat) and addresses are looked at once per distinct value; columns with a
/// handful of values are decided once per value. One instance serves one query on one thread.
/// </summary>
internal sealed class ConnectionTextSearch
{
    private static readonly SearchValues<char> s_numberChars = SearchValues.Create("0123456789.-");
    private static readonly SearchValues<char> s_endpointChars = SearchValues.Create("0123456789abcdefABCDEF.:[]");

    private readonly string _needle;
    private readonly Timestamp _origin;
    private readonly Dictionary<string, bool> _strings = new(StringComparer.Ordinal);
    private readonly Dictionary<IpAddress, string> _addresses = [];
    private readonly Dictionary<(ConnectionColumn, long), bool> _small = [];

    // Whether the text can occur in a number's cell at all, or in an address:port one: most searches are words.
    private readonly bool _maybeNumber;
    private readonly bool _maybeEndpoint;

    public ConnectionTextSearch(string needle, Timestamp origin)
    {
        _needle = needle;
        _origin = origin;
        _maybeNumber = !needle.AsSpan().ContainsAnyExcept(s_numberChars);
        _maybeEndpoint = !needle.AsSpan().ContainsAnyExcept(s_endpointChars);
    }

    public bool Matches(in ConnectionSummary row)
    {
        Span<char> buffer = stackalloc char[64];
        return WireString(row.Group)
            || WireString(row.Tool)
            || (row.Sni is not null && WireString(row.Sni))
            || (row.Alpn is not null && WireString(row.Alpn))
            || Small(row, ConnectionColumn.Requests)
            || Small(row, ConnectionColumn.Close)
            || Small(row, ConnectionColumn.TimeWait)
            || Small(row, ConnectionColumn.Protocol)
            || Small(row, ConnectionColumn.Tls)
            || Small(row, ConnectionColumn.Resumed)
            || (_maybeEndpoint && (Endpoint(buffer, row.ClientIp, row.ClientPort) || Endpoint(buffer, row.ServerIp, row.ServerPort)))
            || (_maybeNumber && MatchesNumbers(buffer, row));
    }

    private bool MatchesNumbers(Span<char> buffer, in ConnectionSummary row) =>
        Number(buffer, row.Stream)
        || Fixed3(buffer, ConnectionColumns.StartSeconds(row.FirstTime, _origin))
        || Fixed3(buffer, ConnectionColumns.DurationNanoseconds(row) / 1_000_000.0)
        || (float.IsFinite(row.HandshakeRttMs) && Fixed3(buffer, row.HandshakeRttMs))
        || Number(buffer, row.SynRetransmits)
        || Number(buffer, row.Retransmissions)
        || (float.IsFinite(row.ClientHelloToServerHelloMs) && Fixed3(buffer, row.ClientHelloToServerHelloMs));

    private bool Contains(ReadOnlySpan<char> text) => text.Contains(_needle, StringComparison.OrdinalIgnoreCase);

    private bool Number(Span<char> buffer, long value) =>
        value.TryFormat(buffer, out int n, default, CultureInfo.InvariantCulture) && Contains(buffer[..n]);

    private bool Fixed3(Span<char> buffer, double value) =>
        value.TryFormat(buffer, out int n, "F3", CultureInfo.InvariantCulture)
            ? Contains(buffer[..n])
            : Contains(value.ToString("F3", CultureInfo.InvariantCulture));

    private bool WireString(string value)
    {
        if (!_strings.TryGetValue(value, out bool found))
        {
            found = Contains(WireText.EscapeControl(value));
            _strings[value] = found;
        }

        return found;
    }

    private bool Endpoint(Span<char> buffer, IpAddress address, ushort port)
    {
        if (!_addresses.TryGetValue(address, out string? text))
        {
            // "[v6]:" or "v4:" as ConnectionGrouping.Endpoint writes it, without the port.
            text = address.Version == 6 ? "[" + address + "]:" : address + ":";
            _addresses[address] = text;
        }

        if (text.Length + 5 > buffer.Length)
        {
            return Contains(text + port.ToString(CultureInfo.InvariantCulture));
        }

        text.CopyTo(buffer);
        port.TryFormat(buffer[text.Length..], out int n, default, CultureInfo.InvariantCulture);
        return Contains(buffer[..(text.Length + n)]);
    }

    // Columns whose text depends on a small value (an enum, a version, a count):
    // decided once per value through the column's own Text.
    private bool Small(in ConnectionSummary row, ConnectionColumn column)
    {
        long key = column switch
        {
            ConnectionColumn.Requests => row.Requests < 0 ? long.MinValue : row.RequestsEstimated ? ~(long)row.Requests : row.Requests,
            ConnectionColumn.Close => (long)row.Close,
            ConnectionColumn.TimeWait => (long)row.TimeWaitSide,
            ConnectionColumn.Protocol => row.IsTls ? -1 : (long)row.Http,
            ConnectionColumn.Tls => row.TlsVersion,
            ConnectionColumn.Resumed => row.TlsResumed switch { true => 1, false => 0, null => -1 },
            _ => throw new ArgumentOutOfRangeException(nameof(column), column, null),
        };

        if (!_small.TryGetValue((column, key), out bool found))
        {
            found = Contains(ConnectionColumns.Text(row, column, _origin));
            _small[(column, key)] = found;
        }

        return found;
    }
}
