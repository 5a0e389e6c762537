using WireLens.Reporting.Runs;
using WireLens.Wire;

namespace WireLens.Reporting.Attribution;

/// <summary>
/// The manifest's runs cut into stretches of time in which the same runs were going on, each a
/// <see cref="RunWindow"/>; a connection's open time finds its stretch by binary search. A run covers its
/// <c>start</c> to its <c>stop</c>, both included. Not thread-safe (it remembers the last stretch found, since
/// connections come roughly in time order).
/// </summary>
internal sealed class RunTimeline
{
    // Stretch i is [_bounds[i], _bounds[i + 1]) in Unix nanoseconds; _windows[i] its runs (null: none).
    private readonly long[] _bounds;
    private readonly RunWindow?[] _windows;
    private int _last = -1;

    public RunTimeline(IReadOnlyList<RunEntry> runs)
    {
        var runVerdicts = new ToolVerdict[runs.Count];
        var bounds = new SortedSet<long>();
        for (int i = 0; i < runs.Count; i++)
        {
            runVerdicts[i] = new ToolVerdict(runs[i].Tool, ToolSource.Run, runs[i].Label);
            bounds.Add(runs[i].Start.UnixNanoseconds);
            bounds.Add(End(runs[i]));
        }

        _bounds = [.. bounds];
        _windows = new RunWindow?[Math.Max(0, _bounds.Length - 1)];
        var members = new List<RunEntry>();
        var memberVerdicts = new List<ToolVerdict>();
        for (int w = 0; w < _windows.Length; w++)
        {
            members.Clear();
            memberVerdicts.Clear();
            for (int i = 0; i < runs.Count; i++)
            {
                if (runs[i].Start.UnixNanoseconds <= _bounds[w] && _bounds[w] < End(runs[i]))
                {
                    members.Add(runs[i]);
                    memberVerdicts.Add(runVerdicts[i]);
                }
            }

            _windows[w] = members.Count == 0 ? null : new RunWindow(members, memberVerdicts);
        }
    }

    /// <summary>The runs going on at <paramref name="time"/>, or null when none was.</summary>
    public RunWindow? Find(Timestamp time)
    {
        long t = time.UnixNanoseconds;
        int last = _last;
        if ((uint)last < (uint)_windows.Length && _bounds[last] <= t && t < _bounds[last + 1])
        {
            return _windows[last];
        }

        int i = Array.BinarySearch(_bounds, t);
        if (i < 0)
        {
            // The stretch that begins at the last bound before t.
            i = ~i - 1;
        }

        if ((uint)i >= (uint)_windows.Length)
        {
            return null;
        }

        _last = i;
        return _windows[i];
    }

    // The first nanosecond after the run: stop is included. A stop at the last representable nanosecond loses it.
    private static long End(RunEntry run) =>
        run.Stop.UnixNanoseconds == long.MaxValue ? long.MaxValue : run.Stop.UnixNanoseconds + 1;
}
