using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;

namespace WireLens.Reporting.Runs;

/// <summary>
/// Reads and writes <c>run.json</c> (docs/run-manifest.md). Reading never throws on bad input: it answers false and a
/// one-line error that names the file, the JSON path and the problem (<c>run.json: runs[1].start: not an RFC 3339
/// time</c>). Unknown properties are ignored, so a newer writer's additions do not stop an older reader.
/// </summary>
public static partial class RunManifestJson
{
    /// <summary>Larger files are refused unread: a manifest is a few KiB, or up to about 20 MiB with <see cref="MaxSockets"/> socket owners.</summary>
    public const int MaxFileBytes = 32 * 1024 * 1024;

    /// <summary>More runs are refused: attribution compares every run with every other once.</summary>
    public const int MaxRuns = 1000;

    /// <summary>Longest run label, in UTF-16 code units.</summary>
    public const int MaxLabelLength = 64;

    /// <summary>The most socket owners a manifest may hold (a live capture records one per connection it saw owned).</summary>
    public const int MaxSockets = 100_000;

    /// <summary>The property that holds the schema version and marks the file as a WireLens run manifest.</summary>
    public const string VersionProperty = "wirelens_run_manifest";

    /// <summary>The name errors carry when the text did not come from a file.</summary>
    public const string DefaultName = "run.json";

    /// <summary>Reads a manifest file. The error names the file by its file name.</summary>
    public static bool TryRead(string path, [NotNullWhen(true)] out RunManifest? manifest, out string error)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        manifest = null;
        string name = Path.GetFileName(path);
        if (name.Length == 0)
        {
            name = path;
        }

        byte[] bytes;
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            if (file.CanSeek && file.Length > MaxFileBytes)
            {
                error = $"{name}: larger than {MaxFileBytes / (1024 * 1024)} MiB";
                return false;
            }

            // Read at most one byte past the limit: the file may grow while it is read, or be a pipe without a length.
            using var content = new MemoryStream();
            byte[] chunk = new byte[64 * 1024];
            int n;
            while (content.Length <= MaxFileBytes && (n = file.Read(chunk, 0, (int)Math.Min(chunk.Length, MaxFileBytes + 1 - content.Length))) > 0)
            {
                content.Write(chunk, 0, n);
            }

            if (content.Length > MaxFileBytes)
            {
                error = $"{name}: larger than {MaxFileBytes / (1024 * 1024)} MiB";
                return false;
            }

            bytes = content.ToArray();
        }
        catch (IOException e)
        {
            error = $"{name}: cannot read: {OneLine(e.Message)}";
            return false;
        }
        catch (UnauthorizedAccessException e)
        {
            error = $"{name}: cannot read: {OneLine(e.Message)}";
            return false;
        }

        return TryParse(bytes, out manifest, out error, name);
    }

    /// <summary>Reads a manifest from its text.</summary>
    public static bool TryParse(string json, [NotNullWhen(true)] out RunManifest? manifest, out string error, string name = DefaultName)
    {
        ArgumentNullException.ThrowIfNull(json);
        return TryParse(Encoding.UTF8.GetBytes(json), out manifest, out error, name);
    }

    /// <summary>Reads a manifest from its UTF-8 bytes (a byte order mark is skipped).</summary>
    /// <param name="utf8Json">The file's bytes.</param>
    /// <param name="manifest">The manifest, when the answer is true.</param>
    /// <param name="error">Empty when the answer is true; else one line: <c>name: json.path: problem</c>.</param>
    /// <param name="name">The file name errors begin with.</param>
    public static bool TryParse(ReadOnlyMemory<byte> utf8Json, [NotNullWhen(true)] out RunManifest? manifest, out string error, string name = DefaultName)
    {
        ArgumentNullException.ThrowIfNull(name);
        manifest = null;
        if (utf8Json.Length > MaxFileBytes)
        {
            error = $"{name}: larger than {MaxFileBytes / (1024 * 1024)} MiB";
            return false;
        }

        ReadOnlyMemory<byte> json = utf8Json;
        int skipped = 0;
        if (json.Span.StartsWith("\uFEFF"u8))
        {
            json = json[3..];
            skipped = 3;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException e)
        {
            error = $"{name}: {NotJson(json.Span, e, skipped)}";
            return false;
        }

        using (document)
        {
            try
            {
                manifest = Reader.ReadManifest(document.RootElement);
            }
            catch (ManifestException e)
            {
                error = $"{name}: {e.Message}";
                return false;
            }
        }

        error = string.Empty;
        return true;
    }

    // "not JSON at byte N (line L, column C)": the byte offset from the start of the file, counted from the reader's
    // line and byte-in-line (both zero-based; lines end at '\n').
    private static string NotJson(ReadOnlySpan<byte> json, JsonException e, int skipped)
    {
        if (e.LineNumber is not { } line || e.BytePositionInLine is not { } column)
        {
            return "not JSON";
        }

        long offset = 0;
        for (long l = 0; l < line; l++)
        {
            int newline = json[(int)offset..].IndexOf((byte)'\n');
            if (newline < 0)
            {
                break;
            }

            offset += newline + 1;
        }

        offset += column + skipped;
        return $"not JSON at byte {offset} (line {line + 1}, column {column + 1})";
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");

    /// <summary>A problem at a JSON path; thrown and caught inside the reader only, never out of it.</summary>
    private sealed class ManifestException(string path, string problem) : Exception(path.Length == 0 ? problem : $"{path}: {problem}");
}
