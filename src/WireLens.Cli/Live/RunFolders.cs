using System.Globalization;
using System.Text;

namespace WireLens.Cli.Live;

/// <summary>
/// Where a live run is saved: <c>captures/runs/&lt;UTC yyyyMMdd-HHmmss&gt;-&lt;label&gt;/</c> in the WireLens checkout
/// the command runs in (else in the current folder), or the same name under <c>--out DIR</c>.
/// </summary>
public static class RunFolders
{
    /// <summary>The file name of a run's capture.</summary>
    public const string CaptureFile = "capture.pcap";

    /// <summary>The file name of a run's manifest.</summary>
    public const string ManifestFile = "run.json";

    /// <summary>Creates the run's folder (a suffix keeps two runs in the same second apart) and returns its path.</summary>
    public static string Create(string? outDirectory, string label, DateTime utcNow)
    {
        ArgumentNullException.ThrowIfNull(label);
        string root = outDirectory ?? DefaultRoot();
        string name = utcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture) + "-" + SafeName(label);
        string path = Path.Combine(root, name);
        for (int i = 2; Directory.Exists(path); i++)
        {
            path = Path.Combine(root, $"{name}-{i}");
        }

        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>A label as a folder name: letters, digits, '.', '_' and '-' kept, anything else as '-'.</summary>
    public static string SafeName(string label)
    {
        ArgumentNullException.ThrowIfNull(label);
        var name = new StringBuilder(label.Length);
        foreach (char c in label)
        {
            name.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' ? c : '-');
        }

        string s = name.ToString().Trim('.');
        return s.Length == 0 ? "run" : s.Length > 64 ? s[..64] : s;
    }

    /// <summary><c>captures/runs</c> of the checkout around the current folder, else of the current folder.</summary>
    public static string DefaultRoot() =>
        CheckoutCaptures(Directory.GetCurrentDirectory()) is { } captures
            ? Path.Combine(captures, "runs")
            : Path.Combine(Directory.GetCurrentDirectory(), "captures", "runs");

    /// <summary>
    /// The <c>captures/</c> folder of the WireLens checkout (the folder holding WireLens.sln) at or above the first of
    /// <paramref name="starts"/> that is inside one; null when none is.
    /// </summary>
    public static string? CheckoutCaptures(params string[] starts)
    {
        ArgumentNullException.ThrowIfNull(starts);
        foreach (string start in starts)
        {
            for (string? dir = start; dir is not null; dir = Path.GetDirectoryName(dir))
            {
                string candidate = Path.Combine(dir, "captures");
                if (Directory.Exists(candidate) && File.Exists(Path.Combine(dir, "WireLens.sln")))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    /// <summary>Deletes a run folder a failed start left empty; best effort.</summary>
    public static void RemoveIfEmpty(string folder)
    {
        try
        {
            if (Directory.Exists(folder) && !Directory.EnumerateFileSystemEntries(folder).Any())
            {
                Directory.Delete(folder);
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
