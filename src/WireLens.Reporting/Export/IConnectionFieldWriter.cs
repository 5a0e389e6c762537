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
}
