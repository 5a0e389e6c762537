using System.Buffers.Binary;
using WireLens.Capture.Files;

namespace WireLens.UnitTests.Capture;

public class CaptureDamageTests
{
    private static PcapBuilder TwoPcapRecords() => new PcapBuilder()
        .Record(1, 0, CaptureReading.Bytes(60, 1)) // record 1 at byte 24, ends at 100
        .Record(2, 0, CaptureReading.Bytes(40, 2)); // record 2 at byte 100, ends at 156

    [Fact]
    public void ReadNext_PcapEndsInsideRecordHeader_StopsAsTruncatedAfterKeepingEarlierRecords()
    {
        // Arrange: record 3 at byte 156 has only 10 of its 16 header bytes.
        byte[] file = TwoPcapRecords().Record(3, 0, CaptureReading.Bytes(40, 3)).ToArray()[..166];

        // Act
        using CaptureFileReader reader = CaptureReading.Open(file);
        List<ReadPacket> packets = CaptureReading.ReadAll(reader, out CaptureReadStatus final);

        // Assert
        Assert.Equal(CaptureReadStatus.Stopped, final);
        Assert.Equal(CaptureReadStatus.Stopped, reader.ReadNext(out _));
        Assert.Equal(2, packets.Count);
        Assert.Equal(
            [new CaptureDamage(CaptureDamageKind.Truncated, 3, 156, "file ends mid-record at byte 166 (record 3 starts at byte 156; 10 of 16 bytes present)")],
            reader.Damage);
        Assert.Equal(1, reader.DamageCount);
    }

    [Fact]
    public void ReadNext_PcapEndsInsideRecordData_StopsAsTruncated()
    {
        // Arrange: record 3 at byte 156 has its header and 5 of 40 data bytes.
        byte[] file = TwoPcapRecords().Record(3, 0, CaptureReading.Bytes(40, 3)).ToArray()[..177];

        // Act
        using CaptureFileReader reader = CaptureReading.Open(file);
        List<ReadPacket> packets = CaptureReading.ReadAll(reader, out CaptureReadStatus final);

        // Assert
        Assert.Equal(CaptureReadStatus.Stopped, final);
        Assert.Equal(2, packets.Count);
        Assert.Equal(
            [new CaptureDamage(CaptureDamageKind.Truncated, 3, 156, "file ends mid-record at byte 177 (record 3 starts at byte 156; 21 of 56 bytes present)")],
            reader.Damage);
    }

    [Fact]
    public void ReadNext_PcapCapturedLengthAboveMaximum_StopsWithBadLength()
    {
        // Arrange
        byte[] file = new PcapBuilder()
            .Record(1, 0, CaptureReading.Bytes(60, 1))
            .Record(2, 0, CaptureReading.Bytes(40, 2), capturedLength: 262_145)
            .ToArray();

        // Act
        using CaptureFileReader reader = CaptureReading.Open(file);
        List<ReadPacket> packets = CaptureReading.ReadAll(reader, out CaptureReadStatus final);

        // Assert
        Assert.Equal(CaptureReadStatus.Stopped, final);
        Assert.Single(packets);
        Assert.Equal(
            [new CaptureDamage(CaptureDamageKind.BadLength, 2, 100, "record 2 at byte 100: captured length 262145 exceeds the maximum 262144")],
            reader.Damage);
    }

    [Fact]
    public void ReadNext_PcapCapturedAboveOriginal_IsCountedAndStillDelivered()
    {
        // Arrange
        byte[] file = TwoPcapRecords().Record(3, 0, CaptureReading.Bytes(40, 3), originalLength: 30).Record(4, 0, [1]).ToArray();

        // Act
        using CaptureFileReader reader = CaptureReading.Open(file);
        List<ReadPacket> packets = CaptureReading.ReadAll(reader, out CaptureReadStatus final);

        // Assert
        Assert.Equal(CaptureReadStatus.End, final);
        Assert.Equal(4, packets.Count);
        Assert.Equal((30u, 40), (packets[2].OriginalLength, packets[2].Data.Length));
        Assert.Equal(
            [new CaptureDamage(CaptureDamageKind.CapturedExceedsOriginal, 3, 156, "record 3 at byte 156: captured length 40 exceeds the original length 30; delivered as captured")],
            reader.Damage);
        Assert.False(reader.Damage[0].IsFatal);
    }

    [Fact]
    public void ReadNext_ManyRecoverableProblems_ListsTheFirstThousandAndCountsAll()
    {
        // Arrange
        var builder = new PcapBuilder();
        for (int i = 0; i < 1005; i++)
        {
            builder.Record(1, 0, [1, 2], originalLength: 1);
        }

        // Act
        using CaptureFileReader reader = CaptureReading.Open(builder.ToArray());
        List<ReadPacket> packets = CaptureReading.ReadAll(reader, out CaptureReadStatus final);

        // Assert
        Assert.Equal(CaptureReadStatus.End, final);
        Assert.Equal(1005, packets.Count);
        Assert.Equal(CaptureFileReader.MaxRecoverableDamageListed, reader.Damage.Count);
        Assert.Equal(1005, reader.DamageCount);
    }

    public static TheoryData<uint, int, uint, string> ImpossibleBlocks => new()
    {
        // block type, body bytes written, total length claimed, what the damage says
        { 6, 34, 46, "enhanced packet block length 46 is not a multiple of 4" },
        { 6, 16, 28, "enhanced packet block length 28 is smaller than the minimum 32" },
        { 0x0BAD, 0, 8, "block of type 0x00000bad length 8 is smaller than the minimum 12" },
        { 1, 4, 16, "interface description block length 16 is smaller than the minimum 20" },
        { 0x0A0D0D0A, 12, 24, "section header block length 24 is smaller than the minimum 28" },
    };

    [Theory]
    [MemberData(nameof(ImpossibleBlocks))]
    public void ReadNext_ImpossibleBlockLength_StopsWithBadLength(uint type, int bodyLength, uint length, string what)
    {
        // Arrange
        var builder = new PcapNgBuilder().Section().Interface(1).Enhanced(0, 1, [1]);
        long start = builder.Length;
        byte[] body = new byte[bodyLength];
        if (type == 0x0A0D0D0A)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(body, 0x1A2B3C4D);
        }

        byte[] file = builder.Block(type, body, length).Enhanced(0, 2, [2]).ToArray();

        // Act
        using CaptureFileReader reader = CaptureReading.Open(file);
        List<ReadPacket> packets = CaptureReading.ReadAll(reader, out CaptureReadStatus final);

        // Assert
        Assert.Equal(CaptureReadStatus.Stopped, final);
        Assert.Single(packets);
        Assert.Equal([new CaptureDamage(CaptureDamageKind.BadLength, 2, start, $"record 2 at byte {start}: {what}")], reader.Damage);
    }

    [Fact]
    public void ReadNext_BlockLengthAboveSixteenMebibytes_StopsWithBadLength()
    {
        // Arrange: only the header is needed; the reader must not try to buffer 16 MiB + 4.
        var builder = new PcapNgBuilder().Section().Interface(1);
        long start = builder.Length;
        byte[] file = builder.Block(6, new byte[20], length: 16 * 1024 * 1024 + 4).ToArray();

        // Act
        using CaptureFileReader reader = CaptureReading.Open(file);
        CaptureReadStatus final = reader.ReadNext(out _);

        // Assert
        Assert.Equal(CaptureReadStatus.Stopped, final);
        Assert.Equal(
            [new CaptureDamage(CaptureDamageKind.BadLength, 1, start, $"record 1 at byte {start}: enhanced packet block length 16777220 exceeds the maximum 16777216")],
            reader.Damage);
    }

    [Fact]
    public void ReadNext_TrailingLengthDiffers_StopsWithBadLength()
    {
        // Arrange
        var builder = new PcapNgBuilder().Section().Interface(1).Enhanced(0, 1, [1]);
        long start = builder.Length;
        byte[] file = builder.Enhanced(0, 2, [2, 3, 4, 5]).Enhanced(0, 3, [3]).ToArray();
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan((int)start + 32), 99);

        // Act
        using CaptureFileReader reader = CaptureReading.Open(file);
        List<ReadPacket> packets = CaptureReading.ReadAll(reader, out CaptureReadStatus final);

        // Assert
        Assert.Equal(CaptureReadStatus.Stopped, final);
        Assert.Single(packets);
        Assert.Equal(
            [new CaptureDamage(CaptureDamageKind.BadLength, 2, start, $"record 2 at byte {start}: enhanced packet block has the trailing length 99, not its leading length 36")],
            reader.Damage);
    }

    [Fact]
    public void ReadNext_CapturedLengthBeyondBlock_StopsWithBadLength()
    {
        // Arrange
        var builder = new PcapNgBuilder().Section().Interface(1);
        long start = builder.Length;
        byte[] file = builder.Enhanced(0, 1, [1, 2, 3, 4], capturedLength: 5).ToArray();

        // Act
        using CaptureFileReader reader = CaptureReading.Open(file);
        CaptureReadStatus final = reader.ReadNext(out _);

        // Assert
        Assert.Equal(CaptureReadStatus.Stopped, final);
        Assert.Equal(
            [new CaptureDamage(CaptureDamageKind.BadLength, 1, start, $"record 1 at byte {start}: enhanced packet block captured length 5 does not fit in its block length 36")],
            reader.Damage);
    }

    [Fact]
    public void ReadNext_UnknownInterface_IsSkippedCountedAndReadingGoesOn()
    {
        // Arrange
        var builder = new PcapNgBuilder().Section().Interface(1).Enhanced(0, 1, [1]);
        long start = builder.Length;
        byte[] file = builder.Enhanced(3, 2, [2]).Enhanced(0, 3, [3]).ToArray();

        // Act
        using CaptureFileReader reader = CaptureReading.Open(file);
        List<ReadPacket> packets = CaptureReading.ReadAll(reader, out CaptureReadStatus final);

        // Assert
        Assert.Equal(CaptureReadStatus.End, final);
        Assert.Equal([(1L, (byte)1), (2L, (byte)3)], packets.Select(p => (p.Number, p.Data[0])));
        Assert.Equal(
            [new CaptureDamage(CaptureDamageKind.UnknownInterface, 2, start, $"record 2 at byte {start}: enhanced packet block names interface 3, but its section describes 1; skipped")],
            reader.Damage);
    }

    [Fact]
    public void ReadNext_SimplePacketWithoutInterface_IsSkippedAsUnknownInterface()
    {
        // Arrange
        var builder = new PcapNgBuilder().Section();
        long start = builder.Length;
        byte[] file = builder.Simple(4, [1, 2, 3, 4]).ToArray();

        // Act
        using CaptureFileReader reader = CaptureReading.Open(file);
        List<ReadPacket> packets = CaptureReading.ReadAll(reader, out CaptureReadStatus final);

        // Assert
        Assert.Equal(CaptureReadStatus.End, final);
        Assert.Empty(packets);
        Assert.Equal(
            [new CaptureDamage(CaptureDamageKind.UnknownInterface, 1, start, $"record 1 at byte {start}: simple packet block names interface 0, but its section describes 0; skipped")],
            reader.Damage);
    }

    [Fact]
    public void ReadNext_PcapNgCapturedAboveOriginal_IsCountedAndStillDelivered()
    {
        // Arrange
        var builder = new PcapNgBuilder().Section().Interface(1);
        long start = builder.Length;
        byte[] file = builder.Enhanced(0, 1, [1, 2, 3], originalLength: 2).ToArray();

        // Act
        using CaptureFileReader reader = CaptureReading.Open(file);
        List<ReadPacket> packets = CaptureReading.ReadAll(reader, out CaptureReadStatus final);

        // Assert
        Assert.Equal(CaptureReadStatus.End, final);
        Assert.Equal([1, 2, 3], Assert.Single(packets).Data);
        Assert.Equal(
            [new CaptureDamage(CaptureDamageKind.CapturedExceedsOriginal, 1, start, $"record 1 at byte {start}: captured length 3 exceeds the original length 2; delivered as captured")],
            reader.Damage);
    }

    [Fact]
    public void ReadNext_PcapNgEndsInsideBlock_StopsAsTruncated()
    {
        // Arrange
        var builder = new PcapNgBuilder().Section().Interface(1).Enhanced(0, 1, [1]);
        long start = builder.Length;
        byte[] file = builder.Enhanced(0, 2, new byte[8]).ToArray()[..(int)(start + 30)];

        // Act
        using CaptureFileReader reader = CaptureReading.Open(file);
        List<ReadPacket> packets = CaptureReading.ReadAll(reader, out CaptureReadStatus final);

        // Assert
        Assert.Equal(CaptureReadStatus.Stopped, final);
        Assert.Single(packets);
        Assert.Equal(
            [new CaptureDamage(CaptureDamageKind.Truncated, 2, start, $"file ends mid-record at byte {start + 30} (record 2 starts at byte {start}; 30 of 40 bytes present)")],
            reader.Damage);
    }

    [Fact]
    public void ReadNext_SecondSectionWithBadByteOrderMagic_StopsAsMalformed()
    {
        // Arrange
        var builder = new PcapNgBuilder().Section().Interface(1).Enhanced(0, 1, [1]);
        long start = builder.Length;
        byte[] file = builder.Section().ToArray();
        file.AsSpan((int)start + 8, 4).Fill(0xEE);

        // Act
        using CaptureFileReader reader = CaptureReading.Open(file);
        List<ReadPacket> packets = CaptureReading.ReadAll(reader, out CaptureReadStatus final);

        // Assert
        Assert.Equal(CaptureReadStatus.Stopped, final);
        Assert.Single(packets);
        Assert.Equal(
            [new CaptureDamage(CaptureDamageKind.Malformed, 2, start, $"record 2 at byte {start}: section header block has the byte-order magic ee ee ee ee")],
            reader.Damage);
    }

    [Fact]
    public void ReadNext_SectionVersionTwo_StopsAsUnsupported()
    {
        // Arrange
        var builder = new PcapNgBuilder().Section().Interface(1).Enhanced(0, 1, [1]);
        long start = builder.Length;
        byte[] file = builder.Section(bigEndian: true, major: 2).Interface(1).Enhanced(0, 1, [1]).ToArray();

        // Act
        using CaptureFileReader reader = CaptureReading.Open(file);
        List<ReadPacket> packets = CaptureReading.ReadAll(reader, out CaptureReadStatus final);

        // Assert
        Assert.Equal(CaptureReadStatus.Stopped, final);
        Assert.Single(packets);
        Assert.Equal(
            [new CaptureDamage(CaptureDamageKind.Unsupported, 2, start, $"record 2 at byte {start}: section header block has version 2.0; only 1.x is known")],
            reader.Damage);
    }

    [Fact]
    public void ReadNext_TimeResolutionTooFine_StopsAsUnsupported()
    {
        // Arrange
        var builder = new PcapNgBuilder().Section();
        long start = builder.Length;
        byte[] file = builder.Interface(1, timestampResolution: 20).Enhanced(0, 1, [1]).ToArray();

        // Act
        using CaptureFileReader reader = CaptureReading.Open(file);
        CaptureReadStatus final = reader.ReadNext(out _);

        // Assert
        Assert.Equal(CaptureReadStatus.Stopped, final);
        Assert.Equal(
            [new CaptureDamage(CaptureDamageKind.Unsupported, 1, start, $"record 1 at byte {start}: interface description block has the time resolution 10^-20, finer than can be read")],
            reader.Damage);
    }

    [Fact]
    public void ReadNext_EveryPrefixOfAPcapNgFile_DeliversTheWholeRecordsAndNeverThrows()
    {
        // Arrange
        var builder = new PcapNgBuilder().Section().Interface(1);
        var packetEnds = new List<long>();
        for (int i = 0; i < 3; i++)
        {
            builder.Enhanced(0, (ulong)i, CaptureReading.Bytes(5 + i, i)).Block(0x0BAD, [9, 9, 9, 9]);
            packetEnds.Add(builder.Length - 16);
        }

        byte[] file = builder.ToArray();
        var blockEnds = new HashSet<long> { 28, 48 };
        for (int i = 0; i < 3; i++)
        {
            blockEnds.Add(packetEnds[i]);
            blockEnds.Add(packetEnds[i] + 16);
        }

        for (int length = 0; length <= file.Length; length++)
        {
            // Act
            CaptureOpenStatus status = CaptureFileReader.TryOpen(new MemoryStream(file[..length]), "p", out CaptureFileReader? reader, out _);
            if (length < 12)
            {
                Assert.Equal(length == 0 ? CaptureOpenStatus.Empty : CaptureOpenStatus.Damaged, status);
                continue;
            }

            using CaptureFileReader opened = reader!;
            List<ReadPacket> packets = CaptureReading.ReadAll(opened, out CaptureReadStatus final);

            // Assert
            Assert.Equal(packetEnds.Count(end => end <= length), packets.Count);
            Assert.Equal(blockEnds.Contains(length) ? CaptureReadStatus.End : CaptureReadStatus.Stopped, final);
            Assert.Equal(blockEnds.Contains(length) ? 0 : 1, opened.Damage.Count);
        }
    }

    [Fact]
    public void ReadNext_EveryPrefixOfAPcapFile_DeliversTheWholeRecordsAndNeverThrows()
    {
        // Arrange
        byte[] file = TwoPcapRecords().ToArray();
        long[] recordEnds = [100, 156];

        for (int length = 0; length <= file.Length; length++)
        {
            // Act
            CaptureOpenStatus status = CaptureFileReader.TryOpen(new MemoryStream(file[..length]), "p", out CaptureFileReader? reader, out _);
            if (length < 24)
            {
                Assert.Equal(length == 0 ? CaptureOpenStatus.Empty : CaptureOpenStatus.Damaged, status);
                continue;
            }

            using CaptureFileReader opened = reader!;
            List<ReadPacket> packets = CaptureReading.ReadAll(opened, out CaptureReadStatus final);

            // Assert
            Assert.Equal(recordEnds.Count(end => end <= length), packets.Count);
            bool boundary = length == 24 || recordEnds.Contains(length);
            Assert.Equal(boundary ? CaptureReadStatus.End : CaptureReadStatus.Stopped, final);
        }
    }
}
