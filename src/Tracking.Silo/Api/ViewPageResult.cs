using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Tracking.Grains;
using Tracking.Storage.Views;

namespace Tracking.Silo.Api;

/// <summary>
/// A page of a read model, its rows sent as they are stored: <c>{"items":[…],"next":…,"total":…,"now":…}</c>.
/// <c>now</c> is the system's time (Unix seconds; a simulated clock's in demonstrations), which the
/// ages of rows are counted against.
/// </summary>
internal static class ViewPageResult
{
    public const int DefaultLimit = 50;

    /// <summary>A page in the view's own order, newest first; its total may be as old as <paramref name="totalMaxAge"/> (zero: counted now).</summary>
    public static Task<IResult> QueryAsync(TrackingContext tracking, ViewDefinition view, IReadOnlyList<ViewFilter> filters, string? after, int? limit, TimeSpan totalMaxAge, CancellationToken ct) =>
        QueryAsync(tracking, new ViewQuery(view.Name, view.Sort) { Filters = filters, After = after, Limit = limit ?? DefaultLimit, TotalMaxAge = totalMaxAge }, ct);

    /// <summary>A page along <paramref name="field"/>, smallest first (the cursor is good for this order only).</summary>
    public static Task<IResult> QuerySmallestFirstAsync(TrackingContext tracking, ViewDefinition view, ViewField field, IReadOnlyList<ViewFilter> filters, string? after, int? limit, TimeSpan totalMaxAge, CancellationToken ct) =>
        QueryAsync(tracking, new ViewQuery(view.Name, field) { Ascending = true, Filters = filters, After = after, Limit = limit ?? DefaultLimit, TotalMaxAge = totalMaxAge }, ct);

    private static async Task<IResult> QueryAsync(TrackingContext tracking, ViewQuery query, CancellationToken ct)
    {
        var page = await tracking.Views.QueryAsync(query, ct);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartArray("items");
            foreach (var document in page.Documents)
            {
                json.WriteRawValue(document, skipInputValidation: true);
            }

            json.WriteEndArray();
            json.WriteString("next", page.Next);
            json.WriteNumber("total", page.Total);
            json.WriteNumber("now", tracking.Clock.GetUtcNow().ToUnixTimeSeconds());
            json.WriteEndObject();
        }

        return Results.Text(Encoding.UTF8.GetString(buffer.ToArray()), "application/json", Encoding.UTF8);
    }

    /// <summary>An equality filter for each text field a request gave a value for.</summary>
    public static List<ViewFilter> EqualTo(params (ViewField Field, string? Value)[] given) =>
        [.. given.Where(g => !string.IsNullOrEmpty(g.Value)).Select(g => ViewFilter.Equal(g.Field, g.Value!))];
}
