using System.ComponentModel;
using System.Diagnostics;
using WireLens.Load.Processes;
using WireLens.Load.Tools;

namespace WireLens.Load;

/// <summary>
/// Runs a <see cref="LoadPlan"/>: each invocation without a shell, standard input closed at once, both output streams
/// collected (each capped at <see cref="OutputLimit"/> characters for the whole run); <see cref="LoadPlan.Repeat"/>
/// invocations by <see cref="LoadPlan.Parallel"/> workers. On cancellation or when the plan's time limit passes, every
/// running invocation gets SIGINT (the tools print their summary on it) and is killed with its tree after
/// <see cref="GracePeriod"/>; no further invocation starts. A tool's failure is data (exit code, output), never an
/// exception; only a process that cannot be started throws (<see cref="LoadStartException"/>).
/// <see cref="LoadOutput.Invocations"/> counts every invocation that was started and has ended, interrupted ones
/// included (an interrupted wrk still prints its summary).
/// </summary>
public sealed class LoadRunner
{
    /// <summary>The most characters kept of standard output, and of standard error, over a run (4 Mi).</summary>
    public const int OutputLimit = 4 * 1024 * 1024;

    private const string Setpriv = "/usr/bin/setpriv";

    private readonly TimeProvider _time;

    /// <param name="time">The wall clock for start and stop times (default: the system's).</param>
    public LoadRunner(TimeProvider? time = null)
    {
        _time = time ?? TimeProvider.System;
    }

    /// <summary>How long an interrupted tool may take to print its summary and exit before it is killed.</summary>
    public static TimeSpan GracePeriod { get; } = TimeSpan.FromSeconds(2);

    /// <summary>Runs <paramref name="plan"/> to its end, its time limit or <paramref name="cancellationToken"/>.</summary>
    /// <exception cref="LoadStartException">An invocation could not be started.</exception>
    public async Task<LoadResult> RunAsync(ILoadTool tool, LoadPlan plan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tool);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentOutOfRangeException.ThrowIfLessThan(plan.Repeat, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(plan.Parallel, 1);

        string? version = tool.ReadVersion(plan.Executable);
        var run = new RunState(plan.Repeat);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (plan.TimeLimit is { } limit)
        {
            stop.CancelAfter(limit);
        }

        DateTimeOffset started = _time.GetUtcNow();
        long clockStart = _time.GetTimestamp();
        int workers = (int)Math.Min(plan.Parallel, plan.Repeat);
        await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(() => WorkAsync(plan.Process, run, stop), CancellationToken.None)))
            .ConfigureAwait(false);
        TimeSpan elapsed = _time.GetElapsedTime(clockStart);
        DateTimeOffset stopped = _time.GetUtcNow();
        if (run.StartFailure is { } failure)
        {
            throw failure;
        }

        bool interrupted = run.Signalled || (stop.IsCancellationRequested && run.Started < plan.Repeat);
        var output = new LoadOutput(run.Stdout.ToString(), run.Stderr.ToString(), run.ExitCode, run.Completed, run.Failed)
        {
            Elapsed = elapsed,
            Truncated = run.Stdout.Truncated || run.Stderr.Truncated,
        };
        return new LoadResult(
            plan.Tool,
            plan,
            version,
            output,
            started,
            stopped,
            interrupted,
            interrupted && !cancellationToken.IsCancellationRequested,
            tool.ParseSummary(output));
    }

    private static async Task WorkAsync(ProcessSpec spec, RunState run, CancellationTokenSource stop)
    {
        while (!stop.IsCancellationRequested && run.TryTakeInvocation())
        {
            try
            {
                await RunOnceAsync(spec, run, stop.Token).ConfigureAwait(false);
            }
            catch (LoadStartException ex)
            {
                run.FailToStart(ex);
                await stop.CancelAsync().ConfigureAwait(false);
            }
        }
    }

    private static async Task RunOnceAsync(ProcessSpec spec, RunState run, CancellationToken stop)
    {
        // setpriv execs the tool in place (same pid, same comm) after asking the kernel to SIGKILL it when its parent
        // dies: a `wirelens run` killed with SIGKILL must not leave wrk loading the target for the rest of its -d.
        bool guarded = File.Exists(spec.FileName) && File.Exists(Setpriv);
        var startInfo = new ProcessStartInfo(guarded ? Setpriv : spec.FileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (guarded)
        {
            foreach (string argument in (string[])["--pdeathsig", "KILL", "--", spec.FileName])
            {
                startInfo.ArgumentList.Add(argument);
            }
        }

        foreach (string argument in spec.Arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach ((string name, string value) in spec.Environment)
        {
            startInfo.Environment[name] = value;
        }

        using var process = new Process { StartInfo = startInfo };
        var released = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        try
        {
            await StartOnOwnThreadAsync(process, released.Task).ConfigureAwait(false);
        }
        catch (Win32Exception ex)
        {
            throw new LoadStartException($"cannot start {spec.FileName}: {ex.Message}", ex);
        }

        try
        {
            await RunStartedAsync(process, run, stop).ConfigureAwait(false);
        }
        finally
        {
            released.SetResult();
        }
    }

    private static async Task RunStartedAsync(Process process, RunState run, CancellationToken stop)
    {
        // Standard input at end of file at once, like </dev/null: no tool here reads it.
        process.StandardInput.Close();
        var stdout = new CappedText(OutputLimit);
        var stderr = new CappedText(OutputLimit);
        Task pumps = Task.WhenAll(PumpAsync(process.StandardOutput, stdout), PumpAsync(process.StandardError, stderr));
        bool signalled = false;
        try
        {
            await process.WaitForExitAsync(stop).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            signalled = true;
            Signals.Interrupt(process.Id);
            await WaitOrKillAsync(process).ConfigureAwait(false);
        }

        // The pipes close when the process and its children have exited; a descendant that keeps them open is killed.
        try
        {
            await pumps.WaitAsync(GracePeriod, CancellationToken.None).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            await pumps.ConfigureAwait(false);
        }

        run.Finish(process.ExitCode, signalled, stdout.ToString(), stderr.ToString());
    }

    // The "parent" of PR_SET_PDEATHSIG is the thread that forked (prctl(2)), and a thread-pool thread may retire while
    // the tool still runs, which would kill the tool mid-run: so the fork happens on a thread that lives until
    // <paramref name="released"/> completes (after the process has exited).
    private static Task StartOnOwnThreadAsync(Process process, Task released)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                process.Start();
            }
            catch (Win32Exception ex)
            {
                started.SetException(ex);
                return;
            }
            catch (InvalidOperationException ex)
            {
                // Also ObjectDisposedException. What Process.Start throws goes to the awaiting caller, as before.
                started.SetException(ex);
                return;
            }
            catch (PlatformNotSupportedException ex)
            {
                started.SetException(ex);
                return;
            }

            started.SetResult();
            released.Wait();
        })
        {
            IsBackground = true,
            Name = "load tool parent",
        };
        thread.Start();
        return started.Task;
    }

    private static async Task WaitOrKillAsync(Process process)
    {
        using var grace = new CancellationTokenSource(GracePeriod);
        try
        {
            await process.WaitForExitAsync(grace.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    private static async Task PumpAsync(StreamReader reader, CappedText sink)
    {
        char[] buffer = new char[16 * 1024];
        int read;
        while ((read = await reader.ReadAsync(buffer.AsMemory(), CancellationToken.None).ConfigureAwait(false)) > 0)
        {
            sink.Append(buffer.AsSpan(0, read));
        }
    }

    /// <summary>The counts and output of a run, shared by its workers.</summary>
    private sealed class RunState(long repeat)
    {
        private readonly Lock _gate = new();
        private long _taken;

        public CappedText Stdout { get; } = new(OutputLimit);

        public CappedText Stderr { get; } = new(OutputLimit);

        public long Started => Math.Min(Interlocked.Read(ref _taken), repeat);

        public long Completed { get; private set; }

        public long Failed { get; private set; }

        public int ExitCode { get; private set; }

        public bool Signalled { get; private set; }

        public LoadStartException? StartFailure { get; private set; }

        /// <summary>Keeps the first start failure of any worker.</summary>
        public void FailToStart(LoadStartException failure)
        {
            lock (_gate)
            {
                StartFailure ??= failure;
            }
        }

        public bool TryTakeInvocation() => Interlocked.Increment(ref _taken) <= repeat;

        /// <summary>Adds an invocation's output as a whole, so that parallel invocations never interleave mid-line.</summary>
        public void Finish(int exitCode, bool signalled, string stdout, string stderr)
        {
            lock (_gate)
            {
                Stdout.Append(stdout);
                Stderr.Append(stderr);
                Completed++;
                Signalled |= signalled;
                if (exitCode != 0)
                {
                    Failed++;
                    if (ExitCode == 0)
                    {
                        ExitCode = exitCode;
                    }
                }
            }
        }
    }
}
