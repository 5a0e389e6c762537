using System.CommandLine;
using WireLens.Capture.Live;

namespace WireLens.Cli.Commands;

/// <summary>`wirelens interfaces`: the capture devices libpcap sees, for <c>--iface</c>.</summary>
public static class InterfacesCommand
{
    public static Command Create()
    {
        var command = new Command("interfaces", "List the capture devices (for --iface).");
        command.SetAction(_ => Run(Console.Out, Console.Error));
        return command;
    }

    public static int Run(TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        IReadOnlyList<CaptureDevice>? devices = CaptureDevices.TryList(out string error);
        if (devices is null)
        {
            return Cli.Error(stderr, error, ExitCodes.NoResults);
        }

        int width = Math.Max(6, devices.Count == 0 ? 0 : devices.Max(d => d.Name.Length));
        foreach (CaptureDevice d in devices)
        {
            string addresses = d.Addresses.Count == 0 ? string.Empty : "  " + string.Join(", ", d.Addresses);
            string description = d.Description is null ? string.Empty : "  " + d.Description;
            string loopback = d.IsLoopback ? "  (loopback)" : string.Empty;
            stdout.WriteLine($"{d.Name.PadRight(width)}{loopback}{addresses}{description}".TrimEnd());
        }

        if (devices.Count == 0)
        {
            stderr.WriteLine("wirelens: no capture devices (capturing may need root: some devices are listed only to it)");
        }

        return ExitCodes.Success;
    }
}
