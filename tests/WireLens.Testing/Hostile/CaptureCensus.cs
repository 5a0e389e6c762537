using System.Buffers.Binary;
using WireLens.Capture.Files;
using WireLens.Wire.Link;

namespace WireLens.Testing.Hostile;

/// <summary>
/// What a raw-IPv4 capture holds, counted straight from its records (not through WireLens's decoder), so a test can
/// show that a generated file is what it claims to be before analysing it.
/// </summary>
public sealed record CaptureCensus
{
    /// <summary>Records read before the end or the damage that stopped the reader.</summary>
    public long Records { get; init; }

    /// <summary>Records with no captured byte.</summary>
    public long ZeroLength { get; init; }

    /// <summary>SYN without ACK.</summary>
    public long Syns { get; init; }

    /// <summary>SYN with ACK.</summary>
    public long SynAcks { get; init; }

    /// <summary>Segments with FIN.</summary>
    public long Fins { get; init; }

    /// <summary>Segments with RST.</summary>
    public long Rsts { get; init; }

    /// <summary>Segments carrying payload.</summary>
    public long DataSegments { get; init; }

    /// <summary>Distinct (source address, source port) of the SYNs.</summary>
    public long DistinctSynSenders { get; init; }

    /// <summary>Distinct 4-tuples of the SYNs.</summary>
    public long DistinctSynTuples { get; init; }

    /// <summary>The largest 2^32 − ISN over SYNs and SYN/ACKs (how close to the wrap every ISN sits).</summary>
    public long MaxIsnDistanceToWrap { get; init; }

    /// <summary>Records whose time is before the previous record's.</summary>
    public long BackwardSteps { get; init; }

    /// <summary>The largest step back between two records (ns).</summary>
    public long LargestBackwardStepNs { get; init; }

    /// <summary>The largest step forward between two records (ns).</summary>
    public long LargestForwardStepNs { get; init; }

    /// <summary>The damage that stopped the reader, or null when it reached the end.</summary>
    public CaptureDamage? StoppedAt { get; init; }

    /// <summary>Reads <paramref name="path"/> to its end.</summary>
    public static CaptureCensus Read(string path)
    {
        CaptureOpenStatus open = CaptureFileReader.TryOpen(path, out CaptureFileReader? reader, out string error);
        if (open != CaptureOpenStatus.Opened)
        {
            throw new InvalidOperationException($"{path}: {open}: {error}");
        }

        using (reader)
        {
            long records = 0, zero = 0, syns = 0, synAcks = 0, fins = 0, rsts = 0, data = 0, back = 0, maxBack = 0, maxForward = 0, maxDistance = 0;
            long previous = long.MinValue;
            var senders = new HashSet<(uint, ushort)>();
            var tuples = new HashSet<(uint, ushort, uint, ushort)>();
            CaptureReadStatus status;
            while ((status = reader!.ReadNext(out CaptureRecord r)) == CaptureReadStatus.Packet)
            {
                records++;
                long t = r.Timestamp.UnixNanoseconds;
                if (previous != long.MinValue)
                {
                    back += t < previous ? 1 : 0;
                    maxBack = Math.Max(maxBack, previous - t);
                    maxForward = Math.Max(maxForward, t - previous);
                }

                previous = t;
                ReadOnlySpan<byte> p = r.Data;
                if (p.Length == 0)
                {
                    zero++;
                    continue;
                }

                if (r.LinkType != LinkType.Raw || p.Length < 40 || p[0] != 0x45 || p[9] != 6)
                {
                    continue;
                }

                uint source = BinaryPrimitives.ReadUInt32BigEndian(p[12..]);
                uint destination = BinaryPrimitives.ReadUInt32BigEndian(p[16..]);
                ushort sourcePort = BinaryPrimitives.ReadUInt16BigEndian(p[20..]);
                ushort destinationPort = BinaryPrimitives.ReadUInt16BigEndian(p[22..]);
                uint sequence = BinaryPrimitives.ReadUInt32BigEndian(p[24..]);
                byte flags = p[33];
                int payload = BinaryPrimitives.ReadUInt16BigEndian(p[2..]) - 20 - ((p[32] >> 4) * 4);
                bool syn = (flags & 0x02) != 0, ack = (flags & 0x10) != 0;
                syns += syn && !ack ? 1 : 0;
                synAcks += syn && ack ? 1 : 0;
                fins += (flags & 0x01) != 0 ? 1 : 0;
                rsts += (flags & 0x04) != 0 ? 1 : 0;
                data += payload > 0 ? 1 : 0;
                if (syn)
                {
                    maxDistance = Math.Max(maxDistance, (1L << 32) - sequence);
                }

                if (syn && !ack)
                {
                    senders.Add((source, sourcePort));
                    tuples.Add((source, sourcePort, destination, destinationPort));
                }
            }

            return new CaptureCensus
            {
                Records = records,
                ZeroLength = zero,
                Syns = syns,
                SynAcks = synAcks,
                Fins = fins,
                Rsts = rsts,
                DataSegments = data,
                DistinctSynSenders = senders.Count,
                DistinctSynTuples = tuples.Count,
                MaxIsnDistanceToWrap = maxDistance,
                BackwardSteps = back,
                LargestBackwardStepNs = maxBack,
                LargestForwardStepNs = maxForward,
                StoppedAt = status == CaptureReadStatus.Stopped ? reader.Damage[^1] : null,
            };
        }
    }
}
