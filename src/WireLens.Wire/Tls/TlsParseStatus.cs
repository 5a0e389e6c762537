namespace WireLens.Wire.Tls;

/// <summary>Outcome of a TLS parse step: never one value for both "truncated" and "invalid".</summary>
public enum TlsParseStatus
{
    /// <summary>A complete item was decoded; the out values are valid.</summary>
    Done = 0,

    /// <summary>The input ends inside the item; call again with more bytes.</summary>
    NeedMoreData,

    /// <summary>The input contradicts the specification; the reason says which field.</summary>
    Malformed,
}
