using System.Globalization;
using WireLens.Capture.Files;
using WireLens.Testing;
using WireLens.Wire;
using WireLens.Wire.Link;

namespace WireLens.UnitTests.Capture;

/// <summary>The reader against tshark, the reference: every frame's number, time, length and captured length must match.</summary>
public class TsharkDifferentialTests
{
    public static TheoryData<string> Variants =>
    [
        "pcap",
        "nanosecond pcap",
        "editcap -F nsecpcap",
        "editcap -F pcapng",
        "editcap -F pcapng from nanosecond pcap",
        "gzip pcap",
        "gzip editcap -F pcapng",
    ];

    [Theory]
    [MemberData(nameof(Variants))]
    public void ReadNext_FileWrittenOrConverted_AgreesWithTsharkOnEveryFrame(string variant)
    {
        // Arrange
        string tshark = Require.Tool("tshark", "tshark");
        string editcap = Require.Tool("editcap", "wireshark-common");
        string dir = TestPaths.NewTempDirectory();
        string micro = Path.Combine(dir, "micro.pcap");
        string nano = Path.Combine(dir, "nano.pcap");
        WriteSample(micro, LinkType.Ethernet, nanosecond: false, count: 400, firstSecond: 1_700_000_000, offsetNanoseconds: 0);
        WriteSample(nano, LinkType.Ethernet, nanosecond: true, count: 400, firstSecond: 1_700_000_000, offsetNanoseconds: 0);
        string file = Path.Combine(dir, "variant.cap");
        switch (variant)
        {
            case "pcap":
                file = micro;
                break;
            case "nanosecond pcap":
                file = nano;
                break;
            case "editcap -F nsecpcap":
                ToolRunner.Run(editcap, "-F", "nsecpcap", micro, file);
                break;
            case "editcap -F pcapng":
            case "gzip editcap -F pcapng":
                ToolRunner.Run(editcap, "-F", "pcapng", micro, file);
                break;
            case "editcap -F pcapng from nanosecond pcap":
                ToolRunner.Run(editcap, "-F", "pcapng", nano, file);
                break;
            case "gzip pcap":
                file = micro;
                break;
        }

        if (variant.StartsWith("gzip", StringComparison.Ordinal))
        {
            byte[] plain = File.ReadAllBytes(file);
            file = Path.Combine(dir, "compressed.cap");
            File.WriteAllBytes(file, Gzip.CompressMembers(plain, plain.Length / 2));
        }

        // Act
        string expected = ToolRunner.Run(tshark, "-r", file, "-T", "fields", "-e", "frame.number", "-e", "frame.time_epoch", "-e", "frame.len", "-e", "frame.cap_len");
        List<string> actual = ReadRows(file, out CaptureFileReader reader, out _);

        // Assert
        Assert.Equal(Lines(expected), actual);
        Assert.Equal(400, actual.Count);
        Assert.Equal(variant.StartsWith("gzip", StringComparison.Ordinal), reader.IsCompressed);
        Assert.Equal(variant.Contains("pcapng", StringComparison.Ordinal) ? CaptureFormat.PcapNg : CaptureFormat.Pcap, reader.Format);
        Assert.Equal(variant.Contains("nano", StringComparison.Ordinal) || variant.Contains("nsec", StringComparison.Ordinal) ? 9 : 6, reader.TimestampDigits);
    }

    [Fact]
    public void ReadNext_MergecapOfEthernetAndSll2Files_SeesBothLinkTypesAsTsharkDoes()
    {
        // Arrange: libpcap cannot read this file (two link types in one pcapng).
        string tshark = Require.Tool("tshark", "tshark");
        string mergecap = Require.Tool("mergecap", "wireshark-common");
        string dir = TestPaths.NewTempDirectory();
        string ethernet = Path.Combine(dir, "a.pcap");
        string cooked = Path.Combine(dir, "b.pcap");
        string merged = Path.Combine(dir, "merged.pcapng");
        WriteSample(ethernet, LinkType.Ethernet, nanosecond: false, count: 150, firstSecond: 1_700_000_000, offsetNanoseconds: 0);
        WriteSample(cooked, LinkType.LinuxSll2, nanosecond: false, count: 150, firstSecond: 1_700_000_000, offsetNanoseconds: 333_000);
        ToolRunner.Run(mergecap, "-F", "pcapng", "-w", merged, ethernet, cooked);

        // Act
        string expected = ToolRunner.Run(
            tshark, "-r", merged, "-T", "fields",
            "-e", "frame.number", "-e", "frame.time_epoch", "-e", "frame.len", "-e", "frame.cap_len", "-e", "frame.interface_id", "-e", "frame.protocols");
        List<string> actual = ReadRows(merged, out CaptureFileReader reader, out List<LinkType> linkTypes, withInterface: true);

        // Assert
        Assert.Equal(Lines(expected), actual);
        Assert.Equal(300, actual.Count);
        Assert.Equal(CaptureFormat.PcapNg, reader.Format);
        Assert.Equal([LinkType.Ethernet, LinkType.LinuxSll2], linkTypes.Distinct().Order());
    }

    private static List<string> ReadRows(string path, out CaptureFileReader reader, out List<LinkType> linkTypes, bool withInterface = false)
    {
        Assert.Equal(CaptureOpenStatus.Opened, CaptureFileReader.TryOpen(path, out CaptureFileReader? opened, out string error));
        reader = opened!;
        linkTypes = [];
        var rows = new List<string>();
        CaptureReadStatus status;
        while ((status = reader.ReadNext(out CaptureRecord record)) == CaptureReadStatus.Packet)
        {
            long seconds = Math.DivRem(record.Timestamp.UnixNanoseconds, 1_000_000_000, out long nanoseconds);
            string row = string.Create(CultureInfo.InvariantCulture, $"{record.Number}\t{seconds}.{nanoseconds:D9}\t{record.OriginalLength}\t{record.Data.Length}");
            if (withInterface)
            {
                // tshark names the first protocol of the frame by the interface's link type.
                string first = record.LinkType == LinkType.LinuxSll2 ? "sll" : "eth";
                row += string.Create(CultureInfo.InvariantCulture, $"\t{record.InterfaceId}\t{first}");
            }

            linkTypes.Add(record.LinkType);
            rows.Add(row);
        }

        Assert.Equal(CaptureReadStatus.End, status);
        Assert.Empty(reader.Damage);
        reader.Dispose();
        return rows;
    }

    private static List<string> Lines(string tsharkOutput) =>
        [.. tsharkOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(FirstProtocol)];

    /// <summary>Cuts a frame.protocols column ("sll:ethertype:data") down to its first protocol.</summary>
    private static string FirstProtocol(string line)
    {
        string[] fields = line.Split('\t');
        if (fields.Length == 6)
        {
            fields[5] = fields[5].Split(':')[0];
        }

        return string.Join('\t', fields);
    }

    /// <summary>
    /// A sample capture: lengths from 0 to 1600 bytes with a snap length of 1200 (so some are cut), times that step by
    /// an odd number of nanoseconds (so microsecond files truncate them), written by <see cref="CaptureFileWriter"/>.
    /// </summary>
    private static void WriteSample(string path, LinkType linkType, bool nanosecond, int count, long firstSecond, long offsetNanoseconds)
    {
        using var file = new FileStream(path, FileMode.Create);
        using CaptureFileWriter writer = CaptureFileWriter.Create(file, linkType, nanosecond, snaplen: 1200);
        var random = new Random(count + (int)linkType);
        for (int i = 0; i < count; i++)
        {
            int length = i % 37 == 0 ? 0 : random.Next(14, 1600);
            byte[] data = new byte[length];
            random.NextBytes(data);
            long time = (firstSecond * 1_000_000_000) + offsetNanoseconds + (i * 987_654_321L);
            writer.Write(new Timestamp(time), data, (uint)length);
        }
    }
}
