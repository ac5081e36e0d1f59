namespace Tracking.Runtime;

/// <summary>The first state of a grain that has never been written, and the events that explain it.</summary>
public sealed record GrainCreation<TState, TEvent>(string Key, TState State, IReadOnlyList<TEvent> Events)
{
    /// <summary>The read-model rows the grain keeps from its first state; null if its type keeps none.</summary>
    public IReadOnlyList<Views.GrainView>? Views { get; init; }
}
