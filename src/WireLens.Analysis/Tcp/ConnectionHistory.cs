using System.Runtime.CompilerServices;
using System.Text;
using WireLens.Wire.Tcp;

namespace WireLens.Analysis.Tcp;

/// <summary>
/// Zeek's conn.log history string (TCPSessionAdapter update_history, Connection::CheckHistory and
/// ScaledHistoryEntry). Upper case for the client (Zeek's originator), lower case for the server:
/// s SYN, h SYN/ACK, a pure ACK, d data, f FIN, r RST, i FIN+RST, q other multi-flag packet, t retransmitted
/// payload, w zero window, g content gap, ^ roles flipped. a/d/q/i appear once per direction; s/h/f/r again only
/// for a new sequence number; t/w/g at the 1st, 10th, 100th … occurrence.
/// </summary>
/// <remarks>
/// The letters are kept in the object itself up to <see cref="InlineLetters"/> of them (a connection's history is
/// rarely longer than ten), and only a longer history moves to a <see cref="StringBuilder"/>: a pooled connection then
/// carries no builder and no character array, two objects fewer to promote while the pool warms up.
/// </remarks>
public sealed class ConnectionHistory
{
    private const int InlineLetters = 32;

    private Letters _letters;
    private int _length; // letters in _letters, while _long is null
    private StringBuilder? _long; // every letter, once there were more than InlineLetters
    private HistorySeen _seen;
    private Direction _client = Direction.Create();
    private Direction _server = Direction.Create();

    [Flags]
    private enum HistorySeen
    {
        None = 0,
        Syn = 1,
        Fin = 2,
        Rst = 4,
        FinRst = 8,
        Corrupt = 16,
        Data = 32,
        Ack = 64,
    }

    public override string ToString() => _long?.ToString() ?? new string(Short);

    /// <summary>Letters so far.</summary>
    public int Length => _long?.Length ?? _length;

    private ReadOnlySpan<char> Short => ((ReadOnlySpan<char>)_letters)[.._length];

    /// <summary>The history as a string: <paramref name="last"/> itself when it holds the same letters, else a new one kept there.</summary>
    internal string ToStringReusing(ref string? last)
    {
        bool same = last is not null && (_long is null ? Short.SequenceEqual(last) : _long.Equals(last.AsSpan()));
        return same ? last! : last = ToString();
    }

    /// <summary>An empty history, for a recycled connection.</summary>
    public void Reset()
    {
        _length = 0;
        _long = null; // a long history's builder is not kept for the next connection
        _seen = HistorySeen.None;
        _client = Direction.Create();
        _server = Direction.Create();
    }

    /// <summary>Zeek's '^': the first packet came from the server, so the roles were flipped.</summary>
    public void Flipped() => Append('^');

    /// <summary>Records the control/data letters of one packet (update_history).</summary>
    public void OnPacket(bool fromClient, TcpFlags flags, uint seq, int payloadLength)
    {
        ref Direction d = ref Dir(fromClient);
        bool syn = (flags & TcpFlags.Syn) != 0;
        bool fin = (flags & TcpFlags.Fin) != 0;
        bool rst = (flags & TcpFlags.Rst) != 0;
        int bitsSet = (syn ? 1 : 0) + (fin ? 1 : 0) + (rst ? 1 : 0);
        if (bitsSet > 1)
        {
            if (fin && rst)
            {
                Check(fromClient, HistorySeen.FinRst, 'I');
            }
            else
            {
                Check(fromClient, HistorySeen.Corrupt, 'Q');
            }

            return;
        }

        if (bitsSet == 1)
        {
            if (syn)
            {
                char code = (flags & TcpFlags.Ack) != 0 ? 'H' : 'S';
                if (!Check(fromClient, HistorySeen.Syn, code) && seq != d.LastSyn)
                {
                    Add(fromClient, code);
                }

                d.LastSyn = seq;
            }

            if (fin)
            {
                // The FIN's sequence number is at the end of any data in the packet.
                uint finSeq = unchecked(seq + (uint)payloadLength);
                if (!Check(fromClient, HistorySeen.Fin, 'F') && finSeq != d.LastFin)
                {
                    Add(fromClient, 'F');
                }

                d.LastFin = finSeq;
            }

            if (rst)
            {
                if (!Check(fromClient, HistorySeen.Rst, 'R') && seq != d.LastRst)
                {
                    Add(fromClient, 'R');
                }

                d.LastRst = seq;
            }

            return;
        }

        if (payloadLength > 0)
        {
            Check(fromClient, HistorySeen.Data, 'D');
        }
        else if ((flags & TcpFlags.Ack) != 0)
        {
            Check(fromClient, HistorySeen.Ack, 'A');
        }
    }

    /// <summary>A segment with payload that did not advance the sender's highest sequence number.</summary>
    public void OnRetransmission(bool fromClient) => Scaled(fromClient, 'T', ref Dir(fromClient).Retransmissions);

    public void OnZeroWindow(bool fromClient) => Scaled(fromClient, 'W', ref Dir(fromClient).ZeroWindows);

    /// <summary>A content gap in the byte stream sent by this side.</summary>
    public void OnGap(bool fromClient) => Scaled(fromClient, 'G', ref Dir(fromClient).Gaps);

    private ref Direction Dir(bool fromClient) => ref fromClient ? ref _client : ref _server;

    private bool Check(bool fromClient, HistorySeen mask, char code)
    {
        int shifted = fromClient ? (int)mask : (int)mask << 8;
        if (((int)_seen & shifted) != 0)
        {
            return false;
        }

        _seen |= (HistorySeen)shifted;
        Add(fromClient, code);
        return true;
    }

    /// <summary>Zeek's Connection::ScaledHistoryEntry: the letter at the 1st, 10th, 100th … occurrence.</summary>
    private void Scaled(bool fromClient, char code, ref ScaledCounter counter)
    {
        if (++counter.Count == counter.Threshold)
        {
            Add(fromClient, code);
            uint next = counter.Threshold * 10;
            if (next <= counter.Threshold)
            {
                counter.Count = 0;
            }
            else
            {
                counter.Threshold = next;
            }
        }
    }

    private struct ScaledCounter
    {
        public uint Count;
        public uint Threshold;
    }

    /// <summary>Per-direction memory of the last SYN/FIN/RST sequence numbers and the scaled letters.</summary>
    private struct Direction
    {
        public uint LastSyn;
        public uint LastFin;
        public uint LastRst;
        public ScaledCounter Retransmissions;
        public ScaledCounter ZeroWindows;
        public ScaledCounter Gaps;

        public static Direction Create() => new()
        {
            Retransmissions = new ScaledCounter { Threshold = 1 },
            ZeroWindows = new ScaledCounter { Threshold = 1 },
            Gaps = new ScaledCounter { Threshold = 1 },
        };
    }

    private void Add(bool fromClient, char code) => Append(fromClient ? code : char.ToLowerInvariant(code));

    private void Append(char letter)
    {
        if (_long is null)
        {
            if (_length < InlineLetters)
            {
                _letters[_length++] = letter;
                return;
            }

            _long = new StringBuilder(2 * InlineLetters).Append(Short);
        }

        _long.Append(letter);
    }

    [InlineArray(InlineLetters)]
    private struct Letters
    {
        private char _first;
    }
}
