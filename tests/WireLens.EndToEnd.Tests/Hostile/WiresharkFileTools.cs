using WireLens.Capture.Files;
using WireLens.Testing;

namespace WireLens.EndToEnd.Tests.Hostile;

/// <summary>
/// mergecap and editcap (Debian wireshark-common, a dependency of tshark) to make hostile variants of real captures,
/// and an independent count of what a file holds, read with WireLens's reader record by record.
/// </summary>
public static class WiresharkFileTools
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);

    /// <summary>`mergecap -F FORMAT -w OUTPUT INPUT...`: the inputs' records merged in timestamp order.</summary>
    public static string Mergecap(string output, string format, params string[] inputs)
    {
        Run("mergecap", ["-F", format, "-w", output, .. inputs]);
        return output;
    }

    /// <summary>`editcap ARGS... INPUT OUTPUT`, e.g. `-s 64` (cut every record to 64 bytes) or `-F pcapng`.</summary>
    public static string Editcap(string input, string output, params string[] args)
    {
        Run("editcap", [.. args, input, output]);
        return output;
    }

    /// <summary>Every packet record's (captured bytes, original length), read through <see cref="CaptureFileReader"/>.</summary>
    public static List<(byte[] Data, uint OriginalLength)> Records(string path)
    {
        Assert.Equal(CaptureOpenStatus.Opened, CaptureFileReader.TryOpen(path, out CaptureFileReader? reader, out string error));
        var records = new List<(byte[], uint)>();
        using (reader)
        {
            while (reader!.ReadNext(out CaptureRecord record) == CaptureReadStatus.Packet)
            {
                records.Add((record.Data.ToArray(), record.OriginalLength));
            }

            Assert.True(reader.Damage.Count == 0, $"{path}: {error}{string.Join("; ", reader.Damage)}");
        }

        return records;
    }

    private static void Run(string tool, IReadOnlyList<string> args)
    {
        string path = Require.Tool(tool, "wireshark-common");
        ProcessResult result = ProcessRunner.Run(path, args, s_timeout);
        Assert.True(result.Succeeded, result.Describe(tool));
    }
}
