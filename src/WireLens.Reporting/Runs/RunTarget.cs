using System.Net;
using WireLens.Wire.Ip;

namespace WireLens.Reporting.Runs;

/// <summary>Reads the server port and address a run's <see cref="RunEntry.Target"/> URL points at.</summary>
public static class RunTarget
{
    /// <summary>
    /// The port of a target URL (the scheme's default when it has none: http and ws 80, https and wss 443) and its
    /// address when the host is an IP address literal (null for a host name, which may resolve to anything). A target
    /// without <c>://</c> is read as <c>http://</c> + target; other schemes, and anything that is not a URL, give false.
    /// </summary>
    public static bool TryParse(string? target, out ushort port, out IpAddress? address)
    {
        port = 0;
        address = null;
        if (string.IsNullOrWhiteSpace(target))
        {
            return false;
        }

        string url = target.Contains("://", StringComparison.Ordinal) ? target : "http://" + target;
        if (!Uri.TryCreate(url, UriKind.Absolute, out Uri? uri)
            || uri.Scheme is not ("http" or "https" or "ws" or "wss")
            || uri.Port is < 1 or > ushort.MaxValue)
        {
            return false;
        }

        port = (ushort)uri.Port;

        // DnsSafeHost is the address without brackets (and with its %scope, which the comparison ignores).
        if (uri.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6
            && IPAddress.TryParse(uri.DnsSafeHost, out IPAddress? ip))
        {
            address = IpAddress.FromIPAddress(ip);
        }

        return true;
    }
}
