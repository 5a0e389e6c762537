using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;
using WireLens.Wire.Link;

namespace WireLens.Capture.Files;

/// <summary>
/// Streams packets out of a pcap or pcapng file, optionally gzip-compressed (detected by its magic, not its name).
/// The file is never loaded whole: a reusable buffer is refilled from the stream and grows only for a record larger than
/// it. Bad input never throws: opening returns a <see cref="CaptureOpenStatus"/> and a one-line error, and reading stops
/// (<see cref="CaptureReadStatus.Stopped"/>) or goes on past recoverable damage, listing everything in <see cref="Damage"/>.
/// Unlike libpcap it reads pcapng files whose interfaces have different link types.
/// </summary>
public sealed partial class CaptureFileReader : IDisposable
{
    /// <summary>
    /// The buffer's starting size; a record or block larger than this grows it. Small enough that what one read copies
    /// in is still in the core's cache when the packets are decoded from it (1 MiB, the size of this machine's L2
    /// cache, left the first packets of each refill to miss it: bench/README.md, seventh round).
    /// </summary>
    internal const int InitialBufferSize = 1 << 17;

    // pcap magic numbers as read little-endian from the first four bytes.
    private const uint PcapMicroLittle = 0xA1B2C3D4;
    private const uint PcapMicroBig = 0xD4C3B2A1;
    private const uint PcapNanoLittle = 0xA1B23C4D;
    private const uint PcapNanoBig = 0x4D3CB2A1;
    private const uint PcapNgSectionHeader = 0x0A0D0D0A;
    private const byte GzipMagic1 = 0x1F;
    private const byte GzipMagic2 = 0x8B;

    private readonly CountingReadStream _source;
    private readonly Stream _data;
    private readonly List<CaptureDamage> _damage = [];
    private byte[] _buffer;
    private int _position;
    private int _end;
    private long _bufferOffset;
    private bool _endOfData;
    private bool _finished;
    private CaptureReadStatus _finalStatus;
    private long _recordsRead;

    private CaptureFileReader(string displayName, CountingReadStream source, Stream data, bool compressed, long? fileLength, byte[] buffer, int bytesInBuffer)
    {
        DisplayName = displayName;
        _source = source;
        _data = data;
        IsCompressed = compressed;
        FileLength = fileLength;
        _buffer = buffer;
        _end = bytesInBuffer;
        TimestampDigits = 6;
    }

    /// <summary>The name used in messages: the path as given, or the display name passed with a stream.</summary>
    public string DisplayName { get; }

    public CaptureFormat Format { get; private set; }

    /// <summary>True when the file is gzip-compressed.</summary>
    public bool IsCompressed { get; }

    /// <summary>6 or 9: the finest timestamp precision seen so far (pcap nanosecond magic, or a pcapng interface finer than 10^-6).</summary>
    public int TimestampDigits { get; private set; }

    /// <summary>Bytes consumed from the underlying file or stream (compressed bytes for gzip), for progress.</summary>
    public long CompressedBytesRead => _source.BytesRead;

    /// <summary>Length of the underlying file or stream when it is known (seekable).</summary>
    public long? FileLength { get; }

    /// <summary>Packets delivered so far.</summary>
    public long RecordsRead => _recordsRead;

    /// <summary>Everything found wrong so far, in file order: recoverable damage and, last, any fatal one.</summary>
    public IReadOnlyList<CaptureDamage> Damage => _damage;

    /// <summary>Opens a capture file by path. The error is one line, e.g. "cannot open x.pcap: No such file".</summary>
    public static CaptureOpenStatus TryOpen(string path, out CaptureFileReader? reader, out string error)
    {
        ArgumentNullException.ThrowIfNull(path);
        reader = null;
        if (Directory.Exists(path))
        {
            error = $"cannot open {path}: Is a directory";
            return CaptureOpenStatus.Unreadable;
        }

        // The reader buffers itself; the FileStream buffer only serves gzip's small reads.
        CaptureOpenStatus opening = OpenFile(path, 1 << 16, FileOptions.SequentialScan, out FileStream? file, out error);
        if (opening != CaptureOpenStatus.Opened)
        {
            return opening;
        }

        CaptureOpenStatus status = Open(file!, ownsStream: true, path, out reader, out error);
        if (status != CaptureOpenStatus.Opened)
        {
            file!.Dispose();
        }

        return status;
    }

    /// <summary>Opens <paramref name="path"/> for reading (shared: a live capture may be writing it); never throws.</summary>
    private static CaptureOpenStatus OpenFile(string path, int bufferSize, FileOptions options, out FileStream? file, out string error)
    {
        file = null;
        error = string.Empty;
        try
        {
            file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize, options);
            return CaptureOpenStatus.Opened;
        }
        catch (FileNotFoundException)
        {
            error = $"cannot open {path}: No such file";
            return CaptureOpenStatus.NotFound;
        }
        catch (DirectoryNotFoundException)
        {
            error = $"cannot open {path}: No such file";
            return CaptureOpenStatus.NotFound;
        }
        catch (UnauthorizedAccessException)
        {
            error = $"cannot open {path}: Permission denied";
            return CaptureOpenStatus.Unreadable;
        }
        catch (IOException ex)
        {
            error = $"cannot open {path}: {ex.Message}";
            return CaptureOpenStatus.Unreadable;
        }
    }

    /// <summary>
    /// Opens a capture from a stream read from its current position; <paramref name="displayName"/> names it in messages.
    /// The stream is not disposed by the reader.
    /// </summary>
    public static CaptureOpenStatus TryOpen(Stream stream, string displayName, out CaptureFileReader? reader, out string error)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(displayName);
        return Open(stream, ownsStream: false, displayName, out reader, out error);
    }

    /// <summary>
    /// Reads the next packet. <see cref="CaptureReadStatus.End"/> and <see cref="CaptureReadStatus.Stopped"/> are final:
    /// later calls return them again.
    /// </summary>
    public CaptureReadStatus ReadNext(out CaptureRecord record)
    {
        if (_finished)
        {
            record = default;
            return _finalStatus;
        }

        return Format == CaptureFormat.Pcap ? ReadPcapRecord(out record) : ReadPcapNgRecord(out record);
    }

    public void Dispose()
    {
        _data.Dispose();
        _source.Dispose();
    }

    private static CaptureOpenStatus Open(Stream stream, bool ownsStream, string name, out CaptureFileReader? reader, out string error)
    {
        reader = null;
        if (!stream.CanRead)
        {
            error = $"cannot read {name}: the stream is not readable";
            return CaptureOpenStatus.Unreadable;
        }

        long? length = stream.CanSeek ? stream.Length : null;
        var source = new CountingReadStream(stream, ownsStream);
        byte[] buffer = new byte[InitialBufferSize];

        // Sniff the first bytes: gzip, pcap or pcapng.
        if (!TryReadAtLeast(source, buffer, 4, out int sniffed, out string? readError))
        {
            error = $"cannot read {name}: {readError}";
            return CaptureOpenStatus.Unreadable;
        }

        if (sniffed == 0)
        {
            error = $"{name} is empty";
            return CaptureOpenStatus.Empty;
        }

        Stream data = source;
        bool compressed = sniffed >= 2 && buffer[0] == GzipMagic1 && buffer[1] == GzipMagic2;
        if (compressed)
        {
            source.Replay(buffer.AsSpan(0, sniffed));
            data = new GZipStream(source, CompressionMode.Decompress, leaveOpen: true);
            if (!TryReadAtLeast(data, buffer, 4, out sniffed, out readError))
            {
                data.Dispose();
                error = $"{name} is gzip data that cannot be decompressed: {readError}";
                return CaptureOpenStatus.Damaged;
            }

            if (sniffed == 0)
            {
                data.Dispose();
                error = $"{name} is empty (gzip holding no data)";
                return CaptureOpenStatus.Empty;
            }
        }

        reader = new CaptureFileReader(name, source, data, compressed, length, buffer, sniffed);
        CaptureOpenStatus status = reader.ReadFileHeader(sniffed, out error);
        if (status != CaptureOpenStatus.Opened)
        {
            reader.Dispose();
            reader = null;
        }

        return status;
    }

    /// <summary>Reads until <paramref name="buffer"/> holds <paramref name="count"/> bytes or the stream ends.</summary>
    private static bool TryReadAtLeast(Stream stream, byte[] buffer, int count, out int read, out string? error)
    {
        read = 0;
        error = null;
        try
        {
            while (read < count)
            {
                int n = stream.Read(buffer, read, count - read);
                if (n == 0)
                {
                    break;
                }

                read += n;
            }

            return true;
        }
        catch (InvalidDataException ex)
        {
            error = ex.Message;
            return false;
        }
        catch (IOException ex)
        {
            error = ex.Message;
            return false;
        }
    }

    private CaptureOpenStatus ReadFileHeader(int sniffed, out string error)
    {
        string gzipNote = IsCompressed ? "gzip data starting with" : "starts with";
        if (sniffed < 4)
        {
            if (IsPrefixOfMagic(_buffer.AsSpan(0, sniffed)))
            {
                error = $"{DisplayName} ends after {sniffed} bytes, inside the file header";
                return CaptureOpenStatus.Damaged;
            }

            error = $"{DisplayName} is not a capture file ({gzipNote} {Hex(_buffer.AsSpan(0, sniffed))})";
            return CaptureOpenStatus.NotACapture;
        }

        uint magic = BinaryPrimitives.ReadUInt32LittleEndian(_buffer);
        switch (magic)
        {
            case PcapMicroLittle:
            case PcapMicroBig:
            case PcapNanoLittle:
            case PcapNanoBig:
                Format = CaptureFormat.Pcap;
                return ReadPcapFileHeader(magic, out error);
            case PcapNgSectionHeader:
                Format = CaptureFormat.PcapNg;
                return CheckPcapNgFileHeader(out error);
            default:
                error = $"{DisplayName} is not a capture file ({gzipNote} {Hex(_buffer.AsSpan(0, 4))})";
                return CaptureOpenStatus.NotACapture;
        }
    }

    private static bool IsPrefixOfMagic(ReadOnlySpan<byte> start)
    {
        Span<byte> magic = stackalloc byte[4];
        foreach (uint candidate in (ReadOnlySpan<uint>)[PcapMicroLittle, PcapMicroBig, PcapNanoLittle, PcapNanoBig, PcapNgSectionHeader])
        {
            BinaryPrimitives.WriteUInt32LittleEndian(magic, candidate);
            if (magic.StartsWith(start))
            {
                return true;
            }
        }

        return false;
    }

    private static string Hex(ReadOnlySpan<byte> bytes) =>
        string.Join(' ', bytes.ToArray().Select(b => b.ToString("x2", CultureInfo.InvariantCulture)));

    private static LinkType ToLinkType(uint value) => (LinkType)(ushort)value;
}
