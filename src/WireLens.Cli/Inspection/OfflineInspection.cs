using WireLens.Cli.Commands;
using WireLens.Reporting.Inspection;
using WireLens.Reporting.Summary;
using WireLens.Wire;

namespace WireLens.Cli.Inspection;

/// <summary>
/// The analysis of a capture file as the terminal UI watches it: while the file is read, snapshots carry the progress
/// and the connections released so far; at the end, the report (groups, findings) exactly as <c>analyze</c> prints it.
/// </summary>
public sealed class OfflineInspection
{
    private readonly AnalyzeArguments _args;
    private readonly ConnectionTable _table = new();
    private InspectionSnapshot _current;
    private long? _fileLength;

    public OfflineInspection(AnalyzeArguments args)
    {
        ArgumentNullException.ThrowIfNull(args);
        _args = args;
        _current = InspectionSnapshot.Starting(Path.GetFileName(args.File), live: false) with { Captures = [args.File] };
    }

    /// <summary>The latest snapshot.</summary>
    public InspectionSnapshot Current => Volatile.Read(ref _current);

    /// <summary>The report, once <see cref="Run"/> returned (null when nothing was analysed).</summary>
    public AnalysisReport? Report { get; private set; }

    /// <summary>Analyses the file (on the calling thread), publishing snapshots; returns <c>analyze</c>'s exit code.</summary>
    /// <param name="stdout">Receives the text report, as <c>analyze</c> writes it.</param>
    /// <param name="stderr">Receives the errors and warnings.</param>
    /// <param name="cancellation">Stops reading early (the user quit).</param>
    public int Run(TextWriter stdout, TextWriter stderr, CancellationToken cancellation = default)
    {
        var hooks = new AnalyzeHooks
        {
            Cancellation = cancellation,
            Opened = (length, _) =>
            {
                _fileLength = length;
                Publish(Current with { Header = Current.Header with { State = InspectionState.Reading, Progress = length is null ? null : 0 } });
            },
            Connections = new ConnectionTableSink(_table, capture: 0),
            Progress = (bytes, packets) => Publish(Current with
            {
                Header = Current.Header with
                {
                    State = InspectionState.Reading,
                    Packets = packets,
                    Progress = _fileLength is > 0 and { } length ? Math.Clamp((double)bytes / length, 0, 1) : null,
                },
                Connections = _table.Snapshot(),
            }),
        };

        int exit = AnalyzeCommand.Run(_args, stdout, stderr, hooks, out AnalysisReport? report);
        Report = report;
        if (report is not null)
        {
            Publish(Final(Current, report, _table.Snapshot()));
        }

        return exit;
    }

    /// <summary>The analysis ended without a report: <paramref name="message"/> says why.</summary>
    public void Failed(string message) =>
        Publish(Current with { Header = Current.Header with { State = InspectionState.Failed, Message = message } });

    /// <summary>Analyses <paramref name="file"/> with the default settings and returns the final snapshot (tests, benchmarks).</summary>
    public static InspectionSnapshot Analyze(string file)
    {
        var inspection = new OfflineInspection(new AnalyzeArguments(file, null, null, null, 300));
        inspection.Run(TextWriter.Null, TextWriter.Null);
        return inspection.Current;
    }

    private static InspectionSnapshot Final(InspectionSnapshot current, AnalysisReport report, ConnectionRows rows)
    {
        CaptureFacts facts = report.Summary.Capture;
        Timestamp? first = facts.FirstPacketTime;
        Timestamp? last = facts.LastPacketTime;
        TimeSpan span = first is { } f && last is { } l ? TimeSpan.FromMilliseconds(l.MillisecondsSince(f)) : TimeSpan.Zero;
        return current with
        {
            Header = current.Header with
            {
                State = InspectionState.Finished,
                Progress = 1,
                Packets = facts.PacketsRead,
                Elapsed = span,
                PacketsPerSecond = span > TimeSpan.Zero ? facts.PacketsRead / span.TotalSeconds : 0,
                ConnectionsSeen = report.Summary.Connections,
                OpenConnections = 0,
                Drops = (facts.Capturer?.DroppedByKernel ?? 0) + (facts.Capturer?.DroppedByInterface ?? 0),
            },
            Tools = report.Tools,
            Findings = report.Findings,
            Connections = rows,
            Origin = first,
        };
    }

    private void Publish(InspectionSnapshot snapshot) => Volatile.Write(ref _current, snapshot);
}
