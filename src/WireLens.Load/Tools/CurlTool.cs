using WireLens.Load.Parsing;
using WireLens.Reporting.Attribution;
using WireLens.Reporting.Runs;

namespace WireLens.Load.Tools;

/// <summary>
/// The curl loop: <c>-n</c> curl processes, each making one request on its own connection, run by <c>-c</c> workers at
/// a time. Each invocation: <c>curl -sS -o /dev/null --max-time 30 -w FORMAT [--http2 | --http2-prior-knowledge] [-k]
/// [raw...] URL</c>, writing one line of <see cref="CurlLoopOutput.WriteOutFormat"/>.
/// </summary>
public sealed class CurlTool : ILoadTool
{
    /// <summary>Each invocation gives up after this long (curl's <c>--max-time</c>).</summary>
    public const int MaxTimeSeconds = 30;

    public string Name => ToolNames.Curl;

    public string DebianPackage => "curl";

    public string? Locate() => ExecutableSearch.Find("curl");

    public string? ReadVersion(string executable) => VersionProbe.Run(executable, "--version") is { } text ? Version(text) : null;

    /// <summary>`curl --version` starts "curl 7.88.1 (x86_64-pc-linux-gnu) libcurl/7.88.1 ...": 7.88.1.</summary>
    public static string? Version(string versionOutput)
    {
        ArgumentNullException.ThrowIfNull(versionOutput);
        string[] words = versionOutput.Split([' ', '\n'], 3);
        return words.Length >= 2 && words[0] == "curl" && words[1].Length > 0 && char.IsAsciiDigit(words[1][0]) ? words[1] : null;
    }

    public bool TryPlan(LoadOptions options, string executable, out LoadPlan? plan, out string problem)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!OptionRules.TryCheckCommon(options, out problem))
        {
            return OptionRules.Refuse(problem, out plan, out problem);
        }

        string? refusal = options switch
        {
            { Duration: not null } => "-d is not supported by the curl loop (it runs a count of invocations: use -n)",
            { Rate: not null } => "--rate is not supported by the curl loop (it starts the next curl when one ends)",
            { KeepAlive: true } => "--keepalive on is not possible with the curl loop (each curl makes one request and exits)",
            _ => null,
        };
        if (refusal is not null)
        {
            return OptionRules.Refuse(refusal, out plan, out problem);
        }

        int workers = options.Connections ?? 1;
        long requests = options.Requests ?? LoadDefaults.CurlRequests;
        List<string> args =
        [
            "-sS", "-o", "/dev/null",
            "--max-time", OptionRules.Number(MaxTimeSeconds),
            "-w", CurlLoopOutput.WriteOutFormat,
        ];
        if (options.Http2)
        {
            args.Add(OptionRules.IsHttps(options) ? "--http2" : "--http2-prior-knowledge");
        }

        if (options.Insecure)
        {
            args.Add("-k");
        }

        args.AddRange(options.ExtraArguments);
        args.Add(OptionRules.Url(options));
        plan = new LoadPlan(Name, new ProcessSpec(executable, args), workers)
        {
            Repeat = requests,
            Parallel = (int)Math.Min(workers, requests),
        };
        return true;
    }

    public ToolSummary? ParseSummary(LoadOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        return CurlLoopOutput.Parse(output.Stdout, output.Elapsed);
    }
}
