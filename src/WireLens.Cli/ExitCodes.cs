namespace WireLens.Cli;

/// <summary>Exit codes shared by every command (docs/cli.md).</summary>
public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>No results: missing or unreadable file, not a capture, bad arguments.</summary>
    public const int NoResults = 1;

    /// <summary>Damaged input: partial results were written.</summary>
    public const int Damaged = 2;

    /// <summary>A --fail-on threshold was met.</summary>
    public const int FailOn = 3;

    /// <summary>Cut short by a signal.</summary>
    public const int Interrupted = 130;
}
