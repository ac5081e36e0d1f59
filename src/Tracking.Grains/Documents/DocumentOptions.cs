namespace Tracking.Grains.Documents;

/// <summary>Who issues the case documents, and how they are printed to PDF: by a headless Chromium, one process per document.</summary>
public sealed class DocumentOptions
{
    /// <summary>The environment variable naming the issuing office, e.g. "경기도 세정과".</summary>
    public const string OfficeVariable = "TRACKING_OFFICE";

    /// <summary>The office that issues the documents (발행 기관), as each document names it. Default: <see cref="OfficeVariable"/>, or a line saying it is not set.</summary>
    public string Issuer { get; init; } = Environment.GetEnvironmentVariable(OfficeVariable) is { Length: > 0 } office ? office : $"발행 기관 미지정 ({OfficeVariable})";

    /// <summary>Debian's Chromium (<c>apt-get install chromium fonts-nanum</c>; the Korean font is needed for Hangul). Default <c>/usr/bin/chromium</c>.</summary>
    public string ChromiumPath { get; init; } = "/usr/bin/chromium";

    /// <summary>How long one print may take before it is stopped. Default 60 seconds.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Prints at once on one silo; others wait their turn (a print takes a core for about a second). Default 2.</summary>
    public int MaxConcurrentPrints { get; init; } = 2;
}
