using System.Text;
using WireLens.Analysis.Http;

namespace WireLens.UnitTests.Http;

/// <summary>HPACK decoding against the examples of RFC 7541 Appendix C, and against malformed and random blocks.</summary>
public class HpackDecoderTests
{
    private const string C41Huffman = "8286 8441 8cf1 e3c2 e5f2 3a6b a0ab 90f4 ff";

    [Theory]
    // C.2.1: literal with indexing, new name.
    [InlineData("400a 6375 7374 6f6d 2d6b 6579 0d63 7573 746f 6d2d 6865 6164 6572", "custom-key: custom-header", 1, 55)]
    // C.2.2: literal without indexing, indexed name :path (4).
    [InlineData("040c 2f73 616d 706c 652f 7061 7468", ":path: /sample/path", 0, 0)]
    // C.2.3: literal never indexed, new name.
    [InlineData("1008 7061 7373 776f 7264 0673 6563 7265 74", "password: secret", 0, 0)]
    // C.2.4: indexed field 2.
    [InlineData("82", ":method: GET", 0, 0)]
    public void Decode_C2LiteralForms_FieldAndTable(string hex, string field, int entries, int tableSize)
    {
        var decoder = new HpackDecoder();
        var fields = new FieldList();

        HpackStatus status = decoder.Decode(Hex(hex), ref fields);

        Assert.Equal(HpackStatus.Done, status);
        Assert.Equal([field], fields.Lines);
        Assert.Equal(entries, decoder.Table.Count);
        Assert.Equal(tableSize, decoder.Table.Size);
    }

    public static TheoryData<string[]> RequestSequences => new()
    {
        // C.3: requests without Huffman coding.
        new[]
        {
            "8286 8441 0f77 7777 2e65 7861 6d70 6c65 2e63 6f6d",
            "8286 84be 5808 6e6f 2d63 6163 6865",
            "8287 85bf 400a 6375 7374 6f6d 2d6b 6579 0c63 7573 746f 6d2d 7661 6c75 65",
        },
        // C.4: the same requests with Huffman coding.
        new[]
        {
            C41Huffman,
            "8286 84be 5886 a8eb 1064 9cbf",
            "8287 85bf 4088 25a8 49e9 5ba9 7d7f 8925 a849 e95b b8e8 b4bf",
        },
    };

    [Theory]
    [MemberData(nameof(RequestSequences))]
    public void Decode_C3AndC4Requests_FieldsAndTableSizes(string[] blocks)
    {
        var decoder = new HpackDecoder();
        string[][] expected =
        [
            [":method: GET", ":scheme: http", ":path: /", ":authority: www.example.com"],
            [":method: GET", ":scheme: http", ":path: /", ":authority: www.example.com", "cache-control: no-cache"],
            [":method: GET", ":scheme: https", ":path: /index.html", ":authority: www.example.com", "custom-key: custom-value"],
        ];
        int[] sizes = [57, 110, 164];

        for (int i = 0; i < blocks.Length; i++)
        {
            var fields = new FieldList();
            Assert.Equal(HpackStatus.Done, decoder.Decode(Hex(blocks[i]), ref fields));
            Assert.Equal(expected[i], fields.Lines);
            Assert.Equal(sizes[i], decoder.Table.Size);
        }
    }

    [Fact]
    public void Decode_C6ResponsesWithEviction_FieldsAndTableSizes()
    {
        // C.6: SETTINGS_HEADER_TABLE_SIZE 256, so the third response evicts entries.
        var decoder = new HpackDecoder();
        decoder.Table.SetMaxSize(256);
        string[] blocks =
        [
            "4882 6402 5885 aec3 771a 4b61 96d0 7abe 9410 54d4 44a8 2005 9504 0b81 66e0 82a6 2d1b ff6e 919d 29ad 1718 63c7 8f0b 97c8 e9ae 82ae 43d3",
            "4883 640e ffc1 c0bf",
            "88c1 6196 d07a be94 1054 d444 a820 0595 040b 8166 e084 a62d 1bff c05a 839b d9ab 77ad 94e7 821d d7f2 e6c7 b335 dfdf cd5b 3960 d5af 2708 7f36 72c1 ab27 0fb5 291f 9587 3160 65c0 03ed 4ee5 b106 3d50 07",
        ];
        string[][] expected =
        [
            [":status: 302", "cache-control: private", "date: Mon, 21 Oct 2013 20:13:21 GMT", "location: https://www.example.com"],
            [":status: 307", "cache-control: private", "date: Mon, 21 Oct 2013 20:13:21 GMT", "location: https://www.example.com"],
            [":status: 200", "cache-control: private", "date: Mon, 21 Oct 2013 20:13:22 GMT", "location: https://www.example.com", "content-encoding: gzip", "set-cookie: foo=ASDJKHQKBZXOQWEOPIUAXQWEOIU; max-age=3600; version=1"],
        ];
        int[] sizes = [222, 222, 215];
        int[] counts = [4, 4, 3];

        for (int i = 0; i < blocks.Length; i++)
        {
            var fields = new FieldList();
            Assert.Equal(HpackStatus.Done, decoder.Decode(Hex(blocks[i]), ref fields));
            Assert.Equal(expected[i], fields.Lines);
            Assert.Equal(sizes[i], decoder.Table.Size);
            Assert.Equal(counts[i], decoder.Table.Count);
        }
    }

    [Fact]
    public void Huffman_Table_IsACompletePrefixCode()
    {
        // Kraft equality: the 257 codes of Appendix B fill the code space exactly, so every bit string decodes.
        double kraft = 0;
        for (int symbol = 0; symbol <= HpackHuffman.Eos; symbol++)
        {
            int length = HpackHuffman.Lengths[symbol];
            Assert.InRange(length, 5, 30);
            Assert.True(HpackHuffman.Codes[symbol] < (1u << length));
            kraft += Math.Pow(2, -length);
        }

        Assert.Equal(1.0, kraft, 12);
    }

    [Fact]
    public void Huffman_C41Authority_DecodesWwwExampleCom()
    {
        byte[] destination = new byte[HpackHuffman.MaxDecodedLength(12)];

        bool ok = HpackHuffman.TryDecode(Hex("f1e3 c2e5 f23a 6ba0 ab90 f4ff"), destination, out int written);

        Assert.True(ok);
        Assert.Equal("www.example.com", Encoding.Latin1.GetString(destination, 0, written));
    }

    [Theory]
    [InlineData("ff", "padding of 8 bits")]
    [InlineData("f1e3 c2e5 f23a 6ba0 ab90 f4fe", "padding that is not all ones")]
    [InlineData("ffff fffc", "EOS symbol (30 ones) inside the string")]
    public void Huffman_InvalidEncodings_Rejected(string hex, string why)
    {
        byte[] destination = new byte[64];

        Assert.False(HpackHuffman.TryDecode(Hex(hex), destination, out _), why);
    }

    [Theory]
    [InlineData("80", HpackStatus.Malformed)]                      // indexed field 0 (section 6.1)
    [InlineData("be", HpackStatus.Malformed)]                      // index 62: dynamic table empty
    [InlineData("ff80 8080 8080 01", HpackStatus.Malformed)]       // integer continuing past 28 bits (section 5.1)
    [InlineData("ffff ffff ff0f", HpackStatus.Malformed)]          // integer above the limit
    [InlineData("ff", HpackStatus.Truncated)]                      // integer continuation missing
    [InlineData("4108 7777", HpackStatus.Truncated)]               // string shorter than its length
    [InlineData("41", HpackStatus.Truncated)]                      // value missing
    [InlineData("4181 ff", HpackStatus.Malformed)]                 // Huffman value with 8 padding bits
    [InlineData("823f e1ff 03", HpackStatus.Malformed)]            // size update after a field (section 4.2)
    [InlineData("3fe1 ff07", HpackStatus.Malformed)]               // size update above 64 KiB
    public void Decode_MalformedOrTruncated_Status(string hex, HpackStatus expected)
    {
        var fields = new FieldList();

        Assert.Equal(expected, new HpackDecoder().Decode(Hex(hex), ref fields));
    }

    [Fact]
    public void Decode_SizeUpdateToZero_EvictsAndEntryIsNotReferable()
    {
        // C.3.1 inserts :authority; "20" sets the maximum size to 0, which evicts it (section 4.3).
        var decoder = new HpackDecoder();
        var fields = new FieldList();
        Assert.Equal(HpackStatus.Done, decoder.Decode(Hex("8286 8441 0f77 7777 2e65 7861 6d70 6c65 2e63 6f6d"), ref fields));

        Assert.Equal(HpackStatus.Malformed, decoder.Decode(Hex("20be"), ref fields));
        Assert.Equal(0, decoder.Table.Count);
    }

    [Fact]
    public void Decode_EntryReferencedInTheSameBlock_Resolved()
    {
        // Literal with indexing "user-agent: h2load" (name index 58), then indexed field 62 = that entry.
        var fields = new FieldList();
        byte[] block = [0x7a, 0x06, .. "h2load"u8, 0xbe];

        Assert.Equal(HpackStatus.Done, new HpackDecoder().Decode(block, ref fields));
        Assert.Equal(["user-agent: h2load", "user-agent: h2load"], fields.Lines);
    }

    [Fact]
    public void Decode_ManyInsertionsInSmallTable_KeepsNewestEntries()
    {
        // 300 literal-with-indexing fields x-<n>: v through a 100-byte table: compaction and eviction at every step.
        var decoder = new HpackDecoder();
        decoder.Table.SetMaxSize(100);
        var block = new List<byte>();
        for (int i = 0; i < 300; i++)
        {
            byte[] name = Encoding.ASCII.GetBytes($"x-{i}");
            block.Add(0x40);
            block.Add((byte)name.Length);
            block.AddRange(name);
            block.Add(0x01);
            block.Add((byte)'v');
        }

        block.Add(0xbe);
        var fields = new FieldList();

        Assert.Equal(HpackStatus.Done, decoder.Decode(block.ToArray(), ref fields));
        Assert.Equal("x-299: v", fields.Lines[^1]);
        Assert.Equal(2, decoder.Table.Count);
        decoder.Reset();
        Assert.Equal(0, decoder.Table.Count);
    }

    [Fact]
    public void Decode_SeededRandomBlocks_NeverThrows()
    {
        var random = new Random(7541);
        var decoder = new HpackDecoder();
        for (int i = 0; i < 20_000; i++)
        {
            byte[] block = new byte[random.Next(0, 64)];
            random.NextBytes(block);
            var fields = new FieldList();
            HpackStatus status = decoder.Decode(block, ref fields);
            Assert.True(Enum.IsDefined(status));
            if (i % 100 == 0)
            {
                decoder.Reset();
            }
        }
    }

    [Fact]
    public void Decode_EveryPrefixOfC41_NeverDoneWithAuthorityUnlessWhole()
    {
        byte[] block = Hex(C41Huffman);
        for (int length = 0; length < block.Length; length++)
        {
            var fields = new FieldList();
            HpackStatus status = new HpackDecoder().Decode(block.AsSpan(0, length), ref fields);
            Assert.DoesNotContain(":authority: www.example.com", fields.Lines);
            Assert.True(status != HpackStatus.Done || length <= 3, $"prefix {length}: {status}");
        }
    }

    private static byte[] Hex(string hex) => Convert.FromHexString(hex.Replace(" ", "", StringComparison.Ordinal));

    private struct FieldList : IHpackFieldHandler
    {
        private List<string>? _lines;

        public List<string> Lines => _lines ??= [];

        public void OnField(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value) =>
            Lines.Add($"{Encoding.Latin1.GetString(name)}: {Encoding.Latin1.GetString(value)}");
    }
}
