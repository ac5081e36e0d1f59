using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Tracking.Grains.Serialization;
using Tracking.Storage.Persistence;
using Tracking.Storage.Views;

namespace Tracking.Grains.Persistence;

/// <summary>
/// Grain states and events as stored (<see cref="GrainJson.Options"/>: source-generated metadata,
/// never reflection), and read-model rows as lists return them (<see cref="ViewJsonContext"/>).
/// </summary>
public static class GrainStateJson
{
    public static string SerializeState<TState>(TState state) => JsonSerializer.Serialize(state, TypeInfo<TState>());

    public static TState DeserializeState<TState>(string json) =>
        JsonSerializer.Deserialize(json, TypeInfo<TState>()) ?? throw new JsonException($"Stored state of type {typeof(TState).Name} is null.");

    /// <summary>
    /// A state as stored: its JSON, or, for a grain the store keeps as its events alone
    /// (<see cref="StoredState.Events"/>), what <paramref name="fromEvents"/> makes of them.
    /// </summary>
    public static TState DeserializeState<TState, TEvent>(StoredState stored, Func<IReadOnlyList<TEvent>, TState> fromEvents)
        where TEvent : class =>
        stored.Json is { } json ? DeserializeState<TState>(json)
            : stored.Events is { Count: > 0 } events ? fromEvents([.. events.Select(DeserializeEvent<TEvent>)])
            : throw new JsonException($"A {typeof(TState).Name} is stored without its state and without the events that make it.");

    /// <summary>Events as they are appended: type name and JSON, each serialized as its declared base type so the stored JSON carries its type marker.</summary>
    public static EventRecord[] SerializeEvents<TEvent>(IReadOnlyList<TEvent> events)
        where TEvent : class
    {
        var records = new EventRecord[events.Count];
        for (var i = 0; i < records.Length; i++)
        {
            records[i] = new EventRecord(events[i].GetType().Name, JsonSerializer.Serialize(events[i], TypeInfo<TEvent>()));
        }

        return records;
    }

    public static TEvent DeserializeEvent<TEvent>(string json) =>
        JsonSerializer.Deserialize(json, TypeInfo<TEvent>()) ?? throw new JsonException($"Stored event of type {typeof(TEvent).Name} is null.");

    /// <summary>Read-model rows as stored: each document serialized as its own type.</summary>
    public static ViewRow[]? SerializeViews(IEnumerable<GrainView>? views) =>
        views?.Select(v => new ViewRow(v.View, v.Key, JsonSerializer.Serialize(v.Document, ViewJsonContext.Default.Options.GetTypeInfo(v.Document.GetType())))).ToArray();

    private static JsonTypeInfo<T> TypeInfo<T>() => (JsonTypeInfo<T>)GrainJson.Options.GetTypeInfo(typeof(T));
}
