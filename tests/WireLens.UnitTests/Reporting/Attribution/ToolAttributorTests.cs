using WireLens.Analysis.Connections;
using WireLens.Reporting.Attribution;
using static WireLens.UnitTests.Reporting.Attribution.Attributions;
using static WireLens.UnitTests.Reporting.Attribution.FingerprintTableTests;

namespace WireLens.UnitTests.Reporting.Attribution;

/// <summary>The rules without a manifest (process, User-Agent, fingerprint), their order, and the caches.</summary>
public class ToolAttributorTests
{
    [Fact]
    public void Attribute_NothingKnown_Unknown()
    {
        // Arrange: wrk sends no User-Agent by default; no manifest, no table.
        var attributor = new ToolAttributor();

        // Act
        ToolVerdict verdict = attributor.Attribute(Connection(1));

        // Assert
        Assert.Same(ToolVerdict.Unknown, verdict);
    }

    [Theory]
    [InlineData("ApacheBench/2.3", "ab")]
    [InlineData("Mozilla/5.0 (pc-x86_64-linux-gnu) Siege/4.0.7", "siege")]
    [InlineData("Go-http-client/1.1", "vegeta")]
    [InlineData("python-requests/2.31.0", "python-requests")]
    public void Attribute_UserAgent_ItsToolByUserAgent(string userAgent, string tool)
    {
        // Arrange
        var attributor = new ToolAttributor();

        // Act
        ToolVerdict verdict = attributor.Attribute(Connection(1, userAgent));

        // Assert
        Assert.Equal(new ToolVerdict(tool, ToolSource.UserAgent), verdict);
    }

    [Theory]
    [InlineData("")]
    [InlineData("(only a comment)")]
    public void Attribute_UserAgentThatNamesNothing_Unknown(string userAgent)
    {
        // Act / Assert
        Assert.Same(ToolVerdict.Unknown, new ToolAttributor().Attribute(Connection(1, userAgent)));
    }

    [Fact]
    public void Attribute_FingerprintOfOneTool_ThatToolByFingerprint()
    {
        // Arrange
        var attributor = new ToolAttributor(fingerprints: Sample());

        // Act
        ToolVerdict verdict = attributor.Attribute(Connection(1, ja4: Go, port: 443));

        // Assert
        Assert.Equal(new ToolVerdict("hey", ToolSource.Fingerprint), verdict);
    }

    [Fact]
    public void Attribute_FingerprintOfSeveralTools_AmbiguousWithTheCandidates()
    {
        // Arrange
        var attributor = new ToolAttributor(fingerprints: Sample());

        // Act
        ToolVerdict verdict = attributor.Attribute(Connection(1, ja4: OpenSsl, port: 443));

        // Assert
        Assert.Equal("ambiguous", verdict.Tool);
        Assert.Equal(ToolSource.Fingerprint, verdict.Source);
        Assert.Null(verdict.RunLabel);
        Assert.Equal(["ab", "curl", "wrk"], verdict.Candidates);
    }

    [Fact]
    public void Attribute_FingerprintNotInTheTableOrNoTable_Unknown()
    {
        // Act / Assert
        Assert.Same(ToolVerdict.Unknown, new ToolAttributor(fingerprints: Sample()).Attribute(Connection(1, ja4: "t13d1516h2_8daaf6152771_e5627efa2ab1")));
        Assert.Same(ToolVerdict.Unknown, new ToolAttributor(fingerprints: FingerprintTable.Empty).Attribute(Connection(1, ja4: Go)));
        Assert.Same(ToolVerdict.Unknown, new ToolAttributor().Attribute(Connection(1, ja4: Go)));
    }

    [Fact]
    public void Attribute_UserAgentAndFingerprint_UserAgentIsStronger()
    {
        // Arrange: a curl User-Agent on a connection whose JA4 is Go's (made up: TLS hides the User-Agent in practice).
        var attributor = new ToolAttributor(fingerprints: Sample());

        // Act
        ToolVerdict verdict = attributor.Attribute(Connection(1, "curl/7.88.1", Go));

        // Assert
        Assert.Equal(new ToolVerdict("curl", ToolSource.UserAgent), verdict);
    }

    [Fact]
    public void Attribute_Process_StrongerThanUserAgentAndFingerprint()
    {
        // Arrange
        var processes = new ProcessesByPort(new() { [50000] = "hey" });
        var attributor = new ToolAttributor(fingerprints: Sample(), processes: processes);

        // Act
        ToolVerdict verdict = attributor.Attribute(Connection(1, "curl/7.88.1", OpenSsl));

        // Assert
        Assert.Equal(new ToolVerdict("hey", ToolSource.Process), verdict);
    }

    [Theory]
    [InlineData("Hey")]
    [InlineData("unknown")]
    [InlineData("")]
    [InlineData("a b")]
    public void Attribute_ProcessNameNotAToolName_Ignored(string name)
    {
        // Arrange
        var attributor = new ToolAttributor(processes: new ProcessesByPort(new() { [50000] = name }));

        // Act
        ToolVerdict verdict = attributor.Attribute(Connection(1, "curl/7.88.1"));

        // Assert
        Assert.Equal(new ToolVerdict("curl", ToolSource.UserAgent), verdict);
    }

    [Fact]
    public void Attribute_ProcessUnknownForThisSocket_NextRule()
    {
        // Arrange
        var attributor = new ToolAttributor(processes: new ProcessesByPort(new() { [1] = "wrk" }));

        // Act / Assert
        Assert.Equal(new ToolVerdict("ab", ToolSource.UserAgent), attributor.Attribute(Connection(1, "ApacheBench/2.3")));
        Assert.Same(ToolVerdict.Unknown, attributor.Attribute(Connection(1)));
    }

    [Fact]
    public void Attribute_SameToolAgain_SameVerdictInstance()
    {
        // Arrange
        var attributor = new ToolAttributor(fingerprints: Sample(), processes: new ProcessesByPort(new() { [7] = "oha" }));

        // Act / Assert: one verdict per (source, tool); a User-Agent with another version is the same tool.
        Assert.Same(attributor.Attribute(Connection(1, "curl/7.88.1")), attributor.Attribute(Connection(2, "curl/8.5.0")));
        Assert.Same(attributor.Attribute(Connection(1, ja4: OpenSsl)), attributor.Attribute(Connection(2, ja4: OpenSsl)));
        Assert.Same(attributor.Attribute(Connection(1, ja4: Go)), attributor.Attribute(Connection(2, ja4: Go)));
        Assert.Same(attributor.Attribute(Connection(1, clientPort: 7)), attributor.Attribute(Connection(2, clientPort: 7)));
    }

    [Fact]
    public void Attribute_RecordChangesBetweenCalls_AnswerChangesWithIt()
    {
        // Arrange: the caches remember the last User-Agent and every JA4; answers follow the record, not the cache.
        var attributor = new ToolAttributor(fingerprints: Sample());
        (ConnectionRecord Record, string Tool, ToolSource Source)[] sequence =
        [
            (Connection(1, "curl/7.88.1"), "curl", ToolSource.UserAgent),
            (Connection(1, "curl/7.88.1"), "curl", ToolSource.UserAgent),
            (Connection(1, "hey/0.0.1"), "hey", ToolSource.UserAgent),
            (Connection(1), "unknown", ToolSource.Unknown),
            (Connection(1, "curl/7.88.1"), "curl", ToolSource.UserAgent),
            (Connection(1, "(comment)"), "unknown", ToolSource.Unknown),
            (Connection(1, ja4: Go), "hey", ToolSource.Fingerprint),
            (Connection(1, ja4: Nghttp2), "h2load", ToolSource.Fingerprint),
            (Connection(1, ja4: OpenSsl), "ambiguous", ToolSource.Fingerprint),
            (Connection(1, ja4: Go), "hey", ToolSource.Fingerprint),
            (Connection(1, "(comment)", Go), "hey", ToolSource.Fingerprint),
            (Connection(1, "ApacheBench/2.3", Go), "ab", ToolSource.UserAgent),
        ];

        foreach ((ConnectionRecord record, string tool, ToolSource source) in sequence)
        {
            // Act
            ToolVerdict verdict = attributor.Attribute(record);

            // Assert
            Assert.Equal((tool, source), (verdict.Tool, verdict.Source));
        }
    }

    [Fact]
    public void Attribute_InstancesMadeAlike_SameVerdicts()
    {
        // Arrange: one table (verdicts share its candidate lists), two manifests read alike.
        FingerprintTable table = Sample();
        var first = new ToolAttributor(Manifest(Run("wrk", "wrk", 0, 10, "http://10.0.0.2:8080/")), table);
        var second = new ToolAttributor(Manifest(Run("wrk", "wrk", 0, 10, "http://10.0.0.2:8080/")), table);
        ConnectionRecord[] records =
        [
            Connection(5), Connection(20, port: 8080), Connection(20, "hey/0.0.1"), Connection(20, ja4: OpenSsl), Connection(20),
        ];

        // Act / Assert
        foreach (ConnectionRecord record in records)
        {
            Assert.Equal(first.Attribute(record), second.Attribute(record));
        }
    }

    [Fact]
    public void Attribute_SeenToolsUserAgentsAndFingerprints_AllocatesNothing()
    {
        // Arrange: every path once, so that the caches are warm.
        var attributor = new ToolAttributor(
            Manifest(Run("wrk", "wrk", 0, 10), Run("hey", "hey", 5, 15), Run("ab", "ab", 20, 30, "http://10.0.0.2:9090/")),
            Sample());
        ConnectionRecord[] records =
        [
            Connection(1), Connection(6, "hey/0.0.1"), Connection(6, ja4: OpenSsl), Connection(6), Connection(40, "curl/8.0"),
            Connection(40, ja4: Go), Connection(40, ja4: OpenSsl), Connection(40, port: 9090), Connection(40),
            Connection(25, ja4: Nghttp2),
        ];
        foreach (ConnectionRecord record in records)
        {
            attributor.Attribute(record);
        }

        // Act
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            foreach (ConnectionRecord record in records)
            {
                attributor.Attribute(record);
            }
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // Assert
        Assert.Equal(0, allocated);
    }
}
