using WireLens.Capture.Files;
using WireLens.Wire.Link;

namespace WireLens.UnitTests.Capture;

public class PcapNgReaderTests
{
    private const ushort Ethernet = 1;
    private const ushort LinuxSll2 = 276;

    [Fact]
    public void ReadNext_AnnotatedLittleEndianFile_DeliversTheEnhancedPacket()
    {
        // Arrange
        byte[] file =
        [
            // Section Header Block at byte 0
            0x0a, 0x0d, 0x0d, 0x0a, // block type
            0x1c, 0x00, 0x00, 0x00, // block total length 28
            0x4d, 0x3c, 0x2b, 0x1a, // byte-order magic 1a2b3c4d: little-endian section
            0x01, 0x00, 0x00, 0x00, // version 1.0
            0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, // section length -1: unknown
            0x1c, 0x00, 0x00, 0x00, // block total length 28
            // Interface Description Block at byte 28
            0x01, 0x00, 0x00, 0x00, // block type 1
            0x20, 0x00, 0x00, 0x00, // block total length 32
            0x14, 0x01, 0x00, 0x00, // link type 276 (Linux SLL2), reserved
            0x00, 0x00, 0x04, 0x00, // snap length 262144
            0x09, 0x00, 0x01, 0x00, // option if_tsresol, length 1
            0x09, 0x00, 0x00, 0x00, // 10^-9 s, padding
            0x00, 0x00, 0x00, 0x00, // opt_endofopt
            0x20, 0x00, 0x00, 0x00, // block total length 32
            // Enhanced Packet Block at byte 60
            0x06, 0x00, 0x00, 0x00, // block type 6
            0x24, 0x00, 0x00, 0x00, // block total length 36
            0x00, 0x00, 0x00, 0x00, // interface 0
            0xfe, 0x9c, 0x97, 0x17, // timestamp high: 1700000000123456789 ns = 0x17979cfe_3d85cd15
            0x15, 0xcd, 0x85, 0x3d, // timestamp low
            0x03, 0x00, 0x00, 0x00, // captured length 3
            0x05, 0x00, 0x00, 0x00, // original length 5
            0x01, 0x02, 0x03, 0x00, // data and 1 byte padding
            0x24, 0x00, 0x00, 0x00, // block total length 36
        ];

        // Act
        using CaptureFileReader reader = CaptureReading.Open(file);
        List<ReadPacket> packets = CaptureReading.ReadAll(reader, out CaptureReadStatus final);

        // Assert
        Assert.Equal(CaptureReadStatus.End, final);
        Assert.Equal([new ReadPacket(1, 1_700_000_000_123_456_789, LinkType.LinuxSll2, 0, 5, [1, 2, 3], 60)], packets);
        Assert.Equal(CaptureFormat.PcapNg, reader.Format);
        Assert.Equal(9, reader.TimestampDigits);
        Assert.Empty(reader.Damage);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ReadNext_EachByteOrder_DeliversEnhancedSimpleAndObsoletePackets(bool bigEndian)
    {
        // Arrange
        var builder = new PcapNgBuilder().Section(bigEndian).Interface(Ethernet, snapLength: 64);
        long epb = builder.Length;
        builder.Enhanced(0, 1_700_000_000_000_001, CaptureReading.Bytes(61, 1), originalLength: 70);
        long spb = builder.Length;
        builder.Simple(100, CaptureReading.Bytes(64, 2));
        long pb = builder.Length;
        builder.ObsoletePacket(0, 2_000_000, CaptureReading.Bytes(5, 3));

        // Act
        List<ReadPacket> packets = CaptureReading.ReadClean(builder.ToArray());

        // Assert
        Assert.Equal(
            [
                new ReadPacket(1, 1_700_000_000_000_001_000, LinkType.Ethernet, 0, 70, CaptureReading.Bytes(61, 1), epb),
                new ReadPacket(2, 0, LinkType.Ethernet, 0, 100, CaptureReading.Bytes(64, 2), spb),
                new ReadPacket(3, 2_000_000_000, LinkType.Ethernet, 0, 5, CaptureReading.Bytes(5, 3), pb),
            ],
            packets);
    }

    [Theory]
    [InlineData(0u, 10u, 10)] // no snap length: the original length, padding not included
    [InlineData(8u, 10u, 8)] // snap length cuts it
    [InlineData(0u, 100u, 12)] // block holds only 12 bytes: cut to the space
    public void ReadNext_SimplePacket_CapturedIsMinOfOriginalSnapLengthAndSpace(uint snapLength, uint originalLength, int expectedCaptured)
    {
        // Arrange
        byte[] file = new PcapNgBuilder().Section().Interface(LinuxSll2, snapLength).Simple(originalLength, CaptureReading.Bytes(12, 5)).ToArray();

        // Act
        List<ReadPacket> packets = CaptureReading.ReadClean(file);

        // Assert
        ReadPacket packet = Assert.Single(packets);
        Assert.Equal(CaptureReading.Bytes(expectedCaptured, 5), packet.Data);
        Assert.Equal(originalLength, packet.OriginalLength);
        Assert.Equal(LinkType.LinuxSll2, packet.LinkType);
    }

    [Fact]
    public void ReadNext_UnknownBlockTypes_AreSkippedByTheirLength()
    {
        // Arrange: a custom block (0x00000bad), an interface statistics block (5) and a name resolution block (4).
        byte[] file = new PcapNgBuilder().Section().Interface(Ethernet)
            .Block(0x00000BAD, CaptureReading.Bytes(40, 7))
            .Enhanced(0, 1, CaptureReading.Bytes(10, 1))
            .Block(5, CaptureReading.Bytes(20, 8))
            .Block(4, [])
            .Enhanced(0, 2, CaptureReading.Bytes(11, 2))
            .ToArray();

        // Act
        List<ReadPacket> packets = CaptureReading.ReadClean(file);

        // Assert
        Assert.Equal([1, 2], packets.Select(p => p.Number));
        Assert.Equal([1000L, 2000L], packets.Select(p => p.UnixNanoseconds));
    }

    [Fact]
    public void ReadNext_SeveralSectionsWithOwnByteOrderAndInterfaces_NumbersInterfacesFileWide()
    {
        // Arrange
        byte[] file = new PcapNgBuilder()
            .Section(bigEndian: false).Interface(Ethernet).Interface(LinuxSll2)
            .Enhanced(1, 10, CaptureReading.Bytes(20, 1))
            .Enhanced(0, 11, CaptureReading.Bytes(21, 2))
            .Section(bigEndian: true).Interface(101, timestampResolution: 9)
            .Enhanced(0, 12, CaptureReading.Bytes(22, 3))
            .Simple(23, CaptureReading.Bytes(23, 4))
            .ToArray();

        // Act
        List<ReadPacket> packets = CaptureReading.ReadClean(file);

        // Assert
        Assert.Equal(
            [(LinkType.LinuxSll2, 1, 10_000L), (LinkType.Ethernet, 0, 11_000L), (LinkType.Raw, 2, 12L), (LinkType.Raw, 2, 0L)],
            packets.Select(p => (p.LinkType, p.InterfaceId, p.UnixNanoseconds)));
        Assert.Equal([20, 21, 22, 23], packets.Select(p => p.Data.Length));
    }

    [Fact]
    public void ReadNext_SecondSection_DoesNotSeeTheFirstSectionsInterfaces()
    {
        // Arrange
        var builder = new PcapNgBuilder().Section().Interface(Ethernet).Enhanced(0, 1, [1]).Section(bigEndian: true);
        long orphan = builder.Length;
        byte[] file = builder.Enhanced(0, 2, [2]).ToArray();

        // Act
        using CaptureFileReader reader = CaptureReading.Open(file);
        List<ReadPacket> packets = CaptureReading.ReadAll(reader, out CaptureReadStatus final);

        // Assert
        Assert.Equal(CaptureReadStatus.End, final);
        Assert.Single(packets);
        CaptureDamage damage = Assert.Single(reader.Damage);
        Assert.Equal(new CaptureDamage(CaptureDamageKind.UnknownInterface, 2, orphan, $"record 2 at byte {orphan}: enhanced packet block names interface 0, but its section describes 0; skipped"), damage);
    }

    [Theory]
    [InlineData((byte)6, 1_234_567_890UL, 1_234L, 567_890_000L, 6)] // 10^-6 (the default, written explicitly)
    [InlineData((byte)9, 1_234_567_890_123UL, 1_234L, 567_890_123L, 9)] // 10^-9
    [InlineData((byte)3, 1_234_567UL, 1_234L, 567_000_000L, 6)] // 10^-3
    [InlineData((byte)12, 1_234_567_890_123_456UL, 1_234L, 567_890_123L, 9)] // 10^-12: picoseconds truncated to ns
    [InlineData((byte)0x94, (1_234UL << 20) + (1UL << 19) + 1, 1_234L, 500_000_953L, 9)] // 2^-20: 0.5 s + 1/2^20 s (953.67 ns)
    [InlineData((byte)0x8A, (1_234UL << 10) + 256, 1_234L, 250_000_000L, 6)] // 2^-10: 2^10 <= 10^6 units per second
    [InlineData((byte)0xA0, (1_234UL << 32) + (1UL << 31), 1_234L, 500_000_000L, 9)] // 2^-32: NTP-like fraction
    public void ReadNext_TimestampResolution_ConvertsToNanoseconds(byte resolution, ulong units, long seconds, long nanoseconds, int digits)
    {
        // Arrange
        byte[] file = new PcapNgBuilder().Section().Interface(Ethernet, timestampResolution: resolution).Enhanced(0, units, [0]).ToArray();

        // Act
        using CaptureFileReader reader = CaptureReading.Open(file);
        List<ReadPacket> packets = CaptureReading.ReadAll(reader, out _);

        // Assert
        Assert.Equal((seconds * 1_000_000_000) + nanoseconds, Assert.Single(packets).UnixNanoseconds);
        Assert.Equal(digits, reader.TimestampDigits);
    }

    [Fact]
    public void ReadNext_TimestampOffset_IsAddedInSeconds()
    {
        // Arrange
        byte[] file = new PcapNgBuilder().Section().Interface(Ethernet, timestampOffset: 1_700_000_000).Enhanced(0, 1_500_000, [0]).ToArray();

        // Act
        List<ReadPacket> packets = CaptureReading.ReadClean(file);

        // Assert
        Assert.Equal(1_700_000_001_500_000_000, Assert.Single(packets).UnixNanoseconds);
    }

    [Fact]
    public void ReadNext_InterfacesWithDifferentLinkTypes_EachPacketCarriesItsInterfacesType()
    {
        // Arrange: what libpcap refuses to read.
        var builder = new PcapNgBuilder().Section().Interface(Ethernet).Interface(LinuxSll2);
        for (uint i = 0; i < 6; i++)
        {
            builder.Enhanced(i % 2, i, CaptureReading.Bytes(40 + (int)i, (int)i));
        }

        // Act
        List<ReadPacket> packets = CaptureReading.ReadClean(builder.ToArray());

        // Assert
        Assert.Equal(
            [LinkType.Ethernet, LinkType.LinuxSll2, LinkType.Ethernet, LinkType.LinuxSll2, LinkType.Ethernet, LinkType.LinuxSll2],
            packets.Select(p => p.LinkType));
        Assert.Equal([0, 1, 0, 1, 0, 1], packets.Select(p => p.InterfaceId));
    }

    [Fact]
    public void ReadNext_BlocksLargerThanTheBuffer_GrowItAndStayWhole()
    {
        // Arrange: a 3 MiB custom block to skip and a 2 MiB packet, both beyond the 128 KiB starting buffer.
        byte[] big = CaptureReading.Bytes(2 * 1024 * 1024, 4);
        byte[] file = new PcapNgBuilder().Section().Interface(Ethernet)
            .Enhanced(0, 1, [1, 2, 3])
            .Block(0x00000BAD, new byte[3 * 1024 * 1024])
            .Enhanced(0, 2, big)
            .Enhanced(0, 3, [4])
            .ToArray();

        // Act
        List<ReadPacket> packets = CaptureReading.ReadClean(file);

        // Assert
        Assert.Equal([3, big.Length, 1], packets.Select(p => p.Data.Length));
        Assert.Equal(big, packets[1].Data);
    }
}
