using System.Text.Json;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Tracking.Silo.Api;
using Tracking.Storage.Views;

namespace Tracking.Silo.Access;

/// <summary>
/// ASP.NET Core's Data Protection keys (they sign the session cookies) kept in the store, so that
/// every silo of a cluster, on any machine, signs and reads cookies with the same keys and a
/// session survives the silo that began it. Rows are only ever added (a key is retired by its own
/// expiry date, not deleted). The interface is synchronous; it is called when the key ring is
/// first read and when a key is made (every 90 days), never per request.
/// </summary>
public sealed class StoreXmlRepository(IViewStore views, TimeProvider time) : IXmlRepository
{
    public const string View = "data_protection_keys";

    public static readonly ViewField AtField = ViewField.Number("at");

    public static ViewDefinition Definition { get; } = new(View, AtField, []);

    public IReadOnlyCollection<XElement> GetAllElements() => ReadAllAsync().GetAwaiter().GetResult();

    public void StoreElement(XElement element, string friendlyName)
    {
        var key = new DataProtectionKey(friendlyName, time.GetUtcNow().ToUnixTimeSeconds(), element.ToString(SaveOptions.DisableFormatting));
        views.AppendAsync([new ViewRow(View, friendlyName, JsonSerializer.Serialize(key, ApiJsonContext.Default.DataProtectionKey))], CancellationToken.None).GetAwaiter().GetResult();
    }

    private async Task<IReadOnlyCollection<XElement>> ReadAllAsync()
    {
        var elements = new List<XElement>();
        await foreach (var document in views.QueryAllAsync(new ViewQuery(View, AtField) { Limit = 1_000 }, CancellationToken.None).ConfigureAwait(false))
        {
            elements.Add(XElement.Parse(JsonSerializer.Deserialize(document, ApiJsonContext.Default.DataProtectionKey)!.Xml));
        }

        return elements;
    }
}
