using System.Buffers.Binary;
using WireLens.Capture.Files;

namespace WireLens.Testing.Hostile;

/// <summary>Where <see cref="OddRecordCaptures.WriteOversized"/> put its oversized record.</summary>
/// <param name="Record">The record's number, counting from 1.</param>
/// <param name="Offset">The byte offset of its record header.</param>
/// <param name="PacketsBefore">Valid packets before it (all of them TCP).</param>
public sealed record OversizedRecord(long Record, long Offset, long PacketsBefore);

/// <summary>
/// Captures with records of odd lengths among short closed HTTP connections (10.0.0.1 to 10.0.0.2:80): zero-length
/// ones, which a reader must count and pass over, and one longer than the reader accepts, which must stop reading.
/// </summary>
public static class OddRecordCaptures
{
    /// <summary>Connections written before the odd records of each kind (and after, for the zero-length kinds).</summary>
    public const int Connections = 20;

    /// <summary>
    /// <see cref="Connections"/> connections, and after every fifth one two records with no captured bytes: original
    /// length 0, then 60 (a snap length of 0). Returns the number of zero-length records.
    /// </summary>
    public static int WriteZeroLength(string path, bool pcapNg)
    {
        using var w = new HostilePcapWriter(path, pcapNg);
        int zero = 0;
        WriteConnections(w, Connections, (i, time) =>
        {
            if (i % 5 == 4)
            {
                w.Record(time, [], 0);
                w.Record(time, [], 60);
                zero += 2;
            }
        });
        return zero;
    }

    /// <summary>
    /// <see cref="Connections"/> connections, then a record whose captured length is one above
    /// <see cref="CaptureFileReader.MaxPcapCapturedLength"/> (64 bytes follow it), then ten more connections.
    /// </summary>
    public static OversizedRecord WriteOversized(string path)
    {
        using var w = new HostilePcapWriter(path);
        long time = WriteConnections(w, Connections, (_, _) => { });
        long before = w.Packets;
        long offset = w.Position;
        Span<byte> header = stackalloc byte[16 + 64];
        header.Clear();
        BinaryPrimitives.WriteUInt32LittleEndian(header, (uint)(time / 1_000_000_000));
        BinaryPrimitives.WriteUInt32LittleEndian(header[8..], CaptureFileReader.MaxPcapCapturedLength + 1);
        BinaryPrimitives.WriteUInt32LittleEndian(header[12..], CaptureFileReader.MaxPcapCapturedLength + 1);
        w.Raw(header);
        WriteConnections(w, 10, (_, _) => { }, first: Connections);
        return new OversizedRecord(before + 1, offset, before);
    }

    private static long WriteConnections(HostilePcapWriter w, int count, Action<int, long> after, int first = 0)
    {
        byte[] response = ShortHttpConnection.Response(ChurnCapture.BodyLength);
        Span<long> times = stackalloc long[ShortHttpConnection.Packets];
        long end = HostileClock.BaseNs;
        for (int i = first; i < first + count; i++)
        {
            long start = HostileClock.BaseNs + (i * 1_000_000L);
            for (int k = 0; k < times.Length; k++)
            {
                times[k] = start + (k * 10_000L);
            }

            ShortHttpConnection.Write(
                w, times, ChurnCapture.Client, (ushort)(40000 + i), ChurnCapture.Server, HostileClock.Isn(3, i, start), HostileClock.Isn(4, i, start), response);
            end = times[^1];
            after(i, end);
        }

        return end;
    }
}
