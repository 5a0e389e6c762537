namespace WireLens.Analysis.Http;

/// <summary>Three-way outcome of a step of the stream parsers (STYLE rule 3): never a bare bool for "incomplete" and "invalid".</summary>
internal enum HttpParseStatus
{
    /// <summary>The element (line, frame header, body) is complete.</summary>
    Done,

    /// <summary>All input was consumed (or buffered) and the element is still incomplete.</summary>
    NeedMoreData,

    /// <summary>The input is not valid HTTP; the accompanying reason says why.</summary>
    Malformed,
}
