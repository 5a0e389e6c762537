using System.Globalization;
using System.Text;
using Terminal.Gui.Drivers;
using Terminal.Gui.Input;
using WireLens.Reporting.Groups;

namespace WireLens.Tui.Shell;

/// <summary>
/// The per-group table: one row per report group with the columns that fit (<see cref="GroupColumns"/>). The selected
/// row (arrows, mouse) picks the group the charts show; it is kept by group key across refreshes.
/// </summary>
internal sealed class GroupTableView : PaneView
{
    private ToolsReport? _report;
    private int _selected;
    private int _top;

    public GroupTableView(Palette palette)
        : base(palette)
    {
        CanFocus = true;
    }

    /// <summary>Raised when another group is selected (or the report brings a different first group).</summary>
    public event EventHandler? SelectionChanged;

    /// <summary>The selected group's key; null while there are no groups.</summary>
    public string? SelectedGroup => _report is { Groups.Count: > 0 } r ? r.Groups[Math.Min(_selected, r.Groups.Count - 1)].Group : null;

    /// <summary>Groups shown.</summary>
    public int GroupCount => _report?.Groups.Count ?? 0;

    protected override string PaneTitle => _report is null
        ? "Groups"
        : string.Create(CultureInfo.InvariantCulture, $"Groups by {_report.GroupBy} ({_report.Groups.Count}; ^ = peak; TIME_WAIT {_report.TimeWaitSeconds:0.###} s)");

    public void Update(ToolsReport? report)
    {
        string? before = SelectedGroup;
        _report = report;
        int index = -1;
        if (report is not null && before is not null)
        {
            for (int i = 0; i < report.Groups.Count; i++)
            {
                if (string.Equals(report.Groups[i].Group, before, StringComparison.Ordinal))
                {
                    index = i;
                    break;
                }
            }
        }

        _selected = Math.Max(0, index);
        if (!string.Equals(before, SelectedGroup, StringComparison.Ordinal))
        {
            SelectionChanged?.Invoke(this, EventArgs.Empty);
        }

        SetNeedsDraw();
    }

    protected override void DrawContent()
    {
        IReadOnlyList<GroupColumn> columns = GroupColumns.Fitting(ContentWidth);
        var line = new StringBuilder(ContentWidth);
        foreach (GroupColumn column in columns)
        {
            line.Append(column.Right ? column.Header.PadLeft(column.Width - 1) : column.Header.PadRight(column.Width - 1)).Append(' ');
        }

        Put(0, 1, line.ToString(), Palette.Bold);
        if (_report is null || _report.Groups.Count == 0)
        {
            Put(1, 2, _report is null ? "no connection released yet" : "no TCP connections", Palette.Normal);
            return;
        }

        int rows = Math.Max(1, ContentHeight - 1);
        _top = Math.Clamp(_top, Math.Max(0, _selected - rows + 1), _selected);
        for (int r = 0; r < rows && _top + r < _report.Groups.Count; r++)
        {
            GroupReport g = _report.Groups[_top + r];
            line.Clear();
            foreach (GroupColumn column in columns)
            {
                line.Append(column.Cell(column.Value(g)));
            }

            string text = line.ToString().PadRight(ContentWidth);
            bool selected = _top + r == _selected;
            Put(0, 2 + r, text, selected ? Palette.Reverse : Palette.Normal);
        }
    }

    protected override bool OnKeyDown(Key key)
    {
        int count = GroupCount;
        if (count == 0)
        {
            return false;
        }

        int page = Math.Max(1, ContentHeight - 1);
        int target = key.KeyCode switch
        {
            KeyCode.CursorUp => _selected - 1,
            KeyCode.CursorDown => _selected + 1,
            KeyCode.PageUp => _selected - page,
            KeyCode.PageDown => _selected + page,
            KeyCode.Home => 0,
            KeyCode.End => count - 1,
            _ => int.MinValue,
        };
        if (target == int.MinValue)
        {
            return false;
        }

        Select(Math.Clamp(target, 0, count - 1));
        return true;
    }

    protected override bool OnMouseEvent(Mouse mouse)
    {
        ArgumentNullException.ThrowIfNull(mouse);
        if (mouse.Flags.HasFlag(MouseFlags.LeftButtonClicked) && mouse.Position is { } position && position.Y >= 2)
        {
            int index = _top + position.Y - 2;
            if (index < GroupCount)
            {
                SetFocus();
                Select(index);
                return true;
            }
        }

        return false;
    }

    private void Select(int index)
    {
        if (index == _selected)
        {
            return;
        }

        _selected = index;
        SetNeedsDraw();
        SelectionChanged?.Invoke(this, EventArgs.Empty);
    }
}
