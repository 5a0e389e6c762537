using WireLens.Analysis.Connections;
using WireLens.EndToEnd.Tests.Oracle;
using WireLens.Testing;

namespace WireLens.EndToEnd.Tests.Attribution;

/// <summary>
/// The committed captures of captures/fingerprints/ (README.md there), named `tool[-variant].pcap`: the tool is the
/// name up to its first '-' (curl-http11.pcap, curl-resume.pcap: curl), and their connections as WireLens reads them.
/// </summary>
internal static class FingerprintCaptures
{
    public static string Folder => Path.Combine(TestPaths.Captures, "fingerprints");

    /// <summary>The capture file names, sorted.</summary>
    public static IReadOnlyList<string> Names =>
        [.. Directory.GetFiles(Folder, "*.pcap").Select(p => Path.GetFileName(p)).Order(StringComparer.Ordinal)];

    /// <summary>Every capture, for theories.</summary>
    public static TheoryData<string> All() => [.. Names];

    /// <summary>Every tool with a capture, for theories.</summary>
    public static TheoryData<string> Tools() => [.. Names.Select(ToolOf).Distinct(StringComparer.Ordinal)];

    /// <summary>The variants of <paramref name="tool"/>: its capture names without `.pcap` (curl, curl-http11, ...).</summary>
    public static IReadOnlyList<string> VariantsOf(string tool) =>
        [.. Names.Select(Path.GetFileNameWithoutExtension).Where(v => ToolOf(v!) == tool).Select(v => v!)];

    /// <summary>The tool a capture (or variant) name stands for: the name up to its first '-', without `.pcap`.</summary>
    public static string ToolOf(string name)
    {
        string stem = name.EndsWith(".pcap", StringComparison.Ordinal) ? name[..^".pcap".Length] : name;
        int dash = stem.IndexOf('-', StringComparison.Ordinal);
        return dash < 0 ? stem : stem[..dash];
    }

    /// <summary>WireLens's connections of <paramref name="capture"/> that carry a ClientHello (so a JA4), in stream order.</summary>
    public static List<ConnectionRecord> Hellos(string capture) =>
        [.. WireLensAnalysis.Analyze(capture).Records.Where(r => r.Tls?.Ja4 is not null)];
}
