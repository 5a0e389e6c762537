namespace WireLens.Reporting.Groups;

/// <summary>
/// An append-only list stored in fixed chunks: growing never copies what is stored, so a list of hundreds of
/// thousands of items does not leave doubled arrays behind on the large-object heap.
/// </summary>
internal sealed class ChunkedList<T>
    where T : struct
{
    private const int ChunkBits = 12;
    private const int ChunkSize = 1 << ChunkBits;
    private readonly List<T[]> _chunks = [];

    public int Count { get; private set; }

    public ref T this[int index]
    {
        get
        {
            if ((uint)index >= (uint)Count)
            {
                throw new ArgumentOutOfRangeException(nameof(index));
            }

            return ref _chunks[index >> ChunkBits][index & (ChunkSize - 1)];
        }
    }

    public void Add(in T item)
    {
        if ((Count & (ChunkSize - 1)) == 0)
        {
            _chunks.Add(new T[ChunkSize]);
        }

        _chunks[Count >> ChunkBits][Count & (ChunkSize - 1)] = item;
        Count++;
    }
}
