using System.Globalization;
using System.Net;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;

namespace WireLens.Target;

/// <summary>
/// The embedded target: Kestrel on 127.0.0.1 with three listeners, HTTP/1.1 cleartext, HTTPS (TLS 1.2 and 1.3 with a
/// certificate made at start; h2 and http/1.1 by ALPN) and h2c with prior knowledge. Kestrel cannot tell HTTP/1.1 from
/// a prior-knowledge HTTP/2 preface on one cleartext port, hence the third port. Built on the empty web application
/// builder: no configuration files, no environment variables, no logging providers (nothing reaches the console), no
/// routing, so it is ready in tens of milliseconds.
/// </summary>
public sealed class TargetServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly X509Certificate2 _certificate;
    private bool _disposed;

    private TargetServer(WebApplication app, X509Certificate2 certificate, TargetOptions options, IPEndPoint http, IPEndPoint https, IPEndPoint h2c)
    {
        _app = app;
        _certificate = certificate;
        Options = options;
        HttpEndPoint = http;
        HttpsEndPoint = https;
        H2cEndPoint = h2c;
    }

    /// <summary>What it was started with.</summary>
    public TargetOptions Options { get; }

    /// <summary>The HTTP/1.1 cleartext listener, with the port actually bound.</summary>
    public IPEndPoint HttpEndPoint { get; }

    /// <summary>The HTTPS listener (h1 and h2 by ALPN), with the port actually bound.</summary>
    public IPEndPoint HttpsEndPoint { get; }

    /// <summary>The h2c prior-knowledge listener, with the port actually bound.</summary>
    public IPEndPoint H2cEndPoint { get; }

    /// <summary><c>http://127.0.0.1:PORT/</c>.</summary>
    public Uri HttpUrl => Url("http", HttpEndPoint);

    /// <summary><c>https://127.0.0.1:PORT/</c>.</summary>
    public Uri HttpsUrl => Url("https", HttpsEndPoint);

    /// <summary><c>http://127.0.0.1:PORT/</c> of the h2c listener.</summary>
    public Uri H2cUrl => Url("http", H2cEndPoint);

    /// <summary>The certificate's SHA-256 thumbprint (hex), for a client that wants to pin it.</summary>
    public string CertificateSha256 => _certificate.GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256);

    /// <summary>
    /// Binds the three listeners and returns once they accept connections. A port that cannot be bound (in use,
    /// not permitted) throws <see cref="IOException"/> with Kestrel's one-line message, and nothing stays bound.
    /// </summary>
    public static async Task<TargetServer> StartAsync(TargetOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.TryValidate(out string problem))
        {
            throw new ArgumentException(problem, nameof(options));
        }

        X509Certificate2 certificate = SelfSignedCertificate.Create();
        WebApplicationBuilder builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore();
        ListenOptions? http = null;
        ListenOptions? https = null;
        ListenOptions? h2c = null;
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.KeepAliveTimeout = options.KeepAliveTimeout;
            kestrel.Listen(IPAddress.Loopback, options.HttpPort, listen =>
            {
                listen.Protocols = HttpProtocols.Http1;
                http = listen;
            });
            kestrel.Listen(IPAddress.Loopback, options.HttpsPort, listen =>
            {
                listen.Protocols = HttpProtocols.Http1AndHttp2;
                listen.UseHttps(new HttpsConnectionAdapterOptions
                {
                    ServerCertificate = certificate,
                    SslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
                });
                https = listen;
            });
            kestrel.Listen(IPAddress.Loopback, options.H2cPort, listen =>
            {
                listen.Protocols = HttpProtocols.Http2;
                h2c = listen;
            });
        });

        WebApplication app = builder.Build();
        var responder = new TargetResponder(options);
        app.Run(responder.HandleAsync);
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch (IOException)
        {
            await app.DisposeAsync();
            certificate.Dispose();
            throw;
        }
        catch (OperationCanceledException)
        {
            await app.DisposeAsync();
            certificate.Dispose();
            throw;
        }

        // Kestrel writes the bound end point (the real port for port 0) back into each ListenOptions.
        return new TargetServer(app, certificate, options, http!.IPEndPoint!, https!.IPEndPoint!, h2c!.IPEndPoint!);
    }

    /// <summary>Stops accepting, lets requests in flight finish for at most <paramref name="grace"/>, then closes every connection.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        using var cts = new CancellationTokenSource(grace);
        await _app.StopAsync(cts.Token);
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await StopAsync(TimeSpan.FromSeconds(5));
        await _app.DisposeAsync();
        _certificate.Dispose();
    }

    private static Uri Url(string scheme, IPEndPoint endPoint) =>
        new(string.Create(CultureInfo.InvariantCulture, $"{scheme}://{endPoint.Address}:{endPoint.Port}/"));
}
