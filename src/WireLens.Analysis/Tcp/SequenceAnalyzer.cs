using WireLens.Wire;
using WireLens.Wire.Tcp;

namespace WireLens.Analysis.Tcp;

/// <summary>
/// tshark 4.0's TCP sequence analysis (tcp_analyze_sequence_number in epan/dissectors/packet-tcp.c), ported
/// so that every frame gets the same tcp.analysis.* verdicts tshark gives it with its default preferences
/// (analyze_sequence_numbers on, fastrt_supersedes_ooo on). The checks, their order and their odd corners are
/// tshark's: where the heuristic is surprising, it is followed on purpose and the comment says so.
/// Only the verdicts WireLens reports are computed (no bytes-in-flight, RTO or window-full bookkeeping).
/// </summary>
public static class SequenceAnalyzer
{
    /// <summary>20 ms: a retransmission this soon after the peer's 2nd duplicate ACK is "fast" (tshark).</summary>
    private const long FastRetransmissionWindowNs = 20_000_000;

    /// <summary>Out-of-order threshold when no initial RTT is known yet: 3 ms (tshark).</summary>
    private const long DefaultOutOfOrderThresholdNs = 3_000_000;

    /// <summary>
    /// Analyses one segment sent in the <paramref name="fwd"/> direction. <paramref name="initialRttNs"/> is the
    /// connection's tcp.analysis.initial_rtt so far (0 when unknown).
    /// </summary>
    public static TcpAnalysisFlags Analyze(
        ref SequenceFlowState fwd,
        ref SequenceFlowState rev,
        uint seq,
        uint ack,
        uint seglen,
        TcpFlags flags,
        uint window,
        Timestamp time,
        long initialRttNs,
        TcpAnalysisFlags preset)
    {
        TcpAnalysisFlags ta = preset;
        bool syn = (flags & TcpFlags.Syn) != 0;
        bool fin = (flags & TcpFlags.Fin) != 0;
        bool rst = (flags & TcpFlags.Rst) != 0;
        bool synFinRst = syn || fin || rst;

        // The first segment of each direction fixes its base sequence number.
        if (!fwd.BaseSeqSet)
        {
            fwd.BaseSeq = syn ? seq : unchecked(seq - 1);
            fwd.BaseSeqSet = true;
        }

        if (!rev.BaseSeqSet && (flags & TcpFlags.Ack) != 0)
        {
            rev.BaseSeq = unchecked(ack - 1);
            rev.BaseSeqSet = true;
        }

        // ZERO WINDOW PROBE: exactly one byte at the next expected sequence number while the peer's window is 0.
        if (seglen == 1 && seq == fwd.NextSeq && rev.Window == 0)
        {
            ta |= TcpAnalysisFlags.ZeroWindowProbe;
            goto FinishedFwd;
        }

        // ZERO WINDOW: window 0 without SYN/FIN/RST.
        if (window == 0 && !synFinRst)
        {
            ta |= TcpAnalysisFlags.ZeroWindow;
        }

        // LOST SEGMENT: this segment starts beyond the highest sequence number seen; RSTs are not checked.
        if (fwd.NextSeq != 0 && SeqNumber.IsAfter(seq, fwd.NextSeq) && !rst)
        {
            ta |= TcpAnalysisFlags.LostSegment;
        }

        // KEEP ALIVE: 0 or 1 byte starting one byte before the next expected sequence number.
        if (seglen <= 1 && seq == unchecked(fwd.NextSeq - 1) && !synFinRst)
        {
            ta |= TcpAnalysisFlags.KeepAlive;
        }

        // WINDOW UPDATE: no data, same seq/ack as before, new non-zero window.
        if (seglen == 0 && window != 0 && window != fwd.Window && seq == fwd.NextSeq && ack == fwd.LastAck && !synFinRst)
        {
            ta |= TcpAnalysisFlags.WindowUpdate;
        }

        // KEEP ALIVE ACK: repeats the previous ACK right after a keep-alive from the peer.
        if (seglen == 0 && window != 0 && window == fwd.Window && seq == fwd.NextSeq && ack == fwd.LastAck
            && (rev.LastSegmentFlags & TcpAnalysisFlags.KeepAlive) != 0 && !synFinRst)
        {
            ta |= TcpAnalysisFlags.KeepAliveAck;
            goto FinishedFwd;
        }

        // ZERO WINDOW PROBE ACK: repeats the previous ACK and zero window after a probe from the peer.
        if (seglen == 0 && window == 0 && window == fwd.Window && seq == fwd.NextSeq && ack == fwd.LastAck
            && (rev.LastSegmentFlags & TcpAnalysisFlags.ZeroWindowProbe) != 0 && !synFinRst)
        {
            ta |= TcpAnalysisFlags.ZeroWindowProbeAck;
            goto FinishedFwd;
        }

        // DUPLICATE ACK: no data, same window/seq/ack as the previous segment.
        if (seglen == 0 && window != 0 && window == fwd.Window && seq == fwd.NextSeq && ack == fwd.LastAck && !synFinRst)
        {
            // -1 ("ACKed unseen" already reported) restarts the count at 1, as tshark does.
            fwd.DupAckNum = fwd.DupAckNum == -1 ? 1 : fwd.DupAckNum + 1;
            ta |= TcpAnalysisFlags.DuplicateAck;
        }

    FinishedFwd:
        // A changed ACK number resets the duplicate-ACK counter.
        if (ack != fwd.LastAck)
        {
            fwd.DupAckNum = 0;
        }

        // ACKED UNSEEN SEGMENT: this ACK covers more than the peer has been seen to send.
        if (rev.MaxSeqToBeAcked != 0 && SeqNumber.IsAfter(ack, rev.MaxSeqToBeAcked) && (flags & TcpFlags.Ack) != 0)
        {
            if (rev.MaxSeqToBeAcked > rev.NextSeq)
            {
                // tshark compares these two as plain unsigned integers here, not in sequence space.
                rev.MaxSeqToBeAcked = rev.NextSeq;
                ta |= TcpAnalysisFlags.AckedUnseen;
            }
            else
            {
                if (rev.DupAckNum == 0)
                {
                    ta |= TcpAnalysisFlags.AckedUnseen;
                }

                rev.DupAckNum = -1;
            }
        }

        // RETRANSMISSION / FAST RETRANSMISSION / OUT-OF-ORDER / SPURIOUS for segments that occupy sequence space.
        if (seglen > 0 || syn || fin)
        {
            bool seqNotAdvanced = fwd.NextSeq != 0 && SeqNumber.IsBefore(seq, fwd.NextSeq);

            if ((ta & TcpAnalysisFlags.KeepAlive) != 0)
            {
                goto FinishedRetransmissionType;
            }

            // More than one byte starting one below nextseq (after a possible zero window probe) adds new data.
            if (seglen > 1 && unchecked(fwd.NextSeq - 1) == seq)
            {
                seqNotAdvanced = false;
            }

            // SPURIOUS: all of this data was already acknowledged by the peer.
            if (seglen > 0 && rev.LastAck != 0 && SeqNumber.IsAtOrBefore(unchecked(seq + seglen), rev.LastAck))
            {
                ta |= TcpAnalysisFlags.SpuriousRetransmission;
                goto FinishedRetransmissionType;
            }

            // FAST RETRANSMISSION (checked before out-of-order: fastrt_supersedes_ooo defaults to TRUE):
            // >= 2 duplicate ACKs from the peer for this very sequence number, within 20 ms of the last one.
            long sinceLastAck = time.UnixNanoseconds - rev.LastAckTime.UnixNanoseconds;
            if (seqNotAdvanced && rev.DupAckNum >= 2 && rev.LastAck == seq && sinceLastAck < FastRetransmissionWindowNs)
            {
                ta |= TcpAnalysisFlags.FastRetransmission;
                goto FinishedRetransmissionType;
            }

            // OUT-OF-ORDER: arrives soon (under the initial RTT, or 3 ms) after the highest segment and
            // does not end exactly where that one ended.
            long sinceNextSeq = time.UnixNanoseconds - fwd.NextSeqTime.UnixNanoseconds;
            long oooThreshold = initialRttNs == 0 ? DefaultOutOfOrderThresholdNs : initialRttNs;
            uint end = unchecked(seq + seglen + (syn || fin ? 1u : 0u));

            // tshark holds t and the threshold in unsigned 64-bit variables: a negative time difference
            // (timestamps going backwards) becomes huge and never counts as "soon".
            if (seqNotAdvanced && (ulong)sinceNextSeq < (ulong)oooThreshold && fwd.NextSeq != end)
            {
                ta |= TcpAnalysisFlags.OutOfOrder;
                goto FinishedRetransmissionType;
            }

            if (seqNotAdvanced)
            {
                ta |= TcpAnalysisFlags.Retransmission;
            }
        }

    FinishedRetransmissionType:
        uint nextSeq = unchecked(seq + seglen + (syn || fin ? 1u : 0u));

        // Remember the highest sequence number seen; zero window probes do not advance it.
        if (SeqNumber.IsAfter(nextSeq, fwd.NextSeq) || fwd.NextSeq == 0)
        {
            if ((ta & TcpAnalysisFlags.ZeroWindowProbe) == 0)
            {
                fwd.NextSeq = nextSeq;
                fwd.NextSeqTime = time;
            }
        }

        // The highest contiguous sequence number, for "ACKed unseen segment".
        if (seq == fwd.MaxSeqToBeAcked || fwd.MaxSeqToBeAcked == 0)
        {
            if ((ta & TcpAnalysisFlags.ZeroWindowProbe) == 0)
            {
                fwd.MaxSeqToBeAcked = fwd.NextSeq;
            }
        }

        fwd.Window = window;
        fwd.LastAck = ack;
        fwd.LastAckTime = time;
        fwd.LastSegmentFlags = ta;
        return ta;
    }
}
