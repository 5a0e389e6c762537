using WireLens.Reporting.Attribution;

namespace WireLens.UnitTests.Reporting.Attribution;

public class FingerprintTableTests
{
    // Made-up fingerprints for the tests (the real table holds only captured ones).
    public const string OpenSsl = "t13d3112h1_111111111111_aaaaaaaaaaaa";
    public const string Go = "t13d1311h1_222222222222_bbbbbbbbbbbb";
    public const string Nghttp2 = "t13d1010h2_333333333333_cccccccccccc";

    /// <summary>A table as the tests use it: OpenSSL's fingerprint for curl, ab and wrk, Go's for hey, nghttp2's for h2load.</summary>
    public static FingerprintTable Sample() => FingerprintTable.Parse(new StringReader(
        $"""
        # comment
        ja4	tool	tool_version	client_library	captured
        {OpenSsl}	wrk	4.1.0	OpenSSL 3.0.11	2026-01-02 test
        {OpenSsl}	curl	7.88.1	OpenSSL 3.0.11	2026-01-02 test
        {Go}	hey	0.1.4	Go 1.19 crypto/tls	2026-01-02 test
        {OpenSsl}	ab	2.3	OpenSSL 3.0.11	2026-01-02 test
        {Nghttp2}	h2load	1.52.0	OpenSSL 3.0.11	2026-01-02 test
        """));

    [Fact]
    public void Default_EmbeddedTableReads()
    {
        // Act
        FingerprintTable table = FingerprintTable.Default;

        // Assert: its rows are checked like any table's; every tool a valid name.
        Assert.Same(table, FingerprintTable.Default);
        Assert.All(table.Entries, e => Assert.True(ToolNames.IsValid(e.Tool)));
        Assert.Equal(table.Entries.Select(e => e.Ja4).Distinct().Count(), table.Count);
    }

    [Fact]
    public void ToolsFor_SharedFingerprint_EveryToolInOrdinalOrder()
    {
        // Arrange
        FingerprintTable table = Sample();

        // Act / Assert
        Assert.Equal(["ab", "curl", "wrk"], table.ToolsFor(OpenSsl));
        Assert.Equal(["hey"], table.ToolsFor(Go));
        Assert.Equal(3, table.Count);
        Assert.Equal(5, table.Entries.Count);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("t13d1516h2_8daaf6152771_e5627efa2ab1")]
    [InlineData("T13D3112H1_111111111111_AAAAAAAAAAAA")]
    public void ToolsFor_UnknownFingerprint_Empty(string? ja4)
    {
        // Act / Assert
        Assert.Empty(Sample().ToolsFor(ja4));
        Assert.Empty(FingerprintTable.Empty.ToolsFor(ja4));
    }

    [Fact]
    public void Parse_Row_EveryColumnAndItsLine()
    {
        // Act
        FingerprintTable table = Sample();

        // Assert
        Assert.Equal(new FingerprintEntry(Go, "hey", "0.1.4", "Go 1.19 crypto/tls", "2026-01-02 test", 5), table.Entries[2]);
    }

    [Fact]
    public void Parse_CommentsBlankLinesCrLfAndEmptyOptionalColumns_Read()
    {
        // Arrange
        string text = $"# a\r\n\r\n   \r\nja4\ttool\ttool_version\tclient_library\tcaptured\r\n# b\r\n{Go}\tvegeta\t\t\t\r\n";

        // Act
        bool ok = FingerprintTable.TryParse(new StringReader(text), out FingerprintTable? table, out string error);

        // Assert
        Assert.True(ok, error);
        Assert.Equal("", error);
        Assert.Equal(new FingerprintEntry(Go, "vegeta", "", "", "", 6), Assert.Single(table!.Entries));
    }

    [Fact]
    public void Parse_HeaderOnly_EmptyTable()
    {
        // Act
        FingerprintTable table = FingerprintTable.Parse(new StringReader(FingerprintTable.Header));

        // Assert
        Assert.Equal(0, table.Count);
        Assert.Empty(table.Entries);
    }

    public static TheoryData<string, string> BadTables() => new()
    {
        { "", "line 1: no header line" },
        { "# only a comment\n", "line 2: no header line" },
        { "ja4 tool tool_version client_library captured\n", "line 1: expected the header \"ja4\\ttool\\ttool_version\\tclient_library\\tcaptured\"" },
        { $"{OpenSsl}\twrk\t4\tOpenSSL\tx\n", "line 1: expected the header \"ja4\\ttool\\ttool_version\\tclient_library\\tcaptured\"" },
        { $"{FingerprintTable.Header}\n{OpenSsl}\twrk\t4\tOpenSSL\n", "line 2: 4 tab-separated fields, expected 5" },
        { $"{FingerprintTable.Header}\n{OpenSsl}\twrk\t4\tOpenSSL\tx\textra\n", "line 2: 6 tab-separated fields, expected 5" },
        { $"{FingerprintTable.Header}\n# c\nt13d3112h1_111111111111_AAAAAAAAAAAA\twrk\t4\tOpenSSL\tx\n", "line 3: ja4: not a JA4 fingerprint (10 letters or digits, '_', 12 hex digits, '_', 12 hex digits)" },
        { $"{FingerprintTable.Header}\nt13d3112h1_11111111111_aaaaaaaaaaaaa\twrk\t4\tOpenSSL\tx\n", "line 2: ja4: not a JA4 fingerprint (10 letters or digits, '_', 12 hex digits, '_', 12 hex digits)" },
        { $"{FingerprintTable.Header}\nt13d3112h-_111111111111_aaaaaaaaaaaa\twrk\t4\tOpenSSL\tx\n", "line 2: ja4: not a JA4 fingerprint (10 letters or digits, '_', 12 hex digits, '_', 12 hex digits)" },
        { $"{FingerprintTable.Header}\n {OpenSsl}\twrk\t4\tOpenSSL\tx\n", "line 2: ja4: not a JA4 fingerprint (10 letters or digits, '_', 12 hex digits, '_', 12 hex digits)" },
        { $"{FingerprintTable.Header}\n{OpenSsl}\tWRK\t4\tOpenSSL\tx\n", "line 2: tool: not a tool name (1 to 32 of a-z 0-9 . _ -, not unknown or ambiguous)" },
        { $"{FingerprintTable.Header}\n{OpenSsl}\tunknown\t4\tOpenSSL\tx\n", "line 2: tool: not a tool name (1 to 32 of a-z 0-9 . _ -, not unknown or ambiguous)" },
        { $"{FingerprintTable.Header}\n{OpenSsl}\twrk\t4\tOpenSSL\tx\n{Go}\they\t1\tGo\tx\n{OpenSsl}\twrk\t5\tOpenSSL\tx\n", $"line 4: {OpenSsl} wrk is already on line 2" },
    };

    [Theory]
    [MemberData(nameof(BadTables))]
    public void TryParse_BadLine_FalseAndTheLineNumber(string text, string expected)
    {
        // Act
        bool ok = FingerprintTable.TryParse(new StringReader(text), out FingerprintTable? table, out string error);

        // Assert
        Assert.False(ok);
        Assert.Null(table);
        Assert.Equal(expected, error);
    }

    [Fact]
    public void Parse_BadLine_FormatExceptionWithTheSameMessage()
    {
        // Act / Assert
        Assert.Equal("line 2: 1 tab-separated fields, expected 5",
            Assert.Throws<FormatException>(() => FingerprintTable.Parse(new StringReader($"{FingerprintTable.Header}\nx"))).Message);
    }
}
