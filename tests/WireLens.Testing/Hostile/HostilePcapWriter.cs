using System.Buffers.Binary;
using WireLens.Capture.Files;
using WireLens.Wire;
using WireLens.Wire.Link;

namespace WireLens.Testing.Hostile;

/// <summary>
/// A raw-IPv4 capture (link type 101, microsecond timestamps) written packet by packet through one reused buffer, so
/// memory stays constant however many packets are written: a pcap through <see cref="CaptureFileWriter"/>, or a
/// pcapng (one section, one interface, Enhanced Packet Blocks) written here.
/// </summary>
public sealed class HostilePcapWriter : IDisposable
{
    private readonly FileStream _file;
    private readonly CaptureFileWriter? _pcap;
    private readonly BufferedStream? _pcapNg;
    private readonly byte[] _packet = new byte[Ipv4TcpPacket.HeaderLength + 4096];
    private long _pcapNgRecords;

    /// <summary>Creates (or replaces) <paramref name="path"/> and writes the file header (pcapng: SHB and IDB).</summary>
    public HostilePcapWriter(string path, bool pcapNg = false)
    {
        _file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16);
        if (!pcapNg)
        {
            _pcap = CaptureFileWriter.Create(_file, LinkType.Raw, nanosecond: false);
            return;
        }

        _pcapNg = new BufferedStream(_file, 1 << 20);
        Span<byte> header = stackalloc byte[28 + 20];

        // Section Header Block (pcapng spec section 4.1): type, length, byte-order magic, version 1.0, section length -1.
        BinaryPrimitives.WriteUInt32LittleEndian(header, 0x0A0D0D0A);
        BinaryPrimitives.WriteUInt32LittleEndian(header[4..], 28);
        BinaryPrimitives.WriteUInt32LittleEndian(header[8..], 0x1A2B3C4D);
        BinaryPrimitives.WriteUInt16LittleEndian(header[12..], 1);
        BinaryPrimitives.WriteUInt16LittleEndian(header[14..], 0);
        BinaryPrimitives.WriteInt64LittleEndian(header[16..], -1);
        BinaryPrimitives.WriteUInt32LittleEndian(header[24..], 28);

        // Interface Description Block (section 4.2): link type, reserved, snap length 0 (none); µs resolution by default.
        Span<byte> idb = header[28..];
        BinaryPrimitives.WriteUInt32LittleEndian(idb, 1);
        BinaryPrimitives.WriteUInt32LittleEndian(idb[4..], 20);
        BinaryPrimitives.WriteUInt16LittleEndian(idb[8..], (ushort)LinkType.Raw);
        BinaryPrimitives.WriteUInt16LittleEndian(idb[10..], 0);
        BinaryPrimitives.WriteUInt32LittleEndian(idb[12..], 0);
        BinaryPrimitives.WriteUInt32LittleEndian(idb[16..], 20);
        _pcapNg.Write(header);
    }

    /// <summary>Records written, damaged ones included.</summary>
    public long Packets => _pcap?.RecordsWritten ?? _pcapNgRecords;

    /// <summary>The byte offset at which the next record starts.</summary>
    public long Position
    {
        get
        {
            Flush();
            return _file.Position;
        }
    }

    /// <summary>Writes one TCP segment in an IPv4 packet at <paramref name="timeNs"/> (Unix nanoseconds).</summary>
    public void Segment(
        long timeNs, uint source, ushort sourcePort, uint destination, ushort destinationPort, uint sequence, uint acknowledgment,
        TcpBits flags, ReadOnlySpan<byte> payload = default)
    {
        int length = Ipv4TcpPacket.Build(_packet, source, sourcePort, destination, destinationPort, sequence, acknowledgment, flags, payload);
        Record(timeNs, _packet.AsSpan(0, length), (uint)length);
    }

    /// <summary>Writes a record as given: <paramref name="data"/> as the captured bytes, any original length.</summary>
    public void Record(long timeNs, ReadOnlySpan<byte> data, uint originalLength)
    {
        if (_pcap is not null)
        {
            _pcap.Write(new Timestamp(timeNs), data, originalLength);
            return;
        }

        // Enhanced Packet Block (section 4.3): interface 0, 64-bit µs timestamp, lengths, data padded to 32 bits.
        int padded = (data.Length + 3) & ~3;
        Span<byte> head = stackalloc byte[28];
        long micros = timeNs / 1000;
        BinaryPrimitives.WriteUInt32LittleEndian(head, 6);
        BinaryPrimitives.WriteUInt32LittleEndian(head[4..], (uint)(32 + padded));
        BinaryPrimitives.WriteUInt32LittleEndian(head[8..], 0);
        BinaryPrimitives.WriteUInt32LittleEndian(head[12..], (uint)(micros >> 32));
        BinaryPrimitives.WriteUInt32LittleEndian(head[16..], (uint)micros);
        BinaryPrimitives.WriteUInt32LittleEndian(head[20..], (uint)data.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(head[24..], originalLength);
        _pcapNg!.Write(head);
        _pcapNg.Write(data);
        Span<byte> tail = stackalloc byte[8];
        tail.Clear();
        BinaryPrimitives.WriteUInt32LittleEndian(tail[(padded - data.Length)..], (uint)(32 + padded));
        _pcapNg.Write(tail[..(padded - data.Length + 4)]);
        _pcapNgRecords++;
    }

    /// <summary>Writes the buffered records to the file.</summary>
    public void Flush()
    {
        _pcap?.Flush();
        _pcapNg?.Flush();
    }

    /// <summary>Appends raw bytes after the records written so far (for damage the writers would not produce).</summary>
    public void Raw(ReadOnlySpan<byte> bytes)
    {
        Flush();
        _file.Write(bytes);
    }

    public void Dispose()
    {
        Flush();
        _pcapNg?.Dispose();
        _file.Dispose();
    }
}
