namespace WireLens.Wire.Tls.Fingerprints;

/// <summary>
/// The transport that carried a ClientHello: the first character of a JA4 fingerprint
/// (FoxIO-LLC/ja4 technical_details/JA4.md, "QUIC and DTLS").
/// </summary>
public enum FingerprintTransport : byte
{
    /// <summary>TLS over TCP: "t".</summary>
    Tcp = (byte)'t',

    /// <summary>QUIC (TLS 1.3 inside QUIC CRYPTO frames): "q".</summary>
    Quic = (byte)'q',

    /// <summary>DTLS over UDP or SCTP: "d".</summary>
    Dtls = (byte)'d',
}
