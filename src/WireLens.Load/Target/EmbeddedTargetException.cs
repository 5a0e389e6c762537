namespace WireLens.Load.Target;

/// <summary>
/// The embedded target did not get ready: it exited first (its one-line error is the message, e.g. a port in use), it
/// printed no ready line in time, or it could not be started at all. The message is one line, fit for the CLI's error.
/// </summary>
public sealed class EmbeddedTargetException : Exception
{
    public EmbeddedTargetException()
    {
    }

    public EmbeddedTargetException(string message)
        : base(message)
    {
    }

    public EmbeddedTargetException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The target's exit code when it exited before it was ready; null otherwise.</summary>
    public int? ExitCode { get; init; }
}
