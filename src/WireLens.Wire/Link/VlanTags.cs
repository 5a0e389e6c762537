using System.Buffers.Binary;

namespace WireLens.Wire.Link;

/// <summary>Skips IEEE 802.1Q / 802.1ad tags, which may be stacked, to find the EtherType they wrap.</summary>
internal static class VlanTags
{
    /// <summary>Bytes per tag: 2 bytes TCI (PCP, DEI, VLAN id) + 2 bytes inner EtherType.</summary>
    public const int TagLength = 4;

    private const int InnerTypeOffset = 2;

    /// <summary>Whether <paramref name="type"/> is a tag protocol identifier rather than a payload type.</summary>
    public static bool IsTagProtocol(ushort type) =>
        type is (ushort)EtherType.Vlan or (ushort)EtherType.QinQ or (ushort)EtherType.QinQLegacy;

    // IEEE 802.1Q-2018 9.3: a tag sits where the EtherType was and carries the next EtherType itself.
    //  0                   1                   2                   3
    //  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    //  | TPID (0x8100/0x88A8) [before] | PCP |D|      VLAN id          |
    //  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    //  |        inner EtherType        |  next tag or payload ...
    //  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+

    /// <summary>
    /// Walks the tags that start at <paramref name="afterType"/> while <paramref name="type"/> names a tag.
    /// Returns false when the data ends inside a tag.
    /// </summary>
    public static bool TrySkip(ReadOnlySpan<byte> afterType, ref ushort type, out int tagBytes)
    {
        tagBytes = 0;
        while (IsTagProtocol(type))
        {
            if ((uint)afterType.Length < (uint)(tagBytes + TagLength))
            {
                return false;
            }

            type = BinaryPrimitives.ReadUInt16BigEndian(afterType.Slice(tagBytes + InnerTypeOffset));
            tagBytes += TagLength;
        }

        return true;
    }
}
