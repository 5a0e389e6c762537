using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using WireLens.Testing;

namespace WireLens.EndToEnd.Tests.Attribution;

/// <summary>
/// JA4 of each connection's first ClientHello built from tshark's dissection rather than from WireLens's parser:
/// the cipher suites, extension types, ALPN values, supported_versions and signature algorithms as tshark reads them,
/// put together by the rules of FoxIO-LLC/ja4 technical_details/JA4.md, written out here a second time. tshark 4.0
/// (Debian 12) has no JA4 field of its own; where the installed tshark has one (`tls.handshake.ja4`, Wireshark 4.2
/// and later), <see cref="TsharkOwnJa4"/> reads it too.
/// </summary>
internal static class TsharkJa4
{
    public const string Ja4Field = "tls.handshake.ja4";

    private const ushort ServerName = 0x0000;
    private const ushort Alpn = 0x0010;
    private const ushort SignatureAlgorithmsCert = 0x0032;
    private const ushort DelegatedCredentials = 0x0022;

    private static readonly string[] s_fields =
    [
        "tcp.stream", "tls.handshake.version", "tls.handshake.extensions.supported_version", "tls.handshake.ciphersuite",
        "tls.handshake.extension.type", "tls.handshake.extensions_alpn_str", "tls.handshake.sig_hash_alg",
    ];

    private static readonly Lazy<bool> s_hasJa4Field = new(() =>
    {
        ProcessResult result = ProcessRunner.Run(Require.Tool("tshark", "tshark"), ["-G", "fields"], TimeSpan.FromMinutes(1));
        Assert.True(result.Succeeded, result.Describe("tshark -G fields"));
        return result.StdOut.Contains("\t" + Ja4Field + "\t", StringComparison.Ordinal);
    });

    /// <summary>Whether the installed tshark computes JA4 itself.</summary>
    public static bool TsharkHasJa4 => s_hasJa4Field.Value;

    /// <summary>The JA4 of the first ClientHello of each tcp.stream, ports in <paramref name="tlsPorts"/> decoded as TLS.</summary>
    public static SortedDictionary<long, string> Read(string capture, IReadOnlyList<int> tlsPorts)
    {
        var result = new SortedDictionary<long, string>();
        foreach (string[] f in ClientHelloRows(capture, tlsPorts, s_fields))
        {
            long stream = long.Parse(f[0], CultureInfo.InvariantCulture);
            if (!result.ContainsKey(stream))
            {
                result[stream] = Compute(f[1], f[2], f[3], f[4], f[5], f[6], $"{capture} stream {stream}");
            }
        }

        return result;
    }

    /// <summary>tshark's own JA4 of the first ClientHello of each tcp.stream (only where <see cref="TsharkHasJa4"/>).</summary>
    public static SortedDictionary<long, string> TsharkOwnJa4(string capture, IReadOnlyList<int> tlsPorts)
    {
        var result = new SortedDictionary<long, string>();
        foreach (string[] f in ClientHelloRows(capture, tlsPorts, ["tcp.stream", Ja4Field]))
        {
            result.TryAdd(long.Parse(f[0], CultureInfo.InvariantCulture), f[1]);
        }

        return result;
    }

    /// <summary>
    /// JA4 (JA4.md "JA4 Algorithm"): a = t, version, d/i, cipher count, extension count, first ALPN's first and last
    /// character; b = SHA-256 of the sorted ciphers, 12 hex digits; c = SHA-256 of the sorted extensions without SNI
    /// and ALPN, '_', the signature algorithms in wire order. GREASE values count nowhere.
    /// </summary>
    private static string Compute(string legacyVersion, string supportedVersions, string ciphers, string extensions, string alpn, string signatures, string where)
    {
        ushort[] cipherList = [.. Numbers(ciphers).Where(v => !IsGrease(v))];
        ushort[] extensionList = [.. Numbers(extensions).Where(v => !IsGrease(v))];
        ushort[] signatureList = [.. Numbers(signatures).Where(v => !IsGrease(v))];
        Assert.False(
            extensionList.Contains(SignatureAlgorithmsCert) || extensionList.Contains(DelegatedCredentials),
            $"{where}: tshark joins the algorithms of signature_algorithms_cert and delegated_credentials with signature_algorithms in one field; this oracle cannot tell them apart");

        ushort[] versions = [.. Numbers(supportedVersions).Where(v => !IsGrease(v))];
        ushort version = versions.Length > 0 ? versions.Max() : Numbers(legacyVersion).Single();

        var a = new StringBuilder("t");
        a.Append(version switch
        {
            0x0304 => "13",
            0x0303 => "12",
            0x0302 => "11",
            0x0301 => "10",
            0x0300 => "s3",
            _ => "00",
        });
        a.Append(extensionList.Contains(ServerName) ? 'd' : 'i');
        a.Append(CultureInfo.InvariantCulture, $"{Math.Min(cipherList.Length, 99):D2}{Math.Min(extensionList.Length, 99):D2}");
        a.Append(AlpnCode(alpn.Length == 0 ? string.Empty : alpn.Split(',')[0]));

        string b = Hash(Hex(cipherList.Order()), cipherList.Length);
        ushort[] hashed = [.. extensionList.Where(e => e is not ServerName and not Alpn).Order()];
        string c = Hash(signatureList.Length == 0 ? Hex(hashed) : Hex(hashed) + "_" + Hex(signatureList), hashed.Length);
        return $"{a}_{b}_{c}";
    }

    // JA4.md "ALPN Extension Value": "00" without ALPN; else the first and last character of the first value, or the
    // first and last hex digit of its bytes when one of those characters is not an ASCII letter or digit.
    private static string AlpnCode(string first)
    {
        if (first.Length == 0)
        {
            return "00";
        }

        if (char.IsAsciiLetterOrDigit(first[0]) && char.IsAsciiLetterOrDigit(first[^1]))
        {
            return $"{first[0]}{first[^1]}";
        }

        string hex = Convert.ToHexStringLower(Encoding.UTF8.GetBytes(first));
        return $"{hex[0]}{hex[^1]}";
    }

    private static IReadOnlyList<string[]> ClientHelloRows(string capture, IReadOnlyList<int> tlsPorts, IReadOnlyList<string> fields) =>
        TShark.Fields(capture, fields, new TsharkOptions { TlsPorts = tlsPorts, DisplayFilter = "tls.handshake.type == 1" });

    // tshark prints hex fields (cipher suites, versions, signature algorithms) as 0x1301 and extension types in decimal.
    private static IEnumerable<ushort> Numbers(string list) =>
        list.Length == 0
            ? []
            : list.Split(',').Select(v => v.StartsWith("0x", StringComparison.Ordinal)
                ? ushort.Parse(v.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture)
                : ushort.Parse(v, CultureInfo.InvariantCulture));

    // RFC 8701 section 2: 0x0A0A, 0x1A1A, ... 0xFAFA.
    private static bool IsGrease(ushort value) => (value & 0x0F0F) == 0x0A0A && (value >> 8) == (value & 0xFF);

    private static string Hex(IEnumerable<ushort> values) =>
        string.Join(',', values.Select(v => v.ToString("x4", CultureInfo.InvariantCulture)));

    private static string Hash(string list, int count) =>
        count == 0 ? "000000000000" : Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(list)))[..12];
}
