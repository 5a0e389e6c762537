using WireLens.Capture.Files;
using WireLens.Capture.Frames;
using WireLens.Testing;
using WireLens.Wire;
using WireLens.Wire.Link;

namespace WireLens.UnitTests.Capture;

/// <summary>
/// Frames read back by number (<see cref="CaptureFrameReader"/>) against the same records read sequentially by
/// <see cref="CaptureFileReader"/>: pcap, multi-interface pcapng, gzip, a cut file and a file that grows while indexed.
/// </summary>
public class CaptureFrameReaderTests
{
    public static TheoryData<string> SampleCaptures =>
    [
        "curl-keepalive.pcap",
        "ab-no-keepalive.pcap",
        "mixed-linktypes.pcapng",
        "ab-keepalive-gzip.pcap.gz",
    ];

    [Theory]
    [MemberData(nameof(SampleCaptures))]
    public void TryReadFrame_FirstMiddleLastInAnyOrder_EqualsSequentialRead(string name)
    {
        // Arrange
        string path = Path.Combine(TestPaths.Captures, name);
        List<ReadPacket> all = ReadSequentially(path);
        Assert.True(all.Count > 10, $"{name} has {all.Count} frames");
        long[] wanted = [all.Count, 1, all.Count / 2, 2, all.Count - 1, all.Count / 2];
        using CaptureFrameReader reader = Open(path);

        // Act + Assert
        foreach (long number in wanted)
        {
            FrameReadStatus status = reader.TryReadFrame(number, out CopiedFrame? frame, out string message);
            Assert.True(status == FrameReadStatus.Read, $"frame {number}: {status} {message}");
            AssertSame(all[(int)number - 1], frame!);
        }
    }

    [Theory]
    [MemberData(nameof(SampleCaptures))]
    public void TryReadFrame_BeyondTheEnd_NullWithMessage(string name)
    {
        // Arrange
        string path = Path.Combine(TestPaths.Captures, name);
        int count = ReadSequentially(path).Count;
        using CaptureFrameReader reader = Open(path);

        // Act
        FrameReadStatus status = reader.TryReadFrame(count + 1, out CopiedFrame? frame, out string message);
        FrameReadStatus again = reader.TryReadFrame(count + 1000, out _, out string message2);
        FrameReadStatus zero = reader.TryReadFrame(0, out _, out _);

        // Assert
        Assert.Equal(FrameReadStatus.BeyondEnd, status);
        Assert.Null(frame);
        Assert.Contains($"frame {count + 1} is beyond the end of {name} ({count} frames", message, StringComparison.Ordinal);
        Assert.Equal(FrameReadStatus.BeyondEnd, again);
        Assert.Contains($"({count} frames", message2, StringComparison.Ordinal);
        Assert.Equal(FrameReadStatus.BeyondEnd, zero);
        Assert.Equal(count, reader.Index.KnownFrames);
        Assert.Equal(name.EndsWith(".gz", StringComparison.Ordinal), reader.Index.IsComplete);
    }

    [Fact]
    public void ReadFrames_Range_DeliversExactlyThoseFramesInOrder()
    {
        // Arrange
        string path = Path.Combine(TestPaths.Captures, "ab-keepalive.pcap");
        List<ReadPacket> all = ReadSequentially(path);
        using CaptureFrameReader reader = Open(path);
        var seen = new List<ReadPacket>();

        // Act
        FrameReadStatus status = reader.ReadFrames(100, 250, (in CaptureRecord r) =>
        {
            seen.Add(ReadPacket.From(r));
            return true;
        }, out string message);

        // Assert
        Assert.True(status == FrameReadStatus.Read, message);
        Assert.Equal(all.Skip(99).Take(151), seen);
    }

    [Fact]
    public void TryReadFrame_CutMidRecord_FramesBeforeTheCutReadableLaterBeyondEnd()
    {
        // Arrange
        string path = Path.Combine(TestPaths.Captures, "damaged", "cut-mid-record.pcap");
        List<ReadPacket> all = ReadSequentially(path);
        using CaptureFrameReader reader = Open(path);

        // Act
        FrameReadStatus last = reader.TryReadFrame(all.Count, out CopiedFrame? lastFrame, out string lastMessage);
        FrameReadStatus first = reader.TryReadFrame(1, out CopiedFrame? firstFrame, out _);
        FrameReadStatus beyond = reader.TryReadFrame(all.Count + 1, out CopiedFrame? none, out string message);

        // Assert
        Assert.True(last == FrameReadStatus.Read, lastMessage);
        AssertSame(all[^1], lastFrame!);
        Assert.Equal(FrameReadStatus.Read, first);
        AssertSame(all[0], firstFrame!);
        Assert.Equal(FrameReadStatus.BeyondEnd, beyond);
        Assert.Null(none);
        Assert.Contains("mid-record", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Index_LargePcap_OneCheckpointPer4096FramesAndJumpsReadTheRightFrame()
    {
        // Arrange: 20,000 frames of different sizes.
        string dir = TestPaths.NewTempDirectory();
        string path = Path.Combine(dir, "large.pcap");
        const int Frames = 20_000;
        File.WriteAllBytes(path, WritePcap(0, Frames));
        List<ReadPacket> all = ReadSequentially(path);
        using CaptureFrameReader reader = Open(path);

        // Act + Assert: the last frame first builds the whole index, then jumps backwards resume from checkpoints.
        foreach (long number in new long[] { Frames, 4096, 4097, 1, 12_345, 8193, 19_999, 2 })
        {
            Assert.Equal(FrameReadStatus.Read, reader.TryReadFrame(number, out CopiedFrame? frame, out string message));
            AssertSame(all[(int)number - 1], frame!);
            Assert.Empty(message);
        }

        Assert.Equal((Frames + FrameIndex.Interval - 1) / FrameIndex.Interval, reader.Index.CheckpointCount); // 5 for 20,000 frames
        Assert.Equal(Frames, reader.Index.KnownFrames);
    }

    [Fact]
    public void Index_PcapNgWithSectionsOfBothByteOrders_ResumedMidSectionKeepsInterfaces()
    {
        // Arrange: a little-endian section with two interfaces of different link types and time resolutions, then a
        // big-endian section with its own interface; 6,000 frames each, so checkpoints fall inside both sections.
        var builder = new PcapNgBuilder().Section().Interface((ushort)LinkType.Ethernet).Interface((ushort)LinkType.LinuxSll2, timestampResolution: 9);
        for (int i = 0; i < 6000; i++)
        {
            builder.Enhanced((uint)(i % 2), 1_700_000_000_000_000UL + (ulong)i, CaptureReading.Bytes(60 + (i % 50), i));
        }

        builder.Section(bigEndian: true).Interface((ushort)LinkType.Raw);
        for (int i = 0; i < 6000; i++)
        {
            builder.Enhanced(0, 1_700_000_100_000_000UL + (ulong)i, CaptureReading.Bytes(40 + (i % 70), i + 7));
        }

        string path = Path.Combine(TestPaths.NewTempDirectory(), "sections.pcapng");
        File.WriteAllBytes(path, builder.ToArray());
        List<ReadPacket> all = ReadSequentially(path);
        using CaptureFrameReader reader = Open(path);

        // Act + Assert
        foreach (long number in new long[] { 12_000, 4100, 6000, 6001, 8200, 1, 11_000, 4097 })
        {
            Assert.Equal(FrameReadStatus.Read, reader.TryReadFrame(number, out CopiedFrame? frame, out string message));
            AssertSame(all[(int)number - 1], frame!);
            Assert.Equal(all[(int)number - 1].InterfaceId, frame!.InterfaceId);
        }

        Assert.Equal(3, reader.Index.CheckpointCount);
    }

    [Fact]
    public void Index_GzipOfLargePcap_ResumesByReadingForward()
    {
        // Arrange
        byte[] plain = WritePcap(0, 9000);
        string path = Path.Combine(TestPaths.NewTempDirectory(), "large.pcap.gz");
        File.WriteAllBytes(path, Gzip.Compress(plain));
        List<ReadPacket> all = ReadSequentially(path);
        using CaptureFrameReader reader = Open(path);

        // Act + Assert
        foreach (long number in new long[] { 9000, 5000, 8193, 100 })
        {
            Assert.Equal(FrameReadStatus.Read, reader.TryReadFrame(number, out CopiedFrame? frame, out _));
            AssertSame(all[(int)number - 1], frame!);
        }

        Assert.Equal(3, reader.Index.CheckpointCount);
        Assert.False(reader.Index.IsComplete); // the end was not reached yet
        Assert.Equal(FrameReadStatus.BeyondEnd, reader.TryReadFrame(9001, out _, out _));
        Assert.True(reader.Index.IsComplete); // a gzip file cannot grow
    }

    [Fact]
    public void TryReadFrame_FileGrowsAfterIndexing_LaterFrameReadable()
    {
        // Arrange: 5,000 whole records and half of the next one are on disk, as a live capture's writer leaves them.
        byte[] whole = WritePcap(0, 10_000);
        List<ReadPacket> all = CaptureReading.ReadClean(whole);
        long cut = all[5000].FileOffset + 10; // inside record 5,001's header
        string path = Path.Combine(TestPaths.NewTempDirectory(), "growing.pcap");
        using (var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.ReadWrite))
        {
            file.Write(whole, 0, (int)cut);
        }

        using CaptureFrameReader reader = Open(path);

        // Act 1: the end so far.
        FrameReadStatus present = reader.TryReadFrame(5000, out CopiedFrame? frame5000, out _);
        FrameReadStatus notYet = reader.TryReadFrame(5001, out CopiedFrame? missing, out string notYetMessage);

        // Act 2: the capture goes on.
        using (var file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite))
        {
            file.Write(whole, (int)cut, whole.Length - (int)cut);
        }

        FrameReadStatus later = reader.TryReadFrame(9500, out CopiedFrame? frame9500, out string laterMessage);
        FrameReadStatus cutOne = reader.TryReadFrame(5001, out CopiedFrame? frame5001, out _);

        // Assert
        Assert.Equal(FrameReadStatus.Read, present);
        AssertSame(all[4999], frame5000!);
        Assert.Equal(FrameReadStatus.BeyondEnd, notYet);
        Assert.Null(missing);
        Assert.Contains("(5000 frames", notYetMessage, StringComparison.Ordinal);
        Assert.False(reader.Index.IsComplete);
        Assert.True(later == FrameReadStatus.Read, laterMessage);
        AssertSame(all[9499], frame9500!);
        Assert.Equal(FrameReadStatus.Read, cutOne);
        AssertSame(all[5000], frame5001!);
        Assert.Equal(3, reader.Index.CheckpointCount);
    }

    [Fact]
    public void TryReadFrame_WrittenWithCaptureFileWriterAndFlushedInHalves_ReadsEachHalf()
    {
        // Arrange: the live capture's writer flushes as it goes; the index is built between two flushes.
        string path = Path.Combine(TestPaths.NewTempDirectory(), "live.pcap");
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.ReadWrite);
        using var writer = CaptureFileWriter.Create(stream, LinkType.Ethernet, nanosecond: true);
        for (int i = 0; i < 3000; i++)
        {
            writer.Write(new Timestamp(1_700_000_000_000_000_000 + i), CaptureReading.Bytes(64 + (i % 100), i), (uint)(64 + (i % 100)));
        }

        writer.Flush();
        using CaptureFrameReader reader = Open(path);
        Assert.Equal(FrameReadStatus.Read, reader.TryReadFrame(3000, out _, out _));
        Assert.Equal(FrameReadStatus.BeyondEnd, reader.TryReadFrame(3001, out _, out _));

        // Act
        for (int i = 3000; i < 6000; i++)
        {
            writer.Write(new Timestamp(1_700_000_000_000_000_000 + i), CaptureReading.Bytes(64 + (i % 100), i), (uint)(64 + (i % 100)));
        }

        writer.Flush();
        FrameReadStatus status = reader.TryReadFrame(5999, out CopiedFrame? frame, out string message);

        // Assert
        Assert.True(status == FrameReadStatus.Read, message);
        Assert.Equal(5999, frame!.Number);
        Assert.Equal(1_700_000_000_000_000_000 + 5998, frame.Time.UnixNanoseconds);
        Assert.Equal(CaptureReading.Bytes(64 + (5998 % 100), 5998), frame.Data);
        Assert.Equal(2, reader.Index.CheckpointCount);
    }

    [Fact]
    public void TryResume_FileShorterThanTheCheckpoint_DamagedWithMessage()
    {
        // Arrange
        string path = Path.Combine(TestPaths.NewTempDirectory(), "shrinks.pcap");
        File.WriteAllBytes(path, WritePcap(0, 100));
        CaptureCheckpoint checkpoint;
        using (CaptureFileReader reader = OpenFile(path))
        {
            for (int i = 0; i < 50; i++)
            {
                Assert.Equal(CaptureReadStatus.Packet, reader.ReadNext(out _));
            }

            checkpoint = reader.Checkpoint();
        }

        File.WriteAllBytes(path, WritePcap(0, 10));

        // Act
        CaptureOpenStatus status = CaptureFileReader.TryResume(path, checkpoint, out CaptureFileReader? resumed, out string error);

        // Assert
        Assert.Equal(CaptureOpenStatus.Damaged, status);
        Assert.Null(resumed);
        Assert.Contains("shorter than where frame 51 started", error, StringComparison.Ordinal);
    }

    private static byte[] WritePcap(int seed, int frames)
    {
        using var memory = new MemoryStream();
        using (var writer = CaptureFileWriter.Create(memory, LinkType.Ethernet, nanosecond: false))
        {
            for (int i = 0; i < frames; i++)
            {
                int length = 60 + ((i * 37) % 1400);
                writer.Write(new Timestamp(1_700_000_000_000_000_000 + (i * 1000L)), CaptureReading.Bytes(length, i + seed), (uint)length);
            }
        }

        return memory.ToArray();
    }

    private static CaptureFrameReader Open(string path)
    {
        CaptureOpenStatus status = CaptureFrameReader.TryOpen(path, out CaptureFrameReader? reader, out string error);
        Assert.True(status == CaptureOpenStatus.Opened, $"{status}: {error}");
        return reader!;
    }

    private static CaptureFileReader OpenFile(string path)
    {
        CaptureOpenStatus status = CaptureFileReader.TryOpen(path, out CaptureFileReader? reader, out string error);
        Assert.True(status == CaptureOpenStatus.Opened, $"{status}: {error}");
        return reader!;
    }

    private static List<ReadPacket> ReadSequentially(string path)
    {
        using CaptureFileReader reader = OpenFile(path);
        return CaptureReading.ReadAll(reader, out _);
    }

    private static void AssertSame(ReadPacket expected, CopiedFrame actual)
    {
        Assert.Equal(expected.Number, actual.Number);
        Assert.Equal(expected.UnixNanoseconds, actual.Time.UnixNanoseconds);
        Assert.Equal(expected.LinkType, actual.LinkType);
        Assert.Equal(expected.InterfaceId, actual.InterfaceId);
        Assert.Equal(expected.OriginalLength, actual.OriginalLength);
        Assert.Equal(expected.Data, actual.Data);
    }
}
