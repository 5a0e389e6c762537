using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using WireLens.Reporting.Attribution;
using WireLens.Reporting.Runs;
using WireLens.Wire;
using WireLens.Wire.Ip;

namespace WireLens.Load.Processes;

/// <summary>
/// Which process owns which TCP socket, read from /proc as <c>ss -tp</c> does: <c>/proc/net/tcp</c> and
/// <c>/proc/net/tcp6</c> give each socket's endpoints and inode, <c>/proc/PID/fd/*</c> links name the inodes a process
/// holds. Each <see cref="Poll"/> records the sockets seen with their owner and the time; the sightings become the
/// manifest's <c>sockets</c> (docs/run-manifest.md). Sockets in TIME_WAIT have no owner and are not seen; a connection
/// that opens and closes between two polls is missed. Best effort: unreadable entries (a process that exited, another
/// user's without privileges) are skipped.
/// </summary>
public sealed class ProcSocketScanner
{
    private readonly string _proc;
    private readonly int _limit;
    private readonly Dictionary<(IpAddress, ushort, IpAddress, ushort, int), Sighting> _sightings = [];
    private readonly Dictionary<int, string?> _toolByPid = [];
    private readonly Lock _gate = new();

    /// <param name="proc">The proc file system's mount point (tests may point elsewhere).</param>
    /// <param name="limit">The most sockets kept (<see cref="RunManifestJson.MaxSockets"/>); past it new ones are counted, not kept.</param>
    public ProcSocketScanner(string proc = "/proc", int limit = RunManifestJson.MaxSockets)
    {
        _proc = proc;
        _limit = limit;
    }

    /// <summary>Sockets seen but not kept because the limit was reached.</summary>
    public long Overflow { get; private set; }

    /// <summary>Polls completed.</summary>
    public long Polls { get; private set; }

    /// <summary>Reads /proc once and records every owned TCP socket with <paramref name="now"/>.</summary>
    public void Poll(Timestamp now)
    {
        Dictionary<long, (IpAddress LocalIp, ushort LocalPort, IpAddress RemoteIp, ushort RemotePort)> byInode = [];
        ReadTable(Path.Combine(_proc, "net", "tcp"), ipv6: false, byInode);
        ReadTable(Path.Combine(_proc, "net", "tcp6"), ipv6: true, byInode);
        if (byInode.Count == 0)
        {
            lock (_gate)
            {
                Polls++;
            }

            return;
        }

        var owners = new List<(long Inode, int Pid)>();
        foreach (string dir in SafeEnumerate(_proc))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out int pid))
            {
                continue;
            }

            foreach (string fd in SafeEnumerate(Path.Combine(dir, "fd")))
            {
                if (SocketInode(fd) is { } inode && byInode.ContainsKey(inode))
                {
                    owners.Add((inode, pid));
                }
            }
        }

        lock (_gate)
        {
            Polls++;

            // Names are cached for one poll only: a pid may be reused by another program later.
            _toolByPid.Clear();
            foreach ((long inode, int pid) in owners)
            {
                string? tool = ToolOfPid(pid);
                if (tool is null)
                {
                    continue;
                }

                var e = byInode[inode];
                var key = (e.LocalIp, e.LocalPort, e.RemoteIp, e.RemotePort, pid);
                if (_sightings.TryGetValue(key, out Sighting? s))
                {
                    s.Last = now;
                }
                else if (_sightings.Count < _limit)
                {
                    _sightings[key] = new Sighting(tool, now);
                }
                else
                {
                    Overflow++;
                }
            }
        }
    }

    /// <summary>The sightings so far, as the manifest records them.</summary>
    public IReadOnlyList<SocketOwner> Owners()
    {
        lock (_gate)
        {
            return [.. _sightings
                .OrderBy(p => p.Value.First)
                .Select(p => new SocketOwner(p.Key.Item1, p.Key.Item2, p.Key.Item3, p.Key.Item4, p.Value.Tool, p.Key.Item5, p.Value.First, p.Value.Last))];
        }
    }

    /// <summary>
    /// A process's name as a tool name: its <c>comm</c>, lowercased, with characters other than
    /// <c>a-z 0-9 . _ -</c> dropped; WireLens's own generator (<c>wirelens load</c>) is <c>builtin</c>.
    /// </summary>
    public static string? ToolName(string comm, IReadOnlyList<string> commandLine)
    {
        ArgumentNullException.ThrowIfNull(comm);
        ArgumentNullException.ThrowIfNull(commandLine);
        bool isWireLens = comm is "wirelens" || commandLine.Any(a => Path.GetFileName(a) is "wirelens" or "wirelens.dll");
        if (isWireLens)
        {
            return commandLine.Contains("load") ? ToolNames.Builtin : "wirelens";
        }

        string tool = ToolNames.Sanitize(comm);
        return ToolNames.IsValid(tool) ? tool : null;
    }

    /// <summary>One line of /proc/net/tcp or tcp6: the endpoints and the inode; false for the header or a line it cannot read.</summary>
    public static bool TryParseLine(
        ReadOnlySpan<char> line, bool ipv6, out IpAddress localIp, out ushort localPort, out IpAddress remoteIp, out ushort remotePort, out long inode)
    {
        localIp = remoteIp = default;
        localPort = remotePort = 0;
        inode = 0;
        Span<Range> fields = stackalloc Range[12];
        line = line.Trim();
        int n = line.Split(fields, ' ', StringSplitOptions.RemoveEmptyEntries);
        if (n < 10 || !line[fields[0]].EndsWith(':'))
        {
            return false;
        }

        return TryParseEndpoint(line[fields[1]], ipv6, out localIp, out localPort)
            && TryParseEndpoint(line[fields[2]], ipv6, out remoteIp, out remotePort)
            && long.TryParse(line[fields[9]], NumberStyles.None, CultureInfo.InvariantCulture, out inode);
    }

    // "0100007F:1F90": the address as the kernel's 32-bit words in host (little-endian here) byte order, then the port.
    private static bool TryParseEndpoint(ReadOnlySpan<char> text, bool ipv6, out IpAddress ip, out ushort port)
    {
        ip = default;
        port = 0;
        int colon = text.IndexOf(':');
        int hexLength = ipv6 ? 32 : 8;
        if (colon != hexLength
            || !ushort.TryParse(text[(colon + 1)..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out port))
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[16];
        for (int word = 0; word < hexLength / 8; word++)
        {
            if (!uint.TryParse(text.Slice(word * 8, 8), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out uint value))
            {
                return false;
            }

            BinaryPrimitives.WriteUInt32LittleEndian(bytes[(word * 4)..], value);
        }

        ip = ipv6 ? IpAddress.FromIPv6(bytes) : IpAddress.FromIPv4(bytes[..4]);
        if (ipv6 && ip.ToIPAddress() is { IsIPv4MappedToIPv6: true } mapped)
        {
            ip = IpAddress.FromIPAddress(mapped.MapToIPv4());
        }

        return true;
    }

    private static void ReadTable(string path, bool ipv6, Dictionary<long, (IpAddress, ushort, IpAddress, ushort)> byInode)
    {
        IEnumerable<string> lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (IOException)
        {
            return;
        }
        catch (UnauthorizedAccessException)
        {
            return;
        }

        foreach (string line in lines)
        {
            if (TryParseLine(line, ipv6, out IpAddress localIp, out ushort localPort, out IpAddress remoteIp, out ushort remotePort, out long inode)
                && inode != 0 && remotePort != 0)
            {
                byInode[inode] = (localIp, localPort, remoteIp, remotePort);
            }
        }
    }

    private static long? SocketInode(string fdPath)
    {
        string? target;
        try
        {
            target = new FileInfo(fdPath).LinkTarget;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }

        const string Prefix = "socket:[";
        return target is not null && target.StartsWith(Prefix, StringComparison.Ordinal) && target.EndsWith(']')
            && long.TryParse(target.AsSpan(Prefix.Length, target.Length - Prefix.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out long inode)
            ? inode
            : null;
    }

    private string? ToolOfPid(int pid)
    {
        if (_toolByPid.TryGetValue(pid, out string? tool))
        {
            return tool;
        }

        string dir = Path.Combine(_proc, pid.ToString(CultureInfo.InvariantCulture));
        string? comm = ReadText(Path.Combine(dir, "comm"))?.TrimEnd('\n');
        string[] cmdline = ReadText(Path.Combine(dir, "cmdline"))?.Split('\0', StringSplitOptions.RemoveEmptyEntries) ?? [];
        tool = comm is null ? null : ToolName(comm, cmdline);
        _toolByPid[pid] = tool;
        return tool;
    }

    private static string? ReadText(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string[] SafeEnumerate(string dir)
    {
        try
        {
            return Directory.GetFileSystemEntries(dir);
        }
        catch (IOException)
        {
            return [];
        }
        catch (UnauthorizedAccessException)
        {
            return [];
        }
    }

    private sealed class Sighting(string tool, Timestamp first)
    {
        public string Tool { get; } = tool;
        public Timestamp First { get; } = first;
        public Timestamp Last { get; set; } = first;
    }
}
