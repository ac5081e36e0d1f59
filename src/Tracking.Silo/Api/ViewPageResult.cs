using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Tracking.Runtime.Views;

namespace Tracking.Silo.Api;

/// <summary>A page of read-model rows sent as they are stored: <c>{"items":[…],"next":…,"total":…}</c>.</summary>
internal static class ViewPageResult
{
    public const int DefaultLimit = 50;

    public static IResult Of(ViewPage page, Func<string, string>? transform = null)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartArray("items");
            foreach (var document in page.Documents)
            {
                json.WriteRawValue(transform is null ? document : transform(document), skipInputValidation: true);
            }

            json.WriteEndArray();
            json.WriteString("next", page.Next);
            json.WriteNumber("total", page.Total);
            json.WriteEndObject();
        }

        return Results.Text(Encoding.UTF8.GetString(buffer.ToArray()), "application/json", Encoding.UTF8);
    }
}
