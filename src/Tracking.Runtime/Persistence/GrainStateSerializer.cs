using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Tracking.Runtime.Views;

namespace Tracking.Runtime.Persistence;

/// <summary>
/// JSON for grain states and events, through the type metadata the application registers
/// (normally a source-generated context), so no reflection-based serialization sneaks in.
/// </summary>
internal sealed class GrainStateSerializer
{
    private readonly JsonSerializerOptions _options;
    private readonly JsonSerializerOptions _viewOptions;

    public GrainStateSerializer(JsonSerializerOptions options, JsonSerializerOptions viewOptions)
    {
        _viewOptions = viewOptions;
        // Stored JSON may come back with its properties reordered (PostgreSQL jsonb does), so
        // polymorphic type markers must be accepted anywhere in an object.
        _options = new JsonSerializerOptions(options) { AllowOutOfOrderMetadataProperties = true };
        _options.MakeReadOnly();
    }

    public string SerializeState<TState>(TState state) => JsonSerializer.Serialize(state, TypeInfo<TState>());

    public TState DeserializeState<TState>(string json) =>
        JsonSerializer.Deserialize(json, TypeInfo<TState>()) ?? throw new JsonException($"Stored state of type {typeof(TState).Name} is null.");

    /// <summary>Serializes an event as its declared base type so the stored JSON carries its type marker.</summary>
    public string SerializeEvent<TEvent>(TEvent @event) => JsonSerializer.Serialize(@event, TypeInfo<TEvent>());

    /// <summary>Events as they are appended: type name and JSON, in order.</summary>
    public EventRecord[] SerializeEvents<TEvent>(IReadOnlyList<TEvent> events)
        where TEvent : class
    {
        var records = new EventRecord[events.Count];
        for (var i = 0; i < records.Length; i++)
        {
            records[i] = new EventRecord(events[i].GetType().Name, SerializeEvent(events[i]));
        }

        return records;
    }

    /// <summary>Read-model rows as stored: each document serialized as its own type.</summary>
    public ViewRow[]? SerializeViews(IEnumerable<GrainView>? views) =>
        views?.Select(v => new ViewRow(v.View, v.Key, JsonSerializer.Serialize(v.Document, _viewOptions.GetTypeInfo(v.Document.GetType())))).ToArray();

    public TEvent DeserializeEvent<TEvent>(string json) =>
        JsonSerializer.Deserialize(json, TypeInfo<TEvent>()) ?? throw new JsonException($"Stored event of type {typeof(TEvent).Name} is null.");

    private JsonTypeInfo<T> TypeInfo<T>() => (JsonTypeInfo<T>)_options.GetTypeInfo(typeof(T));
}
