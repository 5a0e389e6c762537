using WireLens.Analysis.Connections;
using WireLens.Reporting.Inspection;
using WireLens.Wire;
using static WireLens.UnitTests.Inspection.SummaryRows;

namespace WireLens.UnitTests.Inspection;

public class ConnectionColumnsTests
{
    [Fact]
    public void All_EveryColumnInEnumOrder()
    {
        Assert.Equal(Enum.GetValues<ConnectionColumn>(), ConnectionColumns.All);
    }

    [Fact]
    public void HeaderCsvNameWidth_DistinctSnakeCaseAndWideEnough()
    {
        IReadOnlyList<ConnectionColumn> all = ConnectionColumns.All;

        Assert.Equal(all.Count, all.Select(ConnectionColumns.Header).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(all.Count, all.Select(ConnectionColumns.CsvName).Distinct(StringComparer.Ordinal).Count());
        Assert.All(all, c => Assert.Matches("^[a-z]+(_[a-z]+)*$", ConnectionColumns.CsvName(c)));
        Assert.All(all, c => Assert.InRange(ConnectionColumns.PreferredWidth(c), ConnectionColumns.Header(c).Length, 40));
        Assert.Equal(
            ["stream", "group", "tool", "client", "server", "start_s", "duration_ms", "handshake_rtt_ms", "requests", "close",
             "time_wait", "syn_retransmits", "retransmissions", "protocol", "tls", "resumed", "ch_to_sh_ms", "sni", "alpn"],
            all.Select(ConnectionColumns.CsvName));
    }

    public static TheoryData<ConnectionColumn, string, string, string> TextCases => new()
    {
        // column, HTTP row, TLS row, row with nothing optional known
        { ConnectionColumn.Stream, "4", "4", "4" },
        { ConnectionColumn.Group, "wrk", "wrk", "wrk" },
        { ConnectionColumn.Tool, "wrk", "wrk", "wrk" },
        { ConnectionColumn.Client, "10.0.0.1:50000", "10.0.0.1:50000", "10.0.0.1:50000" },
        { ConnectionColumn.Server, "10.0.0.2:80", "10.0.0.2:443", "10.0.0.2:80" },
        { ConnectionColumn.Start, "1.500", "1.500", "1.500" },
        { ConnectionColumn.DurationMs, "2.250", "2.250", "2.250" },
        { ConnectionColumn.HandshakeRttMs, "0.102", "0.102", "" },
        { ConnectionColumn.Requests, "12", "~3", "" },
        { ConnectionColumn.Close, "client_fin", "client_fin", "open" },
        { ConnectionColumn.TimeWait, "client", "client", "none" },
        { ConnectionColumn.SynRetransmits, "1", "1", "0" },
        { ConnectionColumn.Retransmissions, "3", "3", "0" },
        { ConnectionColumn.Protocol, "http/1.1", "tls", "" },
        { ConnectionColumn.Tls, "", "1.3", "" },
        { ConnectionColumn.Resumed, "", "yes", "" },
        { ConnectionColumn.ClientHelloToServerHelloMs, "", "0.250", "" },
        { ConnectionColumn.Sni, "", "example.test", "" },
        { ConnectionColumn.Alpn, "", "encrypted", "" },
    };

    [Theory]
    [MemberData(nameof(TextCases))]
    public void Text_EveryColumn_KnownAndUnknownValues(ConnectionColumn column, string http, string tls, string unknown)
    {
        Assert.Equal(http, ConnectionColumns.Text(HttpRow(4), column, Origin));
        Assert.Equal(tls, ConnectionColumns.Text(TlsRow(4), column, Origin));
        Assert.Equal(unknown, ConnectionColumns.Text(UnknownRow(4), column, Origin));
    }

    [Fact]
    public void Text_EveryColumnOfEveryKindOfValue_Covered()
    {
        Assert.Equal(ConnectionColumns.All.Count, TextCases.Count);
    }

    [Theory]
    [InlineData(CloseKind.Refused, "refused")]
    [InlineData(CloseKind.Simultaneous, "simultaneous")]
    [InlineData(CloseKind.ServerFin, "server_fin")]
    [InlineData(CloseKind.ClientRst, "client_rst")]
    [InlineData(CloseKind.ServerRst, "server_rst")]
    public void Text_Close_ReportSpelling(CloseKind kind, string expected)
    {
        Assert.Equal(expected, ConnectionColumns.Text(HttpRow() with { Close = kind }, ConnectionColumn.Close, Origin));
    }

    [Theory]
    [InlineData(Side.Server, "server")]
    [InlineData(Side.Both, "both")]
    public void Text_TimeWait_ReportSpelling(Side side, string expected)
    {
        Assert.Equal(expected, ConnectionColumns.Text(HttpRow() with { TimeWaitSide = side }, ConnectionColumn.TimeWait, Origin));
    }

    [Theory]
    [InlineData(HttpProtocolKind.Http10, "http/1.0")]
    [InlineData(HttpProtocolKind.H2c, "h2c")]
    public void Text_Protocol_Cleartext(HttpProtocolKind kind, string expected)
    {
        Assert.Equal(expected, ConnectionColumns.Text(HttpRow() with { Http = kind }, ConnectionColumn.Protocol, Origin));
    }

    [Theory]
    [InlineData((ushort)0x0303, "1.2")]
    [InlineData((ushort)0x0301, "1.0")]
    [InlineData((ushort)0x0300, "ssl3")]
    [InlineData((ushort)0x7F13, "0x7f13")]
    public void Text_TlsVersion(ushort version, string expected)
    {
        Assert.Equal(expected, ConnectionColumns.Text(TlsRow() with { TlsVersion = version }, ConnectionColumn.Tls, Origin));
    }

    [Fact]
    public void Text_TlsWithoutServerHello_VersionResumedEmpty_ProtocolTls()
    {
        ConnectionSummary row = TlsRow() with { TlsVersion = 0, TlsResumed = null, ClientHelloToServerHelloMs = float.NaN };

        Assert.Equal("", ConnectionColumns.Text(row, ConnectionColumn.Tls, Origin));
        Assert.Equal("", ConnectionColumns.Text(row, ConnectionColumn.Resumed, Origin));
        Assert.Equal("tls", ConnectionColumns.Text(row, ConnectionColumn.Protocol, Origin));
        Assert.Equal("no", ConnectionColumns.Text(row with { TlsResumed = false }, ConnectionColumn.Resumed, Origin));
    }

    [Fact]
    public void Text_Ipv6Endpoints_InBrackets()
    {
        ConnectionSummary row = HttpRow() with { ClientIp = Ip("2001:db8::1"), ClientPort = 1, ServerIp = Ip("::1"), ServerPort = 8080 };

        Assert.Equal("[2001:db8::1]:1", ConnectionColumns.Text(row, ConnectionColumn.Client, Origin));
        Assert.Equal("[::1]:8080", ConnectionColumns.Text(row, ConnectionColumn.Server, Origin));
    }

    [Fact]
    public void Text_StartBeforeOrigin_NegativeSecondsAndNoNegativeZero()
    {
        Assert.Equal("-0.500", ConnectionColumns.Text(HttpRow() with { FirstTime = At(-500_000_000) }, ConnectionColumn.Start, Origin));
        Assert.Equal("0.000", ConnectionColumns.Text(HttpRow() with { FirstTime = At(-400) }, ConnectionColumn.Start, Origin));
        Assert.Equal("3600.001", ConnectionColumns.Text(HttpRow() with { FirstTime = At(3_600_000_600_000) }, ConnectionColumn.Start, Origin));
    }

    [Fact]
    public void Text_WireStrings_ControlAndBidiCharactersEscaped()
    {
        ConnectionSummary row = TlsRow() with
        {
            Group = "run\u001b[2J",
            Tool = "evil\u202Etool",
            Sni = "a\nb\u0007.test",
            Alpn = "h2\u2066",
        };

        Assert.Equal("run\\x1B[2J", ConnectionColumns.Text(row, ConnectionColumn.Group, Origin));
        Assert.Equal("evil\\u{202E}tool", ConnectionColumns.Text(row, ConnectionColumn.Tool, Origin));
        Assert.Equal("a\\x0Ab\\x07.test", ConnectionColumns.Text(row, ConnectionColumn.Sni, Origin));
        Assert.Equal("h2\\u{2066}", ConnectionColumns.Text(row, ConnectionColumn.Alpn, Origin));
    }

    [Fact]
    public void Text_InvariantCulture_UnderAnotherCulture()
    {
        System.Globalization.CultureInfo saved = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            // The process runs with invariant globalization: a clone with a decimal comma stands in for de-DE.
            var comma = (System.Globalization.CultureInfo)System.Globalization.CultureInfo.InvariantCulture.Clone();
            comma.NumberFormat.NumberDecimalSeparator = ",";
            System.Globalization.CultureInfo.CurrentCulture = comma;
            Assert.Equal("2,5", 2.5.ToString(System.Globalization.CultureInfo.CurrentCulture));

            Assert.Equal("2.250", ConnectionColumns.Text(HttpRow(), ConnectionColumn.DurationMs, Origin));
            Assert.Equal("1.500", ConnectionColumns.Text(HttpRow(), ConnectionColumn.Start, Origin));
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = saved;
        }
    }

    public static TheoryData<ConnectionColumn, ConnectionSummary, ConnectionSummary> Ordered => new()
    {
        // column, a row that sorts first, a row that sorts after it
        { ConnectionColumn.Stream, HttpRow(2), HttpRow(10) },
        { ConnectionColumn.Group, HttpRow() with { Group = "Zeta" }, HttpRow() with { Group = "alpha" } },
        { ConnectionColumn.Tool, HttpRow() with { Tool = "ab" }, HttpRow() with { Tool = "wrk" } },
        { ConnectionColumn.Client, HttpRow() with { ClientIp = Ip("10.0.0.9") }, HttpRow() with { ClientIp = Ip("10.0.0.10") } },
        { ConnectionColumn.Client, HttpRow() with { ClientPort = 9 }, HttpRow() with { ClientPort = 10 } },
        { ConnectionColumn.Client, HttpRow() with { ClientIp = Ip("255.255.255.255") }, HttpRow() with { ClientIp = Ip("::1") } },
        { ConnectionColumn.Server, HttpRow() with { ServerIp = Ip("::1"), ServerPort = 443 }, HttpRow() with { ServerIp = Ip("::2"), ServerPort = 80 } },
        { ConnectionColumn.Start, HttpRow() with { FirstTime = At(-1) }, HttpRow() with { FirstTime = At(0) } },
        { ConnectionColumn.DurationMs, HttpRow() with { LastTime = At(1_502_000_000) }, HttpRow() with { LastTime = At(1_510_000_000) } },
        { ConnectionColumn.HandshakeRttMs, HttpRow() with { HandshakeRttMs = 2 }, HttpRow() with { HandshakeRttMs = 10 } },
        { ConnectionColumn.HandshakeRttMs, HttpRow() with { HandshakeRttMs = -1 }, HttpRow() with { HandshakeRttMs = 0 } },
        { ConnectionColumn.HandshakeRttMs, HttpRow() with { HandshakeRttMs = 1e9f }, HttpRow() with { HandshakeRttMs = float.NaN } },
        { ConnectionColumn.Requests, HttpRow() with { Requests = 2 }, HttpRow() with { Requests = 10 } },
        { ConnectionColumn.Requests, HttpRow() with { Requests = 1000 }, HttpRow() with { Requests = -1 } },
        { ConnectionColumn.Close, HttpRow() with { Close = CloseKind.ClientFin }, HttpRow() with { Close = CloseKind.ClientRst } },
        { ConnectionColumn.Close, HttpRow() with { Close = CloseKind.Refused }, HttpRow() with { Close = CloseKind.Simultaneous } },
        { ConnectionColumn.TimeWait, HttpRow() with { TimeWaitSide = Side.Both }, HttpRow() with { TimeWaitSide = Side.None } },
        { ConnectionColumn.SynRetransmits, HttpRow() with { SynRetransmits = 2 }, HttpRow() with { SynRetransmits = 10 } },
        { ConnectionColumn.Retransmissions, HttpRow() with { Retransmissions = 2 }, HttpRow() with { Retransmissions = 10 } },
        { ConnectionColumn.Protocol, HttpRow() with { Http = HttpProtocolKind.H2c }, HttpRow() with { Http = HttpProtocolKind.Http10 } },
        { ConnectionColumn.Protocol, HttpRow(), TlsRow() },
        { ConnectionColumn.Protocol, TlsRow(), UnknownRow() },
        { ConnectionColumn.Tls, TlsRow() with { TlsVersion = 0x0303 }, TlsRow() },
        { ConnectionColumn.Tls, TlsRow(), TlsRow() with { TlsVersion = 0 } },
        { ConnectionColumn.Resumed, TlsRow() with { TlsResumed = false }, TlsRow() },
        { ConnectionColumn.Resumed, TlsRow(), TlsRow() with { TlsResumed = null } },
        { ConnectionColumn.ClientHelloToServerHelloMs, TlsRow() with { ClientHelloToServerHelloMs = 2 }, TlsRow() with { ClientHelloToServerHelloMs = 10 } },
        { ConnectionColumn.ClientHelloToServerHelloMs, TlsRow(), HttpRow() },
        { ConnectionColumn.Sni, TlsRow() with { Sni = "B" }, TlsRow() with { Sni = "a" } },
        { ConnectionColumn.Sni, TlsRow() with { Sni = "" }, HttpRow() },
        { ConnectionColumn.Alpn, TlsRow() with { Alpn = "encrypted" }, TlsRow() with { Alpn = "h2" } },
        { ConnectionColumn.Alpn, TlsRow() with { Alpn = "zzz" }, HttpRow() },
    };

    [Theory]
    [MemberData(nameof(Ordered))]
    public void Compare_EveryColumn_OrdersTheUnderlyingValueUnknownLast(ConnectionColumn column, ConnectionSummary first, ConnectionSummary second)
    {
        Assert.True(ConnectionColumns.Compare(first, second, column) < 0);
        Assert.True(ConnectionColumns.Compare(second, first, column) > 0);
        Assert.Equal(0, ConnectionColumns.Compare(first, first, column));
        Assert.Equal(0, ConnectionColumns.Compare(second, second with { Stream = 99 }, column == ConnectionColumn.Stream ? ConnectionColumn.Group : column));
    }

    [Fact]
    public void Compare_EveryColumnHasAnOrderedCase()
    {
        Assert.Equal(ConnectionColumns.All, Ordered.Select(row => row.Data.Item1).Distinct().Order());
    }

    [Fact]
    public void Compare_EqualValues_ZeroIncludingNegativeZeroAndEstimate()
    {
        Assert.Equal(0, ConnectionColumns.Compare(HttpRow() with { HandshakeRttMs = 0f }, HttpRow() with { HandshakeRttMs = -0f }, ConnectionColumn.HandshakeRttMs));
        Assert.Equal(0, ConnectionColumns.Compare(HttpRow() with { Requests = 3 }, TlsRow(), ConnectionColumn.Requests));
        Assert.Equal(0, ConnectionColumns.Compare(UnknownRow(), UnknownRow(1), ConnectionColumn.HandshakeRttMs));
    }

    [Fact]
    public void Text_TlsCapture_EveryConnectionTls13WithTwoFullAndFourResumed()
    {
        // captures/README.md: two curl invocations of three URLs each, one full handshake then two resumptions.
        (ConnectionRows rows, Timestamp origin) = FromCapture("curl-tls13-resume.pcap");

        Assert.Equal(6, rows.Count);
        string[] resumed = new string[rows.Count];
        for (int i = 0; i < rows.Count; i++)
        {
            Assert.Equal("tls", ConnectionColumns.Text(rows[i], ConnectionColumn.Protocol, origin));
            Assert.Equal("1.3", ConnectionColumns.Text(rows[i], ConnectionColumn.Tls, origin));
            Assert.Matches(@"^127\.0\.0\.1:\d+$", ConnectionColumns.Text(rows[i], ConnectionColumn.Client, origin));
            Assert.Equal("127.0.0.1:18483", ConnectionColumns.Text(rows[i], ConnectionColumn.Server, origin));
            Assert.Matches(@"^\d+\.\d{3}$", ConnectionColumns.Text(rows[i], ConnectionColumn.ClientHelloToServerHelloMs, origin));
            Assert.Matches(@"^~\d+$|^$", ConnectionColumns.Text(rows[i], ConnectionColumn.Requests, origin));
            resumed[i] = ConnectionColumns.Text(rows[i], ConnectionColumn.Resumed, origin);
        }

        Assert.Equal(["no", "yes", "yes", "no", "yes", "yes"], resumed);
        Assert.Equal("0.000", ConnectionColumns.Text(rows[0], ConnectionColumn.Start, origin));
    }

    [Fact]
    public void Text_AbWithoutKeepAlive_ServerClosesAndHoldsTimeWait()
    {
        (ConnectionRows rows, Timestamp origin) = FromCapture("ab-no-keepalive.pcap");

        int serverClosed = 0;
        for (int i = 0; i < rows.Count; i++)
        {
            if (ConnectionColumns.Text(rows[i], ConnectionColumn.Close, origin) == "server_fin")
            {
                serverClosed++;
                Assert.Equal("server", ConnectionColumns.Text(rows[i], ConnectionColumn.TimeWait, origin));
                Assert.Equal("1", ConnectionColumns.Text(rows[i], ConnectionColumn.Requests, origin));
                Assert.Equal("http/1.0", ConnectionColumns.Text(rows[i], ConnectionColumn.Protocol, origin));
                Assert.Equal("ab", ConnectionColumns.Text(rows[i], ConnectionColumn.Tool, origin));
            }
        }

        Assert.Equal(100, serverClosed);
    }
}
