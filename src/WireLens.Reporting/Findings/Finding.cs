namespace WireLens.Reporting.Findings;

/// <summary>How bad a finding is; <c>--fail-on</c> compares against it.</summary>
public enum FindingSeverity
{
    Info,
    Warning,
    Error,
}

/// <summary>
/// One statement about a group, with the numbers that prove it and what to change (docs/findings.md).
/// </summary>
/// <param name="Severity">info, warning or error.</param>
/// <param name="Rule">The stable rule id (<c>no-reuse</c>, <c>client-time-wait</c> ...).</param>
/// <param name="Group">The group's key; the capture as a whole for capture-wide rules (<c>capture-incomplete</c>): <c>*</c>.</param>
/// <param name="Statement">One line with the numbers.</param>
/// <param name="Advice">What to change.</param>
public sealed record Finding(FindingSeverity Severity, string Rule, string Group, string Statement, string Advice)
{
    /// <summary><c>info</c>, <c>warning</c> or <c>error</c>.</summary>
    public static string SeverityName(FindingSeverity severity) => severity switch
    {
        FindingSeverity.Info => "info",
        FindingSeverity.Warning => "warning",
        FindingSeverity.Error => "error",
        _ => throw new ArgumentOutOfRangeException(nameof(severity), severity, null),
    };
}
