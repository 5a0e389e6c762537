using Terminal.Gui.Drivers;
using Terminal.Gui.Input;
using WireLens.Reporting.Findings;
using Attribute = Terminal.Gui.Drawing.Attribute;

namespace WireLens.Tui.Shell;

/// <summary>
/// The findings, most severe first (error, warning, info; the report's order within a severity), each statement
/// escaped and wrapped under its severity and rule. Arrows and Page keys scroll when the pane has focus.
/// </summary>
internal sealed class FindingsView : PaneView
{
    private const int Indent = 2;

    private IReadOnlyList<Finding> _findings = [];
    private int _top;

    public FindingsView(Palette palette)
        : base(palette)
    {
        CanFocus = true;
    }

    protected override string PaneTitle => $"Findings ({_findings.Count})";

    public void Update(IReadOnlyList<Finding> findings)
    {
        ArgumentNullException.ThrowIfNull(findings);
        _findings = [.. findings.OrderByDescending(static f => f.Severity)];
        SetNeedsDraw();
    }

    /// <summary>The findings as drawn rows: (text, attribute of its leading tag, tag length).</summary>
    private List<(string Text, Attribute Tag, int TagLength)> Lines(int width)
    {
        var lines = new List<(string, Attribute, int)>();
        foreach (Finding f in _findings)
        {
            (string tag, Attribute attribute) = f.Severity switch
            {
                FindingSeverity.Error => ("ERROR", Palette.Alert),
                FindingSeverity.Warning => ("WARN", Palette.Warning),
                _ => ("info", Palette.Normal),
            };
            string group = f.Group == "*" ? string.Empty : " [" + Format.Wire(f.Group, 20) + "]";
            string head = tag + " " + Format.Wire(f.Rule, 32) + group;
            lines.Add((head, attribute, tag.Length));
            foreach (string part in Wrap(Format.Wire(f.Statement, 2000), width - Indent))
            {
                lines.Add((new string(' ', Indent) + part, Palette.Normal, 0));
            }
        }

        return lines;
    }

    protected override void DrawContent()
    {
        if (_findings.Count == 0)
        {
            Put(1, 1, "none", Palette.Normal);
            return;
        }

        List<(string Text, Attribute Tag, int TagLength)> lines = Lines(ContentWidth);
        _top = Math.Clamp(_top, 0, Math.Max(0, lines.Count - ContentHeight));
        for (int r = 0; r < ContentHeight && _top + r < lines.Count; r++)
        {
            (string text, Attribute tag, int tagLength) = lines[_top + r];
            Put(0, 1 + r, text, Palette.Normal);
            if (tagLength > 0)
            {
                Put(0, 1 + r, text[..tagLength], tag);
            }
        }
    }

    protected override bool OnKeyDown(Key key)
    {
        int page = Math.Max(1, ContentHeight - 1);
        int delta = key.KeyCode switch
        {
            KeyCode.CursorUp => -1,
            KeyCode.CursorDown => 1,
            KeyCode.PageUp => -page,
            KeyCode.PageDown => page,
            KeyCode.Home => int.MinValue / 2,
            KeyCode.End => int.MaxValue / 2,
            _ => 0,
        };
        if (delta == 0)
        {
            return false;
        }

        _top = Math.Max(0, _top + delta);
        SetNeedsDraw();
        return true;
    }

    /// <summary>Word wrap at spaces; a word longer than the width is cut into pieces.</summary>
    internal static IEnumerable<string> Wrap(string text, int width)
    {
        width = Math.Max(1, width);
        int start = 0;
        while (start < text.Length)
        {
            if (text.Length - start <= width)
            {
                yield return text[start..];
                yield break;
            }

            int cut = text.LastIndexOf(' ', start + width, width);
            if (cut <= start)
            {
                yield return text.Substring(start, width);
                start += width;
            }
            else
            {
                yield return text[start..cut];
                start = cut + 1;
            }
        }
    }
}
