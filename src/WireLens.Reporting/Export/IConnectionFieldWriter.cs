using WireLens.Wire;

namespace WireLens.Reporting.Export;

/// <summary>
/// Receives the columns of one connection from <see cref="ConnectionFields.Write"/>, typed, in column order.
/// The CSV writer turns them into cells, the JSON writer into properties. Null means unknown / does not apply.
/// </summary>
internal interface IConnectionFieldWriter
{
    void Integer(string name, long? value);

    void Milliseconds(string name, double? value);

    void Time(string name, Timestamp? value);

    void Boolean(string name, bool? value);

    /// <summary>Text WireLens produced itself (an address, an enum spelling, the history): never escaped.</summary>
    void Token(string name, string? value);

    /// <summary>Text copied from packets (User-Agent, Host): untrusted, escaped by the output.</summary>
    void WireString(string name, string? value);

    /// <summary>
    /// A list of tokens WireLens produced (never escaped), e.g. the resumption mechanisms offered. The CSV joins them
    /// with <c>;</c> and writes an empty list as <c>none</c> (an empty cell is reserved for null); JSON writes an array.
    /// </summary>
    void TokenList(string name, IReadOnlyList<string>? values);

    /// <summary>
    /// A list of texts copied from packets (ALPN names, alerts): untrusted. The CSV escapes each item, joins them with
    /// <c>;</c> and neutralises formula starts (<see cref="Text.WireText.CsvSafeList"/>), an empty list being an empty
    /// cell; JSON writes an array of the exact strings.
    /// </summary>
    void WireStringList(string name, IReadOnlyList<string>? values);
}
