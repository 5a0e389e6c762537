using System.Globalization;
using System.Text;
using Terminal.Gui.Drawing;
using Attribute = Terminal.Gui.Drawing.Attribute;
using Terminal.Gui.ViewBase;
using WireLens.Reporting.Inspection;

namespace WireLens.Tui.Shell;

/// <summary>
/// The two header rows: what is inspected, its state, time, packets, drops (alert attribute when non-zero); then
/// connections, the run, the reading progress bar and the state's message. Wire and user text is escaped.
/// </summary>
internal sealed class HeaderView : View
{
    private readonly Palette _palette;
    private InspectionHeader _header = InspectionSnapshot.Starting(string.Empty, live: false).Header;

    public HeaderView(Palette palette)
    {
        _palette = palette;
        Height = 2;
        Width = Dim.Fill();
    }

    /// <summary>The display is paused (<c>p</c>): the header says so.</summary>
    public bool Paused { get; set; }

    public void Update(InspectionHeader header)
    {
        _header = header;
        SetNeedsDraw();
    }

    protected override bool OnDrawingContent(DrawContext? context)
    {
        var line = new Line(this, 0);
        InspectionHeader h = _header;
        // Most important first, so that 80 columns show source, state, time and drops.
        if (Viewport.Width >= 100)
        {
            line.Add(" WireLens ", _palette.Reverse);
        }

        line.Add(" ", _palette.Normal);
        line.Add(Format.Wire(h.Source, Math.Max(8, Viewport.Width / 3)), _palette.Bold);
        line.Add("  ", _palette.Normal);
        line.Add(StateName(h.State), h.State == InspectionState.Failed ? _palette.Alert : _palette.Bold);
        if (Paused)
        {
            line.Add(" ", _palette.Normal);
            line.Add("PAUSED", _palette.Alert);
        }

        line.Add("  " + Format.Elapsed(h.Elapsed) + "  ", _palette.Normal);
        line.Add("drops " + Format.Count(h.Drops), h.Drops > 0 ? _palette.Alert : _palette.Normal);
        line.Add("  " + Format.Count(h.Packets) + " pkts", _palette.Normal);
        line.Add("  " + Format.Count((long)Math.Round(h.PacketsPerSecond)) + " pkt/s", _palette.Normal);

        line = new Line(this, 1);
        line.Add(" conns " + Format.Count(h.ConnectionsSeen) + " seen, " + Format.Count(h.OpenConnections) + " open", _palette.Normal);
        if (h.Run is not null)
        {
            string ordinal = h.RunOrdinal is null ? string.Empty : " (" + Format.Wire(h.RunOrdinal, 12) + ")";
            line.Add("  run ", _palette.Normal);
            line.Add(Format.Wire(h.Run, 24) + ordinal, _palette.Bold);
        }

        if (h.State == InspectionState.Reading && h.Progress is { } progress)
        {
            line.Add("  " + ProgressBar(progress, 20), _palette.Normal);
        }

        if (h.Message is not null)
        {
            line.Add("  ", _palette.Normal);
            line.Add(Format.Wire(h.Message, Math.Max(0, Viewport.Width - line.X)), h.State == InspectionState.Failed ? _palette.Alert : _palette.Normal);
        }

        return true;
    }

    private string ProgressBar(double progress, int width)
    {
        double share = Math.Clamp(progress, 0, 1);
        int full = (int)Math.Round(share * width);
        var bar = new StringBuilder(width + 8);
        bar.Append('[').Append(_palette.Glyphs.Full, full).Append(_palette.Glyphs.Empty, width - full).Append(']');
        bar.Append(CultureInfo.InvariantCulture, $" {share * 100,3:0}%");
        return bar.ToString();
    }

    private static string StateName(InspectionState state) => state switch
    {
        InspectionState.Starting => "starting",
        InspectionState.Reading => "reading",
        InspectionState.Capturing => "capturing",
        InspectionState.Stopping => "stopping",
        InspectionState.Analysing => "analysing",
        InspectionState.Finished => "finished",
        InspectionState.Failed => "FAILED",
        _ => state.ToString(),
    };

    /// <summary>Writes pieces left to right on one row, cut at the view's right edge.</summary>
    private struct Line(HeaderView view, int row)
    {
        public int X { get; private set; }

        public void Add(string text, Attribute attribute)
        {
            int room = view.Viewport.Width - X;
            if (room <= 0 || text.Length == 0)
            {
                return;
            }

            string shown = text.Length <= room ? text : text[..room];
            view.SetAttribute(attribute);
            view.Move(X, row);
            view.AddStr(shown);
            X += shown.Length;
        }
    }
}
