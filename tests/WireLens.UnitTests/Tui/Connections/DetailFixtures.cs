using System.Net;
using WireLens.Analysis.Connections;
using WireLens.Analysis.Ladder;
using WireLens.Analysis.Tcp;
using WireLens.Capture.Files;
using WireLens.Reporting.Inspection;
using WireLens.Testing;
using WireLens.Wire;
using WireLens.Wire.Ip;
using WireLens.Wire.Tcp;

namespace WireLens.UnitTests.Tui.Connections;

/// <summary>A hand-built TLS connection, its ladder and a fake detail source for the detail screen tests.</summary>
internal static class DetailFixtures
{
    public static readonly Timestamp Origin = new(1_700_000_000_000_000_000);

    /// <summary>A label with an ANSI colour escape and a bidi override, both of which must show escaped.</summary>
    public const string HostileLabel = "GET /\u001b[31mred\u202Eevil HTTP/1.1";

    public static ConnectionSummary Row() => new()
    {
        Stream = 7,
        Capture = 0,
        Group = "curl",
        Tool = "curl",
        ClientIp = IpAddress.FromIPAddress(IPAddress.Parse("10.0.0.1")),
        ClientPort = 40312,
        ServerIp = IpAddress.FromIPAddress(IPAddress.Parse("10.0.0.2")),
        ServerPort = 443,
        FirstTime = Origin.AddSeconds(0.5),
        LastTime = Origin.AddSeconds(0.5123),
        FirstFrame = 11,
        LastFrame = 19,
        HandshakeRttMs = 0.125f,
        Requests = 1,
        RequestsEstimated = true,
        Close = CloseKind.ClientFin,
        CloseInitiator = Side.Client,
        TimeWaitSide = Side.Client,
        SynRetransmits = 0,
        Retransmissions = 1,
        Http = HttpProtocolKind.None,
        IsTls = true,
        TlsVersion = 0x0304,
        TlsResumed = false,
        ClientHelloToServerHelloMs = 1.5f,
        Sni = "bad\u001b[31m.example",
        Alpn = "h2",
    };

    public static ConnectionLadder Ladder()
    {
        Timestamp t0 = Origin.AddSeconds(0.5);
        LadderEvent E(long frame, double ms, bool fromClient, TcpFlags flags, int len, TcpAnalysisFlags verdicts, LadderEventKind kind, string? label = null) =>
            new(frame, t0.AddSeconds(ms / 1000), fromClient, flags, len, 0, 0, verdicts, kind, label);

        return new ConnectionLadder(
        [
            E(11, 0, true, TcpFlags.Syn, 0, TcpAnalysisFlags.None, LadderEventKind.Syn),
            E(12, 0.125, false, TcpFlags.Syn | TcpFlags.Ack, 0, TcpAnalysisFlags.None, LadderEventKind.SynAck),
            E(13, 0.130, true, TcpFlags.Ack, 0, TcpAnalysisFlags.None, LadderEventKind.HandshakeAck),
            E(14, 0.4, true, TcpFlags.Psh | TcpFlags.Ack, 517, TcpAnalysisFlags.None, LadderEventKind.ClientHello),
            E(15, 1.9, false, TcpFlags.Psh | TcpFlags.Ack, 1200, TcpAnalysisFlags.None, LadderEventKind.ServerHello),
            E(16, 205.25, true, TcpFlags.Psh | TcpFlags.Ack, 517, TcpAnalysisFlags.Retransmission, LadderEventKind.Request, HostileLabel),
            E(17, 210, true, TcpFlags.Fin | TcpFlags.Ack, 0, TcpAnalysisFlags.None, LadderEventKind.Fin),
            E(18, 212, false, TcpFlags.Fin | TcpFlags.Ack, 0, TcpAnalysisFlags.None, LadderEventKind.Fin),
            E(19, 212.3, true, TcpFlags.Ack, 0, TcpAnalysisFlags.None, LadderEventKind.Ack),
        ], Truncated: false);
    }

    /// <summary>Frame <paramref name="number"/> of a sample capture, read with the repository's own reader.</summary>
    public static CapturedFrame RealFrame(string capture, long number)
    {
        string path = Path.Combine(TestPaths.Captures, capture);
        Assert.Equal(CaptureOpenStatus.Opened, CaptureFileReader.TryOpen(path, out CaptureFileReader? reader, out string error));
        using (reader)
        {
            while (reader!.ReadNext(out CaptureRecord record) == CaptureReadStatus.Packet)
            {
                if (record.Number == number)
                {
                    return new CapturedFrame(record.Number, record.Timestamp, record.LinkType, record.OriginalLength, record.Data.ToArray());
                }
            }
        }

        throw new InvalidOperationException($"{capture} has no frame {number} ({error})");
    }
}

/// <summary>A detail source that returns what it was given and counts the calls.</summary>
internal sealed class FakeDetailSource(ConnectionLadder? ladder, string message, CapturedFrame? frame) : IConnectionDetailSource
{
    public int LadderCalls;
    public List<long> FramesRead { get; } = [];

    public ConnectionLadder? TryLoadLadder(in ConnectionSummary connection, out string message1)
    {
        Interlocked.Increment(ref LadderCalls);
        message1 = ladder is null ? message : string.Empty;
        return ladder;
    }

    public CapturedFrame? TryReadFrame(int capture, long frameNumber, out string message1)
    {
        lock (FramesRead)
        {
            FramesRead.Add(frameNumber);
        }

        message1 = frame is null ? message : string.Empty;
        return frame is null ? null : frame with { Number = frameNumber };
    }
}
