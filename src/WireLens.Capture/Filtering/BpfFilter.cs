using PacketDotNet;
using SharpPcap;
using SharpPcap.LibPcap;
using WireLens.Wire.Link;

namespace WireLens.Capture.Filtering;

/// <summary>
/// A BPF capture filter (tcpdump syntax) applied to frames read from a file. libpcap compiles it once per
/// link type, since the same expression compiles to different programs over Ethernet, SLL2 or Null headers.
/// </summary>
public sealed class BpfFilter : IDisposable
{
    private readonly Dictionary<LinkType, BpfProgram> _programs = [];

    private BpfFilter(string expression) => Expression = expression;

    public string Expression { get; }

    /// <summary>Checks the expression by compiling it for Ethernet; <paramref name="error"/> is one line.</summary>
    public static BpfFilter? TryCreate(string expression, out string error)
    {
        var filter = new BpfFilter(expression);
        if (filter.TryGetProgram(LinkType.Ethernet, out error) is null)
        {
            filter.Dispose();
            return null;
        }

        return filter;
    }

    /// <summary>Whether the frame passes the filter. A link type the expression cannot compile for matches nothing.</summary>
    public bool Matches(LinkType linkType, ReadOnlySpan<byte> frame)
    {
        BpfProgram? program = TryGetProgram(linkType, out _);
        return program is not null && program.Matches(frame);
    }

    private BpfProgram? TryGetProgram(LinkType linkType, out string error)
    {
        error = string.Empty;
        if (_programs.TryGetValue(linkType, out BpfProgram? program))
        {
            return program;
        }

        try
        {
            program = BpfProgram.Create((LinkLayers)(int)linkType, Expression, 1, 0);
        }
        catch (PcapException e)
        {
            error = PcapMessages.InvalidFilter(Expression, e.Message);
            return null;
        }
        catch (DllNotFoundException)
        {
            error = "libpcap is not installed, which --filter needs (apt-get install libpcap0.8)";
            return null;
        }

        _programs[linkType] = program;
        return program;
    }

    public void Dispose()
    {
        foreach (BpfProgram p in _programs.Values)
        {
            p.Dispose();
        }

        _programs.Clear();
    }
}
