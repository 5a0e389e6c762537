namespace WireLens.Analysis.Http;

/// <summary>Where and why parsing of one direction stopped: <paramref name="Offset"/> is the stream offset of the line or frame at fault.</summary>
/// <param name="Reason">What was wrong.</param>
/// <param name="Offset">Byte offset in that direction's reassembled stream where the offending line or frame starts.</param>
public readonly record struct HttpParseError(HttpParseErrorReason Reason, long Offset);
