using WireLens.Analysis.Connections;
using static WireLens.UnitTests.Analysis.Scenarios;

namespace WireLens.UnitTests.Analysis;

/// <summary>Zeek's rules for the w/W history letter (update_window), apart from tshark's zero_window verdict.</summary>
public class ZeroWindowHistoryTests
{
    [Fact]
    public void Process_ZeroWindowAfterPeerFin_NoLetterButTsharkVerdict()
    {
        // Arrange: the server's zero window comes after the client's FIN.
        SegmentTable table = new SegmentTable().Exchange()
            .Add(20, 'C', "FA", Q, P, 0)
            .Add(21, 'S', "A", P, Q + 1, 0, window: 0);

        // Act
        ConnectionRecord r = table.Run().Single;

        // Assert
        Assert.Equal("ShADadF", r.History);
        Assert.Equal(new Verdicts(ZeroWindows: 1), Verdicts.Of(r));
    }

    [Fact]
    public void Process_ZeroWindowOnFin_UpperWWithoutTsharkVerdict()
    {
        // Arrange: the client's FIN advertises a zero window (tshark skips SYN/FIN/RST, Zeek only RST).
        SegmentTable table = new SegmentTable().Exchange()
            .Add(20, 'C', "FA", Q, P, 0, window: 0)
            .Add(21, 'S', "FA", P, Q + 1, 0)
            .Add(22, 'C', "A", Q + 1, P + 1, 0);

        // Act
        ConnectionRecord r = table.Run().Single;

        // Assert
        Assert.Equal("ShADadFWf", r.History);
        Assert.Equal(new Verdicts(), Verdicts.Of(r));
    }

    [Fact]
    public void Process_ZeroWindowOnRst_NoLetter()
    {
        // Arrange
        SegmentTable table = new SegmentTable().Exchange().Add(20, 'S', "R", P, 0, 0, window: 0);

        // Act
        ConnectionRecord r = table.Run().Single;

        // Assert
        Assert.Equal("ShADadr", r.History);
        Assert.Equal(new Verdicts(), Verdicts.Of(r));
    }
}
