using System.Buffers;
using System.Numerics;

namespace WireLens.Reporting.Groups;

/// <summary>
/// Sorts the sweeps' event keys (64-bit integers) ascending: a least-significant-digit radix sort over the keys'
/// distance from the smallest one, 12 bits a pass, so a capture spanning minutes sorts in three or four linear passes.
/// Short spans go to the runtime's comparison sort.
/// </summary>
public static class EventSort
{
    private const int DigitBits = 12;
    private const int Buckets = 1 << DigitBits;
    private const int RadixThreshold = 4096;

    /// <summary>Sorts <paramref name="values"/> in place, ascending.</summary>
    public static void Sort(Span<long> values)
    {
        if (values.Length < RadixThreshold)
        {
            values.Sort();
            return;
        }

        long min = long.MaxValue;
        long max = long.MinValue;
        foreach (long v in values)
        {
            min = Math.Min(min, v);
            max = Math.Max(max, v);
        }

        ulong range = unchecked((ulong)(max - min));
        if (range == 0)
        {
            return;
        }

        int passes = (64 - BitOperations.LeadingZeroCount(range) + DigitBits - 1) / DigitBits;
        long[] rented = ArrayPool<long>.Shared.Rent(values.Length);
        Span<long> source = values;
        Span<long> target = rented.AsSpan(0, values.Length);
        Span<int> offsets = stackalloc int[Buckets];
        for (int pass = 0; pass < passes; pass++)
        {
            int shift = pass * DigitBits;
            offsets.Clear();
            foreach (long v in source)
            {
                offsets[Digit(v, min, shift)]++;
            }

            int start = 0;
            for (int b = 0; b < Buckets; b++)
            {
                int count = offsets[b];
                offsets[b] = start;
                start += count;
            }

            foreach (long v in source)
            {
                target[offsets[Digit(v, min, shift)]++] = v;
            }

            Span<long> done = target;
            target = source;
            source = done;
        }

        if (passes % 2 == 1)
        {
            source.CopyTo(values);
        }

        ArrayPool<long>.Shared.Return(rented);
    }

    private static int Digit(long value, long min, int shift) =>
        (int)((unchecked((ulong)(value - min)) >> shift) & (Buckets - 1));
}
