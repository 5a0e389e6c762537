using WireLens.Wire;

namespace WireLens.Capture.Live;

/// <summary>Packets copied out of libpcap's ring on the capture thread, handed to the analysis thread as one unit.</summary>
internal sealed class PacketBatch
{
    public const int BufferBytes = 1 << 20;
    private const int MaxPackets = 8192;

    public byte[] Buffer { get; } = new byte[BufferBytes];
    public long[] Numbers { get; } = new long[MaxPackets];
    public long[] Times { get; } = new long[MaxPackets];
    public int[] Offsets { get; } = new int[MaxPackets];
    public int[] Lengths { get; } = new int[MaxPackets];
    public uint[] OriginalLengths { get; } = new uint[MaxPackets];
    public int Count { get; private set; }
    public int Used { get; private set; }

    public bool HasRoomFor(int length) => Count < MaxPackets && Used + length <= Buffer.Length;

    /// <summary>Reserves room for a packet and returns where to copy its bytes.</summary>
    public int Add(long number, Timestamp time, int length, uint originalLength)
    {
        int offset = Used;
        Numbers[Count] = number;
        Times[Count] = time.UnixNanoseconds;
        Offsets[Count] = offset;
        Lengths[Count] = length;
        OriginalLengths[Count] = originalLength;
        Count++;
        Used += length;
        return offset;
    }

    public void Clear()
    {
        Count = 0;
        Used = 0;
    }
}
