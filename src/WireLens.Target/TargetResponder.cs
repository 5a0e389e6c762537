using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace WireLens.Target;

/// <summary>
/// The target's one endpoint: any method on any path gets 200 with a text/plain body of
/// <see cref="TargetOptions.ResponseBytes"/> bytes after <see cref="TargetOptions.ResponseDelay"/>; the query may
/// override both for one request (<c>?size=N&amp;delay_ms=N</c>, bounded by <see cref="TargetOptions.MaxResponseBytes"/>
/// and <see cref="TargetOptions.MaxResponseDelay"/>; anything else there is a 400). A request body is read and dropped.
/// </summary>
internal sealed class TargetResponder
{
    /// <summary>The body is this text repeated and cut at the size, so the default 13 bytes read "Hello, World!".</summary>
    private const string Pattern = "Hello, World!\n";

    /// <summary>A whole number of patterns, so consecutive chunks continue the text.</summary>
    private static readonly byte[] s_chunk = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat(Pattern, 4096)));

    private readonly TargetOptions _options;

    public TargetResponder(TargetOptions options) => _options = options;

    public async Task HandleAsync(HttpContext context)
    {
        HttpRequest request = context.Request;
        HttpResponse response = context.Response;
        CancellationToken aborted = context.RequestAborted;
        if (!TryReadOverrides(request.Query, out int size, out TimeSpan delay, out string problem))
        {
            response.StatusCode = StatusCodes.Status400BadRequest;
            response.ContentType = "text/plain";
            await response.WriteAsync(problem + "\n", aborted);
            return;
        }

        try
        {
            await request.Body.CopyToAsync(Stream.Null, aborted);
            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, aborted);
            }
        }
        catch (OperationCanceledException)
        {
            // The client went away while we waited: nothing to answer.
            return;
        }

        CountRequest(context);
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/plain";
        response.ContentLength = size;
        if (HttpMethods.IsHead(request.Method))
        {
            return;
        }

        for (int written = 0; written < size && !aborted.IsCancellationRequested; written += s_chunk.Length)
        {
            await response.Body.WriteAsync(s_chunk.AsMemory(0, Math.Min(s_chunk.Length, size - written)), aborted);
        }
    }

    /// <summary>
    /// With <see cref="TargetOptions.CloseAfterRequests"/>, counts the request on its connection and on the N-th asks
    /// for the connection to close: on HTTP/1.x with <c>Connection: close</c> on the response (Kestrel then closes
    /// after writing it); on HTTP/2 by Kestrel's graceful close, a GOAWAY after which the streams in flight finish and
    /// the connection is closed.
    /// </summary>
    private void CountRequest(HttpContext context)
    {
        if (_options.CloseAfterRequests is not int limit)
        {
            return;
        }

        // The connection's items live as long as the connection; HTTP/2 streams share them, concurrently.
        IDictionary<object, object?>? items = context.Features.Get<IConnectionItemsFeature>()?.Items;
        if (items is null)
        {
            return;
        }

        RequestCounter counter;
        lock (items)
        {
            if (items.TryGetValue(typeof(RequestCounter), out object? found) && found is RequestCounter existing)
            {
                counter = existing;
            }
            else
            {
                counter = new RequestCounter();
                items[typeof(RequestCounter)] = counter;
            }
        }

        if (counter.Increment() != limit)
        {
            return;
        }

        if (HttpProtocol.IsHttp2(context.Request.Protocol))
        {
            context.Features.Get<IConnectionLifetimeNotificationFeature>()?.RequestClose();
        }
        else
        {
            context.Response.Headers.Connection = "close";
        }
    }

    private bool TryReadOverrides(IQueryCollection query, out int size, out TimeSpan delay, out string problem)
    {
        size = _options.ResponseBytes;
        delay = _options.ResponseDelay;
        problem = string.Empty;
        if (query.TryGetValue("size", out StringValues sizeText))
        {
            if (!int.TryParse(sizeText, NumberStyles.None, CultureInfo.InvariantCulture, out size) || size > TargetOptions.MaxResponseBytes)
            {
                problem = string.Create(CultureInfo.InvariantCulture, $"size must be a whole number of bytes from 0 to {TargetOptions.MaxResponseBytes}");
                return false;
            }
        }

        if (query.TryGetValue("delay_ms", out StringValues delayText))
        {
            if (!int.TryParse(delayText, NumberStyles.None, CultureInfo.InvariantCulture, out int delayMs)
                || delayMs > TargetOptions.MaxResponseDelay.TotalMilliseconds)
            {
                problem = string.Create(CultureInfo.InvariantCulture, $"delay_ms must be a whole number of milliseconds from 0 to {TargetOptions.MaxResponseDelay.TotalMilliseconds:0}");
                return false;
            }

            delay = TimeSpan.FromMilliseconds(delayMs);
        }

        return true;
    }

    /// <summary>Requests seen on one connection.</summary>
    private sealed class RequestCounter
    {
        private int _count;

        public int Increment() => Interlocked.Increment(ref _count);
    }
}
