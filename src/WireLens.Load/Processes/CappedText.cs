using System.Globalization;
using System.Text;

namespace WireLens.Load.Processes;

/// <summary>
/// Text collected up to a limit: the first half of the limit is kept from the start and the last half from the end
/// (a tool's summary comes last), with a marker line where the middle was left out. Not thread-safe.
/// </summary>
public sealed class CappedText
{
    private readonly int _half;
    private readonly StringBuilder _head = new();
    private readonly StringBuilder _tail = new();
    private long _dropped;

    /// <param name="limit">The most characters kept (at least 2).</param>
    public CappedText(int limit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 2);
        _half = limit / 2;
    }

    /// <summary>Whether characters were left out.</summary>
    public bool Truncated => _dropped > 0;

    public void Append(ReadOnlySpan<char> text)
    {
        int toHead = Math.Min(text.Length, _half - _head.Length);
        if (toHead > 0)
        {
            _head.Append(text[..toHead]);
            text = text[toHead..];
        }

        if (text.IsEmpty)
        {
            return;
        }

        _tail.Append(text);

        // Trim in batches, when the tail has grown to twice its share, so that trimming stays linear overall.
        if (_tail.Length > 2 * _half)
        {
            int excess = _tail.Length - _half;
            _tail.Remove(0, excess);
            _dropped += excess;
        }
    }

    /// <summary>Everything kept, with <c>[wirelens: N characters left out]</c> on a line of its own where text was dropped.</summary>
    public override string ToString()
    {
        if (!Truncated)
        {
            return _head.ToString() + _tail.ToString();
        }

        // Drop the rest of the tail's first line, so the tail starts on a line boundary; the count includes it.
        string tail = _tail.ToString();
        int newline = tail.IndexOf('\n', StringComparison.Ordinal);
        long dropped = _dropped + (newline >= 0 ? newline + 1 : 0);
        tail = newline >= 0 ? tail[(newline + 1)..] : tail;
        return _head.ToString()
            + string.Create(CultureInfo.InvariantCulture, $"\n[wirelens: {dropped} characters left out]\n")
            + tail;
    }
}
