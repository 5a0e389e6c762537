using WireLens.Capture.Live;
using WireLens.Load;
using WireLens.Load.Tools;

namespace WireLens.Cli.Live;

/// <summary>One load run to capture: the tool, how it is driven, and the run's label.</summary>
/// <param name="Label">The run's name in the manifest and the report (<c>wrk</c>, <c>builtin:keepalive</c>).</param>
/// <param name="Tool">The adapter.</param>
/// <param name="Executable">The tool's program (from <see cref="ILoadTool.Locate"/>).</param>
/// <param name="Plan">What is run.</param>
/// <param name="Options">The options the plan was made from.</param>
public sealed record LoadRunRequest(string Label, ILoadTool Tool, string Executable, LoadPlan Plan, LoadOptions Options);

/// <summary>A captured load run: where it was saved, what the tool said, and whether it was cut short.</summary>
/// <param name="Request">What was run.</param>
/// <param name="Folder">The run's folder (capture.pcap, run.json, the tool's output).</param>
/// <param name="CapturePath">The capture file.</param>
/// <param name="ManifestPath">The manifest beside it.</param>
/// <param name="Result">The tool's result; null when the run was interrupted before the tool started.</param>
/// <param name="Interrupted">Cut short by SIGINT/SIGTERM.</param>
/// <param name="Statistics">The capture's final counters.</param>
public sealed record CapturedRun(
    LoadRunRequest Request, string Folder, string CapturePath, string ManifestPath, LoadResult? Result, bool Interrupted, LiveCaptureStatistics Statistics);
