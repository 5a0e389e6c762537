using System.Globalization;
using WireLens.Analysis.Connections;
using WireLens.Wire.Ip;

namespace WireLens.Reporting.Attribution;

/// <summary>A connection's tool verdict and the key of the group it is reported in.</summary>
public readonly record struct GroupedConnection(string Group, ToolVerdict Tool);

/// <summary>
/// Puts each connection in its report group (<c>--group-by</c>): its run label (<see cref="NoRun"/> outside every run,
/// <see cref="AmbiguousRun"/> inside overlapping runs none of which could be chosen), tool name, client address, server
/// address:port, or <c>all</c>. Not thread-safe: each thread that classifies connections has its own instance
/// (<see cref="Clone"/>), and instances made alike give the same answers.
/// </summary>
public sealed class ConnectionGrouping
{
    /// <summary>The group of connections outside every run when grouping by run.</summary>
    public const string NoRun = "no-run";

    /// <summary>
    /// The group, when grouping by run, of connections opened while several runs overlapped that no rule could put in
    /// one of them (<see cref="ToolSource.Run"/> without a run label).
    /// </summary>
    public const string AmbiguousRun = "ambiguous";

    /// <summary>The one group when not grouping.</summary>
    public const string All = "all";

    private readonly Func<IToolAttributor> _attributorFactory;
    private readonly IToolAttributor _attributor;

    /// <param name="by">What to group by.</param>
    /// <param name="attributorFactory">Makes this instance's attributor (called again by <see cref="Clone"/>).</param>
    public ConnectionGrouping(GroupBy by, Func<IToolAttributor> attributorFactory)
    {
        ArgumentNullException.ThrowIfNull(attributorFactory);
        By = by;
        _attributorFactory = attributorFactory;
        _attributor = attributorFactory();
    }

    public GroupBy By { get; }

    /// <summary>By tool, from what the capture alone shows (User-Agent, the built-in JA4 table): no manifest.</summary>
    public static ConnectionGrouping ByToolFromCapture() => new(GroupBy.Tool, () => new ToolAttributor(fingerprints: FingerprintTable.Default));

    /// <summary>An instance for another thread.</summary>
    public ConnectionGrouping Clone() => new(By, _attributorFactory);

    public GroupedConnection Classify(ConnectionRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        ToolVerdict tool = _attributor.Attribute(record);
        string group = By switch
        {
            GroupBy.Run => tool.RunLabel ?? (tool.Source == ToolSource.Run ? AmbiguousRun : NoRun),
            GroupBy.Tool => tool.Tool,
            GroupBy.Client => record.ClientIp.ToString(),
            GroupBy.Server => ServerKey(record),
            GroupBy.None => All,
            _ => throw new ArgumentOutOfRangeException(nameof(record), By, null),
        };
        return new GroupedConnection(group, tool);
    }

    /// <summary>address:port, an IPv6 address in brackets ([::1]:8080).</summary>
    public static string ServerKey(ConnectionRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return Endpoint(record.ServerIp, record.ServerPort);
    }

    /// <summary>address:port, an IPv6 address in brackets ([::1]:8080).</summary>
    public static string Endpoint(IpAddress address, ushort port) => address.Version == 6
        ? string.Create(CultureInfo.InvariantCulture, $"[{address}]:{port}")
        : string.Create(CultureInfo.InvariantCulture, $"{address}:{port}");
}
