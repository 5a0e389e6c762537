using System.Globalization;
using System.Text;
using WireLens.Analysis.Ladder;
using WireLens.Analysis.Tcp;
using WireLens.Reporting.Text;
using WireLens.Wire;
using WireLens.Wire.Tcp;

namespace WireLens.Tui.Connections;

/// <summary>
/// The ladder diagram's text: one line per frame, the client's rail on the left and the server's on the right, an arrow
/// between them carrying the flags, payload length and label (<c>──PSH,ACK len=78 GET / HTTP/1.1──▶</c>), the time
/// in ms from the ladder's first frame and the frame number in front, tshark's verdicts after the server rail.
/// </summary>
public static class LadderText
{
    private const int TimeWidth = 10;
    private const int FrameWidth = 7;
    private const int Prefix = TimeWidth + 1 + FrameWidth + 1;
    private const int MinArrow = 12;

    /// <summary>The column header matching <see cref="Line"/> at <paramref name="width"/>.</summary>
    public static string Header(int width)
    {
        int arrow = ArrowWidth(width);
        var sb = new StringBuilder();
        sb.Append("ms".PadLeft(TimeWidth)).Append(' ').Append("frame".PadLeft(FrameWidth)).Append(' ');
        sb.Append("client".PadRight(arrow + 2 - "server".Length)).Append("server");
        return Fit(sb.ToString(), width);
    }

    /// <summary>Frame <paramref name="e"/> as a ladder line <paramref name="width"/> characters wide at most.</summary>
    /// <param name="e">The frame.</param>
    /// <param name="first">The ladder's first frame time (time zero of the line).</param>
    /// <param name="width">The line width.</param>
    public static string Line(in LadderEvent e, Timestamp first, int width)
    {
        int arrow = ArrowWidth(width);
        var sb = new StringBuilder(width + 16);
        sb.Append(e.Time.MillisecondsSince(first).ToString("0.000", CultureInfo.InvariantCulture).PadLeft(TimeWidth)).Append(' ');
        sb.Append(e.Frame.ToString(CultureInfo.InvariantCulture).PadLeft(FrameWidth)).Append(' ');
        sb.Append('│').Append(Arrow(ArrowLabel(e), e.FromClient, arrow)).Append('│');
        string verdicts = Verdicts(e.Verdicts);
        if (verdicts.Length > 0)
        {
            sb.Append(' ').Append(verdicts);
        }

        return Fit(sb.ToString(), width);
    }

    /// <summary>What the arrow carries: flags, <c>len=N</c>, then the escaped label (or the hello kind).</summary>
    public static string ArrowLabel(in LadderEvent e)
    {
        string text = Inv($"{Flags(e.Flags)} len={e.PayloadLength}");
        string? label = e.Label is { } l ? WireText.EscapeControl(l)
            : e.Kind switch
            {
                LadderEventKind.ClientHello => "ClientHello",
                LadderEventKind.ServerHello => "ServerHello",
                _ => null,
            };
        return label is null ? text : text + " " + label;
    }

    /// <summary>TCP flags as tshark lists them: <c>SYN,ACK</c>; <c>none</c> without any.</summary>
    public static string Flags(TcpFlags flags)
    {
        if (flags == TcpFlags.None)
        {
            return "none";
        }

        var parts = new List<string>(4);
        Add(TcpFlags.Syn, "SYN");
        Add(TcpFlags.Fin, "FIN");
        Add(TcpFlags.Rst, "RST");
        Add(TcpFlags.Psh, "PSH");
        Add(TcpFlags.Ack, "ACK");
        Add(TcpFlags.Urg, "URG");
        Add(TcpFlags.Ece, "ECE");
        Add(TcpFlags.Cwr, "CWR");
        Add(TcpFlags.Ns, "NS");
        return string.Join(',', parts);

        void Add(TcpFlags flag, string name)
        {
            if ((flags & flag) != 0)
            {
                parts.Add(name);
            }
        }
    }

    /// <summary>tshark's verdicts in brackets: <c>[retransmission] [dup ACK]</c>; empty without any.</summary>
    public static string Verdicts(TcpAnalysisFlags verdicts)
    {
        if (verdicts == TcpAnalysisFlags.None)
        {
            return string.Empty;
        }

        var sb = new StringBuilder();
        Add(TcpAnalysisFlags.Retransmission, "retransmission");
        Add(TcpAnalysisFlags.FastRetransmission, "fast retransmission");
        Add(TcpAnalysisFlags.SpuriousRetransmission, "spurious retransmission");
        Add(TcpAnalysisFlags.OutOfOrder, "out-of-order");
        Add(TcpAnalysisFlags.LostSegment, "previous segment not captured");
        Add(TcpAnalysisFlags.AckedUnseen, "ACKed unseen segment");
        Add(TcpAnalysisFlags.DuplicateAck, "dup ACK");
        Add(TcpAnalysisFlags.ZeroWindow, "zero window");
        Add(TcpAnalysisFlags.ZeroWindowProbe, "zero window probe");
        Add(TcpAnalysisFlags.ZeroWindowProbeAck, "zero window probe ACK");
        Add(TcpAnalysisFlags.KeepAlive, "keep-alive");
        Add(TcpAnalysisFlags.KeepAliveAck, "keep-alive ACK");
        Add(TcpAnalysisFlags.WindowUpdate, "window update");
        Add(TcpAnalysisFlags.ReusedPorts, "reused ports");
        return sb.ToString();

        void Add(TcpAnalysisFlags flag, string name)
        {
            if ((verdicts & flag) != 0)
            {
                sb.Append(sb.Length > 0 ? " [" : "[").Append(name).Append(']');
            }
        }
    }

    /// <summary>An arrow <paramref name="width"/> wide: <c>──text──▶</c> to the server, <c>◀──text──</c> to the client.</summary>
    public static string Arrow(string text, bool toServer, int width)
    {
        int room = Math.Max(0, width - 5);
        if (text.Length > room)
        {
            text = room > 0 ? text[..(room - 1)] + "…" : string.Empty;
        }

        int fill = width - 4 - text.Length;
        return toServer
            ? "──" + text + new string('─', fill + 1) + "▶"
            : "◀" + new string('─', fill + 1) + text + "──";
    }

    private static int ArrowWidth(int width)
    {
        int verdictRoom = width >= 120 ? 32 : 18;
        return Math.Max(MinArrow, width - Prefix - 2 - verdictRoom);
    }

    private static string Fit(string text, int width) => text.Length <= width ? text : text[..Math.Max(0, width - 1)] + "…";

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
