using System.Security.Cryptography;
using System.Text;
using WireLens.Load.Parsing;
using WireLens.Reporting.Attribution;
using WireLens.Reporting.Runs;

namespace WireLens.Load.Tools;

/// <summary>
/// siege: <c>-c</c> users, each repeating <c>-r</c> transactions (or until <c>-t</c>), HTTP/1.1. Its keep-alive is a
/// resource-file setting only, so every plan passes its own resource file (<c>-R</c>, <see cref="ResourceFile"/>):
/// neither /etc/siege/siegerc nor ~/.siege changes a run.
/// <c>siege -R RC -c C -r N/C | -t NS [raw...] URL</c>.
/// </summary>
public sealed class SiegeTool : ILoadTool
{
    private readonly string _resourceDirectory;

    /// <param name="resourceDirectory">Where resource files are written (default: the temp folder).</param>
    public SiegeTool(string? resourceDirectory = null)
    {
        _resourceDirectory = resourceDirectory ?? Path.GetTempPath();
    }

    public string Name => ToolNames.Siege;

    public string DebianPackage => "siege";

    public string? Locate() => ExecutableSearch.Find("siege");

    public string? ReadVersion(string executable) => VersionProbe.Run(executable, "--version") is { } text ? SiegeOutput.Version(text) : null;

    /// <summary>
    /// The resource file: Debian's siege 4.0.7 defaults (HTTP/1.1, <c>connection = close</c> unless
    /// <c>--keepalive on</c>), no HTML parser (it would fetch what a page names), no delay (benchmark mode), a 30 s
    /// socket timeout, no log file, plain text; failures are not limited, so that siege does not stop early.
    /// </summary>
    public static string ResourceFile(bool keepAlive) => $"""
        protocol = HTTP/1.1
        connection = {(keepAlive ? "keep-alive" : "close")}
        parser = false
        benchmark = true
        delay = 0
        timeout = 30
        failures = 1000000000
        logging = false
        verbose = false
        quiet = false
        color = off
        json_output = false
        show-logfile = false

        """;

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
            { Http2: true } => "--http2 is not supported by siege (HTTP/1.1 only)",
            { Rate: not null } => "--rate is not supported by siege (its -d is a random delay, not a rate)",
            { Duration: { } whole } when !OptionRules.IsWholeSeconds(whole) => "siege takes whole seconds for -d",
            { Duration: null } when requests % connections != 0 =>
                $"siege repeats -n/-c transactions per user: -n ({requests}) must be a multiple of -c ({connections})",
            _ => null,
        };
        if (refusal is not null)
        {
            return OptionRules.Refuse(refusal, out plan, out problem);
        }

        if (!TryWriteResourceFile(options.KeepAlive == true, out string resourceFile, out problem))
        {
            return OptionRules.Refuse(problem, out plan, out problem);
        }

        List<string> args = ["-R", resourceFile, "-c", OptionRules.Number(connections)];
        args.AddRange(options.Duration is { } duration
            ? ["-t", OptionRules.WholeSeconds(duration) + "S"]
            : ["-r", OptionRules.Number(requests / connections)]);

        // --insecure needs nothing: siege does not verify certificates.
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
        return SiegeOutput.Parse(output.Stderr, output.Stdout);
    }

    /// <summary>Writes the resource file once, named by its content, so plans made again reuse it.</summary>
    private bool TryWriteResourceFile(bool keepAlive, out string path, out string problem)
    {
        string text = ResourceFile(keepAlive);
        string hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
        path = Path.Combine(_resourceDirectory, $"wirelens-siegerc-{hash}");
        problem = string.Empty;
        try
        {
            if (!File.Exists(path) || File.ReadAllText(path) != text)
            {
                string temp = path + "." + Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
                File.WriteAllText(temp, text);
                File.Move(temp, path, overwrite: true);
            }

            return true;
        }
        catch (IOException ex)
        {
            problem = $"cannot write siege's resource file {path}: {ex.Message}";
        }
        catch (UnauthorizedAccessException ex)
        {
            problem = $"cannot write siege's resource file {path}: {ex.Message}";
        }

        return false;
    }
}
