using System.Globalization;
using System.Text.RegularExpressions;

namespace WireLens.Testing;

/// <summary>
/// tshark as the reference oracle for end-to-end tests. Every run uses pinned TCP and TLS preferences and an empty personal
/// configuration folder (HOME, XDG_CONFIG_HOME, WIRESHARK_CONFIG_DIR), so a user's Wireshark profile cannot change
/// a verdict. Preferences the installed tshark does not know are dropped (checked once with `tshark -G defaultprefs`).
/// </summary>
public static partial class TShark
{
    /// <summary>Field separator: the ASCII unit separator, which never occurs in field values (a tab can).</summary>
    private const char Separator = '\u001f';

    private static readonly string[] s_wantedPreferences =
    [
        "tcp.analyze_sequence_numbers:TRUE",
        "tcp.relative_sequence_numbers:TRUE",
        "tcp.calculate_timestamps:TRUE",
        "tcp.desegment_tcp_streams:TRUE",
        "tcp.no_subdissector_on_error:FALSE",
        "tcp.check_checksum:FALSE",

        // TLS over TCP: a record split across segments is reassembled, and the hello fields and `tcp.segment` (the
        // frames of the reassembled PDU) appear on the frame that completes it. Both are tshark 4.0's defaults, pinned
        // so a profile cannot turn them off; they touch nothing the TCP oracle reads (its runs decode no TLS).
        "tls.desegment_ssl_records:TRUE",
        "tls.desegment_ssl_application_data:TRUE",
    ];

    private static readonly Lazy<string> s_emptyHome = new(CreateEmptyHome);
    private static readonly Lazy<IReadOnlyList<string>> s_preferences = new(LoadValidPreferences);

    /// <summary>The `-o name:value` preferences passed on every run (those the installed tshark accepts).</summary>
    public static IReadOnlyList<string> PinnedPreferences => s_preferences.Value;

    /// <summary>
    /// Dissects <paramref name="capture"/> and returns one row per (displayed) frame with one string per field:
    /// empty when absent, all occurrences joined by ',' when repeated.
    /// </summary>
    public static IReadOnlyList<string[]> Fields(string capture, IReadOnlyList<string> fields, TsharkOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(fields);
        if (fields.Count == 0)
        {
            throw new ArgumentException("at least one field", nameof(fields));
        }

        var args = new List<string>
        {
            "-T", "fields",
            "-E", "header=n",
            "-E", "separator=" + Separator,
            "-E", "occurrence=a",
            "-E", "aggregator=,",
            "-E", "quote=n",
        };
        foreach (string field in fields)
        {
            args.Add("-e");
            args.Add(field);
        }

        string output = Run(capture, args, options);
        return SplitRows(output, fields.Count);
    }

    /// <summary>The number of frames matching <paramref name="displayFilter"/> (and the options' filter, if any).</summary>
    public static int Count(string capture, string displayFilter, TsharkOptions? options = null)
    {
        options ??= new TsharkOptions();
        string filter = options.DisplayFilter is null ? displayFilter : $"({options.DisplayFilter}) && ({displayFilter})";
        return Fields(capture, ["frame.number"], options with { DisplayFilter = filter }).Count;
    }

    /// <summary>The installed tshark version, e.g. 4.0.17.</summary>
    public static Version Version()
    {
        ProcessResult result = ProcessRunner.Run(Tool(), ["-v"], TimeSpan.FromSeconds(30), env: PinnedEnvironment());
        Match match = VersionPattern().Match(result.StdOut);
        if (!result.Succeeded || !match.Success)
        {
            throw new InvalidOperationException(result.Describe("tshark -v"));
        }

        return System.Version.Parse(match.Groups[1].Value);
    }

    private static string Run(string capture, List<string> fieldArgs, TsharkOptions? options)
    {
        options ??= new TsharkOptions();
        if (!File.Exists(capture))
        {
            throw new FileNotFoundException("capture not found", capture);
        }

        var args = new List<string> { "-r", capture, "-n" };
        if (options.TwoPass)
        {
            args.Add("-2");
        }

        foreach (string preference in PinnedPreferences)
        {
            args.Add("-o");
            args.Add(preference);
        }

        foreach (int port in options.HttpPorts)
        {
            args.Add("-d");
            args.Add(string.Create(CultureInfo.InvariantCulture, $"tcp.port=={port},http"));
        }

        foreach (int port in options.Http2Ports)
        {
            args.Add("-d");
            args.Add(string.Create(CultureInfo.InvariantCulture, $"tcp.port=={port},http2"));
        }

        foreach (int port in options.TlsPorts)
        {
            args.Add("-d");
            args.Add(string.Create(CultureInfo.InvariantCulture, $"tcp.port=={port},tls"));
        }

        if (options.DisplayFilter is not null)
        {
            args.Add("-Y");
            args.Add(options.DisplayFilter);
        }

        args.AddRange(fieldArgs);
        ProcessResult result = ProcessRunner.Run(Tool(), args, options.Timeout, env: PinnedEnvironment());
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(result.Describe("tshark " + string.Join(' ', args)));
        }

        return result.StdOut;
    }

    private static List<string[]> SplitRows(string output, int fieldCount)
    {
        // A value may contain a newline (HTTP bodies); a row is complete once it holds fieldCount-1 separators.
        var rows = new List<string[]>();
        if (output.Length == 0)
        {
            return rows;
        }

        if (output.EndsWith('\n'))
        {
            output = output[..^1];
        }

        string pending = string.Empty;
        bool hasPending = false;
        foreach (string line in output.Split('\n'))
        {
            pending = hasPending ? pending + "\n" + line : line;
            hasPending = true;
            if (pending.Count(c => c == Separator) >= fieldCount - 1)
            {
                rows.Add(pending.Split(Separator));
                hasPending = false;
            }
        }

        return rows;
    }

    private static IReadOnlyList<string> LoadValidPreferences()
    {
        ProcessResult result = ProcessRunner.Run(Tool(), ["-G", "defaultprefs"], TimeSpan.FromSeconds(60), env: PinnedEnvironment());
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(result.Describe("tshark -G defaultprefs"));
        }

        // Lines look like "#tcp.check_checksum: FALSE".
        var known = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match match in PreferenceLine().Matches(result.StdOut))
        {
            known.Add(match.Groups[1].Value);
        }

        return [.. s_wantedPreferences.Where(p => known.Contains(p[..p.IndexOf(':', StringComparison.Ordinal)]))];
    }

    private static Dictionary<string, string> PinnedEnvironment() => new()
    {
        ["HOME"] = s_emptyHome.Value,
        ["XDG_CONFIG_HOME"] = s_emptyHome.Value,
        ["WIRESHARK_CONFIG_DIR"] = s_emptyHome.Value,
        ["LC_ALL"] = "C",
    };

    private static string CreateEmptyHome()
    {
        string dir = TestPaths.NewTempDirectory("wl-tshark-home");
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                Directory.Delete(dir, recursive: true);
            }
            catch (IOException)
            {
                // Best effort: an empty folder in the temp directory is harmless.
            }
        };
        return dir;
    }

    private static string Tool() => Require.Tool("tshark", "tshark");

    [GeneratedRegex(@"^#?([a-z0-9_.]+):", RegexOptions.Multiline)]
    private static partial Regex PreferenceLine();

    [GeneratedRegex(@"TShark \(Wireshark\) (\d+\.\d+\.\d+)")]
    private static partial Regex VersionPattern();
}
