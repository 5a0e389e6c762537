namespace WireLens.Analysis.Http;

/// <summary>Why a direction of an HTTP connection could not be parsed further (in the spirit of Kestrel's RequestRejectionReason).</summary>
public enum HttpParseErrorReason
{
    /// <summary>The request line is not <c>method SP request-target SP HTTP-version</c> (RFC 9112 section 3).</summary>
    InvalidRequestLine,

    /// <summary>The status line is not <c>HTTP-version SP status-code SP [reason-phrase]</c> (RFC 9112 section 4).</summary>
    InvalidStatusLine,

    /// <summary>The HTTP-version is not HTTP/1.0 or HTTP/1.x (RFC 9112 section 2.3).</summary>
    UnsupportedVersion,

    /// <summary>A field line is not <c>field-name ":" OWS field-value OWS</c> (RFC 9112 section 5, RFC 9110 section 5.5).</summary>
    InvalidHeaderLine,

    /// <summary>A header or trailer section is larger than <see cref="HttpLimits.MaxHeaderSectionBytes"/>.</summary>
    HeaderSectionTooLarge,

    /// <summary>Content-Length is not a decimal number, or its values disagree (RFC 9112 section 6.3, item 5).</summary>
    InvalidContentLength,

    /// <summary>A request's Transfer-Encoding does not end with chunked (RFC 9112 section 6.3, item 4).</summary>
    InvalidTransferEncoding,

    /// <summary>A chunk-size line is not hexadecimal digits with optional extensions (RFC 9112 section 7.1).</summary>
    InvalidChunkSize,

    /// <summary>Chunk data is not followed by CRLF (RFC 9112 section 7.1).</summary>
    InvalidChunkTerminator,

    /// <summary>The first HTTP/2 frame of an endpoint is not SETTINGS (RFC 9113 section 3.4).</summary>
    H2MissingSettings,

    /// <summary>A client HEADERS frame on stream 0 or on an even stream (RFC 9113 sections 5.1.1 and 6.2).</summary>
    H2InvalidStreamId,
}
