using WireLens.EndToEnd.Tests.Oracle;
using WireLens.Reporting.Runs;
using WireLens.Testing;

namespace WireLens.EndToEnd.Tests.Live;

/// <summary>
/// One run folder a live command saved (<c>&lt;time&gt;-&lt;label&gt;/</c>: capture.pcap, run.json, tool-stdout.txt,
/// tool-stderr.txt) with its manifest read back, and tshark's view of its capture.
/// </summary>
public sealed class SavedRun
{
    /// <summary>The capture's file name in a run folder (docs/run-manifest.md; RunFolders.CaptureFile).</summary>
    public const string CaptureFile = "capture.pcap";

    /// <summary>The manifest's file name in a run folder.</summary>
    public const string ManifestFile = "run.json";

    private SavedRun(string folder, RunManifest manifest)
    {
        Folder = folder;
        Manifest = manifest;
    }

    public string Folder { get; }

    public RunManifest Manifest { get; }

    public string CapturePath => Path.Combine(Folder, CaptureFile);

    /// <summary>The manifest's only run (a run folder holds one); fails the test when there is not exactly one.</summary>
    public RunEntry Entry => Assert.Single(Manifest.Runs);

    /// <summary>The port of the target the run loaded (the embedded target's endpoint).</summary>
    public int TargetPort => new Uri(Entry.Target ?? throw new InvalidOperationException($"{Folder}: run.json has no target")).Port;

    /// <summary>Reads the folder's run.json; fails the test when it cannot be read.</summary>
    public static SavedRun Read(string folder)
    {
        string path = Path.Combine(folder, ManifestFile);
        Assert.True(RunManifestJson.TryRead(path, out RunManifest? manifest, out string error), error);
        return new SavedRun(folder, manifest);
    }

    /// <summary>
    /// tshark's connections of the capture, one per tcp.stream, with the target's port decoded as HTTP/1 or, for h2c,
    /// as HTTP/2 (then <see cref="OracleConnection.H2ClientStreams"/> holds the client's HEADERS streams).
    /// </summary>
    public IReadOnlyDictionary<long, OracleConnection> Wire(bool h2c = false) =>
        TsharkConnectionOracle.Read(CapturePath, h2c ? new TsharkOptions { Http2Ports = [TargetPort] } : new TsharkOptions { HttpPorts = [TargetPort] });

    /// <summary>The text of a file in the folder (tool-stdout.txt, tool-stderr.txt); fails the test when it is missing.</summary>
    public string Text(string name)
    {
        string path = Path.Combine(Folder, name);
        Assert.True(File.Exists(path), $"the run did not save {path}");
        return File.ReadAllText(path);
    }
}
