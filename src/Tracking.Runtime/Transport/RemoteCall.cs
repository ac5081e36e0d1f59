using System.Text.Json;

namespace Tracking.Runtime.Transport;

/// <summary>
/// A grain call crossing to another silo. <paramref name="Forwarded"/>: sent by a silo that
/// believes the receiver holds the grain's partition, so the receiver runs it or says it does not
/// hold it (421), never forwards it again.
/// </summary>
public sealed record RemoteCall(string GrainType, string GrainKey, string MessageType, JsonElement Message, int TimeoutMs, bool Forwarded);
