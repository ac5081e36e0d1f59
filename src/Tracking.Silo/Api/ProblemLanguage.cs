using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Tracking.Silo.Api;

/// <summary>
/// Problem details in Korean for a caller who prefers it (<c>Accept-Language: ko</c>, as the
/// console sends): the title and, where the catalogue (<c>Api/messages/ko.json</c>) knows its
/// wording, the detail; the English detail stays beside it as <c>englishDetail</c>. Details are
/// matched against English templates whose {0}, {1}, … stand for the parts that vary.
/// </summary>
internal static partial class ProblemLanguage
{
    private static readonly (Dictionary<string, string> Titles, (Regex English, string Korean)[] Details) s_catalogue = Load();

    public static void Translate(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        if (!PrefersKorean(context.HttpContext.Request))
        {
            return;
        }

        context.HttpContext.Response.Headers.ContentLanguage = "ko";
        if (problem.Title is { } title && s_catalogue.Titles.TryGetValue(title, out var koreanTitle))
        {
            problem.Title = koreanTitle;
        }

        if (problem.Detail is { } detail && Korean(detail) is { } koreanDetail)
        {
            problem.Extensions["englishDetail"] = detail;
            problem.Detail = koreanDetail;
        }
    }

    /// <summary>The detail in Korean, or null when the catalogue has no wording for it.</summary>
    public static string? Korean(string detail)
    {
        foreach (var (english, korean) in s_catalogue.Details)
        {
            if (english.Match(detail) is { Success: true } match)
            {
                return Placeholder().Replace(korean, p => match.Groups["p" + p.Groups[1].Value].Value);
            }
        }

        return null;
    }

    private static bool PrefersKorean(HttpRequest request) =>
        StringWithQualityHeaderValue.TryParseList(request.Headers.AcceptLanguage, out var languages)
        && languages.OrderByDescending(l => l.Quality ?? 1).FirstOrDefault() is { } first
        && first.Value.Value is { } language
        && (language.Equals("ko", StringComparison.OrdinalIgnoreCase) || language.StartsWith("ko-", StringComparison.OrdinalIgnoreCase));

    private static (Dictionary<string, string>, (Regex, string)[]) Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Tracking.Silo.Api.messages.ko.json")
            ?? throw new InvalidOperationException("the silo was built without its Korean problem details");
        using var document = JsonDocument.Parse(stream);
        var titles = document.RootElement.GetProperty("titles").EnumerateObject().ToDictionary(t => t.Name, t => t.Value.GetString()!, StringComparer.Ordinal);
        var details = document.RootElement.GetProperty("details").EnumerateObject()
            .Select(d => (new Regex("^" + Placeholder().Replace(Regex.Escape(d.Name).Replace(@"\{", "{", StringComparison.Ordinal), p => $"(?<p{p.Groups[1].Value}>.+?)") + "$", RegexOptions.Singleline | RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(50)), d.Value.GetString()!))
            .ToArray();
        return (titles, details);
    }

    [GeneratedRegex(@"\{(\d+)\}")]
    private static partial Regex Placeholder();
}
