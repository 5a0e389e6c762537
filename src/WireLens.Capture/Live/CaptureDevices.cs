using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Runtime.InteropServices;
using SharpPcap;
using SharpPcap.LibPcap;

namespace WireLens.Capture.Live;

/// <summary>A capture device as <c>wirelens interfaces</c> lists it.</summary>
/// <param name="Name">The name to pass to <c>--iface</c>.</param>
/// <param name="Description">libpcap's description, when it has one.</param>
/// <param name="Addresses">The device's IP addresses.</param>
/// <param name="IsLoopback">Whether it is a loopback device.</param>
public sealed record CaptureDevice(string Name, string? Description, IReadOnlyList<string> Addresses, bool IsLoopback);

/// <summary>The capture devices libpcap sees, and the one-line errors of opening one.</summary>
public static class CaptureDevices
{
    /// <summary>The devices, in libpcap's order; on failure null and a one-line <paramref name="error"/>.</summary>
    public static IReadOnlyList<CaptureDevice>? TryList(out string error)
    {
        LibPcapLiveDeviceList? devices = TryGetDevices(out error);
        if (devices is null)
        {
            return null;
        }

        return [.. devices.Select(d => new CaptureDevice(
            d.Name,
            string.IsNullOrWhiteSpace(d.Description) ? null : d.Description,
            [.. d.Addresses.Select(a => a.Addr?.ipAddress?.ToString()).Where(a => a is not null).Select(a => a!)],
            d.Loopback))];
    }

    /// <summary>"not permitted", and how to capture without root for the program in use (<see cref="CaptureGrant"/>).</summary>
    [UnconditionalSuppressMessage("SingleFile", "IL3000:Avoid accessing Assembly file path when publishing as a single file",
        Justification = "An empty Location is how a single-file binary is recognised.")]
    public static string NotPermittedMessage(string interfaceName)
    {
        string? entry = Assembly.GetEntryAssembly()?.Location;
        bool singleFile = string.IsNullOrEmpty(typeof(CaptureDevices).Assembly.Location);
        // A distribution's own .NET build may name a versioned RID (ubuntu.24.04-x64) that has no packs on nuget.org.
        string rid = RuntimeInformation.RuntimeIdentifier.Contains('.', StringComparison.Ordinal)
            ? RuntimeInformation.ProcessArchitecture switch
            {
                Architecture.Arm64 => "linux-arm64",
                Architecture.Arm => "linux-arm",
                _ => "linux-x64",
            }
            : RuntimeInformation.RuntimeIdentifier;
        string advice = CaptureGrant.Advice(Environment.ProcessPath, entry, singleFile, rid, File.Exists);
        return $"not permitted to capture on {interfaceName}: {advice}";
    }

    /// <summary>The interface is unknown; the message lists the ones there are.</summary>
    public static string NoSuchInterfaceMessage(string interfaceName)
    {
        IReadOnlyList<CaptureDevice>? devices = TryList(out _);
        string known = devices is null || devices.Count == 0 ? "none found" : string.Join(", ", devices.Select(d => d.Name));
        return $"interface \"{interfaceName}\" not found; capture devices: {known}";
    }

    /// <summary>The message when libpcap cannot be loaded.</summary>
    public const string NoLibpcapMessage = "libpcap is not installed, which capture needs: apt-get install libpcap0.8";

    internal static LiveCaptureOpenStatus TryFind(string name, out LibPcapLiveDevice? device, out string error)
    {
        device = null;
        LibPcapLiveDeviceList? devices = TryGetDevices(out error);
        if (devices is null)
        {
            return LiveCaptureOpenStatus.NoLibpcap;
        }

        device = devices.FirstOrDefault(d => string.Equals(d.Name, name, StringComparison.Ordinal));
        if (device is null)
        {
            error = NoSuchInterfaceMessage(name);
            return LiveCaptureOpenStatus.NoSuchInterface;
        }

        return LiveCaptureOpenStatus.Opened;
    }

    private static LibPcapLiveDeviceList? TryGetDevices(out string error)
    {
        error = string.Empty;
        try
        {
            return LibPcapLiveDeviceList.New();
        }
        catch (DllNotFoundException)
        {
            error = NoLibpcapMessage;
        }
        catch (TypeInitializationException e) when (e.InnerException is DllNotFoundException)
        {
            error = NoLibpcapMessage;
        }
        catch (PcapException e)
        {
            error = $"cannot list capture devices: {PcapMessages.FirstLine(e.Message)}";
        }

        return null;
    }
}
