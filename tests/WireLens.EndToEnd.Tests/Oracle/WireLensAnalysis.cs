using WireLens.Analysis.Connections;
using WireLens.Capture.Files;
using WireLens.Cli.Pipeline;

namespace WireLens.EndToEnd.Tests.Oracle;

/// <summary>Runs WireLens's offline pipeline in-process over a capture file and collects the records in stream order.</summary>
public static class WireLensAnalysis
{
    public static (List<ConnectionRecord> Records, CaptureAnalysisResult Result) Analyze(string path, CaptureAnalysisOptions? options = null)
    {
        CaptureOpenStatus status = CaptureFileReader.TryOpen(path, out CaptureFileReader? reader, out string error);
        Assert.True(status == CaptureOpenStatus.Opened, $"{path}: {status}: {error}");
        using (reader)
        {
            var sink = new CollectingSink();
            CaptureAnalysisResult result = CaptureAnalysisRunner.Run(reader!, options ?? new CaptureAnalysisOptions(), sink);
            return (sink.Records.OrderBy(r => r.Stream).ToList(), result);
        }
    }

    private sealed class CollectingSink : IConnectionSink
    {
        public List<ConnectionRecord> Records { get; } = [];

        public void OnConnection(ConnectionRecord record) => Records.Add(record);
    }
}
