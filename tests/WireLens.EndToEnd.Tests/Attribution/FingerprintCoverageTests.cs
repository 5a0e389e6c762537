using WireLens.Analysis.Connections;
using WireLens.EndToEnd.Tests.Tls;
using WireLens.Testing;

namespace WireLens.EndToEnd.Tests.Attribution;

/// <summary>
/// The table covers the tools installed here: each tool with a capture in captures/fingerprints/ is run again now,
/// every variant the way make-fingerprints.sh ran it, against a TLS nginx on loopback, and every ClientHello it sends
/// must have its JA4 listed under that tool. A Debian update that changes a tool's ClientHello fails here, with the
/// fingerprint that is new.
/// </summary>
public sealed class FingerprintCoverageTests
{
    [Theory]
    [MemberData(nameof(FingerprintCaptures.Tools), MemberType = typeof(FingerprintCaptures))]
    public async Task InstalledTool_EveryClientHello_HasItsJa4InTableUnderTool(string tool)
    {
        // Arrange
        Require.Root();
        Require.Tool(tool, FingerprintRuns.PackageOf(tool));
        IReadOnlyList<Ja4ToolRow> rows = Ja4ToolTable.Read();
        var listed = rows.Where(r => r.Tool == tool).Select(r => r.Ja4).ToHashSet(StringComparer.Ordinal);

        // Act: each variant on its own nginx and capture.
        var seen = new List<(string Variant, string Ja4)>();
        foreach (string variant in FingerprintCaptures.VariantsOf(tool))
        {
            (string capture, _) = await TlsScenario.CaptureNginxAsync(FingerprintRuns.ServerFor(variant), server =>
            {
                FingerprintRuns.Run(variant, server);
                return Task.CompletedTask;
            });
            List<ConnectionRecord> hellos = FingerprintCaptures.Hellos(capture);
            Assert.True(hellos.Count > 0, $"{variant}: the live run sent no TLS ClientHello ({capture})");
            seen.AddRange(hellos.Select(h => (variant, h.Tls!.Ja4!)));
            TestContext.Current.TestOutputHelper?.WriteLine(
                $"{variant}: {string.Join(' ', hellos.Select(h => h.Tls!.Ja4).Distinct(StringComparer.Ordinal))}");
        }

        // Assert
        string[] unlisted = [.. seen.Where(s => !listed.Contains(s.Ja4)).Select(s => $"{s.Variant}: {s.Ja4}").Distinct(StringComparer.Ordinal)];
        Assert.True(unlisted.Length == 0, Explain(tool, unlisted, rows));
    }

    private static string Explain(string tool, string[] unlisted, IReadOnlyList<Ja4ToolRow> rows)
    {
        string version = rows.FirstOrDefault(r => r.Tool == tool)?.ToolVersion ?? "?";
        var others = unlisted
            .Select(u => u[(u.IndexOf(": ", StringComparison.Ordinal) + 2)..])
            .SelectMany(ja4 => rows.Where(r => r.Ja4 == ja4).Select(r => $"{ja4} is listed under {r.Tool}"))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return $"The installed {tool} ({InstalledPackage(tool)}) sends ClientHellos whose JA4 ja4-tools.tsv does not list under {tool} "
            + $"(the table was made with {version}):\n  {string.Join("\n  ", unlisted)}\n"
            + (others.Count > 0 ? $"  ({string.Join("; ", others)})\n" : string.Empty)
            + "Rerun captures/fingerprints/make-fingerprints.sh as root on this machine, read the diff, and commit the captures and the table.";
    }

    private static string InstalledPackage(string tool)
    {
        string package = FingerprintRuns.PackageOf(tool);
        string? dpkg = Require.FindOnPath("dpkg-query");
        if (dpkg is null)
        {
            return "package version unknown";
        }

        ProcessResult result = ProcessRunner.Run(dpkg, ["-W", "-f=${Version}", package], TimeSpan.FromSeconds(20));
        return result.Succeeded ? $"Debian {package} {result.StdOut.Trim()}" : "package version unknown";
    }
}
