namespace WireLens.Analysis.Connections;

/// <summary>
/// The history, User-Agent and Host strings last made on this thread. Successive connections of one
/// load generator almost always share them, so making a record hands out the same string objects again when the text
/// is the same, instead of three new equal strings per connection (on a churn capture, a third of the bytes its
/// records allocate). Strings are immutable: sharing one between records changes nothing a consumer can see.
/// </summary>
/// <remarks>
/// Per thread: the history is made with the record, on whichever thread takes a released connection; the User-Agent
/// and Host when the connection is sealed, on the tracker's thread.
/// </remarks>
internal sealed class RecentRecordStrings
{
    [ThreadStatic]
    private static RecentRecordStrings? t_current;

    // Fields, so they can be passed by reference to the methods that replace them.
    public string? History;
    public string? UserAgent;
    public string? Host;

    public static RecentRecordStrings Current => t_current ??= new RecentRecordStrings();
}
