namespace WireLens.Capture.Files;

/// <summary>The outcome of <see cref="CaptureFileReader.TryOpen(string, out CaptureFileReader?, out string)"/>.</summary>
public enum CaptureOpenStatus
{
    /// <summary>The file header was understood; records can be read.</summary>
    Opened,

    /// <summary>The file (or a folder on its path) does not exist.</summary>
    NotFound,

    /// <summary>The file exists but cannot be read: permissions, a folder, an I/O error.</summary>
    Unreadable,

    /// <summary>The file holds no bytes (after decompression when gzip).</summary>
    Empty,

    /// <summary>The file does not start with a pcap, pcapng or gzip magic number.</summary>
    NotACapture,

    /// <summary>The file starts like a capture but its header is cut short or impossible.</summary>
    Damaged,
}
