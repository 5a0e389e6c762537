namespace WireLens.Analysis.Connections;

/// <summary>
/// The history, User-Agent and Host strings, and the one-second request and retransmission timelines, last made on this
/// thread. Successive connections of one load generator almost always share them, so making a record hands out the same
/// objects again when their contents are the same, instead of new equal ones per connection (on a churn capture the
/// three strings were a third of the bytes its records allocate). Strings are immutable and a record's timelines are
/// never written once it holds them: sharing one between records changes nothing a consumer can see.
/// </summary>
/// <remarks>
/// Per thread: the history and timelines are made with the record, on whichever thread takes a released connection;
/// the User-Agent and Host when the connection is sealed, on the tracker's thread.
/// </remarks>
internal sealed class RecentRecordValues
{
    [ThreadStatic]
    private static RecentRecordValues? t_current;

    // Fields, so they can be passed by reference to the methods that replace them.
    public string? History;
    public string? UserAgent;
    public string? Host;
    public SecondCount[]? RequestSecond;
    public SecondCount[]? RetransmissionSecond;

    public static RecentRecordValues Current => t_current ??= new RecentRecordValues();
}
