using System.Text;

namespace WireLens.Testing.Hostile;

/// <summary>Which endpoint sends the first FIN of a <see cref="ShortHttpConnection"/>.</summary>
public enum FirstCloser
{
    /// <summary>The server answers with <c>Connection: close</c> and closes first (it holds TIME_WAIT), as nginx does for ab without -k.</summary>
    Server,

    /// <summary>The client closes first once it has the response (it holds TIME_WAIT), as curl does.</summary>
    Client,
}

/// <summary>
/// One short HTTP/1.1 connection, one request and one response:
/// <code>
///  1 C→S SYN                 6 S→C response (PSH, ACK; split in responseSegments segments)
///  2 S→C SYN, ACK            7 first FIN (FIN, ACK) from the closer
///  3 C→S ACK                 8 the other side's ACK of it
///  4 C→S GET (PSH, ACK)      9 second FIN (FIN, ACK)
///  5 S→C ACK of the request 10 the closer's ACK of it
/// </code>
/// A connection that never closes stops after the response (<see cref="OpenPackets"/>).
/// </summary>
public static class ShortHttpConnection
{
    /// <summary>The port every server listens on.</summary>
    public const ushort ServerPort = 80;

    /// <summary>Packets of a closed connection with a one-segment response.</summary>
    public const int Packets = 10;

    /// <summary>Packets of a connection that stops after a one-segment response.</summary>
    public const int OpenPackets = 6;

    private static readonly byte[] s_request =
        Encoding.ASCII.GetBytes("GET /index.html HTTP/1.1\r\nHost: 10.0.0.2\r\nUser-Agent: hostile/1.0\r\nAccept: */*\r\n\r\n");

    /// <summary>The request every connection sends (one HTTP/1.1 GET).</summary>
    public static ReadOnlySpan<byte> Request => s_request;

    /// <summary>A 200 response with a body of <paramref name="bodyLength"/> bytes and <c>Connection: close</c>.</summary>
    public static byte[] Response(int bodyLength) =>
        [.. Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: {bodyLength}\r\nConnection: close\r\n\r\n"),
         .. Enumerable.Repeat((byte)'x', bodyLength)];

    /// <summary>Packets written by <see cref="Write"/> for these choices.</summary>
    public static int PacketCount(int responseSegments, bool close) => 5 + responseSegments + (close ? 4 : 0);

    /// <summary>
    /// Writes the connection; packet <c>k</c> gets time <c>times[k]</c> (at least <see cref="PacketCount"/> entries).
    /// </summary>
    public static void Write(
        HostilePcapWriter w, ReadOnlySpan<long> times, uint client, ushort clientPort, uint server, uint clientIsn, uint serverIsn,
        ReadOnlySpan<byte> response, int responseSegments = 1, bool close = true, FirstCloser closer = FirstCloser.Server)
    {
        ArgumentNullException.ThrowIfNull(w);
        ReadOnlySpan<byte> request = Request;
        uint c = clientIsn + 1, s = serverIsn + 1;
        int k = 0;
        w.Segment(times[k++], client, clientPort, server, ServerPort, clientIsn, 0, TcpBits.Syn);
        w.Segment(times[k++], server, ServerPort, client, clientPort, serverIsn, c, TcpBits.Syn | TcpBits.Ack);
        w.Segment(times[k++], client, clientPort, server, ServerPort, c, s, TcpBits.Ack);
        w.Segment(times[k++], client, clientPort, server, ServerPort, c, s, TcpBits.Psh | TcpBits.Ack, request);
        c += (uint)request.Length;
        w.Segment(times[k++], server, ServerPort, client, clientPort, s, c, TcpBits.Ack);
        int chunk = (response.Length + responseSegments - 1) / responseSegments;
        for (int i = 0; i < responseSegments; i++)
        {
            ReadOnlySpan<byte> part = response.Slice(i * chunk, Math.Min(chunk, response.Length - (i * chunk)));
            TcpBits flags = i == responseSegments - 1 ? TcpBits.Psh | TcpBits.Ack : TcpBits.Ack;
            w.Segment(times[k++], server, ServerPort, client, clientPort, s, c, flags, part);
            s += (uint)part.Length;
        }

        if (!close)
        {
            return;
        }

        if (closer == FirstCloser.Server)
        {
            w.Segment(times[k++], server, ServerPort, client, clientPort, s, c, TcpBits.Fin | TcpBits.Ack);
            w.Segment(times[k++], client, clientPort, server, ServerPort, c, s + 1, TcpBits.Ack);
            w.Segment(times[k++], client, clientPort, server, ServerPort, c, s + 1, TcpBits.Fin | TcpBits.Ack);
            w.Segment(times[k], server, ServerPort, client, clientPort, s + 1, c + 1, TcpBits.Ack);
        }
        else
        {
            w.Segment(times[k++], client, clientPort, server, ServerPort, c, s, TcpBits.Fin | TcpBits.Ack);
            w.Segment(times[k++], server, ServerPort, client, clientPort, s, c + 1, TcpBits.Ack);
            w.Segment(times[k++], server, ServerPort, client, clientPort, s, c + 1, TcpBits.Fin | TcpBits.Ack);
            w.Segment(times[k], client, clientPort, server, ServerPort, c + 1, s + 1, TcpBits.Ack);
        }
    }
}
