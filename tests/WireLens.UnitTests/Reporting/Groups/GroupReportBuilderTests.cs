using System.Net;
using WireLens.Analysis.Connections;
using WireLens.Analysis.Tls;
using WireLens.Reporting.Attribution;
using WireLens.Reporting.Groups;
using WireLens.Reporting.Runs;
using WireLens.Wire;
using WireLens.Wire.Ip;

namespace WireLens.UnitTests.Reporting.Groups;

/// <summary>Hand-built connection sets with known answers for the per-group report's sweeps and counts.</summary>
public class GroupReportBuilderTests
{
    private static readonly Timestamp Origin = ConnectionRecords.Base;

    [Fact]
    public void Concurrency_ThreeConnections_PeakMeanAndGaugeAtEndOfEachSecond()
    {
        // Arrange: A 0.5–2.5 s, B 1.2–1.8 s, C 3.1–3.4 s.
        GroupReportBuilder builder = Builder();
        builder.OnConnection(Conn(1, 0.5, 2.5));
        builder.OnConnection(Conn(2, 1.2, 1.8));
        builder.OnConnection(Conn(3, 3.1, 3.4));

        // Act
        ToolsReport report = builder.Build(At(3.4));

        // Assert: open time 2.0 + 0.6 + 0.3 = 2.9 s over 0.5–3.4 s = 2.9 s, so a mean of exactly 1.
        GroupReport g = Assert.Single(report.Groups);
        Assert.Equal(ConnectionGrouping.All, g.Group);
        Assert.Equal(2, g.ConcurrentPeak);
        Assert.Equal(1.0, g.ConcurrentMean!.Value, 9);
        Assert.Equal([0, 1, 2, 3], report.TimeSeries.Select(r => r.Second));
        Assert.Equal([1L, 1, 0, 0], report.TimeSeries.Select(r => r.Concurrent));
        Assert.Equal([1L, 1, 0, 1], report.TimeSeries.Select(r => r.Opened));
        Assert.Equal([0L, 1, 1, 1], report.TimeSeries.Select(r => r.Closed));
    }

    [Fact]
    public void Concurrency_ConnectionEndsAsAnotherBegins_NotCountedTwice()
    {
        GroupReportBuilder builder = Builder();
        builder.OnConnection(Conn(1, 0.1, 0.5));
        builder.OnConnection(Conn(2, 0.5, 0.9));

        GroupReport g = Assert.Single(builder.Build(At(0.9)).Groups);

        Assert.Equal(1, g.ConcurrentPeak);
    }

    [Fact]
    public void Concurrency_StillOpenAtEndOfCapture_CountsUntilTheCaptureEnds()
    {
        GroupReportBuilder builder = Builder();
        builder.OnConnection(Conn(1, 0.2, 0.4) with { CloseKind = CloseKind.Open, FlushReason = FlushReason.EndOfCapture });

        ToolsReport report = builder.Build(At(2.5));

        Assert.Equal([1L, 1, 1], report.TimeSeries.Select(r => r.Concurrent));
        Assert.Equal([0L, 0, 0], report.TimeSeries.Select(r => r.Closed));
    }

    [Fact]
    public void TimeWait_NewSynOnTheSame4Tuple_EndsIt()
    {
        // Arrange: X enters client TIME_WAIT at 1.0 s; a new connection on X's 4-tuple opens at 5.0 s and closes at
        // 5.5 s without TIME_WAIT. Y (another port) enters client TIME_WAIT at 2.0 s and keeps it.
        GroupReportBuilder builder = Builder();
        builder.OnConnection(Conn(1, 0.2, 1.0, clientPort: 40000) with { ClientTimeWaitTime = At(1.0) });
        builder.OnConnection(Conn(2, 1.5, 2.0, clientPort: 40001) with { ClientTimeWaitTime = At(2.0) });
        builder.OnConnection(Conn(3, 5.0, 5.5, clientPort: 40000));

        // Act
        ToolsReport report = builder.Build(At(7.2));

        // Assert: two sockets from 2.0 to 5.0, then one.
        GroupReport g = Assert.Single(report.Groups);
        Assert.Equal(2, g.TimeWaitClientPeak);
        Assert.Equal(0, g.TimeWaitServerPeak);
        Assert.Equal(2, g.TimeWaitClient);
        Assert.Equal(2.0 / 3, g.TimeWaitClientShare!.Value, 9);
        Assert.Equal([0L, 1, 2, 2, 2, 1, 1, 1], report.TimeSeries.Select(r => r.TimeWaitClient));
        Assert.Equal(1, g.TimeWaitClientAtEnd);
    }

    [Fact]
    public void TimeWait_ConnectionsOfOne4TupleArriveOutOfOpenOrder_EachEndedByTheNextToOpen()
    {
        // Arrange: three connections on one 4-tuple open at 0.2, 2.0 and 5.0 s, each entering client TIME_WAIT at its
        // close; they arrive last, first, middle, so the chain is appended to, prepended to and split.
        GroupReportBuilder builder = Builder();
        builder.OnConnection(Conn(3, 5.0, 5.5, clientPort: 40000) with { ClientTimeWaitTime = At(5.5) });
        builder.OnConnection(Conn(1, 0.2, 1.0, clientPort: 40000) with { ClientTimeWaitTime = At(1.0) });
        builder.OnConnection(Conn(2, 2.0, 2.5, clientPort: 40000) with { ClientTimeWaitTime = At(2.5) });

        // Act
        ToolsReport report = builder.Build(At(6.2));

        // Assert: one socket at a time (1.0–2.0, ended by the SYN at 2.0; 2.5–5.0, ended at 5.0; then from 5.5 on);
        // a link missed would leave a 60 s TIME_WAIT overlapping the next one.
        GroupReport g = Assert.Single(report.Groups);
        Assert.Equal(1, g.TimeWaitClientPeak);
        Assert.Equal([0L, 1, 1, 1, 1, 1, 1], report.TimeSeries.Select(r => r.TimeWaitClient));
        Assert.Equal(1, g.TimeWaitClientAtEnd);
    }

    [Theory]
    [InlineData(6_000)]
    [InlineData(40_000)] // over 65,536 events: the sweep sorts on two threads
    public void Sweeps_ThousandsOfConnections_PeaksEqualACountAtEveryEvent(int connections)
    {
        // Arrange: connections (twice as many open/close events, past the sort's switch to radix passes) over about
        // 20 s with random lengths, a third entering server TIME_WAIT at their close, on 500 client ports.
        var random = new Random(20261129);
        GroupReportBuilder builder = Builder(new GroupReportOptions { TimeWaitSeconds = 3 });
        var spans = new List<(double Open, double Close, double? TimeWait, ushort Port)>();
        for (int i = 0; i < connections; i++)
        {
            double open = random.Next(0, 20_000_000) / 1e6;
            double close = open + (random.Next(1, 2_000_000) / 1e6);
            double? tw = i % 3 == 0 ? close : null;
            spans.Add((open, close, tw, (ushort)(40000 + random.Next(500))));
        }

        foreach (((double open, double close, double? tw, ushort port), int i) in spans.Select((s, i) => (s, i)))
        {
            builder.OnConnection(Conn(i, open, close, clientPort: port) with { ServerTimeWaitTime = tw is double t ? At(t) : null });
        }

        // Act
        GroupReport g = Assert.Single(builder.Build(At(22)).Groups);

        // Assert: the level just after each instant, counted directly: the intervals that began at or before it minus
        // those that ended at or before it (closes before opens at one instant); TIME_WAIT ends after the length or at
        // the next open on its port, whichever is first.
        static long Ns(double s) => At(s).UnixNanoseconds;
        var opensOnPort = spans.GroupBy(s => s.Port).ToDictionary(p => p.Key, p => p.Select(o => Ns(o.Open)).Order().ToArray());
        (long Start, long End)[] opened = [.. spans.Select(s => (Ns(s.Open), Ns(s.Close)))];
        (long Start, long End)[] timeWaits = [.. spans.Where(s => s.TimeWait is not null).Select(s =>
        {
            long enter = Ns(s.TimeWait!.Value);
            long exit = enter + 3_000_000_000;
            long[] ports = opensOnPort[s.Port];
            int after = UpperBound(ports, Ns(s.Open));
            if (after < ports.Length && ports[after] >= enter && ports[after] < exit)
            {
                exit = ports[after];
            }

            return (enter, exit);
        })];
        long concurrentPeak = PeakAtStarts(opened);
        long twPeak = PeakAtStarts(timeWaits);
        Assert.True(concurrentPeak > 5, $"the random set overlaps (peak {concurrentPeak})");
        Assert.True(twPeak > 5, $"the random set holds TIME_WAIT sockets at once (peak {twPeak})");
        Assert.Equal(concurrentPeak, g.ConcurrentPeak);
        Assert.Equal(twPeak, g.TimeWaitServerPeak);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Sweep_RecordsCarryTheTrackersFloor_SameReportAsOneSweepAtTheEnd_HoldingOnlyRecentConnections(int seed)
    {
        // Arrange: 30,000 connections over 60 s on 2,000 client ports (each 4-tuple reused every few seconds, inside
        // the 3 s TIME_WAIT or not), lasting 1-200 ms, 1 in 100 lasting 5 s (so a later connection on its 4-tuple is
        // released first and lands before it in the chain), a third with client and a third with server TIME_WAIT.
        // Released as the tracker releases them: 2 s after the last packet, with the floor the tracker gives (the
        // earliest open among connections not yet released, or the release time). From 55 s, 20 long-lived
        // connections hold the floor back until the end, where they are flushed still open.
        var random = new Random(seed);
        const int Count = 30_000;
        var conns = new List<(ConnectionRecord Record, long Open, long Release)>();
        for (int i = 0; i < Count; i++)
        {
            double open = i * 0.002 + random.Next(0, 1_000) / 1e6;
            double close = open + (random.Next(100) == 0 ? 5.0 : random.Next(1_000, 200_000) / 1e6);
            ConnectionRecord r = Conn(i, open, close, clientPort: (ushort)(40000 + random.Next(2_000)));
            r = (i % 3) switch
            {
                0 => r with { ClientTimeWaitTime = At(close) },
                1 => r with { ServerTimeWaitTime = At(close) },
                _ => r,
            };
            conns.Add((r, At(open).UnixNanoseconds, At(close + 2).UnixNanoseconds));
        }

        for (int i = 0; i < 20; i++)
        {
            double open = 55 + i * 0.1;
            ConnectionRecord r = Conn(Count + i, open, 59.9, clientPort: (ushort)(50000 + i)) with
            {
                CloseKind = CloseKind.Open,
                FlushReason = FlushReason.EndOfCapture,
            };
            conns.Add((r, At(open).UnixNanoseconds, long.MaxValue - 20 + i));
        }

        List<(ConnectionRecord Record, long Open, long Release)> byRelease = [.. conns.OrderBy(c => c.Release)];
        var opensLeft = new SortedDictionary<long, int>();
        foreach ((_, long open, _) in byRelease)
        {
            opensLeft[open] = opensLeft.GetValueOrDefault(open) + 1;
        }

        var released = new List<ConnectionRecord>(byRelease.Count);
        foreach ((ConnectionRecord record, long open, long release) in byRelease)
        {
            if (--opensLeft[open] == 0)
            {
                opensLeft.Remove(open);
            }

            long now = Math.Min(release, At(60).UnixNanoseconds);
            long floor = opensLeft.Count == 0 ? now : Math.Min(now, opensLeft.First().Key);
            released.Add(record with { OpenFloor = new Timestamp(floor) });
        }

        bool outOfOpenOrderOnATuple = released
            .Select((r, i) => (r.ClientPort, Open: r.SynTime!.Value, Index: i))
            .GroupBy(r => r.ClientPort)
            .Any(g => g.Zip(g.Skip(1)).Any(p => p.Second.Open < p.First.Open));
        Assert.True(outOfOpenOrderOnATuple, "no 4-tuple had its connections released out of open order");

        // Act: one builder sweeps as the floors pass; the other gets the same records without floors; a third gets
        // them in runs of 256, as the offline runner delivers them (OnConnections reads the runs' 4-tuples ahead).
        var options = new GroupReportOptions { TimeWaitSeconds = 3 };
        GroupReportBuilder streaming = Builder(options);
        GroupReportBuilder atTheEnd = Builder(options);
        GroupReportBuilder inRuns = Builder(options);
        int mostHeld = 0;
        foreach (ConnectionRecord r in released)
        {
            streaming.OnConnection(r);
            atTheEnd.OnConnection(r with { OpenFloor = null });
            mostHeld = Math.Max(mostHeld, streaming.HeldConnections);
        }

        foreach (ConnectionRecord[] run in released.Chunk(256))
        {
            inRuns.OnConnections(run);
        }

        ToolsReport swept = streaming.Build(At(60));
        ToolsReport whole = atTheEnd.Build(At(60));
        ToolsReport runs = inRuns.Build(At(60));

        // Assert: the set exercises every gauge; the streaming builder held a small part of the connections (they
        // come at 500 a second, are released 2 s after their close and settle 2 s behind the floor, swept every 4,096
        // or more), until the long-lived ones held the floor at 55 s; and both reports are the same.
        GroupReport g = Assert.Single(whole.Groups);
        Assert.True(g.ConcurrentPeak > 20 && g.TimeWaitClientPeak > 100 && g.TimeWaitServerPeak > 100, $"{g}");
        Assert.Equal(Count + 20, atTheEnd.HeldConnections);
        Assert.InRange(mostHeld, 1, Count / 3);
        Assert.Equal(0, streaming.LateConnections);
        GroupReport s = Assert.Single(swept.Groups);
        Assert.Equal(
            (g.ConcurrentMean, g.ConcurrentPeak, g.TimeWaitClientPeak, g.TimeWaitServerPeak, g.TimeWaitClientAtEnd, g.TimeWaitServerAtEnd),
            (s.ConcurrentMean, s.ConcurrentPeak, s.TimeWaitClientPeak, s.TimeWaitServerPeak, s.TimeWaitClientAtEnd, s.TimeWaitServerAtEnd));
        Assert.Equal(g.ToString(), s.ToString());
        Assert.Equal(whole.TimeSeries, swept.TimeSeries);
        Assert.Equal(s.ToString(), Assert.Single(runs.Groups).ToString());
        Assert.Equal(swept.TimeSeries, runs.TimeSeries);
    }

    [Fact]
    public void Sweep_ConnectionBeforeTheSettledTime_CountedLate_SecondsStillCountIt()
    {
        // Arrange: 5,000 connections of 10 ms, one every 2 ms from 0 s (sweeps run every 4,096 with a floor at each
        // release), then one from 0.5 s to 12 s arriving after the sweep settled everything up to about 8 s. A second
        // builder gets the same records without floors and sweeps once at the end.
        GroupReportBuilder streaming = Builder();
        GroupReportBuilder atTheEnd = Builder();
        for (int i = 0; i < 5_000; i++)
        {
            double open = i * 0.002;
            ConnectionRecord r = Conn(i, open, open + 0.01);
            streaming.OnConnection(r with { OpenFloor = At(open + 0.01) });
            atTheEnd.OnConnection(r);
        }

        Assert.True(streaming.HeldConnections < 5_000, $"nothing was swept ({streaming.HeldConnections} held)");

        // Act
        streaming.OnConnection(Conn(5_000, 0.5, 12));
        atTheEnd.OnConnection(Conn(5_000, 0.5, 12));
        ToolsReport late = streaming.Build(At(12));
        ToolsReport whole = atTheEnd.Build(At(12));

        // Assert: counted late; the seconds already closed were corrected, so every second's gauge is the same.
        Assert.Equal(1, streaming.LateConnections);
        Assert.Equal(0, atTheEnd.LateConnections);
        Assert.Equal(whole.TimeSeries, late.TimeSeries);
        Assert.Equal(Enumerable.Repeat(1L, 2), late.TimeSeries.Where(r => r.Second is >= 10 and < 12).Select(r => r.Concurrent));
    }

    // The most intervals [start, end) holding one instant: the level only rises at a start, so the peak is at one.
    private static long PeakAtStarts((long Start, long End)[] intervals)
    {
        long[] starts = [.. intervals.Select(i => i.Start).Order()];
        long[] ends = [.. intervals.Select(i => i.End).Order()];
        return starts.Max(t => (long)(UpperBound(starts, t) - UpperBound(ends, t)));
    }

    // The number of values <= t in a sorted array.
    private static int UpperBound(long[] sorted, long t)
    {
        int lo = 0;
        int hi = sorted.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= t)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    [Fact]
    public void TimeWait_LeavesAfterTheTimeWaitLength()
    {
        GroupReportBuilder builder = Builder(new GroupReportOptions { TimeWaitSeconds = 2 });
        builder.OnConnection(Conn(1, 0.1, 0.5, clientPort: 40000) with { ServerTimeWaitTime = At(0.5) });
        builder.OnConnection(Conn(2, 1.1, 1.5, clientPort: 40001) with { ServerTimeWaitTime = At(1.5) });

        ToolsReport report = builder.Build(At(4.2));

        GroupReport g = Assert.Single(report.Groups);
        Assert.Equal(2, g.TimeWaitServerPeak);
        Assert.Equal([1L, 2, 1, 0], report.TimeSeries.Select(r => r.TimeWaitServer));
        Assert.Equal(0, g.TimeWaitServerAtEnd);
    }

    [Fact]
    public void TimeWait_ReuseOutsideTheTimeWait_DoesNotShortenIt()
    {
        GroupReportBuilder builder = Builder(new GroupReportOptions { TimeWaitSeconds = 1 });
        builder.OnConnection(Conn(1, 0.1, 0.5, clientPort: 40000) with { ClientTimeWaitTime = At(0.5) });
        builder.OnConnection(Conn(2, 3.0, 3.2, clientPort: 40000));

        ToolsReport report = builder.Build(At(3.2));

        Assert.Equal([1L, 0, 0, 0], report.TimeSeries.Select(r => r.TimeWaitClient));
    }

    [Fact]
    public void PortExhaustion_RateTimesTimeWaitReachesTheRange_SecondsUntilFull()
    {
        // Arrange: 1,001 client TIME_WAIT entries toward 10.0.0.2:80 spread evenly over 1 s: 1,001 per second.
        GroupReportBuilder builder = Builder();
        for (int i = 0; i <= 1000; i++)
        {
            double t = 1.0 + (i / 1000.0);
            builder.OnConnection(Conn(i, t - 0.0005, t, clientPort: (ushort)(30000 + i)) with { ClientTimeWaitTime = At(t) });
        }

        // Act
        PortExhaustionForecast f = Assert.Single(builder.Build(At(2.1)).Groups).PortExhaustion!;

        // Assert: 28,232 ports / 1,001 per second.
        Assert.Equal("10.0.0.2:80", f.Server);
        Assert.Equal(1001, f.EntriesPerSecond, 6);
        Assert.Equal(28_232, f.Ports);
        Assert.Equal(28_232 / 1001.0, f.Seconds!.Value, 6);
        Assert.False(f.Loopback);
    }

    [Fact]
    public void PortExhaustion_SlowRate_NoForecastButTheRate()
    {
        GroupReportBuilder builder = Builder(new GroupReportOptions { PortRange = new PortRange(1024, 2047) });
        for (int i = 0; i < 10; i++)
        {
            builder.OnConnection(Conn(i, i + 0.1, i + 0.2, clientPort: (ushort)(30000 + i)) with { ClientTimeWaitTime = At(i + 0.2) });
        }

        PortExhaustionForecast f = Assert.Single(builder.Build(At(10)).Groups).PortExhaustion!;

        // 10 entries over 9 s: 1.11/s × 60 s = 67 sockets, far below 1,024 ports.
        Assert.Equal(10 / 9.0, f.EntriesPerSecond, 9);
        Assert.Equal(1024, f.Ports);
        Assert.Null(f.Seconds);
    }

    [Fact]
    public void PortExhaustion_BurstShorterThanASecond_RateTakenOverOneSecond()
    {
        GroupReportBuilder builder = Builder(new GroupReportOptions { PortRange = new PortRange(1000, 1099) });
        for (int i = 0; i < 50; i++)
        {
            double t = 0.5 + (i / 1000.0);
            builder.OnConnection(Conn(i, t - 0.0002, t, server: "127.0.0.1", clientPort: (ushort)(30000 + i)) with { ClientTimeWaitTime = At(t) });
        }

        PortExhaustionForecast f = Assert.Single(builder.Build(At(1)).Groups).PortExhaustion!;

        Assert.Equal(50, f.EntriesPerSecond, 9);
        Assert.Equal(2.0, f.Seconds!.Value, 9);
        Assert.True(f.Loopback);
        Assert.Equal("127.0.0.1:80", f.Server);
    }

    [Fact]
    public void NoClientTimeWait_NoForecast()
    {
        GroupReportBuilder builder = Builder();
        builder.OnConnection(Conn(1, 0.1, 0.2) with { ServerTimeWaitTime = At(0.2) });

        Assert.Null(Assert.Single(builder.Build(At(1)).Groups).PortExhaustion);
    }

    [Fact]
    public void NewConnectionsPerSecond_MeanOverTheSecondsFromFirstToLastSyn_AndPeak()
    {
        GroupReportBuilder builder = Builder();
        builder.OnConnection(Conn(1, 0.1, 0.2));
        builder.OnConnection(Conn(2, 0.3, 0.4));
        builder.OnConnection(Conn(3, 0.5, 0.6));
        builder.OnConnection(Conn(4, 2.5, 2.6));
        builder.OnConnection(Conn(5, 2.7, 2.8) with { SynTime = null });

        GroupReport g = Assert.Single(builder.Build(At(3)).Groups);

        // Four SYNs over seconds 0–2; the connection without a SYN was not opened in the capture.
        Assert.Equal(4 / 3.0, g.NewConnectionsPerSecondMean!.Value, 9);
        Assert.Equal(3, g.NewConnectionsPerSecondPeak);
    }

    [Fact]
    public void Requests_ExactPlusEstimated_PerConnectionOverCompletedHandshakes()
    {
        GroupReportBuilder builder = Builder();
        builder.OnConnection(Conn(1, 0.1, 0.2) with { HttpRequests = 3, RequestSeconds = [new SecondCount(0, 3)] });
        builder.OnConnection(Conn(2, 1.1, 1.2) with { HttpRequests = 1, RequestSeconds = [new SecondCount(1, 1)] });
        builder.OnConnection(Conn(3, 1.3, 2.4) with
        {
            HttpRequests = null,
            Tls = ConnectionRecords.TlsFull() with { RequestsEstimated = 5 },
            RequestSeconds = [new SecondCount(1, 2), new SecondCount(2, 3)],
        });
        builder.OnConnection(Conn(4, 2.5, 2.6) with { HttpRequests = 0, AckTime = null });

        ToolsReport report = builder.Build(At(2.6));

        GroupReport g = Assert.Single(report.Groups);
        Assert.Equal(9, g.Requests);
        Assert.Equal(5, g.RequestsEstimated);
        Assert.Equal(3, g.RequestsPerConnection.Count);
        Assert.Equal(3.0, g.RequestsPerConnection.Mean!.Value, 9);
        Assert.Equal(3, g.RequestsPerConnection.P50);
        Assert.Equal(5, g.RequestsPerConnection.Max);
        Assert.Equal([3L, 3, 3], report.TimeSeries.Select(r => r.Requests));
    }

    [Fact]
    public void CloseBreakdownRetransmissionsAndShares()
    {
        GroupReportBuilder builder = Builder();
        builder.OnConnection(Conn(1, 0.1, 0.2) with { CloseKind = CloseKind.ClientFin, PayloadFrames = 90, RetransmittedPayloadFrames = 1, DsackRetransmissions = 1 });
        builder.OnConnection(Conn(2, 0.1, 0.2) with { CloseKind = CloseKind.ServerFin, PayloadFrames = 10, RetransmittedPayloadFrames = 1 });
        builder.OnConnection(Conn(3, 0.1, 0.2) with { CloseKind = CloseKind.Refused, SynRetransmits = 2, SynAckRetransmits = 0 });
        builder.OnConnection(Conn(4, 0.1, 0.2) with { CloseKind = CloseKind.ServerRst, RetransmissionSeconds = [new SecondCount(0, 4)], Retransmissions = 4 });

        ToolsReport report = builder.Build(At(0.2));

        GroupReport g = Assert.Single(report.Groups);
        Assert.Equal((1L, 1L, 0L, 0L, 1L, 0L), (g.CloseClientFin, g.CloseServerFin, g.CloseSimultaneous, g.CloseClientRst, g.CloseServerRst, g.CloseOpen));
        Assert.Equal(1, g.Refused);
        Assert.Equal(2, g.SynRetransmits);
        Assert.Equal(1, g.ConnectionsWithSynRetransmits);
        Assert.Equal(0.02, g.RetransmissionShare!.Value, 9);
        Assert.Equal(1, g.DsackRetransmissions);
        Assert.Equal(0.01, g.UnprovenRetransmissionShare!.Value, 9);
        Assert.Equal(4, Assert.Single(report.TimeSeries).Retransmissions);
    }

    [Fact]
    public void Tls_FullAndResumed_OfferedOrNot_H2Visible()
    {
        GroupReportBuilder builder = Builder();
        TlsFacts resumed = ConnectionRecords.TlsFull() with { Resumed = true, ClientHelloTime = At(0.1), ServerHelloTime = At(0.1002) };
        TlsFacts fullNoOffer = ConnectionRecords.TlsFull() with { Resumed = false, ResumptionOffered = TlsResumptionOffer.None, ClientHelloTime = At(0.1), ServerHelloTime = At(0.1015) };
        TlsFacts fullRefused = ConnectionRecords.TlsFull() with
        {
            Resumed = false,
            ResumptionOffered = TlsResumptionOffer.Ticket,
            ClientHelloTime = At(0.1),
            ServerHelloTime = At(0.1025),
            Version = 0x0303,
            AlpnSelectedEncrypted = false,
            AlpnSelected = "http/1.1",
            HelloRetryRequest = true,
        };
        builder.OnConnection(Conn(1, 0.1, 0.3) with { Tls = resumed });
        builder.OnConnection(Conn(2, 0.1, 0.3) with { Tls = fullNoOffer });
        builder.OnConnection(Conn(3, 0.1, 0.3) with { Tls = fullRefused });
        builder.OnConnection(Conn(4, 0.1, 0.3) with { Tls = ConnectionRecords.TlsFull() with { ServerHelloTime = null } });

        ToolsReport report = builder.Build(At(0.3));

        GroupReport g = Assert.Single(report.Groups);
        Assert.Equal(3, g.TlsHandshakes);
        Assert.Equal(1, g.TlsResumed);
        Assert.Equal(2, g.TlsFull);
        Assert.Equal(1, g.TlsFullNotOffered);
        Assert.Equal(1, g.TlsFullOfferRefused);
        Assert.Equal(1, g.TlsHelloRetryRequests);
        Assert.Equal(2.5, g.TlsClientHelloToServerHelloFullMs.Max!.Value, 6);
        Assert.Equal(0.2, g.TlsClientHelloToServerHelloResumedMs.P50!.Value, 6);
        Assert.Equal(1, g.H2OfferedVisible);
        Assert.Equal(1, g.H2OfferedHttp11Selected);
        Assert.Equal(2, g.TlsVersions.Counts["TLS 1.3"]);
        Assert.Equal(1, g.TlsVersions.Counts["TLS 1.2"]);
        TimeSeriesRow row = Assert.Single(report.TimeSeries);
        Assert.Equal((2L, 1L), (row.TlsFull, row.TlsResumed));
    }

    [Fact]
    public void ServerForcedClose_OnlyWhenNoRequestAskedToClose()
    {
        GroupReportBuilder builder = Builder();
        builder.OnConnection(Conn(1, 0.1, 0.2) with { ServerAskedClose = true, ClientAskedClose = true });
        builder.OnConnection(Conn(2, 0.1, 0.2) with { ServerAskedClose = true, ClientAskedClose = false });
        builder.OnConnection(Conn(3, 0.1, 0.2) with { ServerAskedClose = false, ClientAskedClose = false, KeepAliveRace = true });

        GroupReport g = Assert.Single(builder.Build(At(0.2)).Groups);

        Assert.Equal((2L, 1L, 1L), (g.ServerAskedClose, g.ServerForcedClose, g.KeepAliveRaces));
    }

    [Fact]
    public void GroupByTool_GroupsByUserAgent_MostConnectionsFirst()
    {
        GroupReportBuilder builder = Builder(by: GroupBy.Tool);
        builder.OnConnection(Conn(1, 0.1, 0.2) with { UserAgent = "curl/7.88.1" });
        builder.OnConnection(Conn(2, 0.1, 0.2) with { UserAgent = "ApacheBench/2.3" });
        builder.OnConnection(Conn(3, 0.1, 0.2) with { UserAgent = "ApacheBench/2.3" });
        builder.OnConnection(Conn(4, 0.1, 0.2) with { UserAgent = null });

        ToolsReport report = builder.Build(At(0.2));

        Assert.Equal(["ab", "curl", "unknown"], report.Groups.Select(g => g.Group));
        Assert.Equal(["ab", "curl", "unknown"], report.Groups.Select(g => g.Tool));
        Assert.Equal(["user-agent", "user-agent", "unknown"], report.Groups.Select(g => g.ToolSource));
        Assert.Equal("tool", report.GroupBy);
        Assert.Equal(["ab", "curl", "unknown"], report.TimeSeries.Select(r => r.Group));
    }

    [Fact]
    public void NoConnections_NoGroups()
    {
        ToolsReport report = Builder().Build(At(1));

        Assert.Empty(report.Groups);
        Assert.Empty(report.TimeSeries);
    }

    private static GroupReportBuilder Builder(GroupReportOptions? options = null, GroupBy by = GroupBy.None) =>
        new(new ConnectionGrouping(by, () => new ToolAttributor()), options ?? new GroupReportOptions());

    private static Timestamp At(double seconds) => new(Origin.UnixNanoseconds + (long)Math.Round(seconds * 1e9));

    // A client-FIN connection 10.0.0.1:port → server:80 with a completed handshake, from SYN at open to last packet at close.
    private static ConnectionRecord Conn(long stream, double open, double close, string server = "10.0.0.2", ushort clientPort = 50000) =>
        ConnectionRecords.Full(stream) with
        {
            ClientPort = clientPort,
            ServerIp = IpAddress.FromIPAddress(IPAddress.Parse(server)),
            TimeOrigin = Origin,
            FirstTime = At(open),
            SynTime = At(open),
            SynAckTime = At(open),
            AckTime = At(open),
            LastTime = At(close),
            TimeWaitSide = Side.None,
            ClientTimeWaitTime = null,
            ServerTimeWaitTime = null,
            SynRetransmits = 0,
            SynAckRetransmits = 0,
            Retransmissions = 0,
            UserAgent = "wrk/4.2",
        };
}
