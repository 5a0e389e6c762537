using WireLens.Reporting.Inspection;
using WireLens.Tui;

namespace WireLens.UnitTests.Tui;

/// <summary>A feed whose snapshot the test sets, counting stop requests.</summary>
public sealed class FakeFeed(InspectionSnapshot current) : IInspectionFeed
{
    public InspectionSnapshot Current { get; set; } = current;

    public IConnectionDetailSource? Details => null;

    public int StopRequests { get; private set; }

    public void RequestStop() => StopRequests++;
}
