using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tracking.Runtime.Tests.Grains;

[JsonSerializable(typeof(CounterState))]
[JsonSerializable(typeof(Incremented))]
[JsonSerializable(typeof(ReminderState))]
[JsonSerializable(typeof(ReminderReceived))]
internal sealed partial class TestJsonContext : JsonSerializerContext
{
    // Built on first use: a static initializer here could run before the generated Default exists.
    public static new JsonSerializerOptions Options => field ??= new JsonSerializerOptions { TypeInfoResolver = Default };
}
