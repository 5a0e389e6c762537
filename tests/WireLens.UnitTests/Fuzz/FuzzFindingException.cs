namespace WireLens.UnitTests.Fuzz;

/// <summary>A fuzz input crashed or hung a target; the message holds the input.</summary>
public sealed class FuzzFindingException : Exception
{
    public FuzzFindingException()
    {
    }

    public FuzzFindingException(string message)
        : base(message)
    {
    }

    public FuzzFindingException(string message, Exception? inner)
        : base(message, inner)
    {
    }
}
