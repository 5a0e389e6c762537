namespace WireLens.Reporting.Export;

/// <summary>
/// Writes an exported file under a temporary name and renames it when complete, so an interrupted or failed export
/// never leaves a partial file under the final name (docs/connections-csv.md, "Partial files").
/// </summary>
/// <remarks>
/// The temporary file is <c>PATH.tmp</c>, in the same folder, so the rename is a rename and not a copy. It is removed
/// when writing or renaming fails; a process killed mid-write can leave it, never a partial <c>PATH</c>.
/// </remarks>
public static class ExportFile
{
    /// <summary>The suffix of the temporary name.</summary>
    public const string TempSuffix = ".tmp";

    /// <summary>
    /// Calls <paramref name="write"/> with <c>PATH.tmp</c> (which it creates and must close before returning), then
    /// renames that to <paramref name="path"/>, replacing an existing file only when <paramref name="overwrite"/>
    /// (otherwise an existing <paramref name="path"/> is an <see cref="IOException"/> and is left as it was).
    /// </summary>
    public static void Write(string path, Action<string> write, bool overwrite = true)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(write);
        string temp = path + TempSuffix;
        bool moved = false;
        try
        {
            write(temp);
            File.Move(temp, path, overwrite);
            moved = true;
        }
        finally
        {
            // File.Delete throws when the folder is missing: that must not hide why the write failed.
            if (!moved && File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }
}
