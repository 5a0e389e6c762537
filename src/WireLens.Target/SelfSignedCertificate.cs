using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace WireLens.Target;

/// <summary>The target's HTTPS certificate: made in memory at every start, never written anywhere.</summary>
internal static class SelfSignedCertificate
{
    /// <summary>
    /// A P-256 ECDSA certificate for CN=localhost with the subject alternative names 127.0.0.1 and localhost, valid from a
    /// day ago (clock skew) for 30 days. ECDSA because a P-256 key takes well under a millisecond to make, an RSA-2048 key
    /// up to a few hundred; every client a load test uses speaks ECDHE-ECDSA in TLS 1.2 and 1.3.
    /// </summary>
    public static X509Certificate2 Create()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1", "Server Authentication")], false));
        DateTimeOffset now = DateTimeOffset.UtcNow;

        // On Linux and macOS the certificate carries its ephemeral key and SslStream can use it as it is (Windows'
        // SChannel would want it re-imported from a PFX; the target runs where tcpdump does).
        return request.CreateSelfSigned(now.AddDays(-1), now.AddDays(30));
    }
}
