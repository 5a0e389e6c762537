using System.Buffers.Binary;
using WireLens.Analysis.Tcp;
using WireLens.Wire.Tcp;

namespace WireLens.UnitTests.Analysis;

/// <summary>The D-SACK test of RFC 2883 section 4 on the first SACK block, over raw sequence numbers.</summary>
public class DuplicateSackTests
{
    /// <summary>ack, then the SACK blocks as left,right pairs; whether the first block is a D-SACK.</summary>
    public static TheoryData<uint, uint[], bool> Cases() => new()
    {
        // 4.1.1: a duplicate below the cumulative ACK.
        { 1050, [1035, 1050], true },
        { 1050, [1000, 1015], true },
        // The duplicate ends past the ACK: the left edge decides (Linux); no receiver sends this.
        { 1050, [1049, 1060], true },
        // An ordinary SACK block starts at or above the ACK.
        { 1050, [1050, 1100], false },
        { 1050, [1100, 1200], false },
        { 1050, [1100, 1200, 1300, 1400], false },
        // 4.1.2: the duplicate lies inside the second block (data above a hole).
        { 1000, [1100, 1200, 1100, 1300], true },
        { 1000, [1150, 1200, 1100, 1200], true },
        // Half overlapping the second block is not inside it.
        { 1000, [1050, 1150, 1100, 1300], false },
        // Across the 2^32 wrap.
        { 0x0000_0010, [0xFFFF_FFF0, 0x0000_0005], true },
        { 0xFFFF_FFF0, [0x0000_0010, 0x0000_0020], false },
        // No SACK blocks.
        { 1050, [], false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void TryGetBlock_FirstBlock_IsADsackWhenBelowTheAckOrInsideTheSecond(uint ack, uint[] edges, bool expected)
    {
        // Arrange
        TcpOptions options = Sack(edges);

        // Act
        bool dsack = DuplicateSack.TryGetBlock(options, ack, out uint left, out uint right);

        // Assert
        Assert.Equal(expected, dsack);
        Assert.Equal(expected ? (edges[0], edges[1]) : (0u, 0u), (left, right));
    }

    // RFC 2018 section 3: kind 5, length 2 + 8n, then n pairs of 32-bit left / right edges (no option when n = 0).
    private static TcpOptions Sack(uint[] edges)
    {
        if (edges.Length == 0)
        {
            return TcpOptions.Parse([]);
        }

        var bytes = new byte[2 + (4 * edges.Length)];
        bytes[0] = 5;
        bytes[1] = (byte)bytes.Length;
        for (int i = 0; i < edges.Length; i++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(2 + (4 * i)), edges[i]);
        }

        return TcpOptions.Parse(bytes);
    }
}
