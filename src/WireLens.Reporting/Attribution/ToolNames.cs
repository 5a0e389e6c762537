namespace WireLens.Reporting.Attribution;

/// <summary>The tool names WireLens uses (lowercase, as in the <c>tool</c> column).</summary>
public static class ToolNames
{
    /// <summary>Longest tool name (the User-Agent rule cuts names at this length too).</summary>
    public const int MaxLength = UserAgentTools.MaxProductNameLength;

    public const string Wrk = "wrk";
    public const string Hey = "hey";
    public const string Vegeta = "vegeta";
    public const string Ab = "ab";
    public const string Curl = "curl";
    public const string H2load = "h2load";
    public const string Siege = "siege";
    public const string Oha = "oha";
    public const string K6 = "k6";
    public const string Wget = "wget";

    /// <summary>WireLens's own load generator.</summary>
    public const string Builtin = "builtin";

    /// <summary>No rule named a tool.</summary>
    public const string Unknown = "unknown";

    /// <summary>A rule named several tools; the verdict's candidates list them.</summary>
    public const string Ambiguous = "ambiguous";

    /// <summary>
    /// Whether a name can be a tool's in a run manifest or a fingerprint table: 1 to <see cref="MaxLength"/> of
    /// a-z, 0-9, '.', '_' and '-' (what the User-Agent rule produces), and neither <c>unknown</c> nor
    /// <c>ambiguous</c>. Other names than the known ones are allowed (a tool WireLens has no adapter for).
    /// </summary>
    public static bool IsValid(ReadOnlySpan<char> name)
    {
        if (name.IsEmpty || name.Length > MaxLength || name.SequenceEqual(Unknown) || name.SequenceEqual(Ambiguous))
        {
            return false;
        }

        foreach (char c in name)
        {
            if (c is not ((>= 'a' and <= 'z') or (>= '0' and <= '9') or '.' or '_' or '-'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// A name from the wire or the system (a User-Agent product, a process's comm) as a tool name: lowercased, with
    /// characters other than a-z, 0-9, '.', '_' and '-' dropped, cut at <see cref="MaxLength"/>. May be empty, or
    /// <c>unknown</c>/<c>ambiguous</c>: check <see cref="IsValid"/>.
    /// </summary>
    public static string Sanitize(ReadOnlySpan<char> name)
    {
        Span<char> buffer = stackalloc char[MaxLength];
        int n = 0;
        foreach (char c in name)
        {
            if (n == buffer.Length)
            {
                break;
            }

            char lower = char.ToLowerInvariant(c);
            if (lower is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '.' or '_' or '-')
            {
                buffer[n++] = lower;
            }
        }

        return new string(buffer[..n]);
    }
}
