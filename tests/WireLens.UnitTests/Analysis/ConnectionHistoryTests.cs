using System.Text;
using WireLens.Analysis.Tcp;
using WireLens.Wire.Tcp;

namespace WireLens.UnitTests.Analysis;

/// <summary>Zeek's history letters, kept inline up to 32 and in a builder beyond.</summary>
public class ConnectionHistoryTests
{
    [Fact]
    public void OnPacket_HandshakeDataAndClose_GivesZeeksLetters()
    {
        // Arrange
        var history = new ConnectionHistory();

        // Act
        history.OnPacket(fromClient: true, TcpFlags.Syn, 100, 0);
        history.OnPacket(fromClient: false, TcpFlags.Syn | TcpFlags.Ack, 500, 0);
        history.OnPacket(fromClient: true, TcpFlags.Ack, 101, 0);
        history.OnPacket(fromClient: true, TcpFlags.Psh | TcpFlags.Ack, 101, 80);
        history.OnPacket(fromClient: false, TcpFlags.Ack, 501, 0);
        history.OnPacket(fromClient: false, TcpFlags.Psh | TcpFlags.Ack, 501, 300);
        history.OnPacket(fromClient: false, TcpFlags.Fin | TcpFlags.Ack, 801, 0);
        history.OnPacket(fromClient: true, TcpFlags.Fin | TcpFlags.Ack, 181, 0);

        // Assert
        Assert.Equal("ShADadfF", history.ToString());
        Assert.Equal(8, history.Length);
    }

    [Theory]
    [InlineData(31)]
    [InlineData(32)]
    [InlineData(33)]
    [InlineData(200)]
    public void OnPacket_FinsWithNewSequenceNumbers_KeepsEveryLetterPastTheInlineOnes(int fins)
    {
        // Arrange: a flipped start, then FINs alternating sides, each at a new sequence number (each adds a letter).
        var history = new ConnectionHistory();
        var expected = new StringBuilder("^");
        history.Flipped();

        // Act
        for (int i = 0; i < fins; i++)
        {
            bool fromClient = i % 2 == 0;
            history.OnPacket(fromClient, TcpFlags.Fin | TcpFlags.Ack, (uint)(1000 + i), 0);
            expected.Append(fromClient ? 'F' : 'f');
        }

        // Assert
        Assert.Equal(expected.ToString(), history.ToString());
        Assert.Equal(expected.Length, history.Length);
    }

    [Fact]
    public void Reset_AfterALongHistory_StartsEmptyAndKeepsShortOnesAgain()
    {
        // Arrange
        var history = new ConnectionHistory();
        for (int i = 0; i < 40; i++)
        {
            history.OnPacket(fromClient: true, TcpFlags.Fin, (uint)i, 0);
        }

        Assert.Equal(40, history.Length);

        // Act
        history.Reset();
        string empty = history.ToString();
        history.OnPacket(fromClient: true, TcpFlags.Syn, 7, 0);

        // Assert
        Assert.Equal(string.Empty, empty);
        Assert.Equal("S", history.ToString());
        Assert.Equal(1, history.Length);
    }
}
