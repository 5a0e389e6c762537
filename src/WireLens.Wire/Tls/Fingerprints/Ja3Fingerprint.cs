namespace WireLens.Wire.Tls.Fingerprints;

/// <summary>
/// A JA3 client fingerprint: the comma-separated decimal field string and its lowercase MD5 hex digest
/// (salesforce/ja3 README.md, "How it works").
/// </summary>
/// <param name="Text">e.g. <c>769,47-53-5-10-49161-49162-49171-49172-50-56-19-4,0-10-11,23-24-25,0</c>.</param>
/// <param name="Md5">32 lowercase hex characters, e.g. <c>ada70206e40642a3e4461f35503241d5</c>.</param>
public readonly record struct Ja3Fingerprint(string Text, string Md5);
