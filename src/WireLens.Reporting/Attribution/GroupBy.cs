namespace WireLens.Reporting.Attribution;

/// <summary>What the per-group report puts together (<c>--group-by</c>).</summary>
public enum GroupBy
{
    /// <summary>By manifest run label (connections outside every run: <see cref="ConnectionGrouping.NoRun"/>).</summary>
    Run,

    /// <summary>By tool name.</summary>
    Tool,

    /// <summary>By client address.</summary>
    Client,

    /// <summary>By server address:port.</summary>
    Server,

    /// <summary>Everything in one group, <c>all</c>.</summary>
    None,
}
