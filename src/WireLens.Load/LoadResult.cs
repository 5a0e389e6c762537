using WireLens.Load.Tools;
using WireLens.Reporting.Runs;

namespace WireLens.Load;

/// <summary>What a load run did, for the manifest: the tool's output, times and own summary.</summary>
/// <param name="Tool">The adapter's name.</param>
/// <param name="Plan">What was run.</param>
/// <param name="Version">The tool's version, when it tells.</param>
/// <param name="Output">What it printed and how it exited.</param>
/// <param name="Started">Wall time (UTC) just before the first invocation was started.</param>
/// <param name="Stopped">Wall time (UTC) just after the last invocation had exited.</param>
/// <param name="Interrupted">Stopped early by cancellation or by the plan's time limit (SIGINT, then killed after a grace period).</param>
/// <param name="TimedOut">Stopped early by the plan's time limit (then <paramref name="Interrupted"/> is true too).</param>
/// <param name="Summary">The tool's own summary, when it printed one that could be read.</param>
public sealed record LoadResult(
    string Tool,
    LoadPlan Plan,
    string? Version,
    LoadOutput Output,
    DateTimeOffset Started,
    DateTimeOffset Stopped,
    bool Interrupted,
    bool TimedOut,
    ToolSummary? Summary);
