using WireLens.Analysis.Connections;
using WireLens.Reporting.Attribution;
using WireLens.Reporting.Runs;
using WireLens.Wire;
using WireLens.Wire.Ip;
using static WireLens.UnitTests.Reporting.Attribution.Attributions;
using static WireLens.UnitTests.Reporting.Attribution.FingerprintTableTests;

namespace WireLens.UnitTests.Reporting.Attribution;

/// <summary>The manifest's rules: run time windows, overlapping runs, and the port rule.</summary>
public class ToolAttributorRunTests
{
    [Fact]
    public void Attribute_OpenedInsideARun_ThatRunsToolAndLabel()
    {
        // Arrange
        var attributor = new ToolAttributor(Manifest(Run("wrk-c50", "wrk", 0, 10), Run("hey-c50", "hey", 20, 30)));

        // Act / Assert
        Assert.Equal(new ToolVerdict("wrk", ToolSource.Run, "wrk-c50"), attributor.Attribute(Connection(5)));
        Assert.Equal(new ToolVerdict("hey", ToolSource.Run, "hey-c50"), attributor.Attribute(Connection(25)));
    }

    [Fact]
    public void Attribute_InsideARun_RunIsStrongerThanEveryOtherRule()
    {
        // Arrange: a stray curl during the wrk run counts as wrk.
        var attributor = new ToolAttributor(Manifest(Run("wrk", "wrk", 0, 10, "http://10.0.0.2:80/")), Sample(),
            new ProcessesByPort(new() { [50000] = "curl" }));

        // Act
        ToolVerdict verdict = attributor.Attribute(Connection(5, "curl/7.88.1", Go));

        // Assert
        Assert.Equal(new ToolVerdict("wrk", ToolSource.Run, "wrk"), verdict);
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(-1, false)]
    [InlineData(10_000_000_000, true)]
    [InlineData(10_000_000_001, false)]
    public void Attribute_AtTheWindowsEdges_StartAndStopIncluded(long nanosecondsAfterStart, bool inside)
    {
        // Arrange
        var attributor = new ToolAttributor(Manifest(Run("wrk", "wrk", 0, 10)));
        ConnectionRecord record = Opened(Connection(0), ConnectionRecords.At(nanosecondsAfterStart));

        // Act
        ToolVerdict verdict = attributor.Attribute(record);

        // Assert
        Assert.Equal(inside ? "wrk" : "unknown", verdict.Tool);
    }

    [Fact]
    public void Attribute_OpenTime_FirstSynElseFirstPacket()
    {
        // Arrange: the run is [10, 20]; a connection that began before it and lasted into it is not in it.
        var attributor = new ToolAttributor(Manifest(Run("wrk", "wrk", 10, 20)));
        ConnectionRecord synBefore = Connection(5) with { LastTime = At(15) };
        ConnectionRecord noSynFirstPacketInside = Connection(5) with { SynTime = null, FirstTime = At(12) };
        ConnectionRecord synInsideFirstPacketBefore = Connection(12) with { FirstTime = At(5) };

        // Act / Assert
        Assert.Equal("unknown", attributor.Attribute(synBefore).Tool);
        Assert.Equal("wrk", attributor.Attribute(noSynFirstPacketInside).Tool);
        Assert.Equal("wrk", attributor.Attribute(synInsideFirstPacketBefore).Tool);
    }

    [Fact]
    public void Attribute_OutsideEveryRun_OtherRulesWithoutRunLabel()
    {
        // Arrange
        var attributor = new ToolAttributor(Manifest(Run("wrk", "wrk", 0, 10)), Sample());

        // Act / Assert
        Assert.Equal(new ToolVerdict("curl", ToolSource.UserAgent), attributor.Attribute(Connection(11, "curl/7.88.1")));
        Assert.Equal(new ToolVerdict("hey", ToolSource.Fingerprint), attributor.Attribute(Connection(-1, ja4: Go)));
        Assert.Same(ToolVerdict.Unknown, attributor.Attribute(Connection(11)));
    }

    [Fact]
    public void Attribute_OverlappingRunsNothingDecides_AmbiguousAmongTheirTools()
    {
        // Arrange: wrk [0, 10] and hey [5, 15].
        var attributor = new ToolAttributor(Manifest(Run("wrk", "wrk", 0, 10), Run("hey", "hey", 5, 15)), Sample());

        // Act
        ToolVerdict verdict = attributor.Attribute(Connection(7));

        // Assert
        Assert.Equal("ambiguous", verdict.Tool);
        Assert.Equal(ToolSource.Run, verdict.Source);
        Assert.Null(verdict.RunLabel);
        Assert.Equal(["hey", "wrk"], verdict.Candidates);
        Assert.Equal(ConnectionGrouping.AmbiguousRun, new ConnectionGrouping(GroupBy.Run, () => attributor).Classify(Connection(7)).Group);
    }

    [Fact]
    public void Attribute_OverlappingRunsUserAgentNamesOne_ThatRun()
    {
        // Arrange
        var attributor = new ToolAttributor(Manifest(Run("wrk", "wrk", 0, 10), Run("hey-c10", "hey", 5, 15)));

        // Act
        ToolVerdict verdict = attributor.Attribute(Connection(7, "hey/0.0.1"));

        // Assert
        Assert.Equal(new ToolVerdict("hey", ToolSource.Run, "hey-c10"), verdict);
    }

    [Fact]
    public void Attribute_OverlappingRunsFingerprintFitsOneOfThem_ThatRun()
    {
        // Arrange: OpenSSL's JA4 fits ab, curl and wrk; of the overlapping wrk and hey, only wrk.
        var attributor = new ToolAttributor(Manifest(Run("wrk", "wrk", 0, 10), Run("hey", "hey", 5, 15)), Sample());

        // Act / Assert
        Assert.Equal(new ToolVerdict("wrk", ToolSource.Run, "wrk"), attributor.Attribute(Connection(7, ja4: OpenSsl, port: 443)));
        Assert.Equal(new ToolVerdict("hey", ToolSource.Run, "hey"), attributor.Attribute(Connection(7, ja4: Go, port: 443)));
    }

    [Fact]
    public void Attribute_OverlappingRunsFingerprintFitsSeveralOfThem_Ambiguous()
    {
        // Arrange: curl and wrk overlap; OpenSSL's JA4 fits both.
        var attributor = new ToolAttributor(Manifest(Run("wrk", "wrk", 0, 10), Run("curl", "curl", 5, 15), Run("hey", "hey", 6, 8)), Sample());

        // Act
        ToolVerdict verdict = attributor.Attribute(Connection(9, ja4: OpenSsl, port: 443));

        // Assert
        Assert.Equal("ambiguous", verdict.Tool);
        Assert.Equal(ToolSource.Run, verdict.Source);
        Assert.Equal(["curl", "wrk"], verdict.Candidates);
    }

    [Fact]
    public void Attribute_OverlappingRuns_StrongerRuleFirst()
    {
        // Arrange: the process says hey, the User-Agent says wrk: the process wins; a process outside the runs' tools
        // (curl) does not decide, so the User-Agent does.
        var processes = new ProcessesByPort(new() { [1] = "hey", [2] = "curl" });
        var attributor = new ToolAttributor(Manifest(Run("wrk", "wrk", 0, 10), Run("hey", "hey", 5, 15)), Sample(), processes);

        // Act / Assert
        Assert.Equal(new ToolVerdict("hey", ToolSource.Run, "hey"), attributor.Attribute(Connection(7, "wrk", clientPort: 1)));
        Assert.Equal(new ToolVerdict("wrk", ToolSource.Run, "wrk"), attributor.Attribute(Connection(7, "wrk", clientPort: 2)));
        Assert.Equal(new ToolVerdict("hey", ToolSource.Run, "hey"), attributor.Attribute(Connection(7, "curl/8.0", Go, clientPort: 2)));
    }

    [Fact]
    public void Attribute_OverlappingRunsOfOneTool_ThatToolWithoutRunLabel()
    {
        // Arrange: two wrk runs overlap, and a hey run overlaps both.
        var attributor = new ToolAttributor(Manifest(Run("wrk-a", "wrk", 0, 10), Run("wrk-b", "wrk", 5, 15), Run("hey", "hey", 7, 9)));

        // Act / Assert
        Assert.Equal(new ToolVerdict("wrk", ToolSource.Run), attributor.Attribute(Connection(6, "hey/0.0.1")));
        Assert.Equal(new ToolVerdict("wrk", ToolSource.Run), attributor.Attribute(Connection(8, "wrk")));
        Assert.Equal(new ToolVerdict("hey", ToolSource.Run, "hey"), attributor.Attribute(Connection(8, "hey/0.0.1")));
        Assert.Equal(new ToolVerdict("wrk", ToolSource.Run, "wrk-b"), attributor.Attribute(Connection(12)));
    }

    [Fact]
    public void Attribute_PortOfExactlyOneRun_ThatToolByPortWithoutRunLabel()
    {
        // Arrange
        var attributor = new ToolAttributor(Manifest(
            Run("wrk", "wrk", 0, 10, "http://127.0.0.1:8080/"),
            Run("hey", "hey", 20, 30, "https://localhost:8443/x"),
            Run("ab", "ab", 40, 50, "http://[::1]/")));

        // Act / Assert
        Assert.Equal(new ToolVerdict("wrk", ToolSource.Port), attributor.Attribute(Connection(60, port: 8080, server: "127.0.0.1")));
        Assert.Same(ToolVerdict.Unknown, attributor.Attribute(Connection(60, port: 8080, server: "127.0.0.2")));
        Assert.Equal(new ToolVerdict("hey", ToolSource.Port), attributor.Attribute(Connection(60, port: 8443, server: "10.1.2.3")));
        Assert.Equal(new ToolVerdict("hey", ToolSource.Port), attributor.Attribute(Connection(60, port: 8443, server: "::1")));
        Assert.Equal(new ToolVerdict("ab", ToolSource.Port), attributor.Attribute(Connection(60, port: 80, server: "::1")));
        Assert.Same(ToolVerdict.Unknown, attributor.Attribute(Connection(60, port: 80, server: "127.0.0.1")));
        Assert.Same(ToolVerdict.Unknown, attributor.Attribute(Connection(60, port: 9999, server: "127.0.0.1")));
    }

    [Fact]
    public void Attribute_PortOfRunsOfSeveralTools_Unknown()
    {
        // Arrange
        var attributor = new ToolAttributor(Manifest(
            Run("wrk", "wrk", 0, 10, "http://127.0.0.1:8080/"),
            Run("hey", "hey", 20, 30, "http://localhost:8080/"),
            Run("ab-1", "ab", 40, 50, "http://127.0.0.1:9090/"),
            Run("ab-2", "ab", 60, 70, "http://127.0.0.1:9090/other")));

        // Act / Assert: two tools on 8080; two runs of one tool on 9090.
        Assert.Same(ToolVerdict.Unknown, attributor.Attribute(Connection(80, port: 8080, server: "127.0.0.1")));
        Assert.Equal(new ToolVerdict("ab", ToolSource.Port), attributor.Attribute(Connection(80, port: 9090, server: "127.0.0.1")));
    }

    [Fact]
    public void Attribute_PortAndStrongerRules_PortOnlyWhenNoneDecided()
    {
        // Arrange
        var attributor = new ToolAttributor(Manifest(Run("wrk", "wrk", 0, 10, "http://10.0.0.2:80/")), Sample());

        // Act / Assert
        Assert.Equal(new ToolVerdict("hey", ToolSource.UserAgent), attributor.Attribute(Connection(20, "hey/0.0.1")));
        Assert.Equal(new ToolVerdict("hey", ToolSource.Fingerprint), attributor.Attribute(Connection(20, ja4: Go)));
        Assert.Equal(new ToolVerdict("wrk", ToolSource.Port), attributor.Attribute(Connection(20)));
    }

    [Fact]
    public void Attribute_PortAfterAnAmbiguousFingerprint_ChoosesOnlyAmongItsCandidates()
    {
        // Arrange: OpenSSL's JA4 fits ab, curl, wrk. Port 80 was loaded by wrk; port 81 by hey.
        var attributor = new ToolAttributor(
            Manifest(Run("wrk", "wrk", 0, 10, "http://10.0.0.2/"), Run("hey", "hey", 20, 30, "http://10.0.0.2:81/")),
            Sample());

        // Act
        ToolVerdict onWrksPort = attributor.Attribute(Connection(40, ja4: OpenSsl, port: 80));
        ToolVerdict onHeysPort = attributor.Attribute(Connection(40, ja4: OpenSsl, port: 81));

        // Assert
        Assert.Equal(new ToolVerdict("wrk", ToolSource.Port), onWrksPort);
        Assert.Equal(("ambiguous", ToolSource.Fingerprint), (onHeysPort.Tool, onHeysPort.Source));
        Assert.Equal(["ab", "curl", "wrk"], onHeysPort.Candidates);
    }

    [Theory]
    [InlineData("http://127.0.0.1/", 80, "127.0.0.1")]
    [InlineData("https://127.0.0.1/", 443, "127.0.0.1")]
    [InlineData("HTTPS://LOCALHOST:8443/a?b", 8443, null)]
    [InlineData("ws://[::1]:9000", 9000, "::1")]
    [InlineData("wss://example.test", 443, null)]
    [InlineData("127.0.0.1:8080", 8080, "127.0.0.1")]
    [InlineData("localhost", 80, null)]
    [InlineData("http://[fe80::1%25lo]:8080/", 8080, "fe80::1")]
    public void RunTargetTryParse_Url_PortAndAddressLiteral(string target, int port, string? host)
    {
        // Act
        bool ok = RunTarget.TryParse(target, out ushort parsedPort, out IpAddress? parsedAddress);

        // Assert
        Assert.True(ok);
        Assert.Equal(port, parsedPort);
        Assert.Equal(host, parsedAddress?.ToString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("ftp://127.0.0.1/")]
    [InlineData("GET http://127.0.0.1/")]
    [InlineData("http://127.0.0.1:0/")]
    [InlineData("http://")]
    public void RunTargetTryParse_NotAnHttpUrl_NoPort(string? target)
    {
        // Act / Assert
        Assert.False(RunTarget.TryParse(target, out _, out _));
    }

    [Fact]
    public void Attribute_ManyRunsAnyOrder_SameAsCheckingEveryRun()
    {
        // Arrange: 60 runs of 3 tools with random starts and lengths (many overlap), connections at random times in
        // random order, against a brute-force reading of the rule.
        var random = new Random(7);
        string[] tools = ["wrk", "hey", "ab"];
        RunEntry[] runs = [.. Enumerable.Range(0, 60).Select(i =>
        {
            long start = random.NextInt64(0, 600_000_000_000);
            return new RunEntry($"r{i}", tools[i % 3], null, [], null, null, ConnectionRecords.At(start),
                ConnectionRecords.At(start + random.NextInt64(0, 20_000_000_000)), null);
        })];
        var attributor = new ToolAttributor(Manifest(runs));
        long[] times = [.. Enumerable.Range(0, 5000).Select(_ => random.NextInt64(-1_000_000_000, 630_000_000_000)),
            .. runs.SelectMany(r => new[] { r.Start.UnixNanoseconds, r.Stop.UnixNanoseconds, r.Stop.UnixNanoseconds + 1 })
                .Select(t => t - ConnectionRecords.Base.UnixNanoseconds)];

        foreach (long t in times)
        {
            Timestamp open = ConnectionRecords.At(t);
            RunEntry[] inside = [.. runs.Where(r => r.Start <= open && open <= r.Stop)];
            string[] insideTools = [.. inside.Select(r => r.Tool).Distinct().Order(StringComparer.Ordinal)];

            // Act
            ToolVerdict verdict = attributor.Attribute(Opened(Connection(0), open));

            // Assert
            ToolVerdict expected = inside.Length switch
            {
                0 => ToolVerdict.Unknown,
                1 => new ToolVerdict(inside[0].Tool, ToolSource.Run, inside[0].Label),
                _ when insideTools.Length == 1 => new ToolVerdict(insideTools[0], ToolSource.Run),
                _ => new ToolVerdict("ambiguous", ToolSource.Run),
            };
            Assert.Equal((expected.Tool, expected.Source, expected.RunLabel), (verdict.Tool, verdict.Source, verdict.RunLabel));
            Assert.Equal(expected.Tool == "ambiguous" ? insideTools : null, verdict.Candidates);
        }
    }

    [Fact]
    public void Attribute_ManifestWithoutRuns_LikeNoManifest()
    {
        // Arrange
        var attributor = new ToolAttributor(new RunManifest(RunManifest.CurrentVersion, null, []));

        // Act / Assert
        Assert.Same(ToolVerdict.Unknown, attributor.Attribute(Connection(1)));
        Assert.Equal(new ToolVerdict("curl", ToolSource.UserAgent), attributor.Attribute(Connection(1, "curl/8.0")));
    }

    [Fact]
    public void Attribute_RunEndingAtTheLastNanosecond_NoOverflow()
    {
        // Arrange
        var run = new RunEntry("all", "wrk", null, [], null, null, new Timestamp(long.MinValue), new Timestamp(long.MaxValue), null);
        var attributor = new ToolAttributor(Manifest(run));

        // Act / Assert
        Assert.Equal("wrk", attributor.Attribute(Opened(Connection(0), new Timestamp(long.MinValue))).Tool);
        Assert.Equal("wrk", attributor.Attribute(Connection(1)).Tool);
        Assert.Equal("wrk", attributor.Attribute(Opened(Connection(0), new Timestamp(long.MaxValue - 1))).Tool);
    }
}
