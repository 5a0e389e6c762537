using WireLens.Capture.Files;

namespace WireLens.UnitTests.Capture;

/// <summary>Opens capture bytes and reads them to the end, keeping copies of the records and the final status.</summary>
internal static class CaptureReading
{
    public static CaptureFileReader Open(byte[] bytes, string name = "test.pcap") => Open(new MemoryStream(bytes), name);

    public static CaptureFileReader Open(Stream stream, string name = "test.pcap")
    {
        CaptureOpenStatus status = CaptureFileReader.TryOpen(stream, name, out CaptureFileReader? reader, out string error);
        Assert.True(status == CaptureOpenStatus.Opened, $"{status}: {error}");
        return reader!;
    }

    public static List<ReadPacket> ReadAll(CaptureFileReader reader, out CaptureReadStatus final)
    {
        var packets = new List<ReadPacket>();
        while ((final = reader.ReadNext(out CaptureRecord record)) == CaptureReadStatus.Packet)
        {
            packets.Add(ReadPacket.From(record));
        }

        return packets;
    }

    /// <summary>Reads every record of a well-formed file, asserting a clean end without damage.</summary>
    public static List<ReadPacket> ReadClean(byte[] bytes)
    {
        using CaptureFileReader reader = Open(bytes);
        List<ReadPacket> packets = ReadAll(reader, out CaptureReadStatus final);
        Assert.Equal(CaptureReadStatus.End, final);
        Assert.Empty(reader.Damage);
        return packets;
    }

    public static byte[] Bytes(int length, int seed)
    {
        byte[] data = new byte[length];
        for (int i = 0; i < length; i++)
        {
            data[i] = (byte)((i * 31) + seed);
        }

        return data;
    }
}
