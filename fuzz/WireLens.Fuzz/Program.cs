using SharpFuzz;
using WireLens.Fuzz;

// afl++ harness: `WireLens.Fuzz <capture|decoder|tls|http|tcp>` under afl-fuzz (see fuzz/README.md). Targets never
// catch: an exception escapes to SharpFuzz, which reports it to afl-fuzz as a crash.
if (args.Length != 1 || !FuzzTargets.All.TryGetValue(args[0], out Action<byte[]>? target))
{
    await Console.Error.WriteLineAsync($"usage: WireLens.Fuzz <{string.Join('|', FuzzTargets.All.Keys)}>").ConfigureAwait(false);
    return 2;
}

Fuzzer.OutOfProcess.Run(stream =>
{
    using var copy = new MemoryStream();
    stream.CopyTo(copy);
    target(copy.ToArray());
});
return 0;
