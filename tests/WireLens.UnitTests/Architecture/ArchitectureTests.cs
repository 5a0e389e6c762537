using System.Text.RegularExpressions;
using System.Xml.Linq;
using WireLens.Testing;

namespace WireLens.UnitTests.Architecture;

/// <summary>
/// The layering in STYLE.md, checked from the project files and sources: references point one way, and
/// WireLens never runs tshark/tcpdump/dumpcap nor loads Wireshark's libraries (they are test oracles only).
/// </summary>
public sealed partial class ArchitectureTests
{
    /// <summary>Each project and the projects it may reference.</summary>
    private static readonly Dictionary<string, string[]> s_allowed = new()
    {
        ["WireLens.Wire"] = [],
        ["WireLens.Capture"] = ["WireLens.Wire"],
        ["WireLens.Analysis"] = ["WireLens.Wire"],
        ["WireLens.Reporting"] = ["WireLens.Analysis", "WireLens.Wire"],
        ["WireLens.Load"] = ["WireLens.Reporting", "WireLens.Analysis", "WireLens.Wire"],
        ["WireLens.Target"] = [],
        ["WireLens.Tui"] = ["WireLens.Reporting", "WireLens.Analysis", "WireLens.Wire"],
        ["WireLens.Cli"] = ["WireLens.Capture", "WireLens.Analysis", "WireLens.Reporting", "WireLens.Wire", "WireLens.Load", "WireLens.Target", "WireLens.Tui"],
    };

    public static TheoryData<string> SourceProjects() => [.. s_allowed.Keys];

    [Theory]
    [MemberData(nameof(SourceProjects))]
    public void ProjectReferences_PointOneWay(string project)
    {
        string csproj = Path.Combine(TestPaths.RepoRoot, "src", project, project + ".csproj");
        Assert.True(File.Exists(csproj), csproj);

        string[] references = [.. XDocument.Load(csproj).Descendants("ProjectReference")
            .Select(e => Path.GetFileNameWithoutExtension(e.Attribute("Include")!.Value.Replace('\\', '/')))];

        Assert.All(references, r => Assert.Contains(r, s_allowed[project]));
    }

    [Fact]
    public void Tui_RendersSnapshotsOnly_NeverCapturesPackets()
    {
        string csproj = Path.Combine(TestPaths.RepoRoot, "src", "WireLens.Tui", "WireLens.Tui.csproj");
        string[] packages = [.. XDocument.Load(csproj).Descendants("PackageReference").Select(e => e.Attribute("Include")!.Value)];

        Assert.Contains("Terminal.Gui", packages);
        Assert.DoesNotContain("SharpPcap", packages);
    }

    [Fact]
    public void SourceProjects_AreExactlyTheKnownOnes()
    {
        string[] found = [.. Directory.GetDirectories(Path.Combine(TestPaths.RepoRoot, "src")).Select(Path.GetFileName).Order()!];

        Assert.Equal(s_allowed.Keys.Order(), found);
    }

    [Fact]
    public void Sources_NeverRunWiresharkToolsOrLoadItsLibraries()
    {
        var offenders = new List<string>();
        foreach (string file in Directory.EnumerateFiles(Path.Combine(TestPaths.RepoRoot, "src"), "*.cs", SearchOption.AllDirectories))
        {
            if (file.Contains("/obj/", StringComparison.Ordinal) || file.Contains("/bin/", StringComparison.Ordinal))
            {
                continue;
            }

            string text = File.ReadAllText(file);
            foreach (Match m in ForbiddenPattern().Matches(text))
            {
                offenders.Add($"{Path.GetRelativePath(TestPaths.RepoRoot, file)}: {m.Value}");
            }
        }

        Assert.Empty(offenders);
    }

    [Fact]
    public void ForbiddenPattern_CatchesWhatItIsFor()
    {
        Assert.Matches(ForbiddenPattern(), "Process.Start(\"tshark\", args)");
        Assert.Matches(ForbiddenPattern(), "[DllImport(\"libwireshark.so\")]");
        Assert.Matches(ForbiddenPattern(), "FileName = \"/usr/bin/dumpcap\"");
        Assert.DoesNotMatch(ForbiddenPattern(), "// tshark numbers streams like this");
        Assert.DoesNotMatch(ForbiddenPattern(), "Description = \"A BPF filter (tcpdump syntax)\"");
    }

    /// <summary>
    /// Decoders and analysis report bad input through their return values (NeedMoreData / Malformed, an error
    /// field), so they hold no catch at all; no project anywhere catches every exception.
    /// </summary>
    [Theory]
    [InlineData("WireLens.Wire", true)]
    [InlineData("WireLens.Analysis", true)]
    [InlineData("WireLens.Capture", false)]
    [InlineData("WireLens.Reporting", false)]
    [InlineData("WireLens.Load", false)]
    [InlineData("WireLens.Target", false)]
    [InlineData("WireLens.Tui", false)]
    [InlineData("WireLens.Cli", false)]
    public void Sources_DoNotCatchTheirWayPastBadInput(string project, bool noCatchAtAll)
    {
        var offenders = new List<string>();
        foreach (string file in SourceFiles(project))
        {
            string text = File.ReadAllText(file);
            foreach (Match m in CatchPattern().Matches(text))
            {
                bool catchAll = m.Groups["type"].Value is "" or "Exception" or "System.Exception";
                if (noCatchAtAll || catchAll)
                {
                    offenders.Add($"{Path.GetRelativePath(TestPaths.RepoRoot, file)}: {m.Value}");
                }
            }
        }

        Assert.True(SourceFiles(project).Any(), $"no sources found for {project}");
        Assert.Empty(offenders);
    }

    [Fact]
    public void CatchPattern_FindsEveryForm()
    {
        Assert.Equal("Exception", CatchPattern().Match("catch (Exception e)").Groups["type"].Value);
        Assert.Equal("System.Exception", CatchPattern().Match("catch(System.Exception)").Groups["type"].Value);
        Assert.Equal("", CatchPattern().Match("} catch {").Groups["type"].Value);
        Assert.Equal("IOException", CatchPattern().Match("catch (IOException ex) when (x)").Groups["type"].Value);
        Assert.DoesNotMatch(CatchPattern(), "// caught by the caller");
    }

    private static IEnumerable<string> SourceFiles(string project) =>
        Directory.EnumerateFiles(Path.Combine(TestPaths.RepoRoot, "src", project), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal));

    [GeneratedRegex(@"\bcatch\b\s*(?:\(\s*(?<type>[\w.]+)[^)]*\)|(?=\{|$))", RegexOptions.Multiline)]
    private static partial Regex CatchPattern();

    /// <summary>A string literal that is a Wireshark/tcpdump program (name or path), or any mention of their libraries.</summary>
    [GeneratedRegex("\"(?:[^\"\\s]*/)?(?:tshark|dumpcap|tcpdump)(?:\\.exe)?\"|lib(?:wireshark|wiretap|wsutil)")]
    private static partial Regex ForbiddenPattern();
}
