using WireLens.Load.Parsing;
using WireLens.Reporting.Attribution;
using WireLens.Reporting.Runs;

namespace WireLens.Load.Tools;

/// <summary>
/// hey: <c>-c</c> Go workers, each running <c>-n/-c</c> requests (or until <c>-z</c>) over Go's keep-alive pool.
/// <c>hey -n N -c C | -z Ds -c C [-q R/C] [-disable-keepalive] [-h2] [raw...] URL</c>.
/// </summary>
public sealed class HeyTool : ILoadTool
{
    public string Name => ToolNames.Hey;

    public string DebianPackage => "hey";

    public string? Locate() => ExecutableSearch.Find("hey");

    /// <summary>hey has no version flag (and Debian's hey 0.1.4 prints none anywhere): always null.</summary>
    public string? ReadVersion(string executable) => null;

    public bool TryPlan(LoadOptions options, string executable, out LoadPlan? plan, out string problem)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!OptionRules.TryCheckCommon(options, out problem))
        {
            return OptionRules.Refuse(problem, out plan, out problem);
        }

        int connections = options.Connections ?? LoadDefaults.Connections;
        long requests = options.Requests ?? (long)connections * LoadDefaults.RequestsPerConnection;
        string? refusal = options switch
        {
            { Http2: true } when !OptionRules.IsHttps(options) => "--http2 needs https with hey (Go's client has no h2c)",
            { Duration: null } when requests < connections => $"hey needs -n ({requests}) at least -c ({connections})",
            { Duration: null } when requests % connections != 0 =>
                $"hey runs -n/-c requests per worker: -n ({requests}) must be a multiple of -c ({connections}) for an exact count",
            _ => null,
        };
        if (refusal is not null)
        {
            return OptionRules.Refuse(refusal, out plan, out problem);
        }

        List<string> args = options.Duration is { } duration
            ? ["-z", OptionRules.SecondsOrMilliseconds(duration), "-c", OptionRules.Number(connections)]
            : ["-n", OptionRules.Number(requests), "-c", OptionRules.Number(connections)];

        // hey's -q is per worker; the total rate is shared among the workers.
        if (options.Rate is { } rate)
        {
            args.AddRange(["-q", OptionRules.Number(rate / connections)]);
        }

        if (options.KeepAlive == false)
        {
            args.Add("-disable-keepalive");
        }

        if (options.Http2)
        {
            args.Add("-h2");
        }

        // --insecure needs nothing: hey never verifies certificates.
        args.AddRange(options.ExtraArguments);
        args.Add(OptionRules.Url(options));
        plan = new LoadPlan(Name, new ProcessSpec(executable, args), connections)
        {
            TimeLimit = options.Duration is { } d ? LoadDefaults.TimeLimitFor(d) : null,
        };
        return true;
    }

    public ToolSummary? ParseSummary(LoadOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        return HeyOutput.Parse(output.Stdout);
    }
}
