using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Tracking.Silo.Api;

/// <summary>
/// Case answers without the exchange request ids and the seizure's incarnation they are made from:
/// only an exchange answers a request, and an id known outside the office would be half of a
/// forged answer. No role of the console acts on them; the command line, an operator's tool,
/// still shows them.
/// </summary>
internal static class RequestIdRedaction
{
    private static readonly string[] s_hidden = ["requestId", "incarnation"];

    /// <summary>200 with <paramref name="value"/> as JSON, written as the API writes JSON, less the hidden fields.</summary>
    public static IResult Ok<T>(T value) => new Redacted<T>(value);

    private sealed class Redacted<T>(T value) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            var options = httpContext.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
            var node = JsonSerializer.SerializeToNode(value, options);
            Remove(node);
            return Results.Json(node, options).ExecuteAsync(httpContext);
        }
    }

    private static void Remove(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject item:
                foreach (var name in s_hidden)
                {
                    item.Remove(name);
                }

                foreach (var (_, child) in item)
                {
                    Remove(child);
                }

                break;
            case JsonArray items:
                foreach (var child in items)
                {
                    Remove(child);
                }

                break;
        }
    }
}
