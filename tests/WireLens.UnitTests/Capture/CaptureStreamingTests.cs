using WireLens.Capture.Files;

namespace WireLens.UnitTests.Capture;

public class CaptureStreamingTests
{
    public static TheoryData<string> Files => ["pcap", "pcap big-endian nanosecond", "pcapng two sections", "gzip pcapng"];

    [Theory]
    [MemberData(nameof(Files))]
    public void ReadNext_StreamGivingOneBytePerRead_GivesTheSameRecords(string kind)
    {
        // Arrange
        byte[] file = Build(kind);
        List<ReadPacket> expected = CaptureReading.ReadAll(CaptureReading.Open(file), out CaptureReadStatus expectedFinal);
        var slow = new OneBytePerReadStream(file);

        // Act
        using CaptureFileReader reader = CaptureReading.Open(slow);
        List<ReadPacket> packets = CaptureReading.ReadAll(reader, out CaptureReadStatus final);

        // Assert
        Assert.Equal(CaptureReadStatus.End, expectedFinal);
        Assert.Equal(expectedFinal, final);
        Assert.Equal(expected, packets);
        Assert.NotEmpty(packets);
        Assert.Empty(reader.Damage);
        Assert.Equal(file.Length, reader.CompressedBytesRead);
        Assert.Null(reader.FileLength);
        Assert.True(slow.Reads > file.Length, "the stream gave one byte per read");
    }

    [Fact]
    public void ReadNext_TruncatedStreamGivingOneBytePerRead_ReportsTheSameDamage()
    {
        // Arrange
        byte[] file = Build("pcapng two sections")[..^7];
        using CaptureFileReader whole = CaptureReading.Open(file);
        List<ReadPacket> expected = CaptureReading.ReadAll(whole, out _);

        // Act
        using CaptureFileReader reader = CaptureReading.Open(new OneBytePerReadStream(file));
        List<ReadPacket> packets = CaptureReading.ReadAll(reader, out CaptureReadStatus final);

        // Assert
        Assert.Equal(CaptureReadStatus.Stopped, final);
        Assert.Equal(expected, packets);
        Assert.Equal(whole.Damage, reader.Damage);
        Assert.Equal(CaptureDamageKind.Truncated, Assert.Single(reader.Damage).Kind);
    }

    private static byte[] Build(string kind)
    {
        switch (kind)
        {
            case "pcap":
            case "pcap big-endian nanosecond":
                var pcap = new PcapBuilder(bigEndian: kind != "pcap", nanosecond: kind != "pcap");
                for (int i = 0; i < 50; i++)
                {
                    pcap.Record((uint)i, (uint)i * 3, CaptureReading.Bytes(i * 7 % 300, i));
                }

                return pcap.ToArray();
            default:
                var pcapng = new PcapNgBuilder().Section().Interface(1).Interface(276, timestampResolution: 9);
                for (int i = 0; i < 30; i++)
                {
                    pcapng.Enhanced((uint)(i % 2), (ulong)i * 1000, CaptureReading.Bytes(i * 11 % 200, i)).Block(0x0BAD, [1, 2, 3, 4]);
                }

                pcapng.Section(bigEndian: true).Interface(101, snapLength: 20);
                for (int i = 0; i < 10; i++)
                {
                    pcapng.Simple(30, CaptureReading.Bytes(20, i)).ObsoletePacket(0, (ulong)i, CaptureReading.Bytes(i, i));
                }

                byte[] bytes = pcapng.ToArray();
                return kind == "gzip pcapng" ? Gzip.CompressMembers(bytes, bytes.Length / 3) : bytes;
        }
    }
}
