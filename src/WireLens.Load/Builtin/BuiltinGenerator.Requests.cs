using System.Net;
using System.Net.Http;

namespace WireLens.Load.Builtin;

/// <summary>Sending one request and classifying its outcome; the two load models.</summary>
public sealed partial class BuiltinGenerator
{
    /// <summary>
    /// Closed loop: <see cref="BuiltinSettings.InFlight"/> workers, each sending its next request as soon as the previous
    /// one has finished. With a request count a shared counter hands out exactly that many; with a duration no request
    /// starts after it, and those in flight are let finish (within the request timeout).
    /// </summary>
    private async Task ClosedLoopAsync(long start, CancellationToken stop)
    {
        long? limit = _settings.Requests;
        TimeSpan? duration = _settings.Duration;
        var workers = new Task[_settings.InFlight];
        for (int w = 0; w < workers.Length; w++)
        {
            HttpMessageInvoker pool = _pools[w % _pools.Length];
            workers[w] = Task.Run(
                async () =>
                {
                    while (!stop.IsCancellationRequested)
                    {
                        if (limit is { } n ? Interlocked.Increment(ref _issued) > n : _time.GetElapsedTime(start) >= duration)
                        {
                            break;
                        }

                        await SendAsync(pool, stop).ConfigureAwait(false);
                    }
                },
                CancellationToken.None);
        }

        await Task.WhenAll(workers).ConfigureAwait(false);
        AssertIssuedWithinBound();
    }

    /// <summary>
    /// Open model: request i is due at start + i / rate, computed from the monotonic clock each time so that waiting
    /// never accumulates drift. A request whose time has come while <see cref="BuiltinSettings.InFlight"/> requests are
    /// still in flight is not sent and counted as dropped (it is not queued: that would hide the server's slowness, the
    /// coordinated omission of closed loops); one sent more than the late threshold after its time is counted late.
    /// </summary>
    private async Task OpenModelAsync(double rate, long start, CancellationToken stop)
    {
        int bound = _settings.InFlight;
        using var slots = new SemaphoreSlim(bound, bound);
        for (long i = 0; !stop.IsCancellationRequested; i++)
        {
            if (_settings.Requests is { } n && i >= n)
            {
                break;
            }

            var due = TimeSpan.FromSeconds(i / rate);
            if (_settings.Duration is { } d && due >= d)
            {
                break;
            }

            TimeSpan wait = due - _time.GetElapsedTime(start);
            if (wait > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(wait, _time, stop).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }

            if (_time.GetElapsedTime(start) - due > _settings.LateThreshold)
            {
                Interlocked.Increment(ref _late);
            }

            if (!slots.Wait(0, CancellationToken.None))
            {
                Interlocked.Increment(ref _dropped);
                continue;
            }

            Interlocked.Increment(ref _issued);
            HttpMessageInvoker pool = NextPool();
            _ = SendAndReleaseAsync(pool, slots, stop);
        }

        // Every request in flight holds a slot: holding them all means all have ended.
        for (int k = 0; k < bound; k++)
        {
            await slots.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    private async Task SendAndReleaseAsync(HttpMessageInvoker pool, SemaphoreSlim slots, CancellationToken stop)
    {
        try
        {
            await SendAsync(pool, stop).ConfigureAwait(false);
        }
        finally
        {
            slots.Release();
        }
    }

    /// <summary>Sends one GET, reads its body to the end and records the outcome; never throws for a failed request.</summary>
    private async Task SendAsync(HttpMessageInvoker pool, CancellationToken stop)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, _settings.Target)
        {
            Version = _settings.Http2 ? HttpVersion.Version20 : HttpVersion.Version11,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        request.Headers.TryAddWithoutValidation("User-Agent", _userAgent);
        if (!_settings.KeepAlive)
        {
            // RFC 9112 section 9.6: the client closes after this response; the handler does not pool the connection.
            request.Headers.ConnectionClose = true;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stop);
        timeout.CancelAfter(_settings.RequestTimeout);
        long began = _time.GetTimestamp();
        try
        {
            using HttpResponseMessage response = await pool.SendAsync(request, timeout.Token).ConfigureAwait(false);
            await response.Content.CopyToAsync(Stream.Null, timeout.Token).ConfigureAwait(false);
            _latency.Record((long)_time.GetElapsedTime(began).TotalMicroseconds);
            if ((int)response.StatusCode >= 400)
            {
                NoteError("status", ref _status, $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
            }
            else
            {
                Interlocked.Increment(ref _ok);
            }
        }
        catch (OperationCanceledException e)
        {
            if (stop.IsCancellationRequested)
            {
                Interlocked.Increment(ref _cancelled);
            }
            else if (timeout.IsCancellationRequested)
            {
                NoteError("timeout", ref _timeouts, $"no complete response within {_settings.RequestTimeout.TotalSeconds:0.###} s");
            }
            else
            {
                // The handler's own ConnectTimeout ends as a cancellation that nobody asked for.
                NoteError("connect", ref _connectErrors, Describe(e));
            }
        }
        catch (HttpRequestException e) when (e.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError)
        {
            NoteError("connect", ref _connectErrors, Describe(e));
        }
        catch (HttpRequestException e)
        {
            NoteError("other", ref _otherErrors, Describe(e));
        }
        catch (IOException e)
        {
            NoteError("other", ref _otherErrors, Describe(e));
        }
    }

    /// <summary>The exception's message and its innermost cause, on one line.</summary>
    private static string Describe(Exception e)
    {
        Exception inner = e;
        while (inner.InnerException is not null)
        {
            inner = inner.InnerException;
        }

        string text = ReferenceEquals(inner, e) || e.Message.Contains(inner.Message, StringComparison.Ordinal)
            ? e.Message
            : $"{e.Message} ({inner.Message})";
        return text.ReplaceLineEndings(" ");
    }
}
