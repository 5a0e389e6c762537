using WireLens.Analysis.Connections;
using WireLens.Reporting.Inspection;
using static WireLens.UnitTests.Inspection.SummaryRows;

namespace WireLens.UnitTests.Inspection;

public class ConnectionFilterTests
{
    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\"\"")]
    public void TryParse_Empty_None(string expression)
    {
        Assert.True(ConnectionFilter.TryParse(expression, out ConnectionFilter filter, out string error));

        Assert.Same(ConnectionFilter.None, filter);
        Assert.True(filter.IsEmpty);
        Assert.Equal("", error);
        Assert.Equal("", filter.ToString());
    }

    [Fact]
    public void TryParse_EveryKey_SetsItsProperty()
    {
        Assert.True(ConnectionFilter.TryParse("group:wrk close:server_rst tw:both tls:yes", out ConnectionFilter filter, out _));

        Assert.Equal(new ConnectionFilter { Group = "wrk", Close = CloseKind.ServerRst, TimeWait = Side.Both, Tls = true }, filter);
        Assert.False(filter.IsEmpty);
    }

    [Theory]
    [InlineData("close:client_fin", CloseKind.ClientFin)]
    [InlineData("close:server_fin", CloseKind.ServerFin)]
    [InlineData("close:simultaneous", CloseKind.Simultaneous)]
    [InlineData("close:client_rst", CloseKind.ClientRst)]
    [InlineData("close:server_rst", CloseKind.ServerRst)]
    [InlineData("close:refused", CloseKind.Refused)]
    [InlineData("CLOSE:Open", CloseKind.Open)]
    public void TryParse_CloseValues(string expression, CloseKind expected)
    {
        Assert.True(ConnectionFilter.TryParse(expression, out ConnectionFilter filter, out _));
        Assert.Equal(expected, filter.Close);
    }

    [Theory]
    [InlineData("tw:client", Side.Client)]
    [InlineData("tw:server", Side.Server)]
    [InlineData("tw:both", Side.Both)]
    [InlineData("tw:none", Side.None)]
    public void TryParse_TimeWaitValues(string expression, Side expected)
    {
        Assert.True(ConnectionFilter.TryParse(expression, out ConnectionFilter filter, out _));
        Assert.Equal(expected, filter.TimeWait);
    }

    [Theory]
    [InlineData("10.0.0.1:50000", "10.0.0.1:50000")]
    [InlineData("[::1]:8080", "[::1]:8080")]
    [InlineData("example.test", "example.test")]
    [InlineData("foo  bar", "foo bar")]
    [InlineData("\"foo  bar\"", "foo  bar")]
    [InlineData("\"group:wrk\"", "group:wrk")]
    [InlineData("\"a \\\"b\\\" c\\\\d\"", "a \"b\" c\\d")]
    [InlineData("back\\slash", "back\\slash")]
    [InlineData("a tls:no b", "a b")]
    public void TryParse_FreeText(string expression, string expected)
    {
        Assert.True(ConnectionFilter.TryParse(expression, out ConnectionFilter filter, out string error), error);
        Assert.Equal(expected, filter.Text);
    }

    [Fact]
    public void TryParse_QuotedGroup_KeepsSpacesAndCase()
    {
        Assert.True(ConnectionFilter.TryParse("group:\"My Run 1\"", out ConnectionFilter filter, out _));
        Assert.Equal("My Run 1", filter.Group);
        Assert.True(ConnectionFilter.TryParse("group:[::1]:8080", out filter, out _));
        Assert.Equal("[::1]:8080", filter.Group);
    }

    [Theory]
    [InlineData("host:x", "'host'")]
    [InlineData("wrk sni:example.test", "'sni:example.test'")]
    [InlineData("close:fin", "'fin'")]
    [InlineData("tw:maybe", "'maybe'")]
    [InlineData("tls:true", "'true'")]
    [InlineData("group:", "'group:'")]
    [InlineData("close:open close:refused", "'close:refused'")]
    [InlineData("\"unterminated", "'\"unterminated'")]
    [InlineData("\"a\"b", "'\"a\"b'")]
    [InlineData("ab\"c d\"", "'ab\"c'")]
    [InlineData("bad:\u001b[2J", "'bad:\\x1B[2J'")]
    public void TryParse_BadTerm_FalseWithOneLineNamingIt(string expression, string named)
    {
        Assert.False(ConnectionFilter.TryParse(expression, out ConnectionFilter filter, out string error));

        Assert.Same(ConnectionFilter.None, filter);
        Assert.Contains(named, error, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error);
        Assert.DoesNotContain('\u001b', error);
    }

    public static TheoryData<ConnectionFilter> Filters => new()
    {
        ConnectionFilter.None,
        new ConnectionFilter { Group = "wrk" },
        new ConnectionFilter { Group = "my run" },
        new ConnectionFilter { Group = "" },
        new ConnectionFilter { Group = "say \"hi\" \\o/" },
        new ConnectionFilter { Close = CloseKind.Simultaneous, TimeWait = Side.None, Tls = false },
        new ConnectionFilter { Text = "curl" },
        new ConnectionFilter { Text = "two words" },
        new ConnectionFilter { Text = "tls:yes" },
        new ConnectionFilter { Text = "\"quoted\"" },
        new ConnectionFilter { Text = "tab\there" },
        new ConnectionFilter { Group = "g", Close = CloseKind.ClientRst, TimeWait = Side.Server, Tls = true, Text = "[::1]:443" },
    };

    [Theory]
    [MemberData(nameof(Filters))]
    public void ToString_RoundTripsThroughTryParse(ConnectionFilter filter)
    {
        string expression = filter.ToString();

        Assert.True(ConnectionFilter.TryParse(expression, out ConnectionFilter parsed, out string error), error);
        Assert.Equal(filter, parsed);
        Assert.Equal(expression, parsed.ToString());
    }

    [Fact]
    public void ToString_CanonicalOrder()
    {
        Assert.True(ConnectionFilter.TryParse("foo TLS:yes tw:none close:server_fin group:ab", out ConnectionFilter filter, out _));

        Assert.Equal("group:ab close:server_fin tw:none tls:yes foo", filter.ToString());
    }

    [Fact]
    public void Matches_EachKey()
    {
        ConnectionSummary http = HttpRow();
        ConnectionSummary tls = TlsRow();

        Assert.True(ConnectionFilter.None.Matches(http, Origin));
        Assert.True(new ConnectionFilter { Group = "wrk" }.Matches(http, Origin));
        Assert.False(new ConnectionFilter { Group = "WRK" }.Matches(http, Origin));
        Assert.True(new ConnectionFilter { Close = CloseKind.ClientFin }.Matches(http, Origin));
        Assert.False(new ConnectionFilter { Close = CloseKind.ServerFin }.Matches(http, Origin));
        Assert.True(new ConnectionFilter { TimeWait = Side.Client }.Matches(http, Origin));
        Assert.False(new ConnectionFilter { TimeWait = Side.None }.Matches(http, Origin));
        Assert.True(new ConnectionFilter { TimeWait = Side.None }.Matches(UnknownRow(), Origin));
        Assert.True(new ConnectionFilter { Tls = true }.Matches(tls, Origin));
        Assert.False(new ConnectionFilter { Tls = true }.Matches(http, Origin));
        Assert.True(new ConnectionFilter { Tls = false }.Matches(http, Origin));
        Assert.False(new ConnectionFilter { Group = "wrk", Tls = true }.Matches(http, Origin));
    }

    [Theory]
    [InlineData("EXAMPLE.TEST", true)]
    [InlineData("10.0.0.2:443", true)]
    [InlineData("~3", true)]
    [InlineData("1.3", true)]
    [InlineData("client_fin", true)]
    [InlineData("1.500", true)]
    [InlineData("h2", false)]
    [InlineData("server_fin", false)]
    public void Matches_Text_CaseInsensitiveInAnyColumnsDisplayText(string text, bool expected)
    {
        Assert.Equal(expected, new ConnectionFilter { Text = text }.Matches(TlsRow(), Origin));
    }

    [Fact]
    public void Matches_Text_SeesTheEscapedForm()
    {
        ConnectionSummary row = TlsRow() with { Sni = "x\u001by" };

        Assert.True(new ConnectionFilter { Text = "x\\x1By" }.Matches(row, Origin));
    }
}
