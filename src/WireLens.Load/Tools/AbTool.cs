using WireLens.Load.Parsing;
using WireLens.Reporting.Attribution;
using WireLens.Reporting.Runs;

namespace WireLens.Load.Tools;

/// <summary>
/// ApacheBench: HTTP/1.0, <c>-c</c> requests in flight, a new connection per request unless <c>-k</c>.
/// <c>ab -n N -c C | -t S -c C [-k] [raw...] URL</c>.
/// </summary>
public sealed class AbTool : ILoadTool
{
    public string Name => ToolNames.Ab;

    public string DebianPackage => "apache2-utils";

    public string? Locate() => ExecutableSearch.Find("ab");

    public string? ReadVersion(string executable) => VersionProbe.Run(executable, "-V") is { } text ? AbOutput.Version(text) : null;

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
            { Http2: true } => "--http2 is not supported by ab (HTTP/1.0 only)",
            { Rate: not null } => "--rate is not supported by ab (it has no rate limit)",
            { Duration: { } whole } when !OptionRules.IsWholeSeconds(whole) => "ab takes whole seconds for -d",
            { Duration: null } when connections > requests => $"ab needs -c ({connections}) at most -n ({requests})",
            _ => null,
        };
        if (refusal is not null)
        {
            return OptionRules.Refuse(refusal, out plan, out problem);
        }

        // ab's -t also sets -n to 50000: a duration run ends at 50000 requests if it gets there first.
        List<string> args = options.Duration is { } duration
            ? ["-t", OptionRules.WholeSeconds(duration), "-c", OptionRules.Number(connections)]
            : ["-n", OptionRules.Number(requests), "-c", OptionRules.Number(connections)];
        if (options.KeepAlive == true)
        {
            args.Add("-k");
        }

        // --insecure needs nothing: ab never verifies certificates.
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
        return AbOutput.Parse(output.Stdout);
    }
}
