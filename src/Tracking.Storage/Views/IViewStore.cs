namespace Tracking.Storage.Views;

/// <summary>
/// The read models: rows grains keep with their state (see <see cref="GrainView"/>) and records
/// appended on their own (an access journal). Any silo reads them straight from storage.
/// </summary>
public interface IViewStore
{
    /// <summary>Creates the indexes of <paramref name="views"/> where missing.</summary>
    Task EnsureAsync(IReadOnlyList<ViewDefinition> views, CancellationToken cancellationToken);

    Task<ViewPage> QueryAsync(ViewQuery query, CancellationToken cancellationToken);

    /// <summary>One row's document by its view and key, or null when there is no such row.</summary>
    Task<string?> FindAsync(string view, string key, CancellationToken cancellationToken);

    Task<IReadOnlyList<ViewGroup>> AggregateAsync(ViewAggregate aggregate, CancellationToken cancellationToken);

    /// <summary>Adds rows no grain owns, in one transaction; a row whose key is already there is left as it was.</summary>
    Task AppendAsync(IReadOnlyList<ViewRow> rows, CancellationToken cancellationToken);
}
