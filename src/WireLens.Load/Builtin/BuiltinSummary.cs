namespace WireLens.Load.Builtin;

/// <summary>
/// What one run of the built-in generator did, as its summary line carries it (docs/builtin.md). Counts are exact;
/// latencies are in milliseconds, from <see cref="LatencyHistogram"/> (within 0.1%, exact below 2.048 ms).
/// </summary>
public sealed record BuiltinSummary
{
    /// <summary>The run's label, <c>builtin:PROFILE</c>.</summary>
    public required string Label { get; init; }

    /// <summary>Responses received, whatever their status: <see cref="Ok"/> + <see cref="StatusErrors"/>.</summary>
    public long Requests { get; init; }

    /// <summary>Responses with a status below 400, body read to the end.</summary>
    public long Ok { get; init; }

    /// <summary>Requests that failed while connecting: refused, unreachable, name not resolved, connect timeout, TLS handshake.</summary>
    public long ConnectErrors { get; init; }

    /// <summary>Requests not answered in full within the request timeout.</summary>
    public long TimeoutErrors { get; init; }

    /// <summary>Responses with a status of 400 or more.</summary>
    public long StatusErrors { get; init; }

    /// <summary>Any other failure: connection closed or reset mid-response, protocol errors.</summary>
    public long OtherErrors { get; init; }

    /// <summary>Every failed request.</summary>
    public long Errors => ConnectErrors + TimeoutErrors + StatusErrors + OtherErrors;

    /// <summary>Requests in flight when the run was interrupted (neither answered nor failed).</summary>
    public long Cancelled { get; init; }

    /// <summary>Open model: scheduled requests not sent because the in-flight bound was reached at their time.</summary>
    public long Dropped { get; init; }

    /// <summary>Open model: requests sent later than the late threshold after their scheduled time.</summary>
    public long Late { get; init; }

    /// <summary>TCP connections established (counted in SocketsHttpHandler.ConnectCallback).</summary>
    public long Connections { get; init; }

    /// <summary>TCP connection attempts that failed.</summary>
    public long ConnectFailures { get; init; }

    /// <summary>From the first request's start to the last one's end, in seconds.</summary>
    public double ElapsedSeconds { get; init; }

    /// <summary><see cref="Requests"/> per second of <see cref="ElapsedSeconds"/>.</summary>
    public double RequestsPerSecond { get; init; }

    /// <summary>Median latency in ms.</summary>
    public double P50Ms { get; init; }

    /// <summary>90th percentile latency in ms.</summary>
    public double P90Ms { get; init; }

    /// <summary>99th percentile latency in ms.</summary>
    public double P99Ms { get; init; }

    /// <summary>Mean latency in ms.</summary>
    public double MeanMs { get; init; }

    /// <summary>Largest latency in ms.</summary>
    public double MaxMs { get; init; }

    /// <summary>The run was cut short by a signal.</summary>
    public bool Interrupted { get; init; }
}
