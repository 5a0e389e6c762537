namespace WireLens.Testing;

/// <summary>How <see cref="NginxServer"/> configures its private nginx instance.</summary>
public sealed record NginxOptions
{
    /// <summary>The IPv4 address to listen on; a namespace address such as 10.231.7.2 with <see cref="NetworkNamespace"/>.</summary>
    public string Address { get; init; } = "127.0.0.1";

    /// <summary>The port; null picks a free one on 127.0.0.1 (<see cref="FreePort"/>).</summary>
    public int? Port { get; init; }

    /// <summary>Also listen on [::1] with the same port.</summary>
    public bool ListenIpv6Loopback { get; init; }

    /// <summary>Run nginx inside this network namespace (`ip netns exec NAME nginx ...`).</summary>
    public string? NetworkNamespace { get; init; }

    /// <summary>nginx keepalive_timeout in seconds; 0 closes every connection after its response.</summary>
    public int KeepaliveTimeoutSeconds { get; init; } = 75;

    /// <summary>nginx keepalive_requests; large by default so nginx does not close first unless asked.</summary>
    public int KeepaliveRequests { get; init; } = 1_000_000;

    /// <summary>HTTP/2 over cleartext TCP, h2c with prior knowledge (nginx 1.22: `listen ... http2`); not with <see cref="Tls"/>.</summary>
    public bool Http2Cleartext { get; init; }

    /// <summary>With <see cref="Tls"/>: offer h2 by ALPN besides http/1.1 (`listen ... ssl http2`).</summary>
    public bool TlsHttp2 { get; init; }

    /// <summary>Serve HTTPS with a fresh self-signed P-256 certificate for CN=localhost.</summary>
    public bool Tls { get; init; }

    /// <summary>nginx ssl_protocols.</summary>
    public string TlsProtocols { get; init; } = "TLSv1.2 TLSv1.3";

    /// <summary>nginx ssl_session_tickets.</summary>
    public bool TlsSessionTickets { get; init; } = true;

    /// <summary>Use `ssl_session_cache shared:SSL:1m` (true) or `off` (false).</summary>
    public bool TlsSessionCache { get; init; } = true;

    /// <summary>nginx ssl_ecdh_curve, e.g. "X25519" or "prime256v1"; null keeps nginx's "auto".</summary>
    public string? TlsEcdhCurve { get; init; }

    /// <summary>
    /// `sendfile on; tcp_nopush on;` (as Debian's /etc/nginx/nginx.conf has them). A file (/hello.txt, /big) is then sent
    /// under TCP_CORK, which nginx does not lift before it closes a connection that is not kept alive: the kernel puts
    /// the FIN on the response's last segment, so the server always closes first. Without it nginx writes the
    /// response and closes in two system calls, and a client that closes as soon as it has read a response
    /// (wrk, siege, Go with keep-alive disabled) races the server's FIN.
    /// </summary>
    public bool SendfileTcpNopush { get; init; }

    /// <summary>Size in bytes of the body served at /big.</summary>
    public int BigBodyBytes { get; init; } = 64 * 1024;

    /// <summary>nginx worker_connections (load tests open many connections).</summary>
    public int WorkerConnections { get; init; } = 8192;
}
