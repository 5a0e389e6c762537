using System.IO.Compression;

namespace WireLens.UnitTests.Capture;

/// <summary>gzip helpers for tests: one member, or several concatenated members.</summary>
internal static class Gzip
{
    public static byte[] Compress(byte[] data)
    {
        var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(data);
        }

        return output.ToArray();
    }

    /// <summary>Splits <paramref name="data"/> at <paramref name="splits"/> and compresses each piece as its own gzip member.</summary>
    public static byte[] CompressMembers(byte[] data, params int[] splits)
    {
        var output = new MemoryStream();
        int start = 0;
        foreach (int end in splits.Append(data.Length))
        {
            output.Write(Compress(data[start..end]));
            start = end;
        }

        return output.ToArray();
    }
}
