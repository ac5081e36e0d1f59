namespace Tracking.Storage.Views;

/// <summary>
/// One page of a view, newest first along <see cref="Sort"/> (then by key), after the page that
/// returned <see cref="After"/> as its cursor.
/// </summary>
public sealed record ViewQuery(string View, ViewField Sort)
{
    public IReadOnlyList<ViewFilter> Filters { get; init; } = [];

    /// <summary>The cursor of the previous page; null for the first.</summary>
    public string? After { get; init; }

    /// <summary>Rows per page. Default 50.</summary>
    public int Limit { get; init; } = 50;
}
