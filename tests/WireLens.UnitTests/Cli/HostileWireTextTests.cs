using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Net.NetworkInformation;
using System.Text;
using System.Text.Json;
using PacketDotNet;
using PacketDotNet.Utils;
using WireLens.Capture.Files;
using WireLens.Cli;
using WireLens.Cli.Commands;
using WireLens.Reporting.Text;
using WireLens.Testing;
using WireLens.UnitTests.Tls;
using WireLens.Wire;
using WireLens.Wire.Link;

namespace WireLens.UnitTests.Cli;

/// <summary>
/// "Safe output" end to end: a capture whose User-Agent, Host, SNI and ALPN hold spreadsheet formulas, commas,
/// quotes, escape sequences, a C1 control and U+202E goes through <c>wirelens analyze FILE --csv DIR --json F</c>.
/// Python's csv module (an independent reader) reads every CSV file back; each cell must be the value WireLens
/// meant to write (<see cref="WireText.CsvSafe"/> of the JSON's exact text, numbers as in the JSON), and the text
/// report must carry no control, C1 or bidi character.
/// </summary>
public sealed class HostileWireTextTests : IDisposable
{
    // Prints {"file": [[cell, ...], ...], ...}; json.dumps escapes to ASCII, so the pipe's encoding does not matter.
    private const string ReadCsvAsJson =
        "import csv, json, os, sys\n"
        + "out = {}\n"
        + "for path in sys.argv[1:]:\n"
        + "    with open(path, newline='', encoding='utf-8') as f:\n"
        + "        out[os.path.basename(path)] = [row for row in csv.reader(f)]\n"
        + "print(json.dumps(out))\n";

    private const string Formula = "=cmd|' /C calc'!A0";

    // ESC [2J (clear screen), U+009B (CSI) as UTF-8, U+202E (right-to-left override) as UTF-8.
    private static readonly byte[] s_terminalAttack = [0x1B, (byte)'[', (byte)'2', (byte)'J', 0xC2, 0x9B, 0xE2, 0x80, 0xAE];

    private static readonly IPAddress s_client = IPAddress.Parse("192.0.2.10");
    private static readonly IPAddress s_server = IPAddress.Parse("192.0.2.80");

    // (User-Agent, Host) of the HTTP/1.1 connections; a header holds neither CR nor LF, and a leading tab is OWS.
    private static readonly (byte[] UserAgent, byte[] Host)[] s_http =
    [
        (Ascii(Formula), Ascii("+1")),
        ([.. Ascii("-2 "), .. s_terminalAttack, .. Ascii(" x")], Ascii("@SUM(1)")),
        (Ascii("@SUM(1),\"q\" a,b"), [.. Ascii("-2,\"a,b\""), .. s_terminalAttack]),
    ];

    // (SNI, ALPN offered) of the TLS connections; a host name is opaque bytes on the wire, so tab, CR and LF fit.
    private static readonly (byte[] Sni, byte[][] Alpn)[] s_tls =
    [
        ([.. Ascii(Formula + ",\"q\""), .. s_terminalAttack], [s_terminalAttack, Ascii("=1+2,\"x\""), Ascii("h2")]),
        (Ascii("\t-2\r\n@x"), [Ascii("+1"), Ascii("http/1.1")]),
        (Ascii("\r=1"), [Ascii("-x")]),
    ];

    private readonly string _dir = TestPaths.NewTempDirectory("wirelens-hostile");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Analyze_HostileWireText_CsvNeutralisedTextEscapedJsonExact()
    {
        // Arrange
        string python = Require.Tool("python3", "python3");
        string capture = Path.Combine(_dir, "hostile.pcap");
        WriteCapture(capture);
        string csvDir = Path.Combine(_dir, "csv");
        string jsonPath = Path.Combine(_dir, "report.json");
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        // Act
        int exit = AnalyzeCommand.Run(new AnalyzeArguments(capture, csvDir, jsonPath, null, 300), stdout, stderr);

        // Assert: the run
        Assert.True(exit == ExitCodes.Success, stderr.ToString());
        string[] files = ["connections.csv", "tools.csv", "timeseries.csv", "findings.csv"];
        Assert.Equal(files.Order(StringComparer.Ordinal), Directory.GetFiles(csvDir).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Empty(Directory.GetFiles(_dir, "*.tmp"));

        // Assert: the JSON parses and holds the exact wire text (Latin-1: one char per byte).
        using JsonDocument json = JsonDocument.Parse(File.ReadAllBytes(jsonPath));
        JsonElement[] connections = [.. json.RootElement.GetProperty("connections").EnumerateArray()];
        Assert.Equal(s_http.Length + s_tls.Length, connections.Length);
        for (int i = 0; i < s_http.Length; i++)
        {
            Assert.Equal(Latin1(s_http[i].UserAgent), connections[i].GetProperty("user_agent").GetString());
            Assert.Equal(Latin1(s_http[i].Host), connections[i].GetProperty("http_host").GetString());
        }

        for (int i = 0; i < s_tls.Length; i++)
        {
            JsonElement c = connections[s_http.Length + i];
            Assert.Equal(Latin1(s_tls[i].Sni), c.GetProperty("tls_sni").GetString());
            Assert.Equal(s_tls[i].Alpn.Select(Latin1), c.GetProperty("tls_alpn_offered").EnumerateArray().Select(a => a.GetString()));
        }

        // Assert: Python's csv module reads every file back to what WireLens meant to write.
        ProcessResult read = ProcessRunner.Run(
            python, ["-c", ReadCsvAsJson, .. files.Select(f => Path.Combine(csvDir, f))], TimeSpan.FromSeconds(60));
        Assert.True(read.Succeeded, read.Describe("python3 csv reader"));
        using JsonDocument csv = JsonDocument.Parse(read.StdOut);
        AssertCsvMatches(csv.RootElement.GetProperty("connections.csv"), json.RootElement.GetProperty("connections"));
        AssertCsvMatches(csv.RootElement.GetProperty("tools.csv"), json.RootElement.GetProperty("tools"));
        AssertCsvMatches(csv.RootElement.GetProperty("timeseries.csv"), json.RootElement.GetProperty("timeseries"));
        AssertCsvMatches(csv.RootElement.GetProperty("findings.csv"), json.RootElement.GetProperty("findings"));

        // The hostile cells, spelled out: neutralised and escaped.
        string[][] rows = Rows(csv.RootElement.GetProperty("connections.csv"));
        int ua = Array.IndexOf(rows[0], "user_agent");
        int host = Array.IndexOf(rows[0], "http_host");
        int sni = Array.IndexOf(rows[0], "tls_sni");
        int alpn = Array.IndexOf(rows[0], "tls_alpn_offered");
        Assert.Equal("'" + Formula, rows[1][ua]);
        Assert.Equal("'+1", rows[1][host]);
        Assert.Equal("'-2 \\x1B[2JÂ\\x9Bâ\\x80® x", rows[2][ua]);
        Assert.Equal("'@SUM(1)", rows[2][host]);
        Assert.Equal("'@SUM(1),\"q\" a,b", rows[3][ua]);
        Assert.Equal("'-2,\"a,b\"\\x1B[2JÂ\\x9Bâ\\x80®", rows[3][host]);
        Assert.Equal("'" + Formula + ",\"q\"\\x1B[2JÂ\\x9Bâ\\x80®", rows[4][sni]);
        Assert.Equal("\\x1B[2JÂ\\x9Bâ\\x80®;'=1+2,\"x\";h2", rows[4][alpn]);
        Assert.Equal("\\x09-2\\x0D\\x0A@x", rows[5][sni]);
        Assert.Equal("'+1;http/1.1", rows[5][alpn]);
        Assert.Equal("\\x0D=1", rows[6][sni]);
        Assert.Equal("'-x", rows[6][alpn]);

        // A tool named from the wire ("-2", the User-Agent's first product) is a group key: neutralised in tools.csv.
        Assert.Contains(Rows(csv.RootElement.GetProperty("tools.csv")), row => row[0] == "'-2" && row[1] == "'-2");

        // Assert: the text report's bytes hold no ESC, no C1 (UTF-8 C2 80..C2 9F) and no U+202E (E2 80 AE), but do
        // hold the escaped forms.
        foreach (string text in new[] { stdout.ToString(), stderr.ToString() })
        {
            byte[] bytes = Encoding.UTF8.GetBytes(text);
            Assert.DoesNotContain((byte)0x1B, bytes);
            for (int i = 0; i + 1 < bytes.Length; i++)
            {
                Assert.False(bytes[i] == 0xC2 && bytes[i + 1] is >= 0x80 and <= 0x9F, $"C1 control at byte {i}");
                Assert.False(i + 2 < bytes.Length && bytes[i] == 0xE2 && bytes[i + 1] == 0x80 && bytes[i + 2] == 0xAE, $"U+202E at byte {i}");
            }
        }

        Assert.Contains(WireText.EscapeControl(Latin1(s_terminalAttack)), stdout.ToString(), StringComparison.Ordinal);
    }

    /// <summary>
    /// Header = the JSON objects' keys, one row per object, and each cell what the CSV writers make of the JSON value:
    /// null empty, booleans true/false, numbers the same number (never prefixed), strings <see cref="WireText.CsvSafe"/>,
    /// arrays <see cref="WireText.CsvSafeList"/>.
    /// </summary>
    private static void AssertCsvMatches(JsonElement csvRows, JsonElement jsonArray)
    {
        string[][] rows = Rows(csvRows);
        JsonElement[] objects = [.. jsonArray.EnumerateArray()];
        Assert.NotEmpty(objects);
        Assert.Equal(objects.Length + 1, rows.Length);
        string[] header = rows[0];
        for (int r = 0; r < objects.Length; r++)
        {
            // A count table is one CSV cell but two JSON keys: an object NAME and a number NAME_other.
            JsonProperty[] properties = [.. objects[r].EnumerateObject().Where(p => !IsTableOther(objects[r], p.Name))];
            Assert.Equal(header, properties.Select(p => p.Name));
            Assert.Equal(header.Length, rows[r + 1].Length);
            for (int c = 0; c < header.Length; c++)
            {
                string cell = rows[r + 1][c];
                JsonElement value = properties[c].Value;
                string where = $"row {r + 1} column {header[c]}: '{cell}'";
                switch (value.ValueKind)
                {
                    case JsonValueKind.Null:
                        Assert.True(cell.Length == 0, where);
                        break;
                    case JsonValueKind.True or JsonValueKind.False:
                        Assert.True(cell == (value.GetBoolean() ? "true" : "false"), where);
                        break;
                    case JsonValueKind.Number:
                        // F3 / F6 cells round; a number is never neutralised.
                        Assert.True(double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out double number), where);
                        Assert.True(Math.Abs(number - value.GetDouble()) <= 0.0005 + (1e-12 * Math.Abs(number)), where);
                        break;
                    case JsonValueKind.String:
                        Assert.True(cell == WireText.CsvSafe(value.GetString()!), where);
                        break;
                    case JsonValueKind.Array when header[c] == "tls_resumption_offered" && value.GetArrayLength() == 0:
                        // docs/connections-csv.md: "none" when the ClientHello offered nothing (JSON: []).
                        Assert.True(cell == "none", where);
                        break;
                    case JsonValueKind.Array:
                        Assert.True(cell == WireText.CsvSafeList([.. value.EnumerateArray().Select(e => e.GetString()!)]), where);
                        break;
                    case JsonValueKind.Object:
                        // docs/tools-report.md: key=count items joined by ';', other=N last; empty when there are none.
                        List<string> items = [.. value.EnumerateObject().Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Name}={p.Value.GetInt64()}"))];
                        long other = objects[r].GetProperty(header[c] + "_other").GetInt64();
                        if (other > 0)
                        {
                            items.Add(string.Create(CultureInfo.InvariantCulture, $"other={other}"));
                        }

                        Assert.True(cell == WireText.CsvSafeList(items), where);
                        break;
                    default:
                        Assert.Fail($"{where}: unexpected JSON {value.ValueKind}");
                        break;
                }
            }
        }
    }

    private static bool IsTableOther(JsonElement obj, string name) =>
        name.EndsWith("_other", StringComparison.Ordinal)
        && obj.TryGetProperty(name[..^"_other".Length], out JsonElement table)
        && table.ValueKind == JsonValueKind.Object;

    private static string[][] Rows(JsonElement rows) =>
        [.. rows.EnumerateArray().Select(row => row.EnumerateArray().Select(c => c.GetString()!).ToArray())];

    private static byte[] Ascii(string text) => Encoding.ASCII.GetBytes(text);

    private static string Latin1(byte[] bytes) => Encoding.Latin1.GetString(bytes);

    private static void WriteCapture(string path)
    {
        using var file = new FileStream(path, FileMode.Create);
        using CaptureFileWriter writer = CaptureFileWriter.Create(file, LinkType.Ethernet, nanosecond: false);
        var clock = new Clock(writer);
        ushort port = 40_000;
        foreach ((byte[] userAgent, byte[] host) in s_http)
        {
            byte[] request = [.. Ascii("GET / HTTP/1.1\r\nHost: "), .. host, .. Ascii("\r\nUser-Agent: "), .. userAgent, .. Ascii("\r\nAccept: */*\r\n\r\n")];
            Connection(clock, port++, 80, request, Ascii("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"));
        }

        foreach ((byte[] sni, byte[][] alpn) in s_tls)
        {
            Connection(clock, port++, 443, ClientHello(sni, alpn), TlsTestVectors.ServerHelloTls12);
        }
    }

    // Handshake, one request and one response, FIN from the client, FIN from the server, last ACK.
    private static void Connection(Clock clock, ushort clientPort, ushort serverPort, byte[] request, byte[] response)
    {
        const uint ClientIsn = 1_000;
        const uint ServerIsn = 5_000;
        uint c = ClientIsn + 1;
        uint s = ServerIsn + 1;
        clock.Write(Frame(true, clientPort, serverPort, ClientIsn, 0, 0x02, []));
        clock.Write(Frame(false, clientPort, serverPort, ServerIsn, c, 0x12, []));
        clock.Write(Frame(true, clientPort, serverPort, c, s, 0x10, []));
        clock.Write(Frame(true, clientPort, serverPort, c, s, 0x18, request));
        c += (uint)request.Length;
        clock.Write(Frame(false, clientPort, serverPort, s, c, 0x18, response));
        s += (uint)response.Length;
        clock.Write(Frame(true, clientPort, serverPort, c, s, 0x11, []));
        clock.Write(Frame(false, clientPort, serverPort, s, c + 1, 0x11, []));
        clock.Write(Frame(true, clientPort, serverPort, c + 1, s + 1, 0x10, []));
    }

    private static byte[] Frame(bool fromClient, ushort clientPort, ushort serverPort, uint sequence, uint acknowledgment, ushort flags, byte[] payload)
    {
        var header = new byte[20];
        header[12] = 5 << 4;
        var tcp = new TcpPacket(new ByteArraySegment(header))
        {
            SourcePort = fromClient ? clientPort : serverPort,
            DestinationPort = fromClient ? serverPort : clientPort,
            SequenceNumber = sequence,
            AcknowledgmentNumber = acknowledgment,
            Flags = flags,
            WindowSize = 64_240,
            PayloadData = payload,
        };
        var ip = new IPv4Packet(fromClient ? s_client : s_server, fromClient ? s_server : s_client)
        {
            Protocol = PacketDotNet.ProtocolType.Tcp,
            TimeToLive = 64,
            PayloadPacket = tcp,
        };
        ip.UpdateCalculatedValues();
        tcp.UpdateTcpChecksum();
        ip.UpdateIPChecksum();
        var ethernet = new EthernetPacket(
            PhysicalAddress.Parse("02-00-00-00-00-01"), PhysicalAddress.Parse("02-00-00-00-00-02"), EthernetType.IPv4)
        {
            PayloadPacket = ip,
        };
        return ethernet.Bytes;
    }

    // A TLS 1.2 ClientHello record with server_name and ALPN (RFC 8446 4.1.2, RFC 6066 3, RFC 7301 3.1).
    private static byte[] ClientHello(byte[] sni, byte[][] alpn)
    {
        byte[] serverName = [.. U16(sni.Length + 3), 0x00, .. U16(sni.Length), .. sni];   // list, host_name, HostName
        byte[] names = [.. alpn.SelectMany(a => (byte[])[(byte)a.Length, .. a])];
        byte[] protocols = [.. U16(names.Length), .. names];
        byte[] extensions =
        [
            0x00, 0x00, .. U16(serverName.Length), .. serverName,                               // server_name
            0x00, 0x10, .. U16(protocols.Length), .. protocols,                                 // ALPN
        ];
        byte[] body =
        [
            0x03, 0x03,                                                                        // legacy_version TLS 1.2
            .. new byte[32],                                                                    // random
            0x00,                                                                              // session id: empty
            0x00, 0x02, 0xC0, 0x2F,                                                            // TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256
            0x01, 0x00,                                                                        // compression: null
            .. U16(extensions.Length), .. extensions,
        ];
        byte[] handshake = [0x01, (byte)(body.Length >> 16), (byte)(body.Length >> 8), (byte)body.Length, .. body];
        return [0x16, 0x03, 0x01, .. U16(handshake.Length), .. handshake];
    }

    private static byte[] U16(int value)
    {
        var bytes = new byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(bytes, checked((ushort)value));
        return bytes;
    }

    // Packet times 1 ms apart from a fixed second.
    private sealed class Clock(CaptureFileWriter writer)
    {
        private long _nanoseconds = 1_700_000_000L * 1_000_000_000;

        public void Write(byte[] frame)
        {
            writer.Write(new Timestamp(_nanoseconds), frame, (uint)frame.Length);
            _nanoseconds += 1_000_000;
        }
    }
}
