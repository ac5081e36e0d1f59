namespace Tracking.Storage.Views;

/// <summary>
/// One page of a view, newest first along <see cref="Sort"/> (then by key) unless
/// <see cref="Ascending"/>, after the page that returned <see cref="After"/> as its cursor.
/// </summary>
public sealed record ViewQuery(string View, ViewField Sort)
{
    /// <summary>Smallest first, e.g. the earliest due first. Default false: newest first.</summary>
    public bool Ascending { get; init; }

    public IReadOnlyList<ViewFilter> Filters { get; init; } = [];

    /// <summary>The cursor of the previous page; null for the first.</summary>
    public string? After { get; init; }

    /// <summary>Rows per page. Default 50.</summary>
    public int Limit { get; init; } = 50;

    /// <summary>
    /// How old the first page's total may be: a total counted for the same list (view and filters)
    /// within this age is given again instead of counting anew. Default zero: counted for this page.
    /// </summary>
    public TimeSpan TotalMaxAge { get; init; }
}
