using System.Text.RegularExpressions;
using WireLens.Analysis.Tls;
using static WireLens.UnitTests.Tls.TlsExchanges;

namespace WireLens.UnitTests.Tls;

/// <summary>
/// Every prefix of whole exchanges and seeded random input: the analyzer never throws, and its facts only claim
/// what has arrived.
/// </summary>
public partial class TlsConnectionAnalyzerRobustnessTests
{
    [GeneratedRegex(@"^.+ at (client|server) stream offset \d+$")]
    private static partial Regex ErrorText();

    // Facts a caller may rely on whatever the input: bounded alerts, a request estimate only once done, a located error.
    private static void AssertSane(TlsFacts facts)
    {
        Assert.InRange(facts.Alerts.Count, 0, TlsConnectionAnalyzer.MaxAlerts);
        Assert.Equal(facts.DoneTime is null, facts.RequestsEstimated is null);
        Assert.True(facts.Error is null || ErrorText().IsMatch(facts.Error), facts.Error);
        Assert.Equal(facts.ServerHelloTime is null, facts.Version is null);
        Assert.Equal(facts.ServerHelloTime is null, facts.Resumed is null);
    }

    [Theory]
    [MemberData(nameof(Names), MemberType = typeof(TlsExchanges))]
    public void ToFacts_EveryPrefixOfExchange_NeverThrowsClaimsOnlyWhatArrived(string name)
    {
        // Arrange: client and server bytes interleaved in packet order, cut after every byte.
        ExchangeCase c = Get(name);
        TlsExchange x = c.Exchange;
        TlsFacts full = x.Feed().ToFacts()!;
        int helloEnd = x.EndOf(ClientHelloFlight, 0);
        int serverHelloEnd = x.EndOf(ServerHelloFlight, 0);
        int certificateEnd = c.CertificateRecord is { } cert ? x.EndOf(ServerHelloFlight, cert) : int.MaxValue;
        int doneHeaderEnd = x.StartOf(DoneFlight, c.DoneRecord) + 5;
        int requestHeaderEnd = x.StartOf(RequestFlight, 0) + 5;

        for (int length = 0; length <= x.TotalLength; length++)
        {
            // Act
            TlsConnectionAnalyzer analyzer = x.FeedPrefix(length);
            TlsFacts? facts = analyzer.ToFacts();

            // Assert
            Assert.Equal(length >= 5, analyzer.IsTls);
            if (facts is null)
            {
                Assert.True(length < 5);
                continue;
            }

            AssertSane(facts);
            Assert.Null(facts.Error);
            Assert.Empty(facts.Alerts);
            Assert.Equal(length >= helloEnd ? full.ClientHelloTime : null, facts.ClientHelloTime);
            Assert.Equal(length >= helloEnd ? full.ServerName : null, facts.ServerName);
            Assert.Equal(length >= helloEnd ? full.Ja4 : null, facts.Ja4);
            Assert.Equal(length >= helloEnd ? full.AlpnOffered : [], facts.AlpnOffered);
            Assert.Equal(length >= serverHelloEnd ? full.ServerHelloTime : null, facts.ServerHelloTime);
            Assert.Equal(length >= serverHelloEnd ? full.Version : null, facts.Version);
            Assert.Equal(length >= serverHelloEnd ? full.CipherSuite : null, facts.CipherSuite);
            Assert.Equal(length >= serverHelloEnd ? full.Resumed : null, facts.Resumed);
            Assert.Equal(length >= serverHelloEnd && full.AlpnSelectedEncrypted, facts.AlpnSelectedEncrypted);
            Assert.Equal(length >= certificateEnd, facts.ServerCertificateSeen);
            Assert.Equal(length >= doneHeaderEnd ? full.DoneTime : null, facts.DoneTime);
            int? requests = length >= requestHeaderEnd ? 1 : length >= doneHeaderEnd ? 0 : null;
            Assert.Equal(requests, facts.RequestsEstimated);
        }
    }

    [Fact]
    public void Feed_RandomBytesAfterValidRecordStart_NeverThrows()
    {
        for (int seed = 0; seed < 2000; seed++)
        {
            // Arrange: a valid first record header (any length), then random bytes; the server sends random bytes,
            // half the time after a valid header; chunks, sides and gaps interleave at random.
            var random = new Random(seed);
            byte[] client = RandomBytes(random, random.Next(0, 1500));
            client[0] = 0x16;
            client[1] = 0x03;
            client[2] = (byte)random.Next(0, 4);
            client[3] = (byte)random.Next(0, 0x48);
            byte[] server = RandomBytes(random, random.Next(0, 1500));
            if (random.Next(2) == 0)
            {
                server[0] = (byte)random.Next(20, 25);
                server[1] = 0x03;
                server[2] = 0x03;
            }

            // Act
            TlsConnectionAnalyzer analyzer = FeedInterleaved(random, client, server);

            // Assert
            TlsFacts? facts = analyzer.ToFacts();
            if (analyzer.IsTls)
            {
                Assert.NotNull(facts);
                AssertSane(facts);
            }
            else
            {
                Assert.Null(facts);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Names), MemberType = typeof(TlsExchanges))]
    public void Feed_ExchangeWithRandomBytesChanged_NeverThrows(string name)
    {
        ExchangeCase c = Get(name);
        for (int seed = 0; seed < 1000; seed++)
        {
            // Arrange: one to four bytes of the whole exchange replaced; the ClientHello's header kept, so it stays TLS.
            var random = new Random(seed);
            TlsExchange mutated = new();
            int changes = random.Next(1, 5);
            int total = c.Exchange.TotalLength;
            int[] positions = [.. Enumerable.Range(0, changes).Select(_ => random.Next(5, total))];
            int start = 0;
            foreach (TlsExchange.Flight f in c.Exchange.Flights)
            {
                byte[] bytes = (byte[])f.Bytes.Clone();
                foreach (int p in positions.Where(p => p >= start && p < start + bytes.Length))
                {
                    bytes[p - start] = (byte)random.Next(256);
                }

                start += bytes.Length;
                _ = f.FromClient ? mutated.Client(f.Ms, bytes) : mutated.Server(f.Ms, bytes);
            }

            // Act
            TlsConnectionAnalyzer analyzer = mutated.FeedInRandomChunks(random);

            // Assert
            Assert.True(analyzer.IsTls);
            AssertSane(analyzer.ToFacts()!);
        }
    }

    private static byte[] RandomBytes(Random random, int length)
    {
        byte[] bytes = new byte[Math.Max(length, 5)];
        random.NextBytes(bytes);
        return bytes;
    }

    private static TlsConnectionAnalyzer FeedInterleaved(Random random, byte[] client, byte[] server)
    {
        var analyzer = new TlsConnectionAnalyzer();
        int c = 0;
        int s = 0;
        long time = TlsExchange.At(0).UnixNanoseconds;
        while (c < client.Length || s < server.Length)
        {
            bool fromClient = s >= server.Length || (c < client.Length && random.Next(2) == 0);
            int take = random.Next(1, 60);
            time += random.Next(1, 1000);
            if (fromClient)
            {
                take = Math.Min(take, client.Length - c);
                analyzer.OnClientData(client.AsSpan(c, take), new(time));
                c += take;
            }
            else
            {
                take = Math.Min(take, server.Length - s);
                analyzer.OnServerData(server.AsSpan(s, take), new(time));
                s += take;
            }

            if (random.Next(200) == 0)
            {
                if (fromClient)
                {
                    analyzer.OnClientGap();
                }
                else
                {
                    analyzer.OnServerGap();
                }
            }
        }

        return analyzer;
    }
}
