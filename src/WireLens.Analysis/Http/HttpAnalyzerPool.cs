namespace WireLens.Analysis.Http;

/// <summary>
/// HTTP analyzers kept for reuse by one connection tracker, on its thread. A connection takes one at its first HTTP
/// byte and gives it back, reset, when it closes (its facts and first User-Agent and Host taken out), so only open
/// connections hold parsers: a closed connection waiting for late packets does not, and the analyzer reused next is
/// one that was in use moments ago, still in the cache, not one untouched since seconds before.
/// </summary>
internal sealed class HttpAnalyzerPool
{
    /// <summary>Analyzers kept at most; more are left to the collector (as many HTTP connections were open at once).</summary>
    private const int MaxKept = 4_096;

    private readonly Stack<HttpConnectionAnalyzer> _kept = new();

    public HttpConnectionAnalyzer Take()
    {
        if (_kept.TryPop(out HttpConnectionAnalyzer? analyzer))
        {
            return analyzer;
        }

        analyzer = new HttpConnectionAnalyzer();
        analyzer.Reset();
        return analyzer;
    }

    /// <summary>Resets <paramref name="analyzer"/> (its connection is done with it) and keeps it.</summary>
    public void Return(HttpConnectionAnalyzer analyzer)
    {
        analyzer.Reset();
        if (_kept.Count < MaxKept)
        {
            _kept.Push(analyzer);
        }
    }
}
