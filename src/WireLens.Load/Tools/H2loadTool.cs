using WireLens.Load.Parsing;
using WireLens.Reporting.Attribution;
using WireLens.Reporting.Runs;

namespace WireLens.Load.Tools;

/// <summary>
/// h2load (nghttp2): <c>-c</c> clients, one connection each, HTTP/2 by default (h2c with prior knowledge on http,
/// ALPN on https) and HTTP/1.1 with <c>--h1</c>. WireLens's <c>--http2</c> is off by default, so a plan without it
/// passes <c>--h1</c>: the common options mean the same for every tool.
/// <c>h2load -n N -c C | -D Ns -c C [--h1] [raw...] URL</c>.
/// </summary>
public sealed class H2loadTool : ILoadTool
{
    public string Name => ToolNames.H2load;

    public string DebianPackage => "nghttp2-client";

    public string? Locate() => ExecutableSearch.Find("h2load");

    public string? ReadVersion(string executable) => VersionProbe.Run(executable, "--version") is { } text ? H2loadOutput.Version(text) : null;

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
            { Rate: not null } => "--rate is not supported by h2load (its -r is a rate of new connections, not of requests)",
            { KeepAlive: false } => "--keepalive off is not supported by h2load (each client keeps one connection for all its requests)",
            { Duration: null } when requests < connections => $"h2load needs -n ({requests}) at least -c ({connections})",
            _ => null,
        };
        if (refusal is not null)
        {
            return OptionRules.Refuse(refusal, out plan, out problem);
        }

        List<string> args = options.Duration is { } duration
            ? ["-D", OptionRules.SecondsOrMilliseconds(duration), "-c", OptionRules.Number(connections)]
            : ["-n", OptionRules.Number(requests), "-c", OptionRules.Number(connections)];
        if (!options.Http2)
        {
            args.Add("--h1");
        }

        // --insecure needs nothing: h2load never verifies certificates.
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
        return H2loadOutput.Parse(output.Stdout);
    }
}
