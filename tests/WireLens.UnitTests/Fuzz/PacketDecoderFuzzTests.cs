using CsCheck;
using WireLens.Wire;
using WireLens.Wire.Link;

namespace WireLens.UnitTests.Fuzz;

/// <summary>
/// Link/IP/TCP decoding (<see cref="PacketDecoder.Decode"/>, what the packet pipeline calls per frame) on random and
/// mutated real frames for every link type: a status for every input, and a decoded view whose spans lie in the frame.
/// </summary>
public class PacketDecoderFuzzTests
{
    private const ulong Seed = 0x5EED_0002;
    private const int MinInputs = 400_000;

    private static readonly LinkType[] s_linkTypes = [.. Enum.GetValues<LinkType>(), (LinkType)147];

    [Fact]
    public void Decode_RandomAndMutatedFrames_EveryLinkType_NeverThrows()
    {
        // Arrange: mostly a link type's own frames, mutated; one time in eight any frame under any link type.
        byte[][] all = [.. FuzzSeeds.Frames.Values.SelectMany(f => f)];
        Gen<(LinkType, byte[])> gen = Gen.Int[0, 7].SelectMany(mixed => Gen.Int[0, s_linkTypes.Length - 1].SelectMany(i =>
        {
            LinkType linkType = s_linkTypes[i];
            IReadOnlyList<byte[]> frames = mixed == 0 || !FuzzSeeds.Frames.TryGetValue(linkType, out List<byte[]>? own) ? all : own;
            return Mutator.From(frames, maxRandomLength: 128).Select(frame => (linkType, frame));
        }));

        // Act
        int tcp = 0;
        int executed = FuzzHarness.Run(Seed, MinInputs, gen, t => tcp += DecodeOne(t.Item1, t.Item2) == DecodeStatus.Tcp ? 1 : 0, t => $"{t.Item1} {FuzzHarness.Hex(t.Item2)}");

        // Assert
        Assert.True(FuzzSeeds.Frames.ContainsKey(LinkType.Ethernet) && FuzzSeeds.Frames.Count >= 7, "seed frames missing");
        Assert.True(tcp > MinInputs / 10, $"only {tcp} inputs decoded to TCP: the mutations do not reach the TCP decoder");
        Assert.True(executed >= MinInputs, $"executed {executed} inputs, fewer than the stated minimum {MinInputs}");
    }

    internal static DecodeStatus DecodeOne(LinkType linkType, byte[] frame)
    {
        DecodeStatus status = PacketDecoder.Decode(linkType, frame, out TcpPacketView p);
        Assert.True(Enum.IsDefined(status), $"status {status}");
        if (status != DecodeStatus.Tcp)
        {
            return status;
        }

        Assert.True(p.Payload.Length <= frame.Length, "payload longer than the frame");
        Assert.True(p.Payload.Length <= p.PayloadLength, $"captured payload {p.Payload.Length} > payload length {p.PayloadLength}");
        Assert.True(p.PayloadLength >= 0, $"payload length {p.PayloadLength}");
        _ = p.Options.Mss + p.Options.WindowScale + p.Options.SackBlockCount;
        _ = p.Source.ToString() + p.Destination.ToString() + p.Sequence + p.Acknowledgment + p.Flags + p.Window;
        return status;
    }
}
