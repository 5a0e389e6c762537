using WireLens.Wire.Tcp;

namespace WireLens.Analysis.Tcp;

/// <summary>
/// Recognises a D-SACK (RFC 2883): a SACK option whose first block reports data the receiver got twice rather than
/// data it holds above a hole.
/// </summary>
public static class DuplicateSack
{
    /// <summary>
    /// True when the first SACK block of an ACK with cumulative acknowledgment <paramref name="ack"/> is a D-SACK
    /// block; <paramref name="left"/> and <paramref name="right"/> are then its edges (right = first sequence number
    /// after the duplicate). The caller checks the ACK flag: without it the acknowledgment field means nothing.
    /// </summary>
    // RFC 2883 section 4: the first SACK block reports the duplicate. Its sender knows it for one when it starts
    // below the cumulative ACK (a duplicate of acknowledged data, example 4.1.1) or lies inside the second block (a
    // duplicate of out-of-order data, reported beside the block that holds it, 4.1.2). This is the receiver-of-the-
    // D-SACK test Linux applies (tcp_check_dsack: left edge before the ACK, or left1 <= left0 and right0 <= right1).
    // tshark 4.0 (dissect_tcpopt_sack) tests the right edge instead: at or before the ACK, or within
    // (left1, right1]. The two agree on every block RFC 2883 lets a receiver send (wholly below the ACK, or wholly
    // inside the second block); they differ only on a first block that straddles the ACK or half-overlaps the second.
    public static bool TryGetBlock(in TcpOptions options, uint ack, out uint left, out uint right)
    {
        left = 0;
        right = 0;
        if (options.SackBlockCount == 0)
        {
            return false;
        }

        (uint l0, uint r0) = options.GetSackBlock(0);
        bool belowAck = SeqNumber.IsBefore(l0, ack);
        bool insideSecond = false;
        if (!belowAck && options.SackBlockCount > 1)
        {
            (uint l1, uint r1) = options.GetSackBlock(1);
            insideSecond = SeqNumber.IsAtOrAfter(l0, l1) && SeqNumber.IsAtOrBefore(r0, r1);
        }

        if (!belowAck && !insideSecond)
        {
            return false;
        }

        left = l0;
        right = r0;
        return true;
    }
}
