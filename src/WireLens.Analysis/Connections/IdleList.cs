using System.Diagnostics;

namespace WireLens.Analysis.Connections;

/// <summary>
/// The tracker's idle order: its open connections, least recently queued first, linked through the connections' own
/// <see cref="TcpConnection.IdlePrevious"/> and <see cref="TcpConnection.IdleNext"/>.
/// </summary>
/// <remarks>
/// Intrusive, unlike <c>LinkedList&lt;T&gt;</c>: no node object per connection (one object less to promote while the
/// pool warms up), and unlinking a connection writes its neighbours' connection objects, which the tracker's read-ahead
/// reaches, instead of their nodes, a step further.
/// </remarks>
internal sealed class IdleList
{
    private TcpConnection? _first;
    private TcpConnection? _last;

    /// <summary>The connection queued longest ago, or null when the list is empty.</summary>
    public TcpConnection? First => _first;

    /// <summary>Queues <paramref name="connection"/>, which is in no list, at the end.</summary>
    public void AddLast(TcpConnection connection)
    {
        Debug.Assert(!Contains(connection), "A connection is queued once.");
        connection.IdlePrevious = _last;
        connection.IdleNext = null;
        if (_last is null)
        {
            _first = connection;
        }
        else
        {
            _last.IdleNext = connection;
        }

        _last = connection;
    }

    /// <summary>Takes <paramref name="connection"/> out of the list; nothing when it is not in it.</summary>
    public void Remove(TcpConnection connection)
    {
        if (!Contains(connection))
        {
            return;
        }

        TcpConnection? previous = connection.IdlePrevious;
        TcpConnection? next = connection.IdleNext;
        if (previous is null)
        {
            _first = next;
        }
        else
        {
            previous.IdleNext = next;
        }

        if (next is null)
        {
            _last = previous;
        }
        else
        {
            next.IdlePrevious = previous;
        }

        connection.IdlePrevious = null;
        connection.IdleNext = null;
    }

    /// <summary>Moves <paramref name="connection"/>, which is in the list, to its end.</summary>
    public void MoveToEnd(TcpConnection connection)
    {
        Remove(connection);
        AddLast(connection);
    }

    /// <summary>Every connection in the list but the first has a previous one; one out of it has none.</summary>
    private bool Contains(TcpConnection connection) => connection.IdlePrevious is not null || ReferenceEquals(_first, connection);
}
