using WireLens.Analysis.Connections;
using WireLens.Reporting.Runs;
using WireLens.Wire.Ip;

namespace WireLens.Reporting.Attribution;

/// <summary>
/// The process rule over the socket owners a live capture recorded in its manifest, so that re-analysing the saved
/// capture attributes connections exactly as the live run did. A connection's owner is the process that owned a socket
/// whose own endpoint is the connection's client endpoint and whose peer is its server, seen while the connection was
/// open (give or take <see cref="Slack"/>, since /proc is polled); on 4-tuple reuse the observation nearest in time wins.
/// </summary>
public sealed class ManifestProcessLookup : IProcessLookup
{
    /// <summary>How far outside a connection's lifetime a sighting of its socket still counts.</summary>
    public static readonly TimeSpan Slack = TimeSpan.FromSeconds(1);

    private readonly Dictionary<(IpAddress, ushort, IpAddress, ushort), List<SocketOwner>> _owners = [];

    public ManifestProcessLookup(IEnumerable<SocketOwner> sockets)
    {
        ArgumentNullException.ThrowIfNull(sockets);
        foreach (SocketOwner s in sockets)
        {
            var key = (s.LocalIp, s.LocalPort, s.RemoteIp, s.RemotePort);
            if (!_owners.TryGetValue(key, out List<SocketOwner>? list))
            {
                _owners[key] = list = [];
            }

            list.Add(s);
        }
    }

    public string? ToolOf(ConnectionRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (!_owners.TryGetValue((record.ClientIp, record.ClientPort, record.ServerIp, record.ServerPort), out List<SocketOwner>? list))
        {
            return null;
        }

        long slack = (long)Slack.TotalNanoseconds;
        long start = record.FirstTime.UnixNanoseconds - slack;
        long end = record.LastTime.UnixNanoseconds + slack;
        SocketOwner? best = null;
        long bestOffset = long.MaxValue;
        foreach (SocketOwner s in list)
        {
            if (s.LastSeen.UnixNanoseconds < start || s.FirstSeen.UnixNanoseconds > end)
            {
                continue;
            }

            // Several sightings overlap only on 4-tuple reuse within the slack: the one first seen nearest the
            // connection's start is this connection's.
            long offset = Math.Abs(s.FirstSeen.UnixNanoseconds - record.FirstTime.UnixNanoseconds);
            if (offset < bestOffset)
            {
                best = s;
                bestOffset = offset;
            }
        }

        return best?.Tool;
    }
}
