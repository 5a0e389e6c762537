using WireLens.Analysis.Connections;

namespace WireLens.EndToEnd.Tests.Attribution;

/// <summary>
/// WireLens's JA4 of every ClientHello in the fingerprint captures against one built from tshark's dissection of the
/// same hello (<see cref="TsharkJa4"/>): the counts and the ALPN of section a, and the hashes of the cipher and
/// extension lists, so the table's keys rest on a parser other than WireLens's own.
/// </summary>
public sealed class FingerprintOracleTests
{
    [Theory]
    [MemberData(nameof(FingerprintCaptures.All), MemberType = typeof(FingerprintCaptures))]
    public void Ja4_EveryClientHello_AgreesWithTsharkDissection(string capture)
    {
        // Arrange
        string path = Path.Combine(FingerprintCaptures.Folder, capture);
        List<ConnectionRecord> hellos = FingerprintCaptures.Hellos(path);
        Assert.NotEmpty(hellos);
        int[] ports = [.. hellos.Select(r => (int)r.ServerPort).Distinct()];

        // Act
        SortedDictionary<long, string> tshark = TsharkJa4.Read(path, ports);

        // Assert: the same connections carry a ClientHello, and each has the same JA4, section a compared first so
        // that a difference in the counts or the ALPN reads as such.
        Assert.Equal(hellos.Select(r => r.Stream), tshark.Keys);
        Assert.All(hellos, r =>
        {
            string wireLens = r.Tls!.Ja4!;
            string oracle = tshark[r.Stream];
            TestContext.Current.TestOutputHelper?.WriteLine($"stream {r.Stream}: WireLens {wireLens}, from tshark's fields {oracle}");
            Assert.Equal(oracle.Split('_')[0], wireLens.Split('_')[0]);
            Assert.Equal(oracle, wireLens);
        });

        if (TsharkJa4.TsharkHasJa4)
        {
            SortedDictionary<long, string> own = TsharkJa4.TsharkOwnJa4(path, ports);
            Assert.All(hellos, r => Assert.Equal(own[r.Stream], r.Tls!.Ja4));
        }
        else
        {
            TestContext.Current.TestOutputHelper?.WriteLine($"this tshark has no {TsharkJa4.Ja4Field} field: compared with the JA4 built from its fields only");
        }
    }
}
