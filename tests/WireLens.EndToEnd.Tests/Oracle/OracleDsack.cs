namespace WireLens.EndToEnd.Tests.Oracle;

/// <summary>tshark's D-SACK view of one tcp.stream.</summary>
/// <param name="DsackAcks">Frames with tcp.options.sack.dsack ("D-SACK Sequence").</param>
/// <param name="ProvenRetransmissions">
/// D-SACK ranges that overlap a payload frame tshark marked tcp.analysis.retransmission, sent earlier by the other side
/// and not yet covered by an earlier D-SACK: the rule of docs/analysis.md applied to tshark's own verdicts and
/// SACK decoding (without WireLens's limit of 16 remembered retransmissions per direction).
/// </param>
public sealed record OracleDsack(int DsackAcks, int ProvenRetransmissions);
