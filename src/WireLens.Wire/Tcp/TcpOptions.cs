using System.Buffers.Binary;

namespace WireLens.Wire.Tcp;

/// <summary>
/// The TCP options the analysis uses, decoded from a header's option bytes without allocation.
/// Unknown options are skipped. An option with an impossible length sets <see cref="Malformed"/>: a known kind
/// with the wrong length is ignored and decoding goes on; a length below 2 or beyond the option space stops it,
/// keeping what was decoded before.
/// </summary>
/// <remarks>
/// Not a readonly struct for one reason: <see cref="Parse(ReadOnlySpan{byte}, out TcpOptions)"/> decodes into the
/// caller's storage (a segment header in a batch), field by field. Built aside and copied (a constructor's result is a
/// temporary), the copy read the temporary right after the narrow stores that made it, which cannot be forwarded to a
/// wide load: that stall was the costliest instruction of the capture reading thread. Every other member is readonly.
/// </remarks>
public struct TcpOptions
{
    /// <summary>40 option bytes hold at most 4 SACK blocks (2 + 4 * 8 = 34).</summary>
    public const int MaxSackBlocks = 4;

    private const int KindOffset = 0;
    private const int LengthOffset = 1;
    private const int ValueOffset = 2;
    private const int MssLength = 4;
    private const int WindowScaleLength = 3;
    private const int SackPermittedLength = 2;
    private const int SackBlockLength = 8;
    private const int TimestampsLength = 10;

    private uint _tsVal;
    private uint _tsEcr;
    private SackEdges _sackEdges;
    private ushort _mss;
    private short _windowScalePlusOne;
    private byte _sackBlockCount;
    private bool _hasMss;
    private bool _sackPermitted;
    private bool _hasTimestamps;
    private bool _malformed;

    public readonly bool HasMss => _hasMss;

    /// <summary>The maximum segment size, valid when <see cref="HasMss"/>.</summary>
    public readonly ushort Mss => _mss;

    /// <summary>
    /// The raw window scale shift count, or -1 when the option is absent. RFC 7323 2.3: a receiver treats
    /// values above 14 as 14; that clamp is left to the caller so the raw value stays visible.
    /// </summary>
    public readonly int WindowScale => _windowScalePlusOne - 1;

    public readonly bool SackPermitted => _sackPermitted;

    public readonly bool HasTimestamps => _hasTimestamps;

    /// <summary>TSval, valid when <see cref="HasTimestamps"/>.</summary>
    public readonly uint TsVal => _tsVal;

    /// <summary>TSecr, valid when <see cref="HasTimestamps"/>.</summary>
    public readonly uint TsEcr => _tsEcr;

    /// <summary>Number of SACK blocks, 0 to <see cref="MaxSackBlocks"/>.</summary>
    public readonly int SackBlockCount => _sackBlockCount;

    /// <summary>True when an option had an impossible length; see the type remarks.</summary>
    public readonly bool Malformed => _malformed;

    /// <summary>SACK block <paramref name="index"/>: the left edge and the right edge (first sequence number after it).</summary>
    public readonly (uint Left, uint Right) GetSackBlock(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, (int)_sackBlockCount);
        return (_sackEdges[index * 2], _sackEdges[(index * 2) + 1]);
    }

    /// <summary>Decodes the option bytes between the fixed TCP header and the data offset. Never throws.</summary>
    public static TcpOptions Parse(ReadOnlySpan<byte> options)
    {
        Parse(options, out TcpOptions decoded);
        return decoded;
    }

    /// <summary>Decodes the option bytes into <paramref name="decoded"/>, in place (see the remarks). Never throws.</summary>
    public static void Parse(ReadOnlySpan<byte> options, out TcpOptions decoded)
    {
        decoded = default;
        decoded.Decode(options);
    }

    // RFC 9293 section 3.1: an option is either a single kind byte (0 EOL, 1 NOP) or kind, length, value,
    // where length counts the kind and length bytes.
    //  +--------+--------+--------- ... ---------+
    //  |  kind  | length |  value (length - 2)   |
    //  +--------+--------+--------- ... ---------+
    // MSS (RFC 9293 3.2):          kind 2, length 4,  16-bit MSS
    // Window scale (RFC 7323 2.2): kind 3, length 3,  shift count
    // SACK permitted (RFC 2018 2): kind 4, length 2
    // SACK (RFC 2018 3):           kind 5, length 2 + 8n, n pairs of 32-bit left / right edges
    // Timestamps (RFC 7323 3.2):   kind 8, length 10, TSval, TSecr
    private void Decode(ReadOnlySpan<byte> options)
    {
        int i = 0;
        while ((uint)i < (uint)options.Length)
        {
            byte kind = options[i + KindOffset];
            if (kind == (byte)TcpOptionKind.EndOfOptionList)
            {
                return;
            }

            if (kind == (byte)TcpOptionKind.NoOperation)
            {
                i++;
                continue;
            }

            // RFC 9293 3.1: every other option carries a length; one that is missing, below 2 or past the option
            // space leaves no way to find the next option.
            if (options.Length - i < ValueOffset)
            {
                _malformed = true;
                return;
            }

            int length = options[i + LengthOffset];
            if (length < ValueOffset || length > options.Length - i)
            {
                _malformed = true;
                return;
            }

            ReadOnlySpan<byte> value = options.Slice(i + ValueOffset, length - ValueOffset);
            switch ((TcpOptionKind)kind)
            {
                case TcpOptionKind.MaximumSegmentSize when length == MssLength:
                    _mss = BinaryPrimitives.ReadUInt16BigEndian(value);
                    _hasMss = true;
                    break;

                case TcpOptionKind.WindowScale when length == WindowScaleLength:
                    _windowScalePlusOne = (short)(value[0] + 1);
                    break;

                case TcpOptionKind.SackPermitted when length == SackPermittedLength:
                    _sackPermitted = true;
                    break;

                case TcpOptionKind.Sack when value.Length % SackBlockLength == 0 && value.Length > 0:
                    int count = Math.Min(value.Length / SackBlockLength, MaxSackBlocks);
                    for (int block = 0; block < count; block++)
                    {
                        _sackEdges[block * 2] = BinaryPrimitives.ReadUInt32BigEndian(value.Slice(block * SackBlockLength));
                        _sackEdges[(block * 2) + 1] = BinaryPrimitives.ReadUInt32BigEndian(value.Slice((block * SackBlockLength) + 4));
                    }

                    _sackBlockCount = (byte)count;
                    break;

                case TcpOptionKind.Timestamps when length == TimestampsLength:
                    _tsVal = BinaryPrimitives.ReadUInt32BigEndian(value);
                    _tsEcr = BinaryPrimitives.ReadUInt32BigEndian(value.Slice(4));
                    _hasTimestamps = true;
                    break;

                case TcpOptionKind.MaximumSegmentSize:
                case TcpOptionKind.WindowScale:
                case TcpOptionKind.SackPermitted:
                case TcpOptionKind.Sack:
                case TcpOptionKind.Timestamps:
                    // A known kind with a wrong length: its value cannot be trusted, but the length still
                    // leads to the next option.
                    _malformed = true;
                    break;

                default:
                    break;
            }

            i += length;
        }
    }
}
