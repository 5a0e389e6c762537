namespace WireLens.UnitTests.Analysis;

/// <summary>Pieces the segment tables share: a handshake, one HTTP exchange and their lengths.</summary>
internal static class Scenarios
{
    public const string Request = "GET / HTTP/1.1\r\nHost: test\r\nUser-Agent: table\r\n\r\n";
    public const string Response = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello";

    /// <summary>Relative sequence number just after the request (client) and the response (server).</summary>
    public static readonly int Q = 1 + Request.Length;
    public static readonly int P = 1 + Response.Length;

    /// <summary>SYN at 0 ms, SYN/ACK at 1 ms, ACK at 2 ms (initial RTT 2 ms).</summary>
    public static SegmentTable Handshake(this SegmentTable t, double at = 0) => t
        .Add(at + 0, 'C', "S", 0, 0, 0)
        .Add(at + 1, 'S', "SA", 0, 1, 0)
        .Add(at + 2, 'C', "A", 1, 1, 0);

    /// <summary>Handshake, then the request at 10 ms, its ACK at 11, the response at 12 and its ACK at 13.</summary>
    public static SegmentTable Exchange(this SegmentTable t, double at = 0) => t
        .Handshake(at)
        .Add(at + 10, 'C', "PA", 1, 1, Request)
        .Add(at + 11, 'S', "A", 1, Q, 0)
        .Add(at + 12, 'S', "PA", 1, Q, Response)
        .Add(at + 13, 'C', "A", Q, P, 0);

    /// <summary>A complete connection with a client-first close, ending at <paramref name="at"/> + 23 ms.</summary>
    public static SegmentTable CompleteConnection(this SegmentTable t, double at = 0) => t
        .Exchange(at)
        .Add(at + 20, 'C', "FA", Q, P, 0)
        .Add(at + 21, 'S', "FA", P, Q + 1, 0)
        .Add(at + 22, 'C', "A", Q + 1, P + 1, 0);
}
