namespace WireLens.Tui.Shell;

/// <summary>What the help dialog (<c>?</c>) says: the keys and the connection filter's syntax (docs/tui.md, docs/connection-list.md).</summary>
internal static class HelpText
{
    public static IReadOnlyList<string> Lines { get; } =
    [
        "Keys",
        "  Tab / Shift-Tab   next / previous pane",
        "  Up Down PgUp PgDn move in the pane (groups: chart the group)",
        "  Enter             open the selected connection",
        "  Esc               back to the main screen (never quits)",
        "  /                 filter the connection list",
        "  s                 sort the list by the selected column",
        "  p                 pause the display (capture goes on)",
        "  e                 export the shown rows as CSV",
        "  ?                 this help",
        "  q, Ctrl-C         stop the capture and quit",
        string.Empty,
        "Filter terms (docs/connection-list.md)",
        "  group:NAME",
        "  close:client_fin|server_fin|simultaneous|",
        "        client_rst|server_rst|refused|open",
        "  tw:client|server|both|none",
        "  tls:yes|no",
        "  free-text",
        string.Empty,
        "Esc, Enter or ? closes this help.",
    ];
}
