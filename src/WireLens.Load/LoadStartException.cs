namespace WireLens.Load;

/// <summary>A load tool's process could not be started (no such file, not executable); the message is one line.</summary>
public sealed class LoadStartException : Exception
{
    public LoadStartException()
    {
    }

    public LoadStartException(string message)
        : base(message)
    {
    }

    public LoadStartException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
