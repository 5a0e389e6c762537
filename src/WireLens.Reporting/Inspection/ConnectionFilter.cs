using System.Text;
using WireLens.Analysis.Connections;
using WireLens.Reporting.Export;
using WireLens.Wire;

namespace WireLens.Reporting.Inspection;

/// <summary>
/// Which rows the connection list shows: every given condition must hold (docs/connection-list.md). Written by the
/// user as an expression, <c>group:wrk close:server_rst tw:none tls:no "10.0.0.7"</c> (<see cref="TryParse"/>);
/// <see cref="ToString"/> gives the canonical expression back.
/// </summary>
public sealed partial record ConnectionFilter
{
    /// <summary>The filter that keeps every row.</summary>
    public static ConnectionFilter None { get; } = new();

    /// <summary>Rows of this report group only (exact, case-sensitive group key); null for any.</summary>
    public string? Group { get; init; }

    /// <summary>Rows that ended this way; null for any.</summary>
    public CloseKind? Close { get; init; }

    /// <summary>Rows whose TIME_WAIT side is this (<see cref="Side.None"/>: no side entered TIME_WAIT); null for any.</summary>
    public Side? TimeWait { get; init; }

    /// <summary>TLS rows (true) or the others (false); null for any.</summary>
    public bool? Tls { get; init; }

    /// <summary>Rows where some column's display text contains this, ignoring case; null or empty for any.</summary>
    public string? Text { get; init; }

    /// <summary>True when the filter keeps every row.</summary>
    public bool IsEmpty => Group is null && Close is null && TimeWait is null && Tls is null && string.IsNullOrEmpty(Text);

    /// <summary>Whether <paramref name="row"/> passes (the text is looked for in <see cref="ConnectionColumns.Text"/> of each column).</summary>
    public bool Matches(in ConnectionSummary row, Timestamp origin)
    {
        if (!MatchesKeys(row))
        {
            return false;
        }

        if (string.IsNullOrEmpty(Text))
        {
            return true;
        }

        foreach (ConnectionColumn column in ConnectionColumns.All)
        {
            if (ConnectionColumns.Text(row, column, origin).Contains(Text, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The conditions other than <see cref="Text"/> (cheap: compared before any text is made).</summary>
    internal bool MatchesKeys(in ConnectionSummary row) =>
        (Group is null || string.Equals(row.Group, Group, StringComparison.Ordinal))
        && (Close is not { } close || row.Close == close)
        && (TimeWait is not { } side || row.TimeWaitSide == side)
        && (Tls is not { } tls || row.IsTls == tls);

    /// <summary>
    /// The canonical expression: <c>group:</c>, <c>close:</c>, <c>tw:</c>, <c>tls:</c> in that order, then the text;
    /// a value is quoted when it would not read back as itself. Empty for <see cref="None"/>.
    /// <see cref="TryParse"/> of it gives an equal filter.
    /// </summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        if (Group is not null)
        {
            Append(sb, GroupKey + ":" + QuoteIfNeeded(Group, asText: false));
        }

        if (Close is { } close)
        {
            Append(sb, CloseKey + ":" + ConnectionValues.CloseKind(close));
        }

        if (TimeWait is { } side)
        {
            Append(sb, TimeWaitKey + ":" + ConnectionValues.Side(side));
        }

        if (Tls is { } tls)
        {
            Append(sb, TlsKey + ":" + (tls ? "yes" : "no"));
        }

        if (!string.IsNullOrEmpty(Text))
        {
            Append(sb, QuoteIfNeeded(Text, asText: true));
        }

        return sb.ToString();
    }

    private static void Append(StringBuilder sb, string term)
    {
        if (sb.Length > 0)
        {
            sb.Append(' ');
        }

        sb.Append(term);
    }
}
