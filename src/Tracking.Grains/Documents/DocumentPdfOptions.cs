namespace Tracking.Grains.Documents;

/// <summary>How documents are printed to PDF: by a headless Chromium, one process per document.</summary>
public sealed class DocumentPdfOptions
{
    /// <summary>Debian's Chromium (<c>apt-get install chromium fonts-nanum</c>; the Korean font is needed for Hangul). Default <c>/usr/bin/chromium</c>.</summary>
    public string ChromiumPath { get; init; } = "/usr/bin/chromium";

    /// <summary>How long one print may take before it is stopped. Default 60 seconds.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Prints at once on one silo; others wait their turn (a print takes a core for about a second). Default 2.</summary>
    public int MaxConcurrentPrints { get; init; } = 2;
}
