using System.Diagnostics;
using System.Globalization;
using Terminal.Gui.Input;
using Terminal.Gui.Views;
using WireLens.Cli.Inspection;
using WireLens.Reporting.Inspection;
using WireLens.Tui.Connections;
using WireLens.Wire;

namespace WireLens.Bench.TuiList;

/// <summary>
/// Loads many connections into the terminal UI's connection list (Terminal.Gui's ANSI driver, 160×50, no terminal)
/// and times the initial load, sorts, filters, scrolling and live growth, each including the redraw. Reports
/// figures; asserts nothing about time.
/// </summary>
internal static class Program
{
    private const int Width = 160;
    private const int Height = 50;
    private const int ScrollSteps = 100;
    private const int GrowthRows = 1_000;

    private static readonly ConnectionColumn[] s_sortColumns =
    [
        ConnectionColumn.Stream, ConnectionColumn.DurationMs, ConnectionColumn.HandshakeRttMs,
        ConnectionColumn.Client, ConnectionColumn.Close, ConnectionColumn.Sni,
    ];

    private static int Main(string[] args)
    {
        int rows = 100_000;
        int reps = 7;
        string? capture = null;
        string? output = null;
        for (int i = 0; i < args.Length; i++)
        {
            string value = i + 1 < args.Length ? args[i + 1] : string.Empty;
            switch (args[i])
            {
                case "--rows" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n > 0:
                    rows = n;
                    i++;
                    break;
                case "--reps" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int r) && r > 0:
                    reps = r;
                    i++;
                    break;
                case "--capture" when value.Length > 0:
                    capture = value;
                    i++;
                    break;
                case "--out" when value.Length > 0:
                    output = value;
                    i++;
                    break;
                default:
                    Console.Error.WriteLine("usage: TuiListBench [--rows N] [--reps N] [--capture FILE.pcap] [--out FILE]");
                    return 2;
            }
        }

        capture ??= Path.Combine(RepositoryRoot(), "captures", "ab-no-keepalive.pcap");

        // The ANSI driver is never given the real terminal: Console.Out is swapped for a null writer while the
        // application exists, and the results go to the saved writer (or --out) at the end.
        TextWriter results = Console.Out;
        Console.SetOut(TextWriter.Null);
        List<Result> measured;
        string facts;
        try
        {
            (measured, facts) = Run(capture, rows, reps);
        }
        finally
        {
            Console.SetOut(results);
        }

        string table = Format(measured, facts);
        results.Write(table);
        if (output is not null)
        {
            File.WriteAllText(output, table);
        }

        return 0;
    }

    private static (List<Result> Results, string Facts) Run(string capture, int rowCount, int reps)
    {
        var results = new List<Result>();
        InspectionSnapshot seed = OfflineInspection.Analyze(capture);
        Timestamp origin = seed.Origin ?? default;
        ConnectionSummary[] all = SyntheticRows.Make(seed.Connections, origin, rowCount + (reps * GrowthRows), randomSeed: 20261201);
        var table = new ConnectionTable();
        for (int i = 0; i < rowCount; i++)
        {
            table.Append(all[i]);
        }

        InspectionSnapshot full = seed with { Connections = table.Snapshot() };
        InspectionSnapshot empty = seed with { Connections = ConnectionRows.Empty };

        // Terminal.Gui's own floor: the same screen with an empty top view.
        var bare = new Result("draw, empty top view (no list)");
        long bareBytes;
        using (var emptyScreen = new HeadlessScreen(Width, Height))
        using (var emptyTop = new Runnable())
        {
            emptyScreen.Show(emptyTop);
            bareBytes = GC.GetAllocatedBytesForCurrentThread();
            for (int r = 0; r < reps; r++)
            {
                bare.Add(Time(emptyScreen.Draw));
            }

            bareBytes = (GC.GetAllocatedBytesForCurrentThread() - bareBytes) / reps;
        }

        results.Add(bare);

        using var screen = new HeadlessScreen(Width, Height);
        var list = new ConnectionListView();
        using var top = new Runnable();
        top.Add(list);
        screen.Show(top);

        // Initial load: an empty list (unmeasured) then every row, and the first draw.
        var load = new Result("initial Update + draw");
        for (int r = 0; r < reps; r++)
        {
            list.Update(empty);
            screen.Draw();
            load.Add(Time(() =>
            {
                list.Update(full);
                screen.Draw();
            }));
        }

        results.Add(load);

        // A redraw with nothing changed: the floor under every figure below.
        var draw = new Result("draw alone (nothing changed)");
        long cellsBefore = list.Source.CellsRead;
        long drawBytes = GC.GetAllocatedBytesForCurrentThread();
        for (int r = 0; r < reps; r++)
        {
            draw.Add(Time(screen.Draw));
        }

        drawBytes = (GC.GetAllocatedBytesForCurrentThread() - drawBytes) / reps;
        long cellsPerDraw = (list.Source.CellsRead - cellsBefore) / reps;
        results.Add(draw);
        string title = screen.Line(0);
        string expected = string.Create(CultureInfo.InvariantCulture, $"Connections {rowCount:N0}");
        if (!title.Contains(expected, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"the list did not draw its rows: '{title.Trim()}'");
        }

        // Sorts: each column ascending (a new sort column), then again (reversed), with the redraw.
        var ascending = s_sortColumns.ToDictionary(c => c, c => new Result($"sort {ConnectionColumns.Header(c)} asc + draw"));
        var descending = s_sortColumns.ToDictionary(c => c, c => new Result($"sort {ConnectionColumns.Header(c)} desc (reverse) + draw"));
        for (int r = 0; r < reps; r++)
        {
            foreach (ConnectionColumn column in s_sortColumns)
            {
                ascending[column].Add(Time(() =>
                {
                    list.SortBy(column);
                    screen.Draw();
                }));
                Check(list.SortColumn == column && !list.SortDescending, "ascending sort");
                descending[column].Add(Time(() =>
                {
                    list.SortBy(column);
                    screen.Draw();
                }));
                Check(list.SortColumn == column && list.SortDescending, "descending sort");
            }
        }

        foreach (ConnectionColumn column in s_sortColumns)
        {
            results.Add(ascending[column]);
            results.Add(descending[column]);
        }

        // Filters, on the start-time order (the default).
        list.SortBy(ConnectionColumn.Start);
        screen.Draw();
        int tlsNoRows = 0;
        int textRows = 0;
        var tlsNo = new Result("filter tls:no + draw");
        var text = new Result("filter 127.0.0.1:4 (free text) + draw");
        var clear = new Result("clear filter + draw");
        for (int r = 0; r < reps; r++)
        {
            tlsNo.Add(Time(() => Filter(list, screen, "tls:no")));
            tlsNoRows = list.ShownRows;
            clear.Add(Time(() => Filter(list, screen, string.Empty)));
            text.Add(Time(() => Filter(list, screen, "127.0.0.1:4")));
            textRows = list.ShownRows;
            clear.Add(Time(() => Filter(list, screen, string.Empty)));
            Check(list.ShownRows == rowCount, "cleared filter");
        }

        results.Add(tlsNo);
        results.Add(text);
        results.Add(clear);

        // Scrolling: PageDown through the keyboard handling, a draw after each; then to the end and back to the top
        // (TableView binds those to Ctrl+End and Ctrl+Home; plain End and Home move along the row).
        var step = new Result($"PageDown + draw (per step, {ScrollSteps} per rep)");
        var end = new Result("Ctrl+End (last row) + draw");
        var home = new Result("Ctrl+Home (first row) + draw");
        var allocated = new List<double>();
        for (int r = 0; r < reps; r++)
        {
            screen.Press(Key.Home.WithCtrl);
            Check(list.FirstVisibleRow == 0, "Home before scrolling");
            for (int s = 0; s < ScrollSteps; s++)
            {
                long before = GC.GetAllocatedBytesForCurrentThread();
                step.Add(Time(() => screen.Press(Key.PageDown)));
                allocated.Add(GC.GetAllocatedBytesForCurrentThread() - before);
            }

            Check(list.FirstVisibleRow > 0, "PageDown scrolled");
            end.Add(Time(() => screen.Press(Key.End.WithCtrl)));
            Check(list.SelectedIndex == rowCount - 1, "End selects the last row");
            home.Add(Time(() => screen.Press(Key.Home.WithCtrl)));
            Check(list.SelectedIndex == 0, "Home selects the first row");
        }

        results.Add(step);
        results.Add(end);
        results.Add(home);

        // Live growth: the same table gains rows and the list is updated, as a running capture does.
        var growth = new Result(string.Create(CultureInfo.InvariantCulture, $"Update +{GrowthRows:N0} rows + draw"));
        for (int r = 0; r < reps; r++)
        {
            for (int i = 0; i < GrowthRows; i++)
            {
                table.Append(all[table.Count]);
            }

            InspectionSnapshot grown = seed with { Connections = table.Snapshot() };
            growth.Add(Time(() =>
            {
                list.Update(grown);
                screen.Draw();
            }));
            Check(list.ShownRows == table.Count, "grown rows shown");
        }

        results.Add(growth);

        allocated.Sort();
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        string facts = string.Create(
            CultureInfo.InvariantCulture,
            $"""
            rows {rowCount:N0} (+{reps * GrowthRows:N0} by the growth step), seed {Path.GetFileName(capture)} ({seed.Connections.Count:N0} connections), screen {Width}x{Height}, {reps} repetitions
            shown after tls:no {tlsNoRows:N0}, after 127.0.0.1:4 {textRows:N0}; ConnectionSummary {ConnectionTable.BytesPerConnection} bytes
            allocated per PageDown+draw: median {allocated[allocated.Count / 2] / (1024.0 * 1024):F2} MB, max {allocated[^1] / (1024.0 * 1024):F2} MB; per draw alone {drawBytes / (1024.0 * 1024):F2} MB ({cellsPerDraw:N0} cells read), per draw of an empty top view {bareBytes / (1024.0 * 1024):F2} MB
            peak working set {process.PeakWorkingSet64 / (1024.0 * 1024):F1} MB, GC heap now {GC.GetTotalMemory(forceFullCollection: true) / (1024.0 * 1024):F1} MB
            {Environment.ProcessorCount} logical CPUs, .NET {Environment.Version}, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}
            """);
        return (results, facts);
    }

    private static void Filter(ConnectionListView list, HeadlessScreen screen, string expression)
    {
        if (!list.TrySetFilter(expression, out string error))
        {
            throw new InvalidOperationException($"filter '{expression}': {error}");
        }

        screen.Draw();
    }

    private static void Check(bool condition, string what)
    {
        if (!condition)
        {
            throw new InvalidOperationException($"unexpected list state after {what}");
        }
    }

    private static double Time(Action action)
    {
        long start = Stopwatch.GetTimestamp();
        action();
        return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    }

    private static string Format(List<Result> results, string facts)
    {
        int width = Math.Max(10, results.Max(r => r.Name.Length));
        var text = new System.Text.StringBuilder();
        text.AppendLine(facts);
        text.AppendLine();
        text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"{"operation".PadRight(width)} {"n",5} {"first ms",9} {"median ms",10} {"max ms",9}"));
        foreach (Result r in results)
        {
            text.AppendLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{r.Name.PadRight(width)} {r.Count,5} {r.First,9:F2} {r.Median,10:F2} {r.Max,9:F2}"));
        }

        return text.ToString();
    }

    private static string RepositoryRoot()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "WireLens.sln")))
            {
                return dir.FullName;
            }
        }

        return Directory.GetCurrentDirectory();
    }

    /// <summary>One measured operation's samples in milliseconds.</summary>
    private sealed class Result(string name)
    {
        private readonly List<double> _samples = [];

        public string Name { get; } = name;

        public int Count => _samples.Count;

        public double First => _samples[0];

        public double Median
        {
            get
            {
                double[] sorted = [.. _samples];
                Array.Sort(sorted);
                return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
            }
        }

        public double Max => _samples.Max();

        public void Add(double milliseconds) => _samples.Add(milliseconds);
    }
}
