using WireLens.Load.Parsing;
using WireLens.Reporting.Attribution;
using WireLens.Reporting.Runs;

namespace WireLens.Load.Tools;

/// <summary>
/// vegeta: an open-model load at a fixed rate for a duration. It has no single command that attacks and reports, so
/// the plan runs <c>printf 'GET %s\n' URL | vegeta attack ARGS | vegeta report</c> under <c>/bin/sh</c>
/// (<see cref="Script"/>). Nothing is interpolated into the script: the vegeta path, the URL and every attack argument
/// are passed as the shell's positional parameters, so no quoting is involved.
/// Not packaged on Debian: supported when it is on PATH, untested here but for its report parser.
/// </summary>
public sealed class VegetaTool : ILoadTool
{
    /// <summary>
    /// The shell script: <c>$0</c> is vegeta, <c>$1</c> the URL, the rest the attack's arguments. SIGINT is ignored by
    /// the shell (and so by printf); vegeta's attack and report catch it themselves, the attack to stop and flush,
    /// the report to print what it has read.
    /// </summary>
    public const string Script = "trap '' INT; v=\"$0\"; u=\"$1\"; shift; printf 'GET %s\\n' \"$u\" | \"$v\" attack \"$@\" | \"$v\" report";

    /// <summary>The shell the pipeline runs under.</summary>
    public const string Shell = "/bin/sh";

    public string Name => ToolNames.Vegeta;

    /// <summary>Empty: vegeta is not packaged on Debian.</summary>
    public string DebianPackage => string.Empty;

    public string? Locate() => ExecutableSearch.Find("vegeta");

    public string? ReadVersion(string executable) => VersionProbe.Run(executable, "--version") is { } text ? VegetaOutput.Version(text) : null;

    public bool TryPlan(LoadOptions options, string executable, out LoadPlan? plan, out string problem)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!OptionRules.TryCheckCommon(options, out problem))
        {
            return OptionRules.Refuse(problem, out plan, out problem);
        }

        string? refusal = options switch
        {
            { Requests: not null } => "-n is not supported by vegeta (it attacks at --rate for -d)",
            { Rate: null } => "vegeta needs --rate (it attacks at a fixed rate for -d)",
            _ => null,
        };
        if (refusal is not null)
        {
            return OptionRules.Refuse(refusal, out plan, out problem);
        }

        TimeSpan duration = options.Duration ?? LoadDefaults.Duration;
        double rate = options.Rate!.Value;

        // vegeta's rate is an integer per period: 2.5/s is written 2500/1000s.
        string rateText = rate == Math.Floor(rate)
            ? OptionRules.Number((long)rate) + "/1s"
            : OptionRules.Number((long)Math.Round(rate * 1000)) + "/1000s";
        List<string> args =
        [
            "-c", Script, executable, OptionRules.Url(options),
            "-rate=" + rateText,
            "-duration=" + OptionRules.SecondsOrMilliseconds(duration),
        ];
        if (options.Connections is { } connections)
        {
            args.AddRange(["-workers=" + OptionRules.Number(connections), "-max-workers=" + OptionRules.Number(connections)]);
        }

        if (options.KeepAlive == false)
        {
            args.Add("-keepalive=false");
        }

        if (!options.Http2)
        {
            args.Add("-http2=false");
        }
        else if (!OptionRules.IsHttps(options))
        {
            args.Add("-h2c");
        }

        if (options.Insecure)
        {
            args.Add("-insecure");
        }

        args.AddRange(options.ExtraArguments);
        plan = new LoadPlan(Name, new ProcessSpec(Shell, args), options.Connections)
        {
            TimeLimit = LoadDefaults.TimeLimitFor(duration),
            Executable = executable,
        };
        return true;
    }

    public ToolSummary? ParseSummary(LoadOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        return VegetaOutput.Parse(output.Stdout);
    }
}
