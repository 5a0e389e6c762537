using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using WireLens.Reporting.Attribution;
using WireLens.Reporting.Findings;
using WireLens.Reporting.Groups;
using WireLens.Reporting.Runs;

namespace WireLens.Cli.Commands;

/// <summary>The per-group report's settings of one <c>analyze</c>, checked from its arguments.</summary>
public sealed class ReportSettings
{
    private ReportSettings(GroupBy by, GroupReportOptions options, FindingSeverity? failOn, FindingThresholds thresholds)
    {
        By = by;
        Options = options;
        FailOn = failOn;
        Thresholds = thresholds;
    }

    /// <summary>The findings' thresholds: the defaults changed by <c>--threshold</c>.</summary>
    public FindingThresholds Thresholds { get; }

    public GroupBy By { get; }

    public GroupReportOptions Options { get; }

    /// <summary>The severity at which <c>--fail-on</c> exits with 3, or null.</summary>
    public FindingSeverity? FailOn { get; }

    /// <summary>A grouping for the analysis thread (exporters clone it for theirs).</summary>
    public ConnectionGrouping Grouping()
    {
        RunManifest? manifest = Options.Manifest;
        return new ConnectionGrouping(By, () => new ToolAttributor(
            manifest,
            FingerprintTable.Default,
            manifest is { Sockets.Count: > 0 } ? new ManifestProcessLookup(manifest.Sockets) : null));
    }

    /// <summary>The manifest file read, or null.</summary>
    public string? ManifestPath { get; private init; }

    public static bool TryCreate(AnalyzeArguments args, [NotNullWhen(true)] out ReportSettings? settings, out string error)
    {
        ArgumentNullException.ThrowIfNull(args);
        settings = null;
        if (!(args.TimeWaitSeconds > 0) || !double.IsFinite(args.TimeWaitSeconds))
        {
            error = "--time-wait must be a positive number of seconds";
            return false;
        }

        if (args.NoManifest && args.Manifest is not null)
        {
            error = "--manifest and --no-manifest exclude each other";
            return false;
        }

        RunManifest? manifest = null;
        string? manifestPath = args.NoManifest ? null : args.Manifest ?? RunManifestLocator.FindBeside(args.File);
        if (manifestPath is not null && !RunManifestJson.TryRead(manifestPath, out manifest, out string manifestError))
        {
            error = args.Manifest is null
                ? $"{manifestError} (the run manifest beside the capture; --no-manifest ignores it)"
                : manifestError;
            return false;
        }

        PortRange range = manifest?.Capture?.PortRange ?? PortRange.LinuxDefault;
        if (args.PortRange is { } text && !TryParsePortRange(text, out range))
        {
            error = $"--port-range must be LOW-HIGH with 1 <= LOW <= HIGH <= 65535, not '{WireLens.Reporting.Text.WireText.EscapeControl(text)}'";
            return false;
        }

        GroupBy by = manifest is null ? GroupBy.Tool : GroupBy.Run;
        if (args.GroupBy is { } groupBy)
        {
            GroupBy? parsed = groupBy switch
            {
                "run" => GroupBy.Run,
                "tool" => GroupBy.Tool,
                "client" => GroupBy.Client,
                "server" => GroupBy.Server,
                "none" => GroupBy.None,
                _ => null,
            };
            if (parsed is null)
            {
                error = $"--group-by must be run, tool, client, server or none, not '{WireLens.Reporting.Text.WireText.EscapeControl(groupBy)}'";
                return false;
            }

            by = parsed.Value;
            if (by == GroupBy.Run && manifest is null)
            {
                error = "--group-by run needs a run manifest (run.json beside the capture, or --manifest FILE)";
                return false;
            }
        }

        if (!TryParseFailOn(args.FailOn, out FindingSeverity? failOn, out error))
        {
            return false;
        }

        FindingThresholds thresholds = FindingThresholds.Default;
        foreach (string spec in args.Thresholds)
        {
            if (!FindingThresholds.TryParse(spec, thresholds, out FindingThresholds? changed, out string? thresholdError))
            {
                error = thresholdError ?? "--threshold: invalid";
                return false;
            }

            thresholds = changed!;
        }

        var options = new GroupReportOptions { TimeWaitSeconds = args.TimeWaitSeconds, PortRange = range, Manifest = manifest };
        settings = new ReportSettings(by, options, failOn, thresholds) { ManifestPath = manifestPath };
        error = string.Empty;
        return true;
    }

    private static bool TryParsePortRange(string text, out PortRange range)
    {
        range = default;
        int dash = text.IndexOf('-', StringComparison.Ordinal);
        if (dash <= 0
            || !int.TryParse(text.AsSpan(0, dash), NumberStyles.None, CultureInfo.InvariantCulture, out int low)
            || !int.TryParse(text.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out int high)
            || low < 1 || high > 65535 || low > high)
        {
            return false;
        }

        range = new PortRange(low, high);
        return true;
    }

    /// <summary><c>--fail-on</c>: null (not given), <c>warning</c> or <c>error</c>; anything else is a one-line <paramref name="error"/>.</summary>
    public static bool TryParseFailOn(string? text, out FindingSeverity? severity, out string error)
    {
        error = string.Empty;
        severity = text switch
        {
            null => null,
            "warning" => FindingSeverity.Warning,
            "error" => FindingSeverity.Error,
            _ => null,
        };
        if (text is not null && severity is null)
        {
            error = $"--fail-on must be warning or error, not '{WireLens.Reporting.Text.WireText.EscapeControl(text)}'";
            return false;
        }

        return true;
    }
}
