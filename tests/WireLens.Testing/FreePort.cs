using System.Net;
using System.Net.Sockets;

namespace WireLens.Testing;

/// <summary>Hands out TCP ports that are free on 127.0.0.1 at the moment of the call (the kernel picks them).</summary>
public static class FreePort
{
    /// <summary>A port nobody listens on now; bind it soon, another process could take it later.</summary>
    public static int Get()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)listener.LocalEndPoint!).Port;
    }
}
