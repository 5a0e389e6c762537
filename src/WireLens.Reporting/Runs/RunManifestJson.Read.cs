using System.Globalization;
using System.Text.Json;
using WireLens.Reporting.Attribution;
using WireLens.Wire;
using WireLens.Wire.Ip;

namespace WireLens.Reporting.Runs;

public static partial class RunManifestJson
{
    // Property names, shared with the writer.
    private const string CaptureProperty = "capture";
    private const string RunsProperty = "runs";
    private const string FileProperty = "file";
    private const string InterfaceProperty = "interface";
    private const string PortRangeProperty = "port_range";
    private const string ReceivedProperty = "received";
    private const string DroppedByKernelProperty = "dropped_by_kernel";
    private const string DroppedByInterfaceProperty = "dropped_by_interface";
    private const string DroppedByQueueProperty = "dropped_by_queue";
    private const string SocketsProperty = "sockets";
    private const string LocalProperty = "local";
    private const string RemoteProperty = "remote";
    private const string PidProperty = "pid";
    private const string FirstSeenProperty = "first_seen";
    private const string LastSeenProperty = "last_seen";
    private const string LabelProperty = "label";
    private const string ToolProperty = "tool";
    private const string ToolVersionProperty = "tool_version";
    private const string CommandProperty = "command";
    private const string TargetProperty = "target";
    private const string ConcurrencyProperty = "concurrency";
    private const string StartProperty = "start";
    private const string StopProperty = "stop";
    private const string SummaryProperty = "summary";
    private const string RequestsProperty = "requests";
    private const string ErrorsProperty = "errors";
    private const string RequestsPerSecondProperty = "requests_per_s";
    private const string ConnectionsProperty = "connections";
    private const string LatencyProperty = "latency_ms";

    /// <summary>
    /// Turns the parsed document into the model, checking every value; a problem throws a
    /// <see cref="ManifestException"/> that <see cref="TryParse(ReadOnlyMemory{byte}, out RunManifest?, out string, string)"/>
    /// turns into its error line (the checks are many and each one ends the read, so an exception keeps them short).
    /// </summary>
    private static class Reader
    {
        private static readonly string[] s_manifestNames = [VersionProperty, CaptureProperty, RunsProperty, SocketsProperty];
        private static readonly string[] s_captureNames =
        [
            FileProperty, InterfaceProperty, PortRangeProperty, ReceivedProperty, DroppedByKernelProperty, DroppedByInterfaceProperty,
            DroppedByQueueProperty,
        ];
        private static readonly string[] s_socketNames =
            [LocalProperty, RemoteProperty, ToolProperty, PidProperty, FirstSeenProperty, LastSeenProperty];
        private static readonly string[] s_runNames =
        [
            LabelProperty, ToolProperty, ToolVersionProperty, CommandProperty, TargetProperty, ConcurrencyProperty,
            StartProperty, StopProperty, SummaryProperty,
        ];
        private static readonly string[] s_summaryNames =
            [RequestsProperty, ErrorsProperty, RequestsPerSecondProperty, ConnectionsProperty, LatencyProperty];

        public static RunManifest ReadManifest(JsonElement root)
        {
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new ManifestException("", "not a JSON object");
            }

            JsonElement?[] f = Collect(root, "", s_manifestNames);
            if (f[0] is not { } version)
            {
                throw new ManifestException(VersionProperty, "missing (not a WireLens run manifest)");
            }

            if (version.ValueKind != JsonValueKind.Number || !version.TryGetInt32(out int v) || v != RunManifest.CurrentVersion)
            {
                throw new ManifestException(VersionProperty,
                    $"unknown version {OneLine(version.GetRawText())} (this WireLens reads {RunManifest.CurrentVersion})");
            }

            CaptureInfo? capture = IsAbsent(f[1]) ? null : ReadCapture(ObjectAt(f[1]!.Value, CaptureProperty));
            if (f[2] is not { } runs)
            {
                throw new ManifestException(RunsProperty, "missing");
            }

            return new RunManifest(v, capture, ReadRuns(runs))
            {
                Sockets = IsAbsent(f[3]) ? [] : ReadSockets(f[3]!.Value),
            };
        }

        private static SocketOwner[] ReadSockets(JsonElement sockets)
        {
            if (sockets.ValueKind != JsonValueKind.Array)
            {
                throw new ManifestException(SocketsProperty, "not an array");
            }

            int count = sockets.GetArrayLength();
            if (count > MaxSockets)
            {
                throw new ManifestException(SocketsProperty, $"{count} sockets, more than {MaxSockets}");
            }

            var owners = new SocketOwner[count];
            int i = 0;
            foreach (JsonElement socket in sockets.EnumerateArray())
            {
                string path = $"sockets[{i}]";
                JsonElement?[] f = Collect(ObjectAt(socket, path), path, s_socketNames);
                (IpAddress localIp, ushort localPort) = Endpoint(f[0], path + ".local");
                (IpAddress remoteIp, ushort remotePort) = Endpoint(f[1], path + ".remote");
                string tool = RequiredString(f[2], path + ".tool");
                if (!ToolNames.IsValid(tool))
                {
                    throw new ManifestException(path + ".tool",
                        $"not a tool name (1 to {ToolNames.MaxLength} of a-z 0-9 . _ -, not unknown or ambiguous)");
                }

                Timestamp first = RequiredTime(f[4], path + ".first_seen");
                Timestamp last = RequiredTime(f[5], path + ".last_seen");
                if (last < first)
                {
                    throw new ManifestException(path + ".last_seen", "before first_seen");
                }

                owners[i] = new SocketOwner(localIp, localPort, remoteIp, remotePort, tool, OptionalInt(f[3], path + ".pid", 1), first, last);
                i++;
            }

            return owners;
        }

        private static (IpAddress Ip, ushort Port) Endpoint(JsonElement? element, string path)
        {
            string text = RequiredString(element, path);
            if (!System.Net.IPEndPoint.TryParse(text, out System.Net.IPEndPoint? endpoint) || endpoint.Port == 0
                || !text.Contains(':', StringComparison.Ordinal))
            {
                throw new ManifestException(path, "not ADDRESS:PORT (127.0.0.1:8080, [::1]:8080)");
            }

            return (IpAddress.FromIPAddress(endpoint.Address), (ushort)endpoint.Port);
        }

        private static CaptureInfo ReadCapture(JsonElement capture)
        {
            JsonElement?[] f = Collect(capture, CaptureProperty, s_captureNames);
            return new CaptureInfo(
                File: OptionalString(f[0], "capture.file"),
                Interface: OptionalString(f[1], "capture.interface"),
                PortRange: ReadPortRange(f[2], "capture.port_range"),
                Received: OptionalCount(f[3], "capture.received"),
                DroppedByKernel: OptionalCount(f[4], "capture.dropped_by_kernel"),
                DroppedByInterface: OptionalCount(f[5], "capture.dropped_by_interface"))
            {
                DroppedByQueue = OptionalCount(f[6], "capture.dropped_by_queue"),
            };
        }

        private static PortRange? ReadPortRange(JsonElement? element, string path)
        {
            if (IsAbsent(element))
            {
                return null;
            }

            JsonElement range = element!.Value;
            if (range.ValueKind != JsonValueKind.Array || range.GetArrayLength() != 2
                || !range[0].TryGetInt32(out int low) || !range[1].TryGetInt32(out int high)
                || low is < 1 or > 65535 || high is < 1 or > 65535 || low > high)
            {
                throw new ManifestException(path, "not [low, high] with 1 <= low <= high <= 65535");
            }

            return new PortRange(low, high);
        }

        private static RunEntry[] ReadRuns(JsonElement runs)
        {
            if (runs.ValueKind != JsonValueKind.Array)
            {
                throw new ManifestException(RunsProperty, "not an array");
            }

            int count = runs.GetArrayLength();
            if (count > MaxRuns)
            {
                throw new ManifestException(RunsProperty, $"{count} runs, more than {MaxRuns}");
            }

            var entries = new RunEntry[count];
            var labels = new Dictionary<string, int>(count, StringComparer.Ordinal);
            int i = 0;
            foreach (JsonElement run in runs.EnumerateArray())
            {
                string path = $"runs[{i}]";
                entries[i] = ReadRun(ObjectAt(run, path), path);
                if (!labels.TryAdd(entries[i].Label, i))
                {
                    throw new ManifestException(path + ".label", $"\"{entries[i].Label}\" is also the label of runs[{labels[entries[i].Label]}]");
                }

                i++;
            }

            return entries;
        }

        private static RunEntry ReadRun(JsonElement run, string path)
        {
            JsonElement?[] f = Collect(run, path, s_runNames);
            string label = RequiredString(f[0], path + ".label");
            if (label.Length == 0 || label.Length > MaxLabelLength || label.AsSpan().ContainsAnyInRange('\0', '\u001f') || label.Contains('\u007f', StringComparison.Ordinal))
            {
                throw new ManifestException(path + ".label", $"not 1 to {MaxLabelLength} printable characters");
            }

            // The group names of --group-by run for connections in no run and in several.
            if (label is ConnectionGrouping.NoRun or ConnectionGrouping.AmbiguousRun)
            {
                throw new ManifestException(path + ".label", $"\"{label}\" is reserved");
            }

            string tool = RequiredString(f[1], path + ".tool");
            if (!ToolNames.IsValid(tool))
            {
                throw new ManifestException(path + ".tool",
                    $"not a tool name (1 to {ToolNames.MaxLength} of a-z 0-9 . _ -, not unknown or ambiguous)");
            }

            Timestamp start = RequiredTime(f[6], path + ".start");
            Timestamp stop = RequiredTime(f[7], path + ".stop");
            if (stop < start)
            {
                throw new ManifestException(path + ".stop", "before start");
            }

            return new RunEntry(
                Label: label,
                Tool: tool,
                ToolVersion: OptionalString(f[2], path + ".tool_version"),
                Command: ReadCommand(f[3], path + ".command"),
                Target: OptionalString(f[4], path + ".target"),
                Concurrency: OptionalInt(f[5], path + ".concurrency", 1),
                Start: start,
                Stop: stop,
                Summary: IsAbsent(f[8]) ? null : ReadSummary(ObjectAt(f[8]!.Value, path + ".summary"), path + ".summary"));
        }

        private static string[] ReadCommand(JsonElement? element, string path)
        {
            if (IsAbsent(element))
            {
                return [];
            }

            JsonElement command = element!.Value;
            if (command.ValueKind != JsonValueKind.Array)
            {
                throw new ManifestException(path, "not an array of strings");
            }

            var args = new string[command.GetArrayLength()];
            int i = 0;
            foreach (JsonElement arg in command.EnumerateArray())
            {
                args[i] = RequiredString(arg, $"{path}[{i}]");
                i++;
            }

            return args;
        }

        private static ToolSummary ReadSummary(JsonElement summary, string path)
        {
            JsonElement?[] f = Collect(summary, path, s_summaryNames);
            var latency = new Dictionary<string, double>(StringComparer.Ordinal);
            if (!IsAbsent(f[4]))
            {
                string latencyPath = path + ".latency_ms";
                foreach (JsonProperty p in ObjectAt(f[4]!.Value, latencyPath).EnumerateObject())
                {
                    string name = PropertyName(p, latencyPath);
                    string valuePath = $"{latencyPath}.{name}";
                    double ms = OptionalNumber(p.Value, valuePath) ?? throw new ManifestException(valuePath, "not a number");
                    if (!latency.TryAdd(name, ms))
                    {
                        throw new ManifestException(valuePath, "duplicate property");
                    }
                }
            }

            return new ToolSummary(
                Requests: OptionalCount(f[0], path + ".requests"),
                Errors: OptionalCount(f[1], path + ".errors"),
                RequestsPerSecond: OptionalNumber(f[2], path + ".requests_per_s"),
                Connections: OptionalCount(f[3], path + ".connections"),
                LatencyMs: latency);
        }

        /// <summary>
        /// The values of the properties in <paramref name="names"/>, by index; a name given twice is an error (JSON
        /// leaves duplicates undefined, RFC 8259 section 4). Other properties are ignored.
        /// </summary>
        private static JsonElement?[] Collect(JsonElement obj, string path, string[] names)
        {
            var values = new JsonElement?[names.Length];
            foreach (JsonProperty p in obj.EnumerateObject())
            {
                int i = Array.IndexOf(names, PropertyName(p, path));
                if (i < 0)
                {
                    continue;
                }

                if (values[i] is not null)
                {
                    throw new ManifestException(Join(path, names[i]), "duplicate property");
                }

                values[i] = p.Value;
            }

            return values;
        }

        private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

        private static bool IsAbsent(JsonElement? element) => element is not { } e || e.ValueKind == JsonValueKind.Null;

        private static JsonElement ObjectAt(JsonElement element, string path) =>
            element.ValueKind == JsonValueKind.Object ? element : throw new ManifestException(path, "not an object");

        private static string RequiredString(JsonElement? element, string path)
        {
            if (element is not { } e)
            {
                throw new ManifestException(path, "missing");
            }

            return e.ValueKind == JsonValueKind.String ? Text(e, path) : throw new ManifestException(path, "not a string");
        }

        private static string? OptionalString(JsonElement? element, string path) =>
            IsAbsent(element) ? null : RequiredString(element, path);

        private static long? OptionalCount(JsonElement? element, string path)
        {
            if (IsAbsent(element))
            {
                return null;
            }

            return element!.Value.ValueKind == JsonValueKind.Number && element.Value.TryGetInt64(out long n) && n >= 0
                ? n
                : throw new ManifestException(path, "not a whole number >= 0");
        }

        private static int? OptionalInt(JsonElement? element, string path, int min)
        {
            if (IsAbsent(element))
            {
                return null;
            }

            return element!.Value.ValueKind == JsonValueKind.Number && element.Value.TryGetInt32(out int n) && n >= min
                ? n
                : throw new ManifestException(path, $"not a whole number from {min} to {int.MaxValue}");
        }

        private static double? OptionalNumber(JsonElement? element, string path)
        {
            if (IsAbsent(element))
            {
                return null;
            }

            return element!.Value.ValueKind == JsonValueKind.Number && element.Value.TryGetDouble(out double d)
                && double.IsFinite(d) && d >= 0
                ? d
                : throw new ManifestException(path, "not a finite number >= 0");
        }

        private static Timestamp RequiredTime(JsonElement? element, string path)
        {
            if (element is not { } e)
            {
                throw new ManifestException(path, "missing");
            }

            if (e.ValueKind == JsonValueKind.Number)
            {
                return UnixSeconds(e.GetRawText(), path);
            }

            if (e.ValueKind != JsonValueKind.String)
            {
                throw new ManifestException(path, "not an RFC 3339 time nor a number of Unix seconds");
            }

            string text = Text(e, path);
            return Rfc3339.TryParse(text, out Timestamp time) switch
            {
                Rfc3339Status.Ok => time,
                Rfc3339Status.LeapSecond => throw new ManifestException(path, "a leap second, which Unix time cannot name"),
                Rfc3339Status.OutOfRange => throw new ManifestException(path, "out of range (1677-09-21 to 2262-04-11)"),
                _ => throw new ManifestException(path, "not an RFC 3339 time (2026-01-02T03:04:05.123456789Z, at most 9 fractional digits)"),
            };
        }

        // A JSON number of seconds since the Unix epoch, read from its digits (a double would lose the nanoseconds)
        // and rounded to the nearest nanosecond.
        private static Timestamp UnixSeconds(string raw, string path)
        {
            const decimal MaxSeconds = long.MaxValue / 1_000_000_000m;
            if (!decimal.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out decimal seconds)
                || Math.Abs(seconds) > MaxSeconds)
            {
                throw new ManifestException(path, "out of range (1677-09-21 to 2262-04-11)");
            }

            decimal nanos = Math.Round(seconds * 1_000_000_000m, MidpointRounding.ToEven);
            return nanos is >= long.MinValue and <= long.MaxValue
                ? new Timestamp((long)nanos)
                : throw new ManifestException(path, "out of range (1677-09-21 to 2262-04-11)");
        }

        // JSON strings are UTF-8 and may escape lone surrogates (\ud800); a .NET string can hold neither invalid UTF-8
        // nor, here, a lone surrogate, and GetString reports both by InvalidOperationException.
        private static string Text(JsonElement e, string path)
        {
            try
            {
                return e.GetString()!;
            }
            catch (InvalidOperationException)
            {
                throw new ManifestException(path, "not valid Unicode text");
            }
        }

        private static string PropertyName(JsonProperty p, string path)
        {
            try
            {
                return p.Name;
            }
            catch (InvalidOperationException)
            {
                throw new ManifestException(path, "a property name is not valid Unicode text");
            }
        }
    }
}
