using System.Text.RegularExpressions;
using WireLens.Reporting.Findings;

namespace WireLens.UnitTests.Reporting.Findings;

public partial class FindingThresholdsTests
{
    [Fact]
    public void Default_HasTheDocumentedValues()
    {
        FindingThresholds t = FindingThresholds.Default;

        Assert.Equal(1.1, t.NoReuseMeanBelow);
        Assert.Equal(10, t.NoReuseMinConnections);
        Assert.Equal(0.5, t.TimeWaitShareAtLeast);
        Assert.Equal(10, t.TimeWaitPeakAtLeast);
        Assert.Equal(2.0, t.TimeWaitPeakOverConcurrent);
        Assert.Equal(60, t.ExhaustionErrorSeconds);
        Assert.Equal(0.01, t.RetransmissionShareAbove);
        Assert.Equal(0.9, t.TlsFullShareAbove);
        Assert.Equal(10, t.TlsMinHandshakes);
        Assert.Equal(0.8, t.ConcurrencyPeakBelow);
        Assert.Equal(2.0, t.ConcurrencyChurnOver);
    }

    [Fact]
    public void Names_KebabCaseUniqueWithDefaultsThatReadBack()
    {
        Assert.Equal(22, FindingThresholds.Names.Count);
        Assert.Equal(FindingThresholds.Names.Count, FindingThresholds.Names.Select(n => n.Name).Distinct().Count());
        Assert.All(FindingThresholds.Names, n =>
        {
            Assert.Matches(KebabCase(), n.Name);
            Assert.Equal(n.Default, FindingThresholds.Default.Value(n.Name));
            Assert.False(string.IsNullOrWhiteSpace(n.Meaning));
        });
        Assert.Equal("1.1", FindingThresholds.Default.Value("no-reuse-mean-below"));
        Assert.Equal("0.01", FindingThresholds.Default.Value("retransmission-share-above"));
    }

    [Fact]
    public void TryParse_EveryNameWithItsDefault_GivesTheDefaults()
    {
        string spec = string.Join(",", FindingThresholds.Names.Select(n => $"{n.Name}={n.Default}"));

        Assert.True(FindingThresholds.TryParse(spec, out FindingThresholds? t, out string? error), error);
        Assert.Equal(FindingThresholds.Default, t);
    }

    [Fact]
    public void TryParse_SeveralValues_ChangesOnlyThose()
    {
        bool ok = FindingThresholds.TryParse(
            " no-reuse-mean-below = 1.5 ,time-wait-peak-at-least=100,retransmission-share-above=2e-2",
            out FindingThresholds? t,
            out string? error);

        Assert.True(ok, error);
        Assert.Null(error);
        Assert.Equal(FindingThresholds.Default with { NoReuseMeanBelow = 1.5, TimeWaitPeakAtLeast = 100, RetransmissionShareAbove = 0.02 }, t);
    }

    [Fact]
    public void TryParse_OverBaseline_KeepsEarlierOptions()
    {
        Assert.True(FindingThresholds.TryParse("refused-at-least=3", out FindingThresholds? first, out _));

        Assert.True(FindingThresholds.TryParse("refused-error-share=0.5", first, out FindingThresholds? second, out _));

        Assert.Equal(FindingThresholds.Default with { RefusedAtLeast = 3, RefusedErrorShare = 0.5 }, second);
    }

    [Theory]
    [InlineData("", "empty threshold list: expected name=value[,name=value]")]
    [InlineData("  ", "empty threshold list: expected name=value[,name=value]")]
    [InlineData("refused-at-least=1,,tls-min-handshakes=2", "empty item in the threshold list: expected name=value[,name=value]")]
    [InlineData("refused-at-least", "threshold 'refused-at-least': expected name=value")]
    [InlineData("=1", "threshold '=1': expected name=value")]
    [InlineData("refused-at-least=1,refused-at-least=2", "threshold 'refused-at-least' is given twice")]
    [InlineData("no-reuse-mean-below=abc", "threshold 'no-reuse-mean-below': 'abc' is not a number")]
    [InlineData("no-reuse-mean-below=NaN", "threshold 'no-reuse-mean-below': 'NaN' is not a number")]
    [InlineData("no-reuse-mean-below=", "threshold 'no-reuse-mean-below': '' is not a number")]
    [InlineData("no-reuse-mean-below=0", "threshold 'no-reuse-mean-below': '0' must be above 0")]
    [InlineData("tls-full-share-above=1.5", "threshold 'tls-full-share-above': '1.5' is not a share between 0 and 1 (write 1% as 0.01)")]
    [InlineData("tls-full-share-above=-0.1", "threshold 'tls-full-share-above': '-0.1' is not a share between 0 and 1 (write 1% as 0.01)")]
    [InlineData("tls-min-handshakes=1.5", "threshold 'tls-min-handshakes': '1.5' is not a whole number")]
    [InlineData("tls-min-handshakes=-1", "threshold 'tls-min-handshakes': '-1' is not a whole number")]
    [InlineData("tls-min-handshakes=0", "threshold 'tls-min-handshakes': '0' must be at least 1")]
    [InlineData("no-reuse-mean-below=1\u001b[2J", "threshold 'no-reuse-mean-below': '1\\x1B[2J' is not a number")]
    public void TryParse_BadSpec_OneLineError(string spec, string expected)
    {
        bool ok = FindingThresholds.TryParse(spec, out FindingThresholds? t, out string? error);

        Assert.False(ok);
        Assert.Null(t);
        Assert.Equal(expected, error);
    }

    [Fact]
    public void TryParse_UnknownName_ListsTheKnownOnesOnOneLine()
    {
        bool ok = FindingThresholds.TryParse("Refused-At-Least=1", out _, out string? error);

        Assert.False(ok);
        Assert.StartsWith("unknown threshold 'Refused-At-Least' (known: no-reuse-mean-below, no-reuse-min-connections, ", error, StringComparison.Ordinal);
        Assert.EndsWith(", capture-drops-error-share)", error, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error!);
    }

    [Fact]
    public void Value_UnknownName_Throws()
    {
        Assert.Throws<ArgumentException>(() => FindingThresholds.Default.Value("nope"));
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex KebabCase();
}
