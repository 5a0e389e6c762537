using System.Text.Json;
using WireLens.Reporting.Export;
using WireLens.Reporting.Findings;
using WireLens.Reporting.Groups;
using WireLens.Reporting.Statistics;

namespace WireLens.Reporting.Json;

/// <summary>
/// The JSON report's <c>tools</c> (one object per group, keys as in tools.csv), <c>timeseries</c> (one object per
/// group and second) and <c>findings</c> arrays. Strings hold the exact text (the JSON writer escapes them).
/// </summary>
internal static class ToolsJson
{
    public static void WriteTools(Utf8JsonWriter json, ToolsReport report)
    {
        json.WriteStartArray();
        foreach (GroupReport g in report.Groups)
        {
            json.WriteStartObject();
            foreach (GroupColumn column in GroupFields.Columns)
            {
                WriteValue(json, column.Name, column.Kind, column.Value(g));
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    public static void WriteTimeSeries(Utf8JsonWriter json, ToolsReport report)
    {
        json.WriteStartArray();
        foreach (TimeSeriesRow row in report.TimeSeries)
        {
            json.WriteStartObject();
            json.WriteString("group", row.Group);
            json.WriteNumber("second", row.Second);
            long[] counts = GroupFields.TimeSeriesCounts(row);
            for (int i = 0; i < counts.Length; i++)
            {
                json.WriteNumber(GroupFields.TimeSeriesNames[i + 2], counts[i]);
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    public static void WriteFindings(Utf8JsonWriter json, IReadOnlyList<Finding> findings)
    {
        json.WriteStartArray();
        foreach (Finding f in findings)
        {
            json.WriteStartObject();
            json.WriteString("severity", Finding.SeverityName(f.Severity));
            json.WriteString("rule", f.Rule);
            json.WriteString("group", f.Group);
            json.WriteString("statement", f.Statement);
            json.WriteString("advice", f.Advice);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WriteValue(Utf8JsonWriter json, string name, CellKind kind, object? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
            return;
        }

        switch (kind)
        {
            case CellKind.Count:
                json.WriteNumber(name, Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture));
                break;
            case CellKind.Rate or CellKind.Share or CellKind.Milliseconds:
                double d = (double)value;
                if (double.IsFinite(d))
                {
                    json.WriteNumber(name, d);
                }
                else
                {
                    json.WriteNull(name);
                }

                break;
            case CellKind.Token or CellKind.WireString:
                json.WriteString(name, (string)value);
                break;
            case CellKind.WireStringList:
                json.WriteStartArray(name);
                foreach (string item in (IReadOnlyList<string>)value)
                {
                    json.WriteStringValue(item);
                }

                json.WriteEndArray();
                break;
            case CellKind.Boolean:
                json.WriteBoolean(name, (bool)value);
                break;
            case CellKind.CountTable:
                var table = (CountTable<string>)value;
                json.WriteStartObject(name);
                foreach ((string key, long count) in table.Counts)
                {
                    json.WriteNumber(key, count);
                }

                json.WriteEndObject();
                json.WriteNumber(name + "_other", table.Other);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, null);
        }
    }
}
