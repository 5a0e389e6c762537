using System.Globalization;
using System.Text;
using PacketDotNet;
using WireLens.Reporting.Inspection;
using WireLens.Reporting.Text;
using WireLens.Wire.Link;

namespace WireLens.Tui.Dissection;

/// <summary>
/// Turns one captured frame into the detail screen's dissection text: a summary line, the layers PacketDotNet decodes
/// (link → IP → TCP, its verbose form, every line escaped) and a hex dump. Never throws on bad bytes: a frame
/// PacketDotNet cannot decode shows <c>malformed: …</c> and the hex dump.
/// </summary>
/// <remarks>
/// PacketDotNet allocates a class hierarchy per packet, which is fine for one frame a user picked (STYLE.md, package
/// facts); the analysis never goes through here.
/// </remarks>
public static class FrameDissector
{
    /// <summary>Bytes per hex dump line.</summary>
    public const int BytesPerLine = 16;

    /// <summary>The dissection of <paramref name="frame"/>, one display line per item (already escaped).</summary>
    public static IReadOnlyList<string> Dissect(CapturedFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var lines = new List<string>
        {
            Inv($"Frame {frame.Number}: {frame.OriginalLength} bytes on wire, {frame.Data.Length} captured, link type {LinkName(frame.LinkType)} ({(int)frame.LinkType})"),
        };

        if (ToLinkLayer(frame.LinkType) is not { } link)
        {
            lines.Add(Inv($"link type {(int)frame.LinkType}: shown as bytes"));
        }
        else
        {
            AddLayers(lines, link, frame.Data);
        }

        lines.Add(string.Empty);
        lines.AddRange(HexDump(frame.Data));
        return lines;
    }

    /// <summary>The classic hex dump: offset, 16 bytes in hex, the printable ASCII (others as '.').</summary>
    public static IEnumerable<string> HexDump(ReadOnlyMemory<byte> data)
    {
        for (int offset = 0; offset < data.Length; offset += BytesPerLine)
        {
            ReadOnlySpan<byte> chunk = data.Span.Slice(offset, Math.Min(BytesPerLine, data.Length - offset));
            var line = new StringBuilder(80);
            line.Append(offset.ToString("x4", CultureInfo.InvariantCulture)).Append("  ");
            for (int i = 0; i < BytesPerLine; i++)
            {
                line.Append(i < chunk.Length ? chunk[i].ToString("x2", CultureInfo.InvariantCulture) : "  ");
                line.Append(i == 7 ? "  " : " ");
            }

            line.Append(' ');
            foreach (byte b in chunk)
            {
                line.Append(b is >= 0x20 and < 0x7F ? (char)b : '.');
            }

            yield return line.ToString();
        }
    }

    private static void AddLayers(List<string> lines, LinkLayers link, byte[] data)
    {
        if (!TryVerbose(link, data, out string text, out string? failure))
        {
            lines.Add(failure);
            return;
        }

        foreach (string line in text.Split('\n'))
        {
            string trimmed = line.TrimEnd('\r', ' ');
            if (trimmed.Length > 0)
            {
                lines.Add(WireText.EscapeControl(trimmed));
            }
        }
    }

    // PacketDotNet reports bad bytes by throwing whatever its indexing hits; each of these means "malformed" here.
    // (No catch-all: the architecture rule; a fuzz test feeds random frames to find any other type.)
    private static bool TryVerbose(LinkLayers link, byte[] data, out string text, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out string? failure)
    {
        text = string.Empty;
        failure = null;
        try
        {
            text = Packet.ParsePacket(link, data).ToString(StringOutputType.Verbose);
            return true;
        }
        catch (NotImplementedException)
        {
            failure = Inv($"link type {(int)link}: shown as bytes");
        }
        catch (IndexOutOfRangeException ex)
        {
            failure = Malformed(ex);
        }
        catch (ArgumentException ex)
        {
            failure = Malformed(ex);
        }
        catch (InvalidOperationException ex)
        {
            failure = Malformed(ex);
        }
        catch (OverflowException ex)
        {
            failure = Malformed(ex);
        }
        catch (NullReferenceException ex)
        {
            failure = Malformed(ex);
        }
        catch (FormatException ex)
        {
            failure = Malformed(ex);
        }

        return false;
    }

    private static string Malformed(Exception ex) => "malformed: " + WireText.EscapeControl(ex.Message);

    private static LinkLayers? ToLinkLayer(LinkType type) => type switch
    {
        LinkType.Null => LinkLayers.Null,
        LinkType.Ethernet => LinkLayers.Ethernet,
        LinkType.Raw => LinkLayers.Raw,
        LinkType.Loop => LinkLayers.Loop,
        LinkType.LinuxSll => LinkLayers.LinuxSll,
        LinkType.LinuxSll2 => LinkLayers.LinuxSll2,
        LinkType.Ipv4 => LinkLayers.IPv4,
        LinkType.Ipv6 => LinkLayers.IPv6,
        _ => null,
    };

    private static string LinkName(LinkType type) => Enum.IsDefined(type) ? type.ToString() : "unknown";

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
