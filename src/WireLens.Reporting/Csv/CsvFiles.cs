using System.Globalization;
using CsvHelper;
using WireLens.Reporting.Export;

namespace WireLens.Reporting.Csv;

/// <summary>What every CSV file WireLens writes shares: its format, and writing under a temporary name.</summary>
internal static class CsvFiles
{
    /// <summary>RFC 4180 quoting (CsvHelper), invariant culture, UTF-8 without BOM, <c>\n</c> line ends.</summary>
    public static CsvWriterOptions Options { get; } = CsvWriterOptions.Default with
    {
        NewLine = "\n",
        FormatProvider = CultureInfo.InvariantCulture,
        WriteByteOrderMark = false,
    };

    /// <summary>
    /// Writes <paramref name="path"/> through <c>PATH.tmp</c>, renamed when <paramref name="write"/> is done, so a failed
    /// export never leaves a partial file under the final name (<see cref="ExportFile"/>).
    /// </summary>
    public static void WriteAtomically(string path, Action<CsvWriter> write) =>
        ExportFile.Write(path, temp =>
        {
            using CsvWriter csv = CsvWriter.ToFile(temp, Options, FileOptions.SequentialScan);
            write(csv);
        });
}
