using System.Text;
using WireLens.Analysis.Http;

namespace WireLens.UnitTests.Http;

/// <summary>What the analyzer reports after a script, as one comparable value.</summary>
internal sealed record HttpOutcome(
    HttpProtocol Protocol,
    int Requests,
    string? FirstUserAgent,
    string? FirstHost,
    bool ConnectionClose,
    bool LooksLikeHttp,
    bool ClientLost,
    bool ServerLost,
    HttpParseError? ClientError,
    HttpParseError? ServerError)
{
    public static HttpOutcome Of(HttpConnectionAnalyzer analyzer) => new(
        analyzer.Protocol,
        analyzer.Requests,
        analyzer.FirstUserAgent,
        analyzer.FirstHost,
        analyzer.ConnectionClose,
        analyzer.LooksLikeHttp,
        analyzer.ClientLost,
        analyzer.ServerLost,
        analyzer.ClientError,
        analyzer.ServerError);
}

/// <summary>One event of a connection as the TCP analyzer delivers it.</summary>
internal enum HttpEventKind
{
    Client,
    Server,
    ClientGap,
    ServerGap,
}

/// <summary>One event with its bytes (empty for gaps).</summary>
internal readonly record struct HttpEvent(HttpEventKind Kind, byte[] Bytes);

/// <summary>
/// Feeds a connection script to <see cref="HttpConnectionAnalyzer"/> in every way the TCP layer may cut it: whole,
/// one byte per call (Kestrel's BytePerSegment idea) and each event split in two at every index; all must agree.
/// </summary>
internal static class HttpScript
{
    public static HttpEvent Client(string latin1) => new(HttpEventKind.Client, Encoding.Latin1.GetBytes(latin1));

    public static HttpEvent Client(params byte[][] parts) => new(HttpEventKind.Client, Concat(parts));

    public static HttpEvent Server(string latin1) => new(HttpEventKind.Server, Encoding.Latin1.GetBytes(latin1));

    public static HttpEvent Server(params byte[][] parts) => new(HttpEventKind.Server, Concat(parts));

    public static HttpEvent ClientGap() => new(HttpEventKind.ClientGap, []);

    public static HttpEvent ServerGap() => new(HttpEventKind.ServerGap, []);

    public static byte[] Latin1(string text) => Encoding.Latin1.GetBytes(text);

    /// <summary>Runs the script whole, byte per call and split at every index (or every <paramref name="stride"/>th); returns the common outcome.</summary>
    public static HttpOutcome Run(HttpEvent[] script, int stride = 1)
    {
        HttpOutcome whole = Feed(script, splitEvent: -1, splitAt: 0, bytePerCall: false);
        Assert.Equal(whole, Feed(script, splitEvent: -1, splitAt: 0, bytePerCall: true));
        for (int e = 0; e < script.Length; e++)
        {
            for (int i = 1; i < script[e].Bytes.Length; i += stride)
            {
                HttpOutcome split = Feed(script, e, i, bytePerCall: false);
                Assert.True(whole == split, $"event {e} split at {i}: {split} differs from {whole}");
            }
        }

        return whole;
    }

    private static HttpOutcome Feed(HttpEvent[] script, int splitEvent, int splitAt, bool bytePerCall)
    {
        var analyzer = new HttpConnectionAnalyzer();
        for (int e = 0; e < script.Length; e++)
        {
            HttpEvent ev = script[e];
            byte[] bytes = ev.Bytes;
            switch (ev.Kind)
            {
                case HttpEventKind.ClientGap:
                    analyzer.OnClientGap();
                    continue;
                case HttpEventKind.ServerGap:
                    analyzer.OnServerGap();
                    continue;
            }

            Action<byte[], int, int> deliver = ev.Kind == HttpEventKind.Client
                ? (b, start, length) => analyzer.OnClientData(b.AsSpan(start, length))
                : (b, start, length) => analyzer.OnServerData(b.AsSpan(start, length));
            if (bytePerCall)
            {
                for (int i = 0; i < bytes.Length; i++)
                {
                    deliver(bytes, i, 1);
                }
            }
            else if (e == splitEvent)
            {
                deliver(bytes, 0, splitAt);
                deliver(bytes, splitAt, bytes.Length - splitAt);
            }
            else
            {
                deliver(bytes, 0, bytes.Length);
            }
        }

        return HttpOutcome.Of(analyzer);
    }

    private static byte[] Concat(byte[][] parts)
    {
        var all = new List<byte>();
        foreach (byte[] part in parts)
        {
            all.AddRange(part);
        }

        return [.. all];
    }
}
