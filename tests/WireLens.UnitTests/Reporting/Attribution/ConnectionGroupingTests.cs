using System.Net;
using WireLens.Analysis.Connections;
using WireLens.Reporting.Attribution;
using WireLens.Wire.Ip;

namespace WireLens.UnitTests.Reporting.Attribution;

public class ConnectionGroupingTests
{
    private static readonly ToolVerdict s_inRun = new("wrk", ToolSource.Run, "wrk-c50");
    private static readonly ToolVerdict s_overlap = new(ToolNames.Ambiguous, ToolSource.Run, Candidates: ["hey", "wrk"]);
    private static readonly ToolVerdict s_overlapOneTool = new("wrk", ToolSource.Run);
    private static readonly ToolVerdict s_byUserAgent = new("curl", ToolSource.UserAgent);

    public static TheoryData<GroupBy, ToolVerdict, string> Keys() => new()
    {
        { GroupBy.Run, s_inRun, "wrk-c50" },
        { GroupBy.Run, s_byUserAgent, ConnectionGrouping.NoRun },
        { GroupBy.Run, ToolVerdict.Unknown, ConnectionGrouping.NoRun },
        { GroupBy.Run, s_overlap, ConnectionGrouping.AmbiguousRun },
        { GroupBy.Run, s_overlapOneTool, ConnectionGrouping.AmbiguousRun },
        { GroupBy.Tool, s_inRun, "wrk" },
        { GroupBy.Tool, s_overlap, "ambiguous" },
        { GroupBy.Tool, ToolVerdict.Unknown, "unknown" },
        { GroupBy.Client, s_inRun, "10.0.0.1" },
        { GroupBy.Server, s_inRun, "10.0.0.2:80" },
        { GroupBy.None, s_inRun, "all" },
    };

    [Theory]
    [MemberData(nameof(Keys))]
    public void Classify_EachGroupBy_GroupKeyAndTheAttributorsVerdict(GroupBy by, ToolVerdict verdict, string group)
    {
        // Arrange
        var grouping = new ConnectionGrouping(by, () => new FixedAttributor(verdict));

        // Act
        GroupedConnection grouped = grouping.Classify(ConnectionRecords.Full());

        // Assert
        Assert.Equal(group, grouped.Group);
        Assert.Same(verdict, grouped.Tool);
    }

    [Fact]
    public void Classify_IPv6_ClientPlainServerInBrackets()
    {
        // Arrange: Minimal() is 2001:db8::1 → [::1]:443.
        ConnectionRecord record = ConnectionRecords.Minimal();
        var byClient = new ConnectionGrouping(GroupBy.Client, () => new FixedAttributor(ToolVerdict.Unknown));
        var byServer = new ConnectionGrouping(GroupBy.Server, () => new FixedAttributor(ToolVerdict.Unknown));

        // Act / Assert
        Assert.Equal("2001:db8::1", byClient.Classify(record).Group);
        Assert.Equal("[::1]:443", byServer.Classify(record).Group);
        Assert.Equal("[fe80::1:2]:65535", ConnectionGrouping.ServerKey(record with
        {
            ServerIp = IpAddress.FromIPAddress(IPAddress.Parse("fe80::1:2")),
            ServerPort = 65535,
        }));
    }

    [Fact]
    public void Clone_OwnAttributorSameAnswers()
    {
        // Arrange
        int made = 0;
        var grouping = new ConnectionGrouping(GroupBy.Run, () =>
        {
            made++;
            return new FixedAttributor(s_inRun);
        });

        // Act
        ConnectionGrouping clone = grouping.Clone();

        // Assert
        Assert.Equal(2, made);
        Assert.Equal(GroupBy.Run, clone.By);
        Assert.Equal(grouping.Classify(ConnectionRecords.Full()), clone.Classify(ConnectionRecords.Full()));
    }

    private sealed class FixedAttributor(ToolVerdict verdict) : IToolAttributor
    {
        public ToolVerdict Attribute(ConnectionRecord record) => verdict;
    }
}
