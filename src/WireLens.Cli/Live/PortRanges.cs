using System.Globalization;
using WireLens.Reporting.Runs;

namespace WireLens.Cli.Live;

/// <summary>This host's ephemeral port range, for the manifest and the exhaustion forecast.</summary>
public static class PortRanges
{
    /// <summary>net.ipv4.ip_local_port_range (which Linux applies to IPv6 too), or null when it cannot be read.</summary>
    public static PortRange? Local(string path = "/proc/sys/net/ipv4/ip_local_port_range")
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }

        return TryParse(text, out PortRange range) ? range : null;
    }

    /// <summary>"32768\t60999\n" as the kernel writes it.</summary>
    public static bool TryParse(string text, out PortRange range)
    {
        ArgumentNullException.ThrowIfNull(text);
        range = default;
        string[] parts = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int low)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int high)
            || low is < 1 or > 65535 || high is < 1 or > 65535 || low > high)
        {
            return false;
        }

        range = new PortRange(low, high);
        return true;
    }
}
