using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tracking.Runtime.Transport;

/// <summary>The transport's own envelopes, and the runtime's messages that cross silos (reminder deliveries).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true)]
[JsonSerializable(typeof(RemoteCall))]
[JsonSerializable(typeof(RemoteReply))]
[JsonSerializable(typeof(RemoteCreations))]
[JsonSerializable(typeof(RemoteCreationReply))]
[JsonSerializable(typeof(Reminders.ReminderFired))]
[JsonSerializable(typeof(Done))]
internal sealed partial class RuntimeJsonContext : JsonSerializerContext;
