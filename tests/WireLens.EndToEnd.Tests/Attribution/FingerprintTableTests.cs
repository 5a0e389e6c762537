using WireLens.Analysis.Connections;

namespace WireLens.EndToEnd.Tests.Attribution;

/// <summary>
/// ja4-tools.tsv against the captures it was made from (captures/fingerprints/make-fingerprints.sh): WireLens
/// re-derives the JA4 of every ClientHello in every capture, and the table must list exactly those (ja4, tool) pairs,
/// each with exactly the captures that show it. Neither can change without the other.
/// </summary>
public sealed class FingerprintTableTests
{
    [Theory]
    [MemberData(nameof(FingerprintCaptures.All), MemberType = typeof(FingerprintCaptures))]
    public void Capture_HoldsTlsClientHello_OfAKnownTool(string capture)
    {
        // Arrange
        string path = Path.Combine(FingerprintCaptures.Folder, capture);

        // Act
        List<ConnectionRecord> hellos = FingerprintCaptures.Hellos(path);

        // Assert
        Assert.Contains(FingerprintCaptures.ToolOf(capture), Ja4ToolTable.KnownTools);
        Assert.True(hellos.Count > 0, $"{capture}: no TLS ClientHello, so nothing to fingerprint");
        Assert.True(new FileInfo(path).Length < 32 * 1024, $"{capture}: {new FileInfo(path).Length} bytes; the captures are meant to hold a connection or two");
    }

    [Fact]
    public void Table_Rows_EqualPairsDerivedFromCaptures()
    {
        // Arrange: every capture must show a ClientHello before the comparison means anything.
        var derived = new SortedDictionary<(string Ja4, string Tool), SortedSet<string>>(Ja4ToolTable.PairComparer.Instance);
        foreach (string capture in FingerprintCaptures.Names)
        {
            List<ConnectionRecord> hellos = FingerprintCaptures.Hellos(Path.Combine(FingerprintCaptures.Folder, capture));
            Assert.True(hellos.Count > 0, $"{capture}: no TLS ClientHello");
            foreach (ConnectionRecord hello in hellos)
            {
                (string, string) pair = (hello.Tls!.Ja4!, FingerprintCaptures.ToolOf(capture));
                if (!derived.TryGetValue(pair, out SortedSet<string>? captures))
                {
                    captures = new SortedSet<string>(StringComparer.Ordinal);
                    derived[pair] = captures;
                }

                captures.Add(capture);
            }
        }

        // Act
        IReadOnlyList<Ja4ToolRow> rows = Ja4ToolTable.Read();
        SortedDictionary<(string Ja4, string Tool), string> table = Ja4ToolTable.Pairs(rows);

        // Assert: the same pairs with the same captures, and the file in its documented order.
        var problems = new List<string>();
        foreach (((string ja4, string tool), SortedSet<string> captures) in derived)
        {
            string expected = string.Join(',', captures);
            if (!table.TryGetValue((ja4, tool), out string? listed))
            {
                problems.Add($"missing row: {ja4} {tool} (seen in {expected})");
            }
            else if (listed != expected)
            {
                problems.Add($"{ja4} {tool}: captured lists {listed}, the captures show it in {expected}");
            }
        }

        problems.AddRange(table.Keys.Where(k => !derived.ContainsKey(k)).Select(k => $"row without a capture showing it: {k.Ja4} {k.Tool}"));
        Assert.True(
            problems.Count == 0,
            $"ja4-tools.tsv disagrees with captures/fingerprints/ ({problems.Count}); rerun captures/fingerprints/make-fingerprints.sh:\n"
            + string.Join('\n', problems));
        Assert.Equal(table.Keys, rows.Select(r => (r.Ja4, r.Tool)));
    }

    [Fact]
    public void Table_EveryRow_NamesAKnownToolAndExistingCaptures()
    {
        // Act
        IReadOnlyList<Ja4ToolRow> rows = Ja4ToolTable.Read();

        // Assert
        Assert.NotEmpty(rows);
        Assert.All(rows, row =>
        {
            Assert.Contains(row.Tool, Ja4ToolTable.KnownTools);
            Assert.Matches("^[tqd](13|12|11|10|s3|s2|d1|d2|d3|00)[di][0-9]{4}[0-9a-z]{2}_[0-9a-f]{12}_[0-9a-f]{12}$", row.Ja4);
            Assert.All(row.Captured, c =>
            {
                Assert.Equal(row.Tool, FingerprintCaptures.ToolOf(c));
                Assert.True(File.Exists(Path.Combine(FingerprintCaptures.Folder, c)), $"{c} is not in captures/fingerprints/");
            });
        });

        // One installed version per tool was captured, so its rows agree on it.
        Assert.All(rows.GroupBy(r => r.Tool), g =>
        {
            Assert.Single(g.Select(r => r.ToolVersion).Distinct());
            Assert.Single(g.Select(r => r.ClientLibrary).Distinct());
        });
    }
}
