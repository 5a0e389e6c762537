namespace WireLens.Capture;

/// <summary>libpcap's error texts turned into WireLens's one-line errors (file filters and live capture alike).</summary>
internal static class PcapMessages
{
    /// <summary>The first line of a libpcap message.</summary>
    public static string FirstLine(string text)
    {
        int nl = text.IndexOfAny(['\r', '\n']);
        return nl < 0 ? text : text[..nl];
    }

    /// <summary>A filter libpcap could not compile.</summary>
    public static string InvalidFilter(string expression, string pcapMessage) => $"invalid filter \"{expression}\": {FirstLine(pcapMessage)}";
}
