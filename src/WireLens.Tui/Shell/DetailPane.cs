using WireLens.Tui.Connections;

namespace WireLens.Tui.Shell;

/// <summary>The detail screen's frame: a title row, then the <see cref="ConnectionDetailView"/> filling the rest.</summary>
internal sealed class DetailPane : PaneView
{
    public DetailPane(Palette palette, ConnectionDetailView detail)
        : base(palette)
    {
        ArgumentNullException.ThrowIfNull(detail);
        Detail = detail;
        CanFocus = true;
        detail.X = 0;
        detail.Y = 1;
        detail.Width = Terminal.Gui.ViewBase.Dim.Fill();
        detail.Height = Terminal.Gui.ViewBase.Dim.Fill();
        Add(detail);
    }

    public ConnectionDetailView Detail { get; }

    protected override string PaneTitle => Detail.Connection is { } c
        ? $"Connection {c.ClientIp}:{c.ClientPort} -> {c.ServerIp}:{c.ServerPort} (stream {c.Stream})  Esc back"
        : "Connection  Esc back";

    protected override void DrawContent()
    {
    }
}
