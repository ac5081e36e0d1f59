namespace Tracking.Grains.Documents;

/// <summary>A document could not be printed to PDF here (no Chromium, or it failed or took too long); the HTML still can be had.</summary>
public sealed class PdfPrintFailedException(string message) : Exception(message);
