using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tracking.Runtime.Tests.Grains;

[JsonSourceGenerationOptions(IncludeFields = true)]
[JsonSerializable(typeof(CounterState))]
[JsonSerializable(typeof(Increment))]
[JsonSerializable(typeof(IncrementAfter))]
[JsonSerializable(typeof(GetCount))]
[JsonSerializable(typeof(PeekCount))]
[JsonSerializable(typeof(GetObservations))]
[JsonSerializable(typeof(Observations))]
[JsonSerializable(typeof(Fail))]
[JsonSerializable(typeof(WaitFor))]
[JsonSerializable(typeof(long))]
[JsonSerializable(typeof(Schedule))]
[JsonSerializable(typeof(Cancel))]
[JsonSerializable(typeof(GetFirings))]
[JsonSerializable(typeof(IReadOnlyList<string>))]
[JsonSerializable(typeof(Incremented))]
[JsonSerializable(typeof(ReminderState))]
[JsonSerializable(typeof(ReminderReceived))]
[JsonSerializable(typeof(SetLabel))]
[JsonSerializable(typeof(LabelState))]
[JsonSerializable(typeof(LabelSet))]
[JsonSerializable(typeof(LabelRow))]
[JsonSerializable(typeof(string))]
internal sealed partial class TestJsonContext : JsonSerializerContext
{
    // Built on first use: a static initializer here could run before the generated Default exists.
    public static new JsonSerializerOptions Options => field ??= new JsonSerializerOptions { TypeInfoResolver = Default };
}
