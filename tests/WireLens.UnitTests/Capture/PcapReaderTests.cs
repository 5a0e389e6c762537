using WireLens.Capture.Files;
using WireLens.Wire.Link;

namespace WireLens.UnitTests.Capture;

public class PcapReaderTests
{
    [Fact]
    public void ReadNext_AnnotatedLittleEndianMicrosecondFile_DeliversTheRecord()
    {
        // Arrange
        byte[] file =
        [
            0xd4, 0xc3, 0xb2, 0xa1, // magic a1b2c3d4 written little-endian: microsecond pcap
            0x02, 0x00, 0x04, 0x00, // version 2.4
            0x00, 0x00, 0x00, 0x00, // reserved1 (thiszone)
            0x00, 0x00, 0x00, 0x00, // reserved2 (sigfigs)
            0x00, 0x00, 0x04, 0x00, // snaplen 262144
            0x01, 0x00, 0x00, 0x10, // link type 1 (Ethernet) in bits 0-15; bit 28 set = FCS information, not part of the link type
            // record 1 at byte 24
            0x00, 0xf1, 0x53, 0x65, // ts_sec 1700000000 (0x6553f100)
            0x40, 0xe2, 0x01, 0x00, // ts_usec 123456 (0x0001e240)
            0x04, 0x00, 0x00, 0x00, // captured length 4
            0x3c, 0x00, 0x00, 0x00, // original length 60
            0xde, 0xad, 0xbe, 0xef, // packet data
        ];
        using CaptureFileReader reader = CaptureReading.Open(file);

        // Act
        CaptureReadStatus first = reader.ReadNext(out CaptureRecord record);
        ReadPacket packet = ReadPacket.From(record);
        CaptureReadStatus second = reader.ReadNext(out _);

        // Assert
        Assert.Equal(CaptureReadStatus.Packet, first);
        Assert.Equal(new ReadPacket(1, 1_700_000_000_123_456_000, LinkType.Ethernet, 0, 60, [0xde, 0xad, 0xbe, 0xef], 24), packet);
        Assert.Equal(CaptureReadStatus.End, second);
        Assert.Equal(CaptureReadStatus.End, reader.ReadNext(out _));
        Assert.Equal(CaptureFormat.Pcap, reader.Format);
        Assert.False(reader.IsCompressed);
        Assert.Equal(6, reader.TimestampDigits);
        Assert.Equal(1, reader.RecordsRead);
        Assert.Equal(file.Length, reader.CompressedBytesRead);
        Assert.Equal(file.Length, reader.FileLength);
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void ReadNext_EachByteOrderAndTimeUnit_DeliversRecordsWithExactTimes(bool bigEndian, bool nanosecond)
    {
        // Arrange
        byte[] file = new PcapBuilder(bigEndian, nanosecond, network: 276)
            .Record(1_700_000_000, 999_999, CaptureReading.Bytes(60, 1))
            .Record(1_700_000_001, 0, CaptureReading.Bytes(0, 2))
            .Record(4_000_000_000, 7, CaptureReading.Bytes(1514, 3), originalLength: 2000)
            .ToArray();
        long unit = nanosecond ? 1 : 1000;

        // Act
        using CaptureFileReader reader = CaptureReading.Open(file);
        List<ReadPacket> packets = CaptureReading.ReadAll(reader, out CaptureReadStatus final);

        // Assert
        Assert.Equal(CaptureReadStatus.End, final);
        Assert.Empty(reader.Damage);
        Assert.Equal(nanosecond ? 9 : 6, reader.TimestampDigits);
        Assert.Equal(
            [
                new ReadPacket(1, (1_700_000_000 * 1_000_000_000L) + (999_999 * unit), LinkType.LinuxSll2, 0, 60, CaptureReading.Bytes(60, 1), 24),
                new ReadPacket(2, 1_700_000_001 * 1_000_000_000L, LinkType.LinuxSll2, 0, 0, [], 24 + 16 + 60),
                new ReadPacket(3, (4_000_000_000 * 1_000_000_000L) + (7 * unit), LinkType.LinuxSll2, 0, 2000, CaptureReading.Bytes(1514, 3), 24 + 16 + 60 + 16),
            ],
            packets);
    }

    [Fact]
    public void ReadNext_RecordsCrossingTheBufferEnd_AreDeliveredWhole()
    {
        // Arrange: 3 MiB of 1499-byte records, so many records straddle a refill of the 128 KiB buffer.
        var builder = new PcapBuilder();
        var offsets = new List<long>();
        for (int i = 0; i < 2100; i++)
        {
            offsets.Add(builder.Length);
            builder.Record((uint)i, (uint)i, CaptureReading.Bytes(1499, i));
        }

        // Act
        List<ReadPacket> packets = CaptureReading.ReadClean(builder.ToArray());

        // Assert
        Assert.Equal(2100, packets.Count);
        for (int i = 0; i < packets.Count; i++)
        {
            Assert.Equal(new ReadPacket(i + 1, (i * 1_000_000_000L) + (i * 1000L), LinkType.Ethernet, 0, 1499, CaptureReading.Bytes(1499, i), offsets[i]), packets[i]);
        }
    }

    [Fact]
    public void ReadNext_LargestAllowedCapturedLength_IsDelivered()
    {
        // Arrange
        byte[] file = new PcapBuilder()
            .Record(1, 0, CaptureReading.Bytes((int)CaptureFileReader.MaxPcapCapturedLength, 9))
            .Record(2, 0, CaptureReading.Bytes(10, 1))
            .ToArray();

        // Act
        List<ReadPacket> packets = CaptureReading.ReadClean(file);

        // Assert
        Assert.Equal([262_144, 10], packets.Select(p => p.Data.Length));
    }
}
