using System.Runtime.CompilerServices;

namespace Tracking.Storage.Views;

public static class ViewStoreExtensions
{
    /// <summary>Every document the query matches, page after page (the query's own cursor ignored).</summary>
    public static async IAsyncEnumerable<string> QueryAllAsync(this IViewStore views, ViewQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? after = null;
        do
        {
            var page = await views.QueryAsync(query with { After = after }, cancellationToken).ConfigureAwait(false);
            foreach (var document in page.Documents)
            {
                yield return document;
            }

            after = page.Next;
        }
        while (after is not null);
    }
}
