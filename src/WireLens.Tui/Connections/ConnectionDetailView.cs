using System.Globalization;
using Terminal.Gui.Drawing;
using Terminal.Gui.Input;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;
using WireLens.Analysis.Connections;
using WireLens.Analysis.Ladder;
using WireLens.Reporting.Export;
using WireLens.Reporting.Inspection;
using WireLens.Reporting.Text;
using WireLens.Tui.Dissection;
using WireLens.Wire;
using WireLens.Wire.Ip;

namespace WireLens.Tui.Connections;

/// <summary>
/// The connection detail screen: a header with the connection's facts (from its row), the ladder diagram (every frame,
/// client rail left, server rail right, scrollable) and the dissection of the frame selected in the ladder. The ladder
/// and the frame bytes are read off the UI thread (<see cref="Task.Run(Action)"/>) and handed back with
/// <c>App.Invoke</c>; <see cref="Loading"/> is the read in flight. Tab moves between ladder and dissection; Esc (back)
/// belongs to the shell. Every wire string is escaped (<see cref="WireText.EscapeControl"/>).
/// </summary>
public sealed class ConnectionDetailView : View
{
    /// <summary>The ladder when no capture file can be read.</summary>
    public const string NoSourceMessage = "no capture file to read frames from";

    private readonly TextLinesView _header;
    private readonly TableView _ladder;
    private readonly TableView _dissection;
    private IReadOnlyList<LadderEvent> _events = [];
    private IReadOnlyList<string> _ladderMessage = [];
    private IReadOnlyList<string> _dissectionLines = [];
    private IConnectionDetailSource? _source;
    private int _generation;
    private int _frameRequest = -1;

    /// <summary>Creates the (empty) screen.</summary>
    public ConnectionDetailView()
    {
        CanFocus = true;
        Width = Dim.Fill();
        Height = Dim.Fill();

        _header = new TextLinesView { X = 0, Y = 0, Width = Dim.Fill(), Height = 4 };

        _ladder = new TableView(new LinesTableSource(LadderHeader, LadderRows, LadderLine))
        {
            X = 0,
            Y = Pos.Bottom(_header),
            Width = Dim.Fill(),
            Height = Dim.Percent(55),
            FullRowSelect = true,
            BorderStyle = LineStyle.Single,
            Title = "Ladder",
            HotKeySpecifier = (System.Text.Rune)0xFFFF,
            CanFocus = true,
            TabStop = TabBehavior.TabStop,
        };
        Plain(_ladder, showHeaders: true);
        _ladder.ValueChanged += (_, _) => OnLadderSelectionChanged();

        _dissection = new TableView(new LinesTableSource(() => string.Empty, () => _dissectionLines.Count, i => _dissectionLines[i]))
        {
            X = 0,
            Y = Pos.Bottom(_ladder),
            Width = Dim.Fill(),
            Height = Dim.Fill(),
            FullRowSelect = true,
            BorderStyle = LineStyle.Single,
            Title = "Frame",
            HotKeySpecifier = (System.Text.Rune)0xFFFF,
            CanFocus = true,
            TabStop = TabBehavior.TabStop,
        };
        Plain(_dissection, showHeaders: false);

        Add(_header, _ladder, _dissection);
    }

    /// <summary>The connection shown, if any.</summary>
    public ConnectionSummary? Connection { get; private set; }

    /// <summary>The background read in flight (the ladder or a frame); completed when idle. Its result is applied through <c>App.Invoke</c>.</summary>
    public Task Loading { get; private set; } = Task.CompletedTask;

    /// <summary>The header lines shown (escaped).</summary>
    public IReadOnlyList<string> HeaderLines => _header.Lines;

    /// <summary>The frames of the ladder shown (empty while loading or after an error).</summary>
    public IReadOnlyList<LadderEvent> Events => _events;

    /// <summary>The ladder's message instead of frames (loading, no source, the source's error); empty when frames are shown.</summary>
    public string LadderMessage => _ladderMessage.Count > 0 ? _ladderMessage[0] : string.Empty;

    /// <summary>The dissection lines shown (escaped).</summary>
    public IReadOnlyList<string> DissectionLines => _dissectionLines;

    /// <summary>Shows <paramref name="connection"/>; the ladder is read from <paramref name="source"/> off the UI thread.</summary>
    /// <param name="connection">The connection.</param>
    /// <param name="source">Where its frames are read back from; null when no capture file can be read (the ladder then says so).</param>
    /// <param name="origin">Time zero of relative times.</param>
    public void Show(in ConnectionSummary connection, IConnectionDetailSource? source, Timestamp origin)
    {
        ConnectionSummary row = connection;
        Connection = row;
        _source = source;
        int generation = ++_generation;
        _events = [];
        _frameRequest = -1;
        _header.Lines = Header(row, origin);
        SetDissection("Frame", []);
        if (source is null)
        {
            SetLadderMessage(NoSourceMessage);
            Loading = Task.CompletedTask;
            return;
        }

        SetLadderMessage(Inv($"reading frames {row.FirstFrame}–{row.LastFrame} …"));
        Loading = Task.Run(() =>
        {
            ConnectionLadder? ladder = source.TryLoadLadder(row, out string message);
            OnUiThread(() => ApplyLadder(generation, ladder, message));
        });
    }

    /// <summary>The header lines of <paramref name="c"/> (escaped): endpoints and groups, the connection's life, its TLS facts.</summary>
    public static IReadOnlyList<string> Header(in ConnectionSummary c, Timestamp origin)
    {
        string requests = c.Requests < 0 ? "?" : (c.RequestsEstimated ? "~" : string.Empty) + c.Requests.ToString(CultureInfo.InvariantCulture);
        string rtt = float.IsNaN(c.HandshakeRttMs) ? "—" : Inv($"{c.HandshakeRttMs:0.000} ms");
        string closeBy = c.CloseInitiator == WireLens.Analysis.Connections.Side.None ? string.Empty : " by " + ConnectionValues.Side(c.CloseInitiator);
        return
        [
            Inv($"{Endpoint(c.ClientIp, c.ClientPort)} → {Endpoint(c.ServerIp, c.ServerPort)} · stream {c.Stream} · group {WireText.EscapeControl(c.Group)} · tool {WireText.EscapeControl(c.Tool)}"),
            Inv($"start +{c.FirstTime.MillisecondsSince(origin) / 1000:0.000000} s · {c.DurationMs:0.000} ms · requests {requests} · RTT {rtt}"),
            Inv($"close {ConnectionValues.CloseKind(c.Close)}{closeBy} · TIME_WAIT {ConnectionValues.Side(c.TimeWaitSide)} · retrans {c.Retransmissions} · SYN retrans {c.SynRetransmits}"),
            Tls(c),
        ];
    }

    /// <summary>"host:port", IPv6 in brackets.</summary>
    public static string Endpoint(IpAddress ip, ushort port) =>
        ip.Version == 6 ? Inv($"[{ip}]:{port}") : Inv($"{ip}:{port}");

    /// <summary>The TLS line: version, resumed or full, ALPN, SNI, ClientHello→ServerHello (or the HTTP protocol when not TLS).</summary>
    public static string Tls(in ConnectionSummary c)
    {
        if (!c.IsTls)
        {
            return "not TLS · HTTP " + c.Http switch
            {
                HttpProtocolKind.Http10 => "1.0",
                HttpProtocolKind.Http11 => "1.1",
                HttpProtocolKind.H2c => "h2c",
                _ => "not seen",
            };
        }

        string version = c.TlsVersion switch
        {
            0 => "TLS (no ServerHello)",
            0x0300 => "SSL 3.0",
            >= 0x0301 and <= 0x0304 => Inv($"TLS 1.{c.TlsVersion - 0x0301}"),
            _ => Inv($"TLS 0x{c.TlsVersion:x4}"),
        };
        string resumed = c.TlsResumed switch { true => "resumed", false => "full", null => "handshake not seen" };
        string hello = float.IsNaN(c.ClientHelloToServerHelloMs) ? "—" : Inv($"{c.ClientHelloToServerHelloMs:0.000} ms");
        return $"{version} · {resumed} · ClientHello→ServerHello {hello} · ALPN {Wire(c.Alpn)} · SNI {Wire(c.Sni)}";
    }

    /// <inheritdoc/>
    protected override bool OnKeyDown(Key key)
    {
        if (key == Key.Tab || key == Key.Tab.WithShift)
        {
            TableView next = _ladder.HasFocus ? _dissection : _ladder;
            next.SetFocus();
            return true;
        }

        return base.OnKeyDown(key);
    }

    private static void Plain(TableView table, bool showHeaders)
    {
        table.Style.ShowHeaders = showHeaders;
        table.Style.AlwaysShowHeaders = true;
        table.Style.ShowHorizontalHeaderOverline = false;
        table.Style.ShowHorizontalHeaderUnderline = false;
        table.Style.ShowVerticalCellLines = false;
        table.Style.ShowVerticalHeaderLines = false;
        table.Style.ShowVerticalCellLineForFirstColumn = false;
        table.Style.ShowVerticalCellLineForLastColumn = false;
        table.Style.ExpandLastColumn = true;
        table.MaxCellWidth = 1000;
    }

    private static string Wire(string? value) => value is null ? "—" : WireText.EscapeControl(value);

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private int LineWidth => Math.Max(20, _ladder.Viewport.Width - 1);

    private string LadderHeader() => _events.Count > 0 ? LadderText.Header(LineWidth) : string.Empty;

    private int LadderRows() => _events.Count > 0 ? _events.Count : _ladderMessage.Count;

    private string LadderLine(int row) =>
        _events.Count > 0 ? LadderText.Line(_events[row], _events[0].Time, LineWidth) : _ladderMessage[row];

    private void OnUiThread(Action action)
    {
        if (App is { } app)
        {
            app.Invoke(action);
        }
        else
        {
            action();
        }
    }

    private void ApplyLadder(int generation, ConnectionLadder? ladder, string message)
    {
        if (generation != _generation)
        {
            return;
        }

        if (ladder is null || ladder.Events.Count == 0)
        {
            SetLadderMessage(ladder is null ? WireText.EscapeControl(message) : "no frames");
            return;
        }

        _events = ladder.Events;
        _ladderMessage = [];
        _ladder.Title = Inv($"Ladder · {ladder.Events.Count:N0} frames{(ladder.Truncated ? " (first " + ConnectionLadder.MaxEvents.ToString("N0", CultureInfo.InvariantCulture) + ")" : string.Empty)}");
        _ladder.Update();
        _frameRequest = -1;
        _ladder.RowOffset = 0;
        _ladder.SetSelection(0, 0, false, null); // reads frame 0 through ValueChanged when the cell changed
        if (_frameRequest != 0)
        {
            LoadFrame(0);
        }
    }

    private void OnLadderSelectionChanged()
    {
        if (_events.Count == 0 || _ladder.Value is not { } selection)
        {
            return;
        }

        int row = selection.SelectedCell.Y;
        if (row != _frameRequest && (uint)row < (uint)_events.Count)
        {
            LoadFrame(row);
        }
    }

    private void LoadFrame(int row)
    {
        _frameRequest = row;
        if (_source is not { } source || Connection is not { } connection)
        {
            return;
        }

        long frame = _events[row].Frame;
        int generation = _generation;
        SetDissection(Inv($"Frame {frame}"), [Inv($"reading frame {frame} …")]);
        Loading = Task.Run(() =>
        {
            CapturedFrame? captured = source.TryReadFrame(connection.Capture, frame, out string message);
            IReadOnlyList<string> lines = captured is null ? [WireText.EscapeControl(message)] : FrameDissector.Dissect(captured);
            OnUiThread(() =>
            {
                if (generation == _generation && row == _frameRequest)
                {
                    SetDissection(Inv($"Frame {frame}"), lines);
                }
            });
        });
    }

    private void SetLadderMessage(string message)
    {
        _ladderMessage = [message];
        _ladder.Title = "Ladder";
        _ladder.Update();
    }

    private void SetDissection(string title, IReadOnlyList<string> lines)
    {
        _dissectionLines = lines;
        _dissection.Title = title;
        _dissection.RowOffset = 0;
        _dissection.Update();
    }
}
