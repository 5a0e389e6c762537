using WireLens.Analysis.Connections;
using WireLens.Reporting.Inspection;
using WireLens.Wire;
using WireLens.Wire.Ip;
using static WireLens.UnitTests.Inspection.SummaryRows;

namespace WireLens.UnitTests.Inspection;

public class ConnectionQueryTests
{
    public static TheoryData<ConnectionColumn> Columns => [.. ConnectionColumns.All];

    // Every kind of row, twice in places, so each column has ties, unknowns and distinct values.
    private static ConnectionRows Mixed() => ConnectionRows.Of(
    [
        HttpRow(0),
        TlsRow(1),
        UnknownRow(2),
        HttpRow(3) with { Group = "ab", Tool = "ab", ClientPort = 40000, Requests = 2, Close = CloseKind.ServerFin, TimeWaitSide = Side.Server },
        TlsRow(4) with { TlsResumed = false, ClientHelloToServerHelloMs = 3.5f, Sni = null, TlsVersion = 0x0303, Alpn = "h2" },
        UnknownRow(5) with { ClientIp = Ip("::1"), ServerIp = Ip("::1"), FirstTime = At(-5) },
        HttpRow(6) with { HandshakeRttMs = 40f, LastTime = At(9_000_000_000), Http = HttpProtocolKind.H2c },
        TlsRow(7) with { TlsVersion = 0, TlsResumed = null, ClientHelloToServerHelloMs = float.NaN, Requests = -1, RequestsEstimated = false },
        HttpRow(8),
        TlsRow(9),
    ]);

    [Theory]
    [MemberData(nameof(Columns))]
    public void Select_EveryColumn_AscendingIsCompareOrderStable(ConnectionColumn column)
    {
        ConnectionRows rows = Mixed();

        int[] order = ConnectionQuery.Select(rows, ConnectionFilter.None, column, descending: false, Origin);

        AssertSorted(rows, order, column, descending: false);
        Assert.Equal(Enumerable.Range(0, rows.Count), order.Order());
    }

    [Theory]
    [MemberData(nameof(Columns))]
    public void Select_EveryColumn_DescendingReversesKnownKeepsUnknownLastAndTiesInRowOrder(ConnectionColumn column)
    {
        ConnectionRows rows = Mixed();

        int[] order = ConnectionQuery.Select(rows, ConnectionFilter.None, column, descending: true, Origin);

        AssertSorted(rows, order, column, descending: true);
        Assert.Equal(Enumerable.Range(0, rows.Count), order.Order());
    }

    [Fact]
    public void Select_Requests_UnknownLastInBothDirections()
    {
        ConnectionRows rows = Mixed();

        int[] up = ConnectionQuery.Select(rows, ConnectionFilter.None, ConnectionColumn.Requests, false, Origin);
        int[] down = ConnectionQuery.Select(rows, ConnectionFilter.None, ConnectionColumn.Requests, true, Origin);

        // Requests: 0:12 1:~3 2:- 3:2 4:~3 5:- 6:12 7:- 8:12 9:~3
        Assert.Equal([3, 1, 4, 9, 0, 6, 8, 2, 5, 7], up);
        Assert.Equal([0, 6, 8, 1, 4, 9, 3, 2, 5, 7], down);
    }

    [Fact]
    public void Select_Client_AddressNumericallyThenPortIpv6Last()
    {
        ConnectionRows rows = ConnectionRows.Of(
        [
            HttpRow(0) with { ClientIp = Ip("10.0.0.10"), ClientPort = 1 },
            HttpRow(1) with { ClientIp = Ip("::1"), ClientPort = 1 },
            HttpRow(2) with { ClientIp = Ip("10.0.0.9"), ClientPort = 2 },
            HttpRow(3) with { ClientIp = Ip("10.0.0.9"), ClientPort = 10 },
        ]);

        Assert.Equal([2, 3, 0, 1], ConnectionQuery.Select(rows, ConnectionFilter.None, ConnectionColumn.Client, false, Origin));
        Assert.Equal([1, 0, 3, 2], ConnectionQuery.Select(rows, ConnectionFilter.None, ConnectionColumn.Client, true, Origin));
    }

    [Fact]
    public void Select_Filter_OnlyMatchingRows()
    {
        ConnectionRows rows = Mixed();
        Assert.True(ConnectionFilter.TryParse("tls:yes", out ConnectionFilter tls, out _));
        Assert.True(ConnectionFilter.TryParse("group:ab close:server_fin", out ConnectionFilter ab, out _));
        Assert.True(ConnectionFilter.TryParse("[::1]", out ConnectionFilter v6, out _));

        Assert.Equal([1, 4, 7, 9], ConnectionQuery.Select(rows, tls, ConnectionColumn.Stream, false, Origin));
        Assert.Equal([3], ConnectionQuery.Select(rows, ab, ConnectionColumn.Stream, false, Origin));
        Assert.Equal([5], ConnectionQuery.Select(rows, v6, ConnectionColumn.Stream, true, Origin));
        Assert.Empty(ConnectionQuery.Select(rows, new ConnectionFilter { Group = "nobody" }, ConnectionColumn.Sni, false, Origin));
        Assert.Empty(ConnectionQuery.Select(ConnectionRows.Empty, ConnectionFilter.None, ConnectionColumn.Client, false, Origin));
    }

    [Theory]
    [InlineData("curl-tls13-resume.pcap")]
    [InlineData("ab-no-keepalive.pcap")]
    [InlineData("curl-ipv6.pcap")]
    public void Select_RealCapture_EveryColumnBothDirections(string sample)
    {
        (ConnectionRows rows, Timestamp origin) = FromCapture(sample);

        foreach (ConnectionColumn column in ConnectionColumns.All)
        {
            AssertSorted(rows, ConnectionQuery.Select(rows, ConnectionFilter.None, column, false, origin), column, false);
            AssertSorted(rows, ConnectionQuery.Select(rows, ConnectionFilter.None, column, true, origin), column, true);
        }
    }

    [Theory]
    [InlineData("curl-tls13-resume.pcap")]
    [InlineData("ab-no-keepalive.pcap")]
    [InlineData("curl-ipv6.pcap")]
    public void Select_TextFilter_SameRowsAsMatchesOnEveryColumnsText(string sample)
    {
        // Select searches without making the cell strings; Matches is the definition: both must agree.
        (ConnectionRows captured, Timestamp origin) = FromCapture(sample);
        ConnectionSummary[] rows = [.. Enumerable.Range(0, captured.Count).Select(i => captured[i]), .. Enumerable.Range(0, Mixed().Count).Select(i => Mixed()[i])];
        ConnectionRows all = ConnectionRows.Of(rows);
        var needles = new List<string> { "1", "0.0", ".000", "~", "~1", "-", "[::1]:", "::1", "127.0.0.1:", ":80", "tls", "TLS", "1.3", "yes", "no", "server", "_fin",
            "open", "none", "http/1.", "h2", "LOCALHOST", "curl", "ab", "example", @"\x", "9", "10.0.0.1:5", ":4", "e", "zzz" };
        for (int i = 0; i < all.Count; i += 7)
        {
            // Pieces of real cells: the start of each column's text.
            foreach (ConnectionColumn column in ConnectionColumns.All)
            {
                string text = ConnectionColumns.Text(all[i], column, origin);
                needles.Add(text);
                needles.Add(text[..(text.Length / 2)]);
            }
        }

        foreach (string needle in needles.Where(n => n.Length > 0).Distinct(StringComparer.Ordinal))
        {
            var filter = new ConnectionFilter { Text = needle };
            int[] expected = [.. Enumerable.Range(0, all.Count).Where(i => filter.Matches(all[i], origin))];

            Assert.True(expected.SequenceEqual(ConnectionQuery.Select(all, filter, ConnectionColumn.Stream, false, origin).Order()), $"text '{needle}'");
        }
    }

    [Fact]
    public void Select_MillionRows_RightOrder()
    {
        // Not timed: correctness at the size the UI must handle. Values repeat (ties) and some are unknown.
        const int Count = 1_000_000;
        var table = new ConnectionTable();
        var random = new Random(12345);
        string[] snis = ["a.test", "b.test", "c.test", "\u001b.test"];
        IpAddress v4 = Ip("127.0.0.1");
        IpAddress v6 = Ip("::1");
        ConnectionSummary template = TlsRow();
        for (int i = 0; i < Count; i++)
        {
            int r = random.Next(1000);
            table.Append(template with
            {
                Stream = random.Next(Count),
                ClientPort = (ushort)random.Next(1024, 1100),
                ClientIp = r < 10 ? v6 : v4,
                LastTime = At(1_500_000_000 + random.Next(10_000) * 1000L),
                HandshakeRttMs = r < 50 ? float.NaN : random.Next(500) / 10f,
                Sni = r < 100 ? null : snis[r % snis.Length],
                Close = (CloseKind)(r % 7),
            });
        }

        ConnectionRows rows = table.Snapshot();
        Assert.True(ConnectionFilter.TryParse("close:client_fin", out ConnectionFilter filter, out _));
        int clientFin = 0;
        for (int i = 0; i < Count; i++)
        {
            clientFin += rows[i].Close == CloseKind.ClientFin ? 1 : 0;
        }

        ConnectionColumn[] columns =
            [ConnectionColumn.Stream, ConnectionColumn.DurationMs, ConnectionColumn.HandshakeRttMs, ConnectionColumn.Client, ConnectionColumn.Sni];
        foreach (ConnectionColumn column in columns)
        {
            bool descending = column is ConnectionColumn.Sni or ConnectionColumn.HandshakeRttMs;
            int[] all = ConnectionQuery.Select(rows, ConnectionFilter.None, column, descending, Origin);
            Assert.Equal(Count, all.Length);
            AssertPermutation(all, Count);
            AssertSorted(rows, all, column, descending);

            int[] some = ConnectionQuery.Select(rows, filter, column, descending: false, Origin);
            Assert.Equal(clientFin, some.Length);
            Assert.All(some, i => Assert.Equal(CloseKind.ClientFin, rows[i].Close));
            AssertSorted(rows, some, column, descending: false);
        }
    }

    // Each neighbour pair in order: known before unknown; known values by Compare (reversed when descending);
    // equal values (unknowns included) by ascending row index.
    private static void AssertSorted(ConnectionRows rows, int[] order, ConnectionColumn column, bool descending)
    {
        for (int i = 1; i < order.Length; i++)
        {
            ref readonly ConnectionSummary a = ref rows[order[i - 1]];
            ref readonly ConnectionSummary b = ref rows[order[i]];
            int c = ConnectionColumns.Compare(a, b, column);
            bool aUnknown = IsUnknown(a, column);
            bool bUnknown = IsUnknown(b, column);
            if (descending && !aUnknown && !bUnknown)
            {
                c = -c;
            }

            if (c > 0 || (c == 0 && order[i - 1] > order[i]))
            {
                Assert.Fail($"{column} {(descending ? "descending" : "ascending")}: row {order[i - 1]} before row {order[i]} at position {i}");
            }

            Assert.False(aUnknown && !bUnknown, $"{column}: unknown row {order[i - 1]} before known row {order[i]}");
        }
    }

    // Written out again here rather than taken from the code under test.
    private static bool IsUnknown(in ConnectionSummary row, ConnectionColumn column) => column switch
    {
        ConnectionColumn.HandshakeRttMs => float.IsNaN(row.HandshakeRttMs),
        ConnectionColumn.ClientHelloToServerHelloMs => float.IsNaN(row.ClientHelloToServerHelloMs),
        ConnectionColumn.Requests => row.Requests < 0,
        ConnectionColumn.Protocol => !row.IsTls && row.Http == HttpProtocolKind.None,
        ConnectionColumn.Tls => row.TlsVersion == 0,
        ConnectionColumn.Resumed => row.TlsResumed is null,
        ConnectionColumn.Sni => row.Sni is null,
        ConnectionColumn.Alpn => row.Alpn is null,
        _ => false,
    };

    private static void AssertPermutation(int[] order, int count)
    {
        bool[] seen = new bool[count];
        foreach (int i in order)
        {
            Assert.False(seen[i], $"row {i} twice");
            seen[i] = true;
        }
    }
}
