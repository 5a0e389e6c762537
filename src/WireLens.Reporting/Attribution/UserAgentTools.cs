namespace WireLens.Reporting.Attribution;

/// <summary>
/// Names the tool behind a connection from what a capture alone shows: the User-Agent of its first cleartext HTTP/1
/// request (docs/analysis.md, "Tools"). Known tools are recognised by a product token anywhere in the string (siege
/// sends <c>Mozilla/5.0 (…) Siege/4.0.7</c>, h2load <c>h2load nghttp2/1.52.0</c>); any other User-Agent is named
/// by its first product token, reduced to lowercase letters, digits, '.', '_' and '-'. No User-Agent (wrk by
/// default, HTTP/2, TLS) gives <c>unknown</c> rather than a guess.
/// </summary>
public static class UserAgentTools
{
    /// <summary>Longest name taken from a first product token.</summary>
    public const int MaxProductNameLength = 32;

    // Product names (case-insensitive) and the tool each one means. Go-http-client is Go's default, which vegeta
    // keeps; other Go programs send it too (hey does not: it sends hey/0.0.1).
    private static readonly (string Product, string Tool)[] s_known =
    [
        ("ApacheBench", "ab"),
        ("Siege", "siege"),
        ("h2load", "h2load"),
        ("hey", "hey"),
        ("curl", "curl"),
        ("wrk", "wrk"),
        ("Wget", "wget"),
        ("k6", "k6"),
        ("oha", "oha"),
        ("vegeta", "vegeta"),
        ("Go-http-client", "vegeta"),
        ("WireLens", "builtin"),
    ];

    /// <summary>The tool a User-Agent names, or null when there is none to name.</summary>
    public static string? FromUserAgent(string? userAgent)
    {
        if (string.IsNullOrWhiteSpace(userAgent))
        {
            return null;
        }

        // RFC 9110 section 10.1.5: User-Agent = product *( RWS ( product / comment ) ), product = token ["/" version].
        string? first = null;
        foreach (Range range in Products(userAgent))
        {
            ReadOnlySpan<char> product = userAgent.AsSpan(range);
            int slash = product.IndexOf('/');
            ReadOnlySpan<char> name = slash < 0 ? product : product[..slash];
            foreach ((string known, string tool) in s_known)
            {
                if (name.Equals(known, StringComparison.OrdinalIgnoreCase))
                {
                    return tool;
                }
            }

            first ??= ToolNames.Sanitize(name);
        }

        return string.IsNullOrEmpty(first) ? null : first;
    }

    /// <summary>The product tokens of a User-Agent, skipping parenthesised comments (which may nest).</summary>
    private static List<Range> Products(string ua)
    {
        var products = new List<Range>(4);
        int depth = 0;
        int i = 0;
        while (i < ua.Length)
        {
            char c = ua[i];
            if (c == '(')
            {
                depth++;
                i++;
            }
            else if (c == ')')
            {
                depth = Math.Max(0, depth - 1);
                i++;
            }
            else if (depth > 0 || c is ' ' or '\t')
            {
                i++;
            }
            else
            {
                int start = i;
                while (i < ua.Length && ua[i] is not (' ' or '\t' or '('))
                {
                    i++;
                }

                products.Add(start..i);
            }
        }

        return products;
    }
}
