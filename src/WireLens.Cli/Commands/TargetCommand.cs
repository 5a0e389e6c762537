using System.CommandLine;
using System.Runtime.InteropServices;
using WireLens.Load.Target;
using WireLens.Target;

namespace WireLens.Cli.Commands;

/// <summary>
/// `wirelens target`: the embedded target server (docs/target.md) in the foreground. Once every listener accepts
/// connections it prints the ready line (<see cref="TargetReadyLine"/>) and a human line on standard output, then serves
/// until SIGINT or SIGTERM (or, with <c>--exit-on-stdin-eof</c>, until standard input ends) and exits 0.
/// </summary>
public static class TargetCommand
{
    /// <summary>How long requests in flight may take to finish once a stop was asked for.</summary>
    private static readonly TimeSpan s_stopGrace = TimeSpan.FromSeconds(3);

    public static Command Create()
    {
        var httpPort = new Option<int>("--http-port") { Description = "HTTP/1.1 cleartext port on 127.0.0.1 (0: any free port)." };
        var httpsPort = new Option<int>("--https-port") { Description = "HTTPS port (TLS 1.2/1.3, h2 and http/1.1 by ALPN; 0: any free port)." };
        var h2cPort = new Option<int>("--h2c-port") { Description = "h2c (HTTP/2 with prior knowledge) port (0: any free port)." };
        var keepAlive = new Option<double>("--keepalive-timeout")
        {
            Description = "Seconds an idle keep-alive connection stays open before the server closes it.",
            DefaultValueFactory = _ => new TargetOptions().KeepAliveTimeout.TotalSeconds,
        };
        var closeAfter = new Option<int?>("--close-after") { Description = "Close each connection after this many responses (HTTP/1.1 Connection: close, HTTP/2 GOAWAY)." };
        var responseBytes = new Option<int>("--response-bytes")
        {
            Description = "Response body size in bytes (a request may ask for another with ?size=N).",
            DefaultValueFactory = _ => new TargetOptions().ResponseBytes,
        };
        var delayMs = new Option<int>("--delay-ms") { Description = "Milliseconds to wait before each response (a request may ask with ?delay_ms=N)." };
        var exitOnEof = new Option<bool>("--exit-on-stdin-eof")
        {
            Description = "Exit when standard input reaches end-of-file: a parent that holds the pipe stops the target by dying.",
        };

        var command = new Command("target", "Serve HTTP/1.1, HTTPS (h1/h2) and h2c on 127.0.0.1 as a load-test target.")
        {
            httpPort, httpsPort, h2cPort, keepAlive, closeAfter, responseBytes, delayMs, exitOnEof,
        };
        command.SetAction(parse =>
        {
            double keepAliveSeconds = parse.GetValue(keepAlive);
            if (!(keepAliveSeconds > 0) || keepAliveSeconds > TimeSpan.MaxValue.TotalSeconds / 2)
            {
                return Cli.Error(Console.Error, "--keepalive-timeout must be a positive number of seconds", ExitCodes.NoResults);
            }

            var options = new TargetOptions
            {
                HttpPort = parse.GetValue(httpPort),
                HttpsPort = parse.GetValue(httpsPort),
                H2cPort = parse.GetValue(h2cPort),
                KeepAliveTimeout = TimeSpan.FromSeconds(keepAliveSeconds),
                CloseAfterRequests = parse.GetValue(closeAfter),
                ResponseBytes = parse.GetValue(responseBytes),
                ResponseDelay = TimeSpan.FromMilliseconds(parse.GetValue(delayMs)),
            };
            return Run(options, parse.GetValue(exitOnEof), Console.Out, Console.Error);
        });
        return command;
    }

    /// <summary>Serves until a stop is asked for; returns the exit code.</summary>
    public static int Run(TargetOptions options, bool exitOnStdinEof, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        if (!options.TryValidate(out string problem))
        {
            return Cli.Error(stderr, problem, ExitCodes.NoResults);
        }

        using var stop = new CancellationTokenSource();
        using PosixSignalRegistration sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => Stop(context, stop));
        using PosixSignalRegistration sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => Stop(context, stop));
        if (exitOnStdinEof)
        {
            WatchStandardInput(stop);
        }

        return ServeAsync(options, stdout, stderr, stop.Token).GetAwaiter().GetResult();
    }

    private static async Task<int> ServeAsync(TargetOptions options, TextWriter stdout, TextWriter stderr, CancellationToken stop)
    {
        TargetServer server;
        try
        {
            server = await TargetServer.StartAsync(options, stop);
        }
        catch (IOException e)
        {
            // Kestrel: "Failed to bind to address http://127.0.0.1:8080: address already in use."
            return Cli.Error(stderr, e.Message.TrimEnd('.'), ExitCodes.NoResults);
        }
        catch (OperationCanceledException)
        {
            return ExitCodes.Success;
        }

        await using (server)
        {
            var ready = new TargetReadyLine(server.HttpUrl, server.HttpsUrl, server.H2cUrl, Environment.ProcessId);
            stdout.WriteLine(ready.Format());
            stdout.WriteLine(ready.Describe());
            stdout.Flush();
            try
            {
                await Task.Delay(Timeout.Infinite, stop);
            }
            catch (OperationCanceledException)
            {
                // Asked to stop: a signal or the end of standard input.
            }

            await server.StopAsync(s_stopGrace);
        }

        return ExitCodes.Success;
    }

    private static void Stop(PosixSignalContext context, CancellationTokenSource stop)
    {
        // Handled: the runtime does not terminate the process, the server stops and Run returns 0.
        context.Cancel = true;
        stop.Cancel();
    }

    /// <summary>A background thread reads standard input and throws away what it reads; at end-of-file it stops the target.</summary>
    private static void WatchStandardInput(CancellationTokenSource stop)
    {
        var thread = new Thread(() =>
        {
            using Stream input = Console.OpenStandardInput();
            var buffer = new byte[256];
            try
            {
                while (input.Read(buffer) > 0)
                {
                }
            }
            catch (IOException)
            {
                // A broken pipe is an end of input too.
            }

            stop.Cancel();
        })
        {
            IsBackground = true,
            Name = "stdin watch",
        };
        thread.Start();
    }
}
