using System.Buffers.Binary;
using CsCheck;

namespace WireLens.UnitTests.Fuzz;

/// <summary>
/// Byte-level mutations of a seed input, AFL-style: bit flips, byte sets, truncation, inserted, deleted and duplicated
/// ranges, and 1/2/4-byte fields (either byte order) set to extremes so length fields point past the end or wrap.
/// </summary>
internal static class Mutator
{
    private static readonly uint[] s_extremes = [0, 1, 0x7F, 0x80, 0xFF, 0x7FFF, 0x8000, 0xFFFF, 0x7FFF_FFFF, 0x8000_0000, 0xFFFF_FFFF];

    /// <summary>A mutated copy of one of <paramref name="seeds"/>, or random bytes one time in eight.</summary>
    public static Gen<byte[]> From(IReadOnlyList<byte[]> seeds, int maxRandomLength = 512) =>
        Gen.Int[0, 7].SelectMany(kind => kind == 0
            ? Gen.Byte.Array[0, maxRandomLength]
            : Gen.Int[0, seeds.Count - 1].Select(Gen.ULong, (index, plan) => Mutate(seeds[index], plan)));

    /// <summary>Applies 1 to 8 mutations chosen by <paramref name="plan"/> (so an input is a pure function of the generated values).</summary>
    public static byte[] Mutate(byte[] seed, ulong plan)
    {
        var random = new Random(unchecked((int)plan ^ (int)(plan >> 32)));
        var data = new List<byte>(seed);
        int count = random.Next(1, 9);
        for (int m = 0; m < count; m++)
        {
            Apply(data, random);
        }

        return [.. data];
    }

    private static void Apply(List<byte> data, Random random)
    {
        int n = data.Count;
        int at = n == 0 ? 0 : random.Next(n);
        switch (random.Next(8))
        {
            case 0 when n > 0:
                data[at] ^= (byte)(1 << random.Next(8));
                break;
            case 1 when n > 0:
                data[at] = (byte)random.Next(256);
                break;
            case 2:
                // Truncate: keep a prefix.
                data.RemoveRange(at, n - at);
                break;
            case 3:
                byte[] inserted = new byte[random.Next(1, 64)];
                random.NextBytes(inserted);
                data.InsertRange(at, inserted);
                break;
            case 4 when n > 0:
                data.RemoveRange(at, Math.Min(n - at, random.Next(1, 64)));
                break;
            case 5 when n > 0:
                int length = Math.Min(n - at, random.Next(1, 64));
                data.InsertRange(random.Next(n), data.GetRange(at, length));
                break;
            default:
                SetExtreme(data, at, random);
                break;
        }
    }

    private static void SetExtreme(List<byte> data, int at, Random random)
    {
        int width = random.Next(3) switch { 0 => 1, 1 => 2, _ => 4 };
        if (at + width > data.Count)
        {
            return;
        }

        uint value = s_extremes[random.Next(s_extremes.Length)];
        Span<byte> field = stackalloc byte[4];
        if (random.Next(2) == 0)
        {
            BinaryPrimitives.WriteUInt32BigEndian(field, value);
            field = field[(4 - width)..];
        }
        else
        {
            BinaryPrimitives.WriteUInt32LittleEndian(field, value);
            field = field[..width];
        }

        for (int i = 0; i < width; i++)
        {
            data[at + i] = field[i];
        }
    }
}
