using System.Diagnostics;
using CsCheck;

namespace WireLens.UnitTests.Fuzz;

/// <summary>
/// Runs one smoke fuzz target deterministically: inputs come from a CsCheck generator driven by a fixed seed (one
/// thread, so the same seed gives the same inputs in the same order). The harness never swallows an exception: it
/// fails the test with the input as hex so the input can be committed as a regression. An input that takes longer
/// than <see cref="SlowInput"/> is reported as a hang.
/// </summary>
internal static class FuzzHarness
{
    /// <summary>The PCG stream every harness uses; the seed alone tells runs apart.</summary>
    public const uint Stream = 1;

    /// <summary>
    /// One input slower than this is a finding (quadratic work on a few kilobytes), not noise: generous, because the
    /// test runs beside the end-to-end tests on a busy CI machine and an input of a few KB takes microseconds.
    /// </summary>
    public static readonly TimeSpan SlowInput = TimeSpan.FromSeconds(10);

    /// <summary>Runs <paramref name="target"/> on <paramref name="inputs"/> generated inputs; returns how many it executed.</summary>
    public static int Run<T>(ulong seed, int inputs, Gen<T> gen, Action<T> target, Func<T, string> describe)
    {
        // One PCG from a fixed seed, used on one thread: Check.Sample(seed: ...) would use its seed for the first
        // iteration only and draw the rest from per-thread random state, which is not reproducible.
        var pcg = new PCG(Stream, seed);
        int executed = 0;
        var clock = new Stopwatch();
        for (int i = 0; i < inputs; i++)
        {
            T input = gen.Generate(pcg, null, out _);
            clock.Restart();
            try
            {
                target(input);
            }
            catch (Exception ex)
            {
                // Not a catch-and-continue: the run stops here and the test fails with the input.
                throw new FuzzFindingException($"seed {seed}, input {i}: {ex.GetType().Name}: {ex.Message}\ninput: {describe(input)}", ex);
            }

            if (clock.Elapsed > SlowInput)
            {
                throw new FuzzFindingException($"seed {seed}, input {i}: took {clock.Elapsed.TotalSeconds:0.0} s (hang?)\ninput: {describe(input)}", null);
            }

            Interlocked.Increment(ref executed);
        }

        return executed;
    }

    public static string Hex(byte[] bytes) => Convert.ToHexString(bytes);
}
