namespace WireLens.Reporting.Groups;

/// <summary>
/// One group's activity in one second of the capture (<see cref="Second"/> = floor of time since its first packet):
/// counts within the second, and gauges sampled at its end.
/// </summary>
public sealed record TimeSeriesRow(
    string Group,
    int Second,
    long Opened,
    long Closed,
    long Requests,
    long TlsFull,
    long TlsResumed,
    long Concurrent,
    long TimeWaitClient,
    long TimeWaitServer,
    long Retransmissions);
