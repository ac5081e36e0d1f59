using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Tracking.Silo.Api;

/// <summary>
/// Problem details in Korean for a caller who prefers it (<c>Accept-Language: ko</c>, as the
/// console sends): the detail, where the catalogue (<c>Api/messages/ko.json</c>) knows its
/// wording, with the English beside it as <c>englishDetail</c>. Details are matched against
/// English templates whose {0}, {1}, … stand for the parts that vary. Titles are few and fixed:
/// the console words them itself.
/// </summary>
internal static partial class ProblemLanguage
{
    private static readonly (Regex English, string Korean)[] s_details = Load();

    public static void Translate(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        if (!PrefersKorean(context.HttpContext.Request))
        {
            return;
        }

        if (problem.Detail is { } detail && Korean(detail) is { } koreanDetail)
        {
            context.HttpContext.Response.Headers.ContentLanguage = "ko";
            problem.Extensions["englishDetail"] = detail;
            problem.Detail = koreanDetail;
        }
    }

    /// <summary>The detail in Korean, or null when the catalogue has no wording for it.</summary>
    public static string? Korean(string detail)
    {
        foreach (var (english, korean) in s_details)
        {
            try
            {
                if (english.Match(detail) is { Success: true } match)
                {
                    return Placeholder().Replace(korean, p => match.Groups["p" + p.Groups[1].Value].Value);
                }
            }
            catch (RegexMatchTimeoutException)
            {
                // A detail too long to match in time stays in English: the refusal itself must not fail.
            }
        }

        return null;
    }

    private static bool PrefersKorean(HttpRequest request) =>
        StringWithQualityHeaderValue.TryParseList(request.Headers.AcceptLanguage, out var languages)
        && languages.OrderByDescending(l => l.Quality ?? 1).FirstOrDefault() is { } first
        && first.Value.Value is { } language
        && (language.Equals("ko", StringComparison.OrdinalIgnoreCase) || language.StartsWith("ko-", StringComparison.OrdinalIgnoreCase));

    private static (Regex, string)[] Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Tracking.Silo.Api.messages.ko.json")
            ?? throw new InvalidOperationException("the silo was built without its Korean problem details");
        using var document = JsonDocument.Parse(stream);
        return [.. document.RootElement.GetProperty("details").EnumerateObject()
            .Select(d => (new Regex("^" + Placeholder().Replace(Regex.Escape(d.Name).Replace(@"\{", "{", StringComparison.Ordinal), p => $"(?<p{p.Groups[1].Value}>.+?)") + "$", RegexOptions.Singleline | RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(50)), d.Value.GetString()!))];
    }

    [GeneratedRegex(@"\{(\d+)\}")]
    private static partial Regex Placeholder();
}
