using WireLens.Analysis.Tls;
using WireLens.UnitTests.Analysis;
using WireLens.Wire;

namespace WireLens.UnitTests.Tls;

/// <summary>
/// A TLS conversation as flights in packet order, each one side's records sent at one time (ms after
/// <see cref="SegmentTable.Base"/>), fed to a <see cref="TlsConnectionAnalyzer"/> in one call per flight, one byte
/// per call, or in random chunks. A chunk is timed at its flight's time plus <see cref="NanosecondsPerByte"/> per byte
/// of its offset in the flight, so the time a fact reports tells which chunk carried the byte it was taken from.
/// </summary>
internal sealed class TlsExchange
{
    public const long NanosecondsPerByte = 100;

    private readonly List<Flight> _flights = [];
    private readonly List<int[]> _chunkStarts = [];

    public IReadOnlyList<Flight> Flights => _flights;

    /// <summary>All bytes of both directions, in packet order.</summary>
    public int TotalLength => _flights.Sum(f => f.Bytes.Length);

    public TlsExchange Client(double ms, params byte[][] records) => Add(fromClient: true, ms, records);

    public TlsExchange Server(double ms, params byte[][] records) => Add(fromClient: false, ms, records);

    public static Timestamp At(double ms) => new(SegmentTable.Base.UnixNanoseconds + (long)Math.Round(ms * 1_000_000));

    /// <summary>Each flight in one call at its time.</summary>
    public TlsConnectionAnalyzer Feed() => Feed(f => [f.Bytes.Length]);

    /// <summary>One record per call, each timed by its offset in the flight.</summary>
    public TlsConnectionAnalyzer FeedRecordPerCall() => Feed(f => [.. f.Records.Select(r => r.Length)]);

    /// <summary>One byte per call, each with a time of its own.</summary>
    public TlsConnectionAnalyzer FeedBytePerCall() => Feed(f => [.. Enumerable.Repeat(1, f.Bytes.Length)]);

    /// <summary>Each flight cut every <paramref name="size"/> bytes.</summary>
    public TlsConnectionAnalyzer FeedInChunksOf(int size) => Feed(f =>
        [.. Enumerable.Range(0, (f.Bytes.Length + size - 1) / size).Select(i => Math.Min(size, f.Bytes.Length - (i * size)))]);

    /// <summary>Each flight cut at random places (1 to 40 bytes a chunk).</summary>
    public TlsConnectionAnalyzer FeedInRandomChunks(Random random) => Feed(f =>
    {
        List<int> lengths = [];
        for (int left = f.Bytes.Length; left > 0;)
        {
            int take = Math.Min(left, random.Next(1, 41));
            lengths.Add(take);
            left -= take;
        }

        return [.. lengths];
    });

    /// <summary>The first <paramref name="byteCount"/> bytes in packet order, one call per flight (the last one cut).</summary>
    public TlsConnectionAnalyzer FeedPrefix(int byteCount)
    {
        var analyzer = new TlsConnectionAnalyzer();
        int left = byteCount;
        foreach (Flight f in _flights)
        {
            int take = Math.Min(left, f.Bytes.Length);
            if (take == 0)
            {
                break;
            }

            Deliver(analyzer, f, f.Bytes.AsSpan(0, take), At(f.Ms));
            left -= take;
        }

        return analyzer;
    }

    /// <summary>Feeds every flight in chunks of the given lengths and remembers where each chunk began.</summary>
    public TlsConnectionAnalyzer Feed(Func<Flight, int[]> chunkLengths)
    {
        var analyzer = new TlsConnectionAnalyzer();
        _chunkStarts.Clear();
        foreach (Flight f in _flights)
        {
            int[] starts = new int[f.Bytes.Length];
            int offset = 0;
            foreach (int length in chunkLengths(f))
            {
                starts.AsSpan(offset, length).Fill(offset);
                Deliver(analyzer, f, f.Bytes.AsSpan(offset, length), ChunkTime(f, offset));
                offset += length;
            }

            Assert.Equal(f.Bytes.Length, offset);
            _chunkStarts.Add(starts);
        }

        return analyzer;
    }

    /// <summary>The time the last feed gave the first byte of record <paramref name="record"/> of flight <paramref name="flight"/>.</summary>
    public Timestamp TimeOfRecord(int flight, int record)
    {
        Flight f = _flights[flight];
        return ChunkTime(f, _chunkStarts[flight][f.RecordOffset(record)]);
    }

    /// <summary>Offset in packet order just after record <paramref name="record"/> of flight <paramref name="flight"/>.</summary>
    public int EndOf(int flight, int record) => StartOf(flight, record) + _flights[flight].Records[record].Length;

    /// <summary>Offset in packet order of the first byte of record <paramref name="record"/> of flight <paramref name="flight"/>.</summary>
    public int StartOf(int flight, int record) =>
        _flights.Take(flight).Sum(f => f.Bytes.Length) + _flights[flight].RecordOffset(record);

    private static Timestamp ChunkTime(Flight f, int offset) => new(At(f.Ms).UnixNanoseconds + (offset * NanosecondsPerByte));

    private static void Deliver(TlsConnectionAnalyzer analyzer, Flight f, ReadOnlySpan<byte> data, Timestamp time)
    {
        if (f.FromClient)
        {
            analyzer.OnClientData(data, time);
        }
        else
        {
            analyzer.OnServerData(data, time);
        }
    }

    private TlsExchange Add(bool fromClient, double ms, byte[][] records)
    {
        _flights.Add(new Flight(fromClient, ms, records));
        return this;
    }

    /// <summary>One side's records sent together.</summary>
    internal sealed record Flight(bool FromClient, double Ms, byte[][] Records)
    {
        public byte[] Bytes { get; } = [.. Records.SelectMany(r => r)];

        public int RecordOffset(int record) => Records.Take(record).Sum(r => r.Length);
    }
}
