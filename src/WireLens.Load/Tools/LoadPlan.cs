namespace WireLens.Load.Tools;

/// <summary>One program invocation.</summary>
/// <param name="FileName">The program's full path.</param>
/// <param name="Arguments">Its arguments, one per item (no shell).</param>
public sealed record ProcessSpec(string FileName, IReadOnlyList<string> Arguments)
{
    /// <summary>Environment variables to set for the child.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>The command line as the manifest records it: the program first.</summary>
    public IReadOnlyList<string> CommandLine => [FileName, .. Arguments];
}

/// <summary>
/// What to run for one load: <see cref="Process"/> run <see cref="Repeat"/> times by <see cref="Parallel"/> workers
/// (1 and 1 for every tool but the curl loop, which runs one curl per request).
/// </summary>
/// <param name="Tool">The adapter's name.</param>
/// <param name="Process">The invocation.</param>
/// <param name="Concurrency">The concurrency the tool was configured with, for the manifest; null when it has none.</param>
public sealed record LoadPlan(string Tool, ProcessSpec Process, int? Concurrency)
{
    /// <summary>How many times <see cref="Process"/> is run in all.</summary>
    public long Repeat { get; init; } = 1;

    /// <summary>How many invocations run at once.</summary>
    public int Parallel { get; init; } = 1;

    /// <summary>An upper bound on the run's wall time after which it is stopped as if interrupted; null for none.</summary>
    public TimeSpan? TimeLimit { get; init; }

    /// <summary>
    /// The tool's own executable, whose version is read: <see cref="ProcessSpec.FileName"/> unless the plan runs the
    /// tool through another program (vegeta's <c>attack | report</c> pipeline runs under <c>/bin/sh</c>).
    /// </summary>
    public string Executable
    {
        get => field ?? Process.FileName;
        init;
    }
}

/// <summary>What a finished load printed, for <see cref="ILoadTool.ParseSummary"/>.</summary>
/// <param name="Stdout">Standard output (of every invocation, in completion order, for repeated plans).</param>
/// <param name="Stderr">Standard error, likewise.</param>
/// <param name="ExitCode">The exit code (the first non-zero one for repeated plans).</param>
/// <param name="Invocations">How many invocations ran to completion.</param>
/// <param name="FailedInvocations">How many of them exited non-zero.</param>
public sealed record LoadOutput(string Stdout, string Stderr, int ExitCode, long Invocations, long FailedInvocations)
{
    /// <summary>The wall time from the first start to the last exit, when known (the curl loop's rate comes from it).</summary>
    public TimeSpan? Elapsed { get; init; }

    /// <summary>Whether standard output or error was longer than the runner keeps (the middle is left out).</summary>
    public bool Truncated { get; init; }
}
