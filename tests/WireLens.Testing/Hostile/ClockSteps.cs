namespace WireLens.Testing.Hostile;

/// <summary>Plans of clock steps for <see cref="ChurnOptions.ClockSteps"/>.</summary>
public static class ClockSteps
{
    /// <summary>A small step back (50 ms, more than a connection lasts).</summary>
    public const long SmallBackNs = 50_000_000;

    /// <summary>The one large step back (1 hour, more than the idle timeout).</summary>
    public const long LargeBackNs = 3_600_000_000_000;

    /// <summary>The jump forward, undone <see cref="ForwardConnections"/> connections later (1 day).</summary>
    public const long ForwardNs = 86_400_000_000_000;

    /// <summary>Connections written while the clock is a day ahead.</summary>
    public const int ForwardConnections = 100;

    /// <summary>
    /// For a churn of <paramref name="connections"/> connections (at least 1,000): from connection 137 on, every 500th connection the clock
    /// steps back <see cref="SmallBackNs"/> before one of its packets (the first, then the second, ... in turn, so some
    /// land inside a handshake or between request and response); at a quarter it jumps a day forward and
    /// <see cref="ForwardConnections"/> connections later back; at the half it steps back an hour. In capture order.
    /// </summary>
    public static IReadOnlyList<ClockStep> Hostile(long connections)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(connections, 1_000);
        long quarter = connections / 4, half = connections / 2;
        var steps = new List<ClockStep>();
        for (long i = FirstSmall; i < connections; i += 500)
        {
            steps.Add(new ClockStep(i, (int)(i / 500 % ShortHttpConnection.Packets), -SmallBackNs));
        }

        steps.Add(new ClockStep(quarter, 0, ForwardNs));
        steps.Add(new ClockStep(quarter + ForwardConnections, 0, -ForwardNs));
        steps.Add(new ClockStep(half, 0, -LargeBackNs));
        steps.Sort((a, b) => (a.Connection, a.Packet).CompareTo((b.Connection, b.Packet)));
        return steps;
    }

    /// <summary>The number of steps back in <see cref="Hostile"/>'s plan (each shows as one record earlier than the one before).</summary>
    public static long BackwardSteps(long connections) => ((connections - 1 - FirstSmall) / 500) + 1 + 2;

    // Off the multiples of 50, so that no small step falls on the packet of a large one.
    private const long FirstSmall = 137;
}
