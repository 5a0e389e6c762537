using WireLens.Capture.Files;

namespace WireLens.UnitTests.Capture;

public class CaptureGzipTests
{
    private static byte[] SamplePcap(int records)
    {
        var builder = new PcapBuilder(nanosecond: true);
        for (int i = 0; i < records; i++)
        {
            builder.Record((uint)(1_700_000_000 + i), (uint)(i * 7919), CaptureReading.Bytes(40 + (i % 1400), i));
        }

        return builder.ToArray();
    }

    [Fact]
    public void ReadNext_GzipInSeveralMembersSplitMidRecord_GivesTheSameRecordsAsThePlainFile()
    {
        // Arrange
        byte[] plain = SamplePcap(500);
        byte[] gzip = Gzip.CompressMembers(plain, 10, 1000, 1001, plain.Length / 2);

        // Act
        using CaptureFileReader reader = CaptureReading.Open(gzip);
        List<ReadPacket> packets = CaptureReading.ReadAll(reader, out CaptureReadStatus final);

        // Assert
        Assert.Equal(CaptureReadStatus.End, final);
        Assert.True(reader.IsCompressed);
        Assert.Equal(9, reader.TimestampDigits);
        Assert.Equal(CaptureReading.ReadClean(plain), packets);
        Assert.Equal(gzip.Length, reader.CompressedBytesRead);
    }

    [Fact]
    public void ReadNext_CorruptSecondGzipMember_StopsWithCorruptCompressionAfterTheFirstMembersRecords()
    {
        // Arrange: member 1 holds the file header and two records (ends at byte 180); member 2's first deflate
        // byte claims the reserved block type 3.
        byte[] plain = new PcapBuilder()
            .Record(1, 0, CaptureReading.Bytes(84, 1))
            .Record(2, 0, CaptureReading.Bytes(40, 2))
            .Record(3, 0, CaptureReading.Bytes(40, 3))
            .ToArray();
        byte[] first = Gzip.Compress(plain[..180]);
        byte[] second = Gzip.Compress(plain[180..]);
        second[10] = 0xFF;

        // Act
        using CaptureFileReader reader = CaptureReading.Open([.. first, .. second]);
        List<ReadPacket> packets = CaptureReading.ReadAll(reader, out CaptureReadStatus final);

        // Assert
        Assert.Equal(CaptureReadStatus.Stopped, final);
        Assert.Equal(2, packets.Count);
        CaptureDamage damage = Assert.Single(reader.Damage);
        Assert.Equal((CaptureDamageKind.CorruptCompression, 3L, 180L), (damage.Kind, damage.RecordNumber, damage.ByteOffset));
        Assert.StartsWith("gzip data is corrupt (", damage.Message, StringComparison.Ordinal);
        Assert.EndsWith("at byte 180 of the data (record 3 starts at byte 180)", damage.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadNext_GzipCutShort_StopsAsTruncatedAfterKeepingEarlierRecords()
    {
        // Arrange: .NET's GZipStream ends quietly where the input stops, so the cut shows as decompressed data
        // ending mid-record.
        byte[] plain = SamplePcap(2000);
        byte[] gzip = Gzip.Compress(plain);
        byte[] cut = gzip[..(gzip.Length / 2)];

        // Act
        using CaptureFileReader reader = CaptureReading.Open(cut);
        List<ReadPacket> packets = CaptureReading.ReadAll(reader, out CaptureReadStatus final);

        // Assert
        Assert.Equal(CaptureReadStatus.Stopped, final);
        Assert.InRange(packets.Count, 1, 1999);
        List<ReadPacket> all = CaptureReading.ReadClean(plain);
        Assert.Equal(all[..packets.Count], packets);
        long start = all[packets.Count].FileOffset;
        CaptureDamage damage = Assert.Single(reader.Damage);
        Assert.Equal((CaptureDamageKind.Truncated, packets.Count + 1L, start), (damage.Kind, damage.RecordNumber, damage.ByteOffset));
        Assert.StartsWith("decompressed data ends mid-record at byte ", damage.Message, StringComparison.Ordinal);
        Assert.Contains($"(record {packets.Count + 1} starts at byte {start}; ", damage.Message, StringComparison.Ordinal);
    }
}
