namespace WireLens.Reporting.Runs;

/// <summary>Finds the run manifest that describes a capture (docs/run-manifest.md, "Where analyze looks").</summary>
public static class RunManifestLocator
{
    /// <summary>The file name shared by the captures of one directory.</summary>
    public const string SharedName = "run.json";

    /// <summary>The suffix of a capture's own manifest: <c>load.pcapng</c> → <c>load.run.json</c>.</summary>
    public const string Suffix = ".run.json";

    // Compression suffixes come off first, then one capture suffix (load.pcap.gz → load).
    private static readonly string[] s_compressionExtensions = [".gz", ".zst", ".xz", ".bz2", ".lz4"];
    private static readonly string[] s_captureExtensions = [".pcapng", ".pcap", ".cap", ".dmp", ".ntar"];

    /// <summary>
    /// The manifest beside <paramref name="capturePath"/>: first <c>&lt;name&gt;.run.json</c> (the capture's name
    /// without its compression and capture extensions), then <c>run.json</c> in the same directory when its
    /// <c>capture.file</c> is absent or is the capture's file name. A <c>run.json</c> that cannot be read is returned
    /// too, so that its error is reported rather than the file silently passed over. Null when there is none.
    /// </summary>
    public static string? FindBeside(string capturePath)
    {
        ArgumentNullException.ThrowIfNull(capturePath);
        string fileName = Path.GetFileName(capturePath);
        if (fileName.Length == 0)
        {
            return null;
        }

        string directory = Path.GetDirectoryName(capturePath) ?? "";
        string own = Path.Combine(directory, BaseName(fileName) + Suffix);
        if (File.Exists(own))
        {
            return own;
        }

        string shared = Path.Combine(directory, SharedName);
        if (!File.Exists(shared))
        {
            return null;
        }

        return !RunManifestJson.TryRead(shared, out RunManifest? manifest, out _)
            || manifest.Capture?.File is null
            || string.Equals(manifest.Capture.File, fileName, StringComparison.Ordinal)
            ? shared
            : null;
    }

    /// <summary>The capture's file name without its compression and capture extensions (case-insensitive).</summary>
    public static string BaseName(string fileName)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        string name = StripOne(fileName, s_compressionExtensions);
        return StripOne(name, s_captureExtensions);
    }

    private static string StripOne(string name, string[] extensions)
    {
        foreach (string extension in extensions)
        {
            // Keep at least one character: ".pcap" alone is a name, not an extension.
            if (name.Length > extension.Length && name.EndsWith(extension, StringComparison.OrdinalIgnoreCase))
            {
                return name[..^extension.Length];
            }
        }

        return name;
    }
}
