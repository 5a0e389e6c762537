using Terminal.Gui.Drawing;
using Terminal.Gui.Input;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace WireLens.Tui.Connections;

/// <summary>
/// The small filter dialog over the connection list (<c>/</c>): a text field prefilled with the expression in force,
/// a line for the parse error, a key hint. Enter applies (an error keeps it open), Esc cancels. It is an overlay, not
/// a modal runnable, so the UI keeps refreshing behind it; the shell leaves keys alone while its text field has focus.
/// </summary>
internal sealed class FilterPrompt : View
{
    private readonly TextField _field;
    private readonly TextLinesView _error;
    private readonly Func<string, string?> _apply;

    /// <param name="apply">Applies an expression; returns the one-line parse error, or null when applied.</param>
    /// <param name="closed">Called after the prompt closed (applied or cancelled).</param>
    public FilterPrompt(Func<string, string?> apply, Action closed)
    {
        _apply = apply;
        Closed = closed;
        Title = "Filter";
        BorderStyle = LineStyle.Double;
        X = Pos.Center();
        Y = Pos.Center();
        Width = Dim.Percent(80);
        Height = 5;
        Visible = false;
        CanFocus = true;
        Arrangement = ViewArrangement.Overlapped;

        _field = new TextField { X = 0, Y = 0, Width = Dim.Fill() };
        _field.KeyDown += OnFieldKeyDown;
        _error = new TextLinesView { X = 0, Y = 1, Width = Dim.Fill(), Height = 1 };
        var hint = new TextLinesView
        {
            X = 0,
            Y = 2,
            Width = Dim.Fill(),
            Height = 1,
            Lines = ["Enter apply · Esc cancel · group:NAME close:KIND tw:SIDE tls:yes|no text"],
        };
        Add(_field, _error, hint);
    }

    private Action Closed { get; }

    /// <summary>The expression typed so far.</summary>
    public string Expression => _field.Text;

    /// <summary>The error shown (empty when none).</summary>
    public string Error => _error.Lines.Count > 0 ? _error.Lines[0] : string.Empty;

    /// <summary>Opens the prompt with <paramref name="expression"/>, the field focused.</summary>
    public void Open(string expression)
    {
        _field.Text = expression;
        _field.MoveEnd();
        _error.Lines = [];
        Visible = true;
        SuperView?.MoveSubViewToEnd(this);
        _field.SetFocus();
        SetNeedsDraw();
    }

    private void OnFieldKeyDown(object? sender, Key key)
    {
        if (key == Key.Enter)
        {
            if (_apply(_field.Text) is { } error)
            {
                _error.Lines = [error];
            }
            else
            {
                Close();
            }

            key.Handled = true;
        }
        else if (key == Key.Esc)
        {
            Close();
            key.Handled = true;
        }
    }

    private void Close()
    {
        Visible = false;
        Closed();
    }
}
