namespace Tracking.Runtime;

/// <summary>
/// Creates many grains at once, straight into storage, for bulk loads (a roll, an exchange's
/// account list). Each write is versioned like any other (it succeeds only if the grain was never
/// written), so a grain that already exists, or is active in this silo, is left alone and reported
/// as not created: the caller sends it a message instead.
/// </summary>
public interface IGrainBulkCreator
{
    /// <summary>One flag per creation, in order: true if this call created the grain.</summary>
    Task<IReadOnlyList<bool>> CreateManyAsync<TGrain, TState, TEvent>(IReadOnlyList<GrainCreation<TState, TEvent>> creations, CancellationToken cancellationToken)
        where TGrain : IGrain
        where TState : class
        where TEvent : class;
}
