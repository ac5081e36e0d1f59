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

    /// <summary>A page in the view's own order, newest first; or along <paramref name="sort"/>, smallest first.</summary>
    public static async Task<IResult> QueryAsync(TrackingContext tracking, ViewDefinition view, IReadOnlyList<ViewFilter> filters, string? after, int? limit, CancellationToken ct, ViewField? sort = null)
    {
        var query = new ViewQuery(view.Name, sort ?? view.Sort) { Ascending = sort is not null, Filters = filters, After = after, Limit = limit ?? DefaultLimit };
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
