namespace WireLens.Capture.Live;

/// <summary>Why a live capture could not start (each with its one-line message).</summary>
public enum LiveCaptureOpenStatus
{
    Opened,

    /// <summary>libpcap is not installed.</summary>
    NoLibpcap,

    /// <summary>No such capture device.</summary>
    NoSuchInterface,

    /// <summary>Capturing needs root or cap_net_raw,cap_net_admin.</summary>
    NotPermitted,

    /// <summary>The filter does not compile.</summary>
    BadFilter,

    /// <summary>The capture file cannot be created.</summary>
    CannotWrite,

    /// <summary>libpcap refused for another reason.</summary>
    Failed,
}
