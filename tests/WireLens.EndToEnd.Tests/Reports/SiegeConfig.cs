using WireLens.Testing;

namespace WireLens.EndToEnd.Tests.Reports;

/// <summary>
/// A siege resource file (`siege -R FILE`) for the tests, so that neither /etc/siege/siegerc nor a user's
/// ~/.siege/siege.conf changes what a run does.
/// </summary>
public static class SiegeConfig
{
    /// <summary>
    /// Keeps what Debian's siege 4.0.7 does out of the box (its /etc/siege/siegerc and siege's built-in defaults):
    /// HTTP/1.1 with `connection = close`, so every transaction opens a connection and sends `Connection: close`.
    /// The rest bounds the run and keeps it quiet: no HTML parser (it would fetch the resources a page names), no delay
    /// between transactions (benchmark mode, as `-b`), a 10 s socket timeout, no log file and no JSON on stdout.
    /// </summary>
    public const string Text = """
        protocol = HTTP/1.1
        connection = close
        parser = false
        benchmark = true
        delay = 0
        timeout = 10
        failures = 10
        logging = false
        verbose = false
        quiet = true
        color = off
        json_output = false
        show-logfile = false
        """;

    /// <summary>Writes <see cref="Text"/> to a temp file and returns its path.</summary>
    public static string Write()
    {
        string path = Path.Combine(TestPaths.NewTempDirectory("wl-siege"), "siegerc");
        File.WriteAllText(path, Text + "\n");
        return path;
    }
}
