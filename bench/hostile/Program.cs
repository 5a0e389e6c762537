using System.Globalization;
using WireLens.Testing.Hostile;

// hostile-gen CASE FILE [COUNT]: writes one synthetic hostile capture (tests/WireLens.Testing/Hostile) and prints the
// packets written. COUNT is packets for churn and churn-clock-steps, SYNs for syn-flood, connections otherwise.
if (args.Length is < 2 or > 3)
{
    await Console.Error.WriteLineAsync("usage: hostile-gen syn-flood|churn|churn-clock-steps|never-close|wrap FILE [COUNT]");
    return 2;
}

string file = args[1];
long? count = args.Length == 3 ? long.Parse(args[2], NumberStyles.None, CultureInfo.InvariantCulture) : null;
long packets = args[0] switch
{
    "syn-flood" => SynFlood.WritePcap(file, (int)(count ?? 1_000_000), seed: 42),
    "churn" => ChurnCapture.Write(file, new ChurnOptions { Packets = count ?? 1_000_000 }),
    "churn-clock-steps" => ChurnCapture.Write(file, new ChurnOptions { Packets = count ?? 1_000_000, ClockSteps = ClockSteps.Hostile((count ?? 1_000_000) / 10) }),
    "never-close" => NeverCloseCapture.Write(file, new NeverCloseOptions { Connections = (int)(count ?? 200_000) }),
    "wrap" => WrapCapture.Write(file, (int)(count ?? 20_000)),
    _ => -1,
};

if (packets < 0)
{
    await Console.Error.WriteLineAsync($"hostile-gen: unknown case {args[0]}");
    return 2;
}

Console.WriteLine(packets.ToString(CultureInfo.InvariantCulture));
return 0;
