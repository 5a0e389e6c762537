using System.Text.Json;
using WireLens.Reporting.Export;
using WireLens.Wire;

namespace WireLens.Reporting.Json;

/// <summary>Writes typed connection columns as JSON properties: numbers, booleans, strings, null for unknown.</summary>
internal sealed class JsonFieldWriter(Utf8JsonWriter json, int fractionalDigits) : IConnectionFieldWriter
{
    public void Integer(string name, long? value)
    {
        if (value is { } v)
        {
            json.WriteNumber(name, v);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    public void Milliseconds(string name, double? value) => WriteMilliseconds(json, name, value);

    public void Time(string name, Timestamp? value) => json.WriteString(name, value?.ToIso8601(fractionalDigits));

    public void Boolean(string name, bool? value)
    {
        if (value is { } v)
        {
            json.WriteBoolean(name, v);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    public void Token(string name, string? value) => json.WriteString(name, value);

    // JSON keeps the exact wire text: the writer's escaping makes it safe, and no formula rule applies.
    public void WireString(string name, string? value) => json.WriteString(name, value);

    // Lists are JSON arrays of the exact strings (no ';' joining, so no item needs escaping); null when not applicable.
    public void TokenList(string name, IReadOnlyList<string>? values) => WriteArray(name, values);

    public void WireStringList(string name, IReadOnlyList<string>? values) => WriteArray(name, values);

    private void WriteArray(string name, IReadOnlyList<string>? values)
    {
        if (values is null)
        {
            json.WriteNull(name);
            return;
        }

        json.WriteStartArray(name);
        foreach (string value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }

    /// <summary>Milliseconds as a JSON number with exactly three decimals, like the CSV (null when unknown or not finite).</summary>
    internal static void WriteMilliseconds(Utf8JsonWriter json, string name, double? value)
    {
        json.WritePropertyName(name);
        if (value is { } v && double.IsFinite(v))
        {
            json.WriteRawValue(ConnectionValues.Milliseconds(v), skipInputValidation: true);
        }
        else
        {
            json.WriteNullValue();
        }
    }
}
