using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace WireLens.Wire.Tls.Fingerprints;

/// <summary>
/// JA3 TLS client fingerprint, as described in the salesforce/ja3 README.md ("How it works"):
/// <c>SSLVersion,Cipher,SSLExtension,EllipticCurve,EllipticCurvePointFormat</c>, decimal values,
/// "," between fields and "-" between values, then MD5 of that string. GREASE values are removed from
/// every list ("JA3 ignores these values completely"); absent lists leave their field empty.
/// </summary>
public static class Ja3
{
    /// <summary>Computes the JA3 string and its MD5 hash.</summary>
    public static Ja3Fingerprint Compute(in ClientHelloFingerprintInput input)
    {
        var text = new StringBuilder(256);
        text.Append(input.LegacyVersion.ToString(CultureInfo.InvariantCulture)).Append(',');
        AppendDecimals(text, input.CipherSuites.Span);
        text.Append(',');
        AppendDecimals(text, input.Extensions.Span);
        text.Append(',');
        AppendDecimals(text, input.SupportedGroups.Span);
        text.Append(',');
        ReadOnlySpan<byte> formats = input.EcPointFormats.Span;
        for (int i = 0; i < formats.Length; i++)
        {
            if (i > 0)
            {
                text.Append('-');
            }

            text.Append(formats[i].ToString(CultureInfo.InvariantCulture));
        }

        string ja3 = text.ToString();
        return new Ja3Fingerprint(ja3, Md5Hex(ja3));
    }

    private static void AppendDecimals(StringBuilder text, ReadOnlySpan<ushort> values)
    {
        bool first = true;
        foreach (ushort value in values)
        {
            if (TlsGrease.IsGrease(value))
            {
                continue;
            }

            if (!first)
            {
                text.Append('-');
            }

            text.Append(value.ToString(CultureInfo.InvariantCulture));
            first = false;
        }
    }

    // JA3 defines the hash as MD5: it names a client, it protects nothing, so the weak-hash rule does not apply.
#pragma warning disable CA5351
    private static string Md5Hex(string text) => Convert.ToHexStringLower(MD5.HashData(Encoding.ASCII.GetBytes(text)));
#pragma warning restore CA5351
}
