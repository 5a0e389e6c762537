using WireLens.Analysis.Connections;
using WireLens.Wire.Tcp;

namespace WireLens.Analysis.Tcp;

/// <summary>
/// Zeek's per-endpoint TCP state machine (TCPSessionAdapter::UpdateStateMachine and its Update*State
/// helpers) and the conn_state verdict derived from the pair (base/protocols/conn/main.zeek).
/// Only the state transitions are ported; Zeek's weirds and events are not.
/// </summary>
public static class ZeekStateMachine
{
    /// <summary>Applies one segment sent by <paramref name="endpoint"/> (the originator when <paramref name="isOrig"/>).</summary>
    public static void Update(ref ZeekEndpoint endpoint, ref ZeekEndpoint peer, ref readonly ZeekEndpoint orig, bool isOrig, TcpFlags flags, int len)
    {
        bool syn = (flags & TcpFlags.Syn) != 0;
        bool ack = (flags & TcpFlags.Ack) != 0;
        bool fin = (flags & TcpFlags.Fin) != 0;
        bool rst = (flags & TcpFlags.Rst) != 0;

        switch (endpoint.State)
        {
            case EndpointState.Inactive:
                // UpdateInactiveState
                if (syn)
                {
                    if (isOrig)
                    {
                        endpoint.State = ack ? EndpointState.SynAckSent : EndpointState.SynSent;
                    }
                    else
                    {
                        // A SYN/ACK (or simultaneous open) from the responder establishes both sides.
                        if (peer.State == EndpointState.SynSent)
                        {
                            peer.State = EndpointState.Established;
                        }

                        endpoint.State = EndpointState.Established;
                    }
                }

                if (fin)
                {
                    endpoint.State = EndpointState.Closed;
                }

                if (rst)
                {
                    endpoint.State = EndpointState.Reset;
                }

                if (endpoint.State == EndpointState.Inactive)
                {
                    // No control flags: a partial connection, unless it is the responder acking an
                    // initial SYN before its SYN/ACK (seen from some stacks).
                    if (!(!isOrig && len == 0 && orig.State == EndpointState.SynSent))
                    {
                        endpoint.State = EndpointState.Partial;
                    }
                }

                break;

            case EndpointState.SynSent:
            case EndpointState.SynAckSent:
                // UpdateSYN_SentState
                if (fin)
                {
                    endpoint.State = EndpointState.Closed;
                }

                if (rst)
                {
                    endpoint.State = EndpointState.Reset;
                }

                break;

            case EndpointState.Partial:
            case EndpointState.Established:
                // UpdateEstablishedState
                if (fin)
                {
                    endpoint.State = EndpointState.Closed;
                }

                if (rst)
                {
                    endpoint.State = EndpointState.Reset;
                }

                break;

            case EndpointState.Closed:
                // UpdateClosedState
                if (rst)
                {
                    endpoint.State = EndpointState.Reset;
                }

                break;

            case EndpointState.Reset:
                // UpdateResetState: nothing changes after a reset.
                break;
        }
    }

    /// <summary>Zeek's conn_state function for TCP.</summary>
    public static ZeekConnState ConnState(in ZeekEndpoint orig, in ZeekEndpoint resp, string history)
    {
        EndpointState os = orig.State;
        EndpointState rs = resp.State;
        bool oInactive = os is EndpointState.Inactive or EndpointState.Partial;
        bool rInactive = rs is EndpointState.Inactive or EndpointState.Partial;

        if (rs == EndpointState.Reset)
        {
            if (os is EndpointState.SynSent or EndpointState.SynAckSent
                || (os == EndpointState.Reset && orig.Size == 0 && resp.Size == 0))
            {
                return ZeekConnState.REJ;
            }

            return oInactive ? ZeekConnState.RSTRH : ZeekConnState.RSTR;
        }

        if (os == EndpointState.Reset)
        {
            if (rInactive)
            {
                // /\^?S[^HAFGIQ]*R.*/ == history
                return IsSynThenReset(history) ? ZeekConnState.RSTOS0 : ZeekConnState.OTH;
            }

            return ZeekConnState.RSTO;
        }

        if (rs == EndpointState.Closed && os == EndpointState.Closed)
        {
            return ZeekConnState.SF;
        }

        if (os == EndpointState.Closed)
        {
            return rInactive ? ZeekConnState.SH : ZeekConnState.S2;
        }

        if (rs == EndpointState.Closed)
        {
            return oInactive ? ZeekConnState.SHR : ZeekConnState.S3;
        }

        if (os == EndpointState.SynSent && rs == EndpointState.Inactive)
        {
            return ZeekConnState.S0;
        }

        if (os == EndpointState.Established && rs == EndpointState.Established)
        {
            return ZeekConnState.S1;
        }

        return ZeekConnState.OTH;
    }

    /// <summary>Zeek's pattern /\^?S[^HAFGIQ]*R.*/ (anchored, as Zeek's == on patterns is).</summary>
    private static bool IsSynThenReset(string history)
    {
        int i = 0;
        if (i < history.Length && history[i] == '^')
        {
            i++;
        }

        if (i >= history.Length || history[i] != 'S')
        {
            return false;
        }

        for (i++; i < history.Length; i++)
        {
            char c = history[i];
            if (c == 'R')
            {
                return true;
            }

            if (c is 'H' or 'A' or 'F' or 'G' or 'I' or 'Q')
            {
                return false;
            }
        }

        return false;
    }
}
