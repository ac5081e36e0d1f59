using System.Text.Json;

namespace Tracking.Runtime.Transport;

/// <summary>A grain call's answer: its result, or the fault the grain raised.</summary>
public sealed record RemoteReply(JsonElement? Result, RemoteFault? Fault);

/// <summary>An exception thrown by a grain on another silo: its type's full name and its message (never a stack trace).</summary>
public sealed record RemoteFault(string Type, string Message);
