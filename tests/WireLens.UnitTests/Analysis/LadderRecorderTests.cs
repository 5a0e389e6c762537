using System.Text;
using WireLens.Analysis.Ladder;
using WireLens.Analysis.Tcp;
using static WireLens.UnitTests.Analysis.Scenarios;

namespace WireLens.UnitTests.Analysis;

/// <summary>Segment tables through the tracker with a <see cref="LadderRecorder"/> observing: kinds, labels, relative numbers, verdicts, the cap.</summary>
public class LadderRecorderTests
{
    [Fact]
    public void OnSegment_CompleteConnection_KindsLabelsAndRelativeNumbers()
    {
        // Arrange
        var recorder = new LadderRecorder();

        // Act
        new SegmentTable(clientIsn: uint.MaxValue - 10, serverIsn: 5_000).CompleteConnection().Run(observer: recorder);

        // Assert
        Assert.Equal(
            [
                (LadderEventKind.Syn, true, 0u, 0u, (string?)null),
                (LadderEventKind.SynAck, false, 0u, 1u, null),
                (LadderEventKind.HandshakeAck, true, 1u, 1u, null),
                (LadderEventKind.Request, true, 1u, 1u, "GET / HTTP/1.1"),
                (LadderEventKind.Ack, false, 1u, (uint)Q, null),
                (LadderEventKind.Response, false, 1u, (uint)Q, "HTTP/1.1 200 OK"),
                (LadderEventKind.Ack, true, (uint)Q, (uint)P, null),
                (LadderEventKind.Fin, true, (uint)Q, (uint)P, null),
                (LadderEventKind.Fin, false, (uint)P, (uint)Q + 1, null),
                (LadderEventKind.Ack, true, (uint)Q + 1, (uint)P + 1, null),
            ],
            recorder.Events.Select(e => (e.Kind, e.FromClient, e.RelativeSequence, e.RelativeAcknowledgment, e.Label)));
        Assert.Equal(Enumerable.Range(1, 10).Select(i => (long)i), recorder.Events.Select(e => e.Frame));
        Assert.False(recorder.Truncated);
    }

    [Fact]
    public void OnSegment_RetransmittedRequest_VerdictOnTheSecondCopyOnly()
    {
        // Arrange
        var recorder = new LadderRecorder();
        SegmentTable table = new SegmentTable().Handshake()
            .Add(10, 'C', "PA", 1, 1, Request)
            .Add(300, 'C', "PA", 1, 1, Request)
            .Add(300.5, 'S', "A", 1, Q, 0);

        // Act
        table.Run(observer: recorder);

        // Assert
        Assert.Equal(
            [TcpAnalysisFlags.None, TcpAnalysisFlags.None, TcpAnalysisFlags.None, TcpAnalysisFlags.None, TcpAnalysisFlags.Retransmission, TcpAnalysisFlags.None],
            recorder.Events.Select(e => e.Verdicts));
        Assert.Equal(LadderEventKind.Request, recorder.Events[4].Kind);
    }

    [Fact]
    public void OnSegment_FinAndRstCarryingData_FinAndRstWinKindKeepsLabel()
    {
        // Arrange
        var recorder = new LadderRecorder();
        SegmentTable table = new SegmentTable().Handshake()
            .Add(10, 'C', "FPA", 1, 1, Request)
            .Add(11, 'S', "RA", 1, Q + 1, Response);

        // Act
        table.Run(observer: recorder);

        // Assert
        Assert.Equal((LadderEventKind.Fin, "GET / HTTP/1.1"), (recorder.Events[3].Kind, recorder.Events[3].Label));
        Assert.Equal((LadderEventKind.Rst, "HTTP/1.1 200 OK"), (recorder.Events[4].Kind, recorder.Events[4].Label));
    }

    [Fact]
    public void OnSegment_LongRequestLine_LabelCutTo80()
    {
        // Arrange
        var recorder = new LadderRecorder();
        string request = "GET /" + new string('a', 200) + " HTTP/1.1\r\nHost: x\r\n\r\n";

        // Act
        new SegmentTable().Handshake().Add(10, 'C', "PA", 1, 1, request).Run(observer: recorder);

        // Assert
        Assert.Equal(request[..80], recorder.Events[3].Label);
    }

    [Fact]
    public void OnSegment_Http2PrefaceAndHeaders_RequestAndResponse()
    {
        // Arrange: preface + SETTINGS, then a HEADERS frame on stream 1 from each side.
        byte[] preface = [.. Encoding.ASCII.GetBytes("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"), 0, 0, 0, 4, 0, 0, 0, 0, 0];
        byte[] headers = [0, 0, 1, 1, 4, 0, 0, 0, 1, 0x82];
        var recorder = new LadderRecorder();
        SegmentTable table = new SegmentTable().Handshake()
            .Add(10, 'C', "PA", 1, 1, preface.Length, payload: preface)
            .Add(11, 'C', "PA", 1 + preface.Length, 1, headers.Length, payload: headers)
            .Add(12, 'S', "PA", 1, 1 + preface.Length + headers.Length, headers.Length, payload: headers);

        // Act
        table.Run(observer: recorder);

        // Assert
        Assert.Equal(
            [(LadderEventKind.Request, "HTTP/2 preface"), (LadderEventKind.Request, "HTTP/2 HEADERS stream 1"), (LadderEventKind.Response, "HTTP/2 HEADERS stream 1")],
            recorder.Events.Skip(3).Select(e => (e.Kind, e.Label)));
    }

    [Fact]
    public void OnSegment_HelloCutShort_KindWithoutDetails()
    {
        // Arrange: a TLS handshake record whose ClientHello continues in the next segment.
        byte[] start = [22, 3, 1, 0x02, 0x00, 1, 0, 0x01, 0xFC, 3, 3];
        var recorder = new LadderRecorder();

        // Act
        new SegmentTable().Handshake().Add(10, 'C', "PA", 1, 1, start.Length, payload: start).Run(observer: recorder);

        // Assert
        Assert.Equal((LadderEventKind.ClientHello, "ClientHello"), (recorder.Events[3].Kind, recorder.Events[3].Label));
    }

    [Fact]
    public void OnSegment_MoreThanTheCap_KeepsFirstAndSetsTruncated()
    {
        // Arrange
        var recorder = new LadderRecorder(maxEvents: 4);

        // Act
        new SegmentTable().CompleteConnection().Run(observer: recorder);

        // Assert
        Assert.Equal(4, recorder.Events.Count);
        Assert.True(recorder.IsFull);
        Assert.True(recorder.Truncated);
    }
}
