using WireLens.Load.Parsing;
using WireLens.Reporting.Attribution;
using WireLens.Reporting.Runs;

namespace WireLens.Load.Tools;

/// <summary>
/// wrk: a duration-bounded HTTP/1.1 load over <c>-c</c> kept-alive connections shared by <c>-t</c> threads.
/// <c>wrk -t T -c C -d Ns --latency [-H 'Connection: close'] [raw...] URL</c> with T = min(C, processors).
/// </summary>
public sealed class WrkTool : ILoadTool
{
    private readonly int _processors;

    /// <param name="processorCount">Threads are at most this many (default: the machine's processors).</param>
    public WrkTool(int? processorCount = null)
    {
        _processors = Math.Max(1, processorCount ?? Environment.ProcessorCount);
    }

    public string Name => ToolNames.Wrk;

    public string DebianPackage => "wrk";

    public string? Locate() => ExecutableSearch.Find("wrk");

    public string? ReadVersion(string executable) => VersionProbe.Run(executable, "-v") is { } text ? WrkOutput.Version(text) : null;

    public bool TryPlan(LoadOptions options, string executable, out LoadPlan? plan, out string problem)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!OptionRules.TryCheckCommon(options, out problem))
        {
            return OptionRules.Refuse(problem, out plan, out problem);
        }

        string? refusal = options switch
        {
            { Requests: not null } => "-n is not supported by wrk (it runs for a duration: use -d)",
            { Rate: not null } => "--rate is not supported by wrk (it sends as fast as it can; wrk2's -R is another tool)",
            { Http2: true } => "--http2 is not supported by wrk (HTTP/1.1 only)",
            { Duration: { } whole } when !OptionRules.IsWholeSeconds(whole) => "wrk takes whole seconds for -d",
            _ => null,
        };
        if (refusal is not null)
        {
            return OptionRules.Refuse(refusal, out plan, out problem);
        }

        int connections = options.Connections ?? LoadDefaults.Connections;
        TimeSpan duration = options.Duration ?? LoadDefaults.Duration;
        List<string> args =
        [
            "-t", OptionRules.Number(Math.Min(connections, _processors)),
            "-c", OptionRules.Number(connections),
            "-d", OptionRules.WholeSeconds(duration) + "s",
            "--latency",
        ];

        // wrk has no keep-alive switch: with "Connection: close" the server closes after each response and wrk
        // reconnects. --insecure needs nothing: wrk never verifies certificates.
        if (options.KeepAlive == false)
        {
            args.AddRange(["-H", "Connection: close"]);
        }

        args.AddRange(options.ExtraArguments);
        args.Add(OptionRules.Url(options));
        plan = new LoadPlan(Name, new ProcessSpec(executable, args), connections)
        {
            TimeLimit = LoadDefaults.TimeLimitFor(duration),
        };
        return true;
    }

    public ToolSummary? ParseSummary(LoadOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        return WrkOutput.Parse(output.Stdout);
    }
}
