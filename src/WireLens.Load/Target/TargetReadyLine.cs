using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace WireLens.Load.Target;

/// <summary>
/// The one line <c>wirelens target</c> prints on standard output once all its listeners accept connections
/// (docs/target.md):
/// <code>wirelens-target ready {"http":"http://127.0.0.1:P/","https":"https://127.0.0.1:P/","h2c":"http://127.0.0.1:P/","pid":N}</code>
/// A fixed prefix, then one JSON object on the same line. Readers ignore members they do not know, so members can be added.
/// </summary>
/// <param name="Http">The HTTP/1.1 cleartext URL.</param>
/// <param name="Https">The HTTPS URL (h1 and h2 by ALPN).</param>
/// <param name="H2c">The h2c prior-knowledge URL.</param>
/// <param name="ProcessId">The target's process id.</param>
public sealed record TargetReadyLine(Uri Http, Uri Https, Uri H2c, int ProcessId)
{
    /// <summary>What the line starts with, a space included.</summary>
    public const string Prefix = "wirelens-target ready ";

    /// <summary>The line, without a line break.</summary>
    public string Format()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("http", Http.AbsoluteUri);
            json.WriteString("https", Https.AbsoluteUri);
            json.WriteString("h2c", H2c.AbsoluteUri);
            json.WriteNumber("pid", ProcessId);
            json.WriteEndObject();
        }

        return Prefix + Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>
    /// Reads a line written by <see cref="Format"/>: false for any other line (not the prefix, not a JSON object, a
    /// URL missing or not absolute http/https, a pid missing or not a positive whole number).
    /// </summary>
    public static bool TryParse(string? line, [NotNullWhen(true)] out TargetReadyLine? ready)
    {
        ready = null;
        if (line is null || !line.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line.AsMemory(Prefix.Length));
        }
        catch (JsonException)
        {
            return false;
        }

        using (document)
        {
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !TryUrl(root, "http", out Uri? http)
                || !TryUrl(root, "https", out Uri? https)
                || !TryUrl(root, "h2c", out Uri? h2c)
                || !root.TryGetProperty("pid", out JsonElement pid)
                || pid.ValueKind != JsonValueKind.Number
                || !pid.TryGetInt32(out int processId)
                || processId <= 0)
            {
                return false;
            }

            ready = new TargetReadyLine(http, https, h2c, processId);
            return true;
        }
    }

    /// <summary>A human line to print after the ready line.</summary>
    public string Describe() => string.Create(
        CultureInfo.InvariantCulture,
        $"wirelens target (pid {ProcessId}): HTTP/1.1 {Http}  HTTPS (TLS 1.2/1.3, h2 + http/1.1 by ALPN, self-signed) {Https}  h2c (prior knowledge) {H2c}");

    private static bool TryUrl(JsonElement root, string name, [NotNullWhen(true)] out Uri? url)
    {
        url = null;
        return root.TryGetProperty(name, out JsonElement value)
            && value.ValueKind == JsonValueKind.String
            && Uri.TryCreate(value.GetString(), UriKind.Absolute, out url)
            && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps);
    }
}
