namespace WireLens.Analysis.Http;

/// <summary>Receives the fields of a header block as <see cref="HpackDecoder"/> decodes them, in order.</summary>
public interface IHpackFieldHandler
{
    /// <summary>One field; both spans are only valid during the call.</summary>
    void OnField(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value);
}
