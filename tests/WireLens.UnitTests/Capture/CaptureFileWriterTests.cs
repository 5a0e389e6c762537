using WireLens.Capture.Files;
using WireLens.Wire;
using WireLens.Wire.Link;

namespace WireLens.UnitTests.Capture;

public class CaptureFileWriterTests
{
    [Fact]
    public void Create_Microsecond_WritesTheLittleEndianPcapHeader()
    {
        // Arrange
        var output = new MemoryStream();

        // Act
        using (CaptureFileWriter.Create(output, LinkType.LinuxSll2, nanosecond: false, snaplen: 65535))
        {
        }

        // Assert
        Assert.Equal(
            [
                0xd4, 0xc3, 0xb2, 0xa1, // magic, little-endian microseconds
                0x02, 0x00, 0x04, 0x00, // version 2.4
                0, 0, 0, 0, 0, 0, 0, 0, // reserved
                0xff, 0xff, 0x00, 0x00, // snaplen 65535
                0x14, 0x01, 0x00, 0x00, // link type 276
            ],
            output.ToArray());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Write_ThenRead_GivesBackThePackets(bool nanosecond)
    {
        // Arrange: enough data to flush the 64 KiB buffer several times, and one packet larger than it.
        var output = new MemoryStream();
        var times = new List<long>();
        using (CaptureFileWriter writer = CaptureFileWriter.Create(output, LinkType.Ethernet, nanosecond))
        {
            for (int i = 0; i < 200; i++)
            {
                long time = 1_700_000_000_000_000_000 + (i * 1_234_567_891L);
                times.Add(nanosecond ? time : time / 1000 * 1000);
                writer.Write(new Timestamp(time), CaptureReading.Bytes(i == 100 ? 100_000 : i * 10, i), (uint)(i * 10) + 4);
            }

            Assert.Equal(200, writer.RecordsWritten);
        }

        // Act
        using CaptureFileReader reader = CaptureReading.Open(output.ToArray());
        List<ReadPacket> packets = CaptureReading.ReadAll(reader, out CaptureReadStatus final);

        // Assert
        Assert.Equal(CaptureReadStatus.End, final);
        Assert.Equal(nanosecond ? 9 : 6, reader.TimestampDigits);
        Assert.Equal(200, packets.Count);
        Assert.Equal(times, packets.Select(p => p.UnixNanoseconds));
        Assert.Equal(CaptureReading.Bytes(100_000, 100), packets[100].Data);
        Assert.Equal(CaptureReading.Bytes(990, 99), packets[99].Data);
        Assert.All(packets, p => Assert.Equal(LinkType.Ethernet, p.LinkType));
        Assert.Equal(Enumerable.Range(0, 200).Select(i => (uint)(i * 10) + 4), packets.Select(p => p.OriginalLength));
    }

    [Fact]
    public void Write_DataLongerThanSnapLength_IsCut()
    {
        // Arrange
        var output = new MemoryStream();
        CaptureFileWriter writer = CaptureFileWriter.Create(output, LinkType.Raw, nanosecond: true, snaplen: 64);

        // Act
        writer.Write(new Timestamp(5), CaptureReading.Bytes(100, 1), 100);
        writer.Flush();

        // Assert
        ReadPacket packet = Assert.Single(CaptureReading.ReadClean(output.ToArray()));
        Assert.Equal((100u, 5L), (packet.OriginalLength, packet.UnixNanoseconds));
        Assert.Equal(CaptureReading.Bytes(64, 1), packet.Data);
    }

    [Fact]
    public void Write_TimeBeforeTheEpoch_KeepsAPositiveFraction()
    {
        // Arrange
        var output = new MemoryStream();
        CaptureFileWriter writer = CaptureFileWriter.Create(output, LinkType.Raw, nanosecond: true);

        // Act
        writer.Write(new Timestamp(-1_000_000_000 + 250), [1], 1);
        writer.Flush();

        // Assert: -1 s + 250 ns is second 0xffffffff + 250 ns; pcap seconds are unsigned, so it reads back in 2106.
        ReadPacket packet = Assert.Single(CaptureReading.ReadClean(output.ToArray()));
        Assert.Equal((0xFFFF_FFFFL * 1_000_000_000) + 250, packet.UnixNanoseconds);
    }
}
