using WireLens.Reporting.Inspection;
using WireLens.Tui;

namespace WireLens.Cli.Inspection;

/// <summary>The terminal UI's feed over a capture file (<c>analyze FILE --tui</c>).</summary>
/// <param name="inspection">The file's analysis, run on another thread.</param>
/// <param name="details">Reads connection details back from the file.</param>
/// <param name="cancel">Cancelled when the user quits: reading stops if it has not finished.</param>
public sealed class FileInspectionFeed(OfflineInspection inspection, IConnectionDetailSource? details, CancellationTokenSource cancel) : IInspectionFeed
{
    public InspectionSnapshot Current => inspection.Current;

    public IConnectionDetailSource? Details => details;

    public void RequestStop() => cancel.Cancel();
}
