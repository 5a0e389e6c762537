namespace WireLens.Testing;

/// <summary>The outcome of an external process run by <see cref="ProcessRunner"/>.</summary>
/// <param name="ExitCode">The exit code (137 after the kill that follows a time-out; -1 if it never exited).</param>
/// <param name="StdOut">Everything the process wrote on standard output.</param>
/// <param name="StdErr">Everything the process wrote on standard error.</param>
/// <param name="TimedOut">True when the time bound ran out and the process tree was killed.</param>
public sealed record ProcessResult(int ExitCode, string StdOut, string StdErr, bool TimedOut)
{
    /// <summary>True when the process exited by itself with code 0.</summary>
    public bool Succeeded => ExitCode == 0 && !TimedOut;

    /// <summary>A one-paragraph description for assertion messages.</summary>
    public string Describe(string what) =>
        $"{what}: exit {ExitCode}{(TimedOut ? " (timed out, killed)" : string.Empty)}\nstdout: {Tail(StdOut)}\nstderr: {Tail(StdErr)}";

    private static string Tail(string text) => text.Length <= 2000 ? text : "..." + text[^2000..];
}
