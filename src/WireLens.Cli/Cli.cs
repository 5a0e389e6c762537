namespace WireLens.Cli;

/// <summary>Shared command-line plumbing: one-line errors with the exit code to return.</summary>
public static class Cli
{
    public static int Error(TextWriter stderr, string message, int exitCode)
    {
        ArgumentNullException.ThrowIfNull(stderr);
        stderr.WriteLine($"wirelens: error: {message}");
        return exitCode;
    }
}
