using System.Diagnostics;

namespace Tracking.Grains.Documents;

/// <summary>
/// Prints a document's HTML to PDF with headless Chromium (licence-clean, and the same engine that
/// shows the console). The page is written to a private temporary folder (mode 700) that is
/// removed when the print ends, so the taxpayer's name and masked number do not stay on disk.
/// </summary>
public sealed class DocumentPdfPrinter(DocumentOptions options) : IDisposable
{
    private readonly SemaphoreSlim _slots = new(options.MaxConcurrentPrints, options.MaxConcurrentPrints);

    public async Task<byte[]> PrintAsync(string html, CancellationToken cancellationToken)
    {
        if (!File.Exists(options.ChromiumPath))
        {
            throw new PdfPrintFailedException($"PDF printing needs Chromium at {options.ChromiumPath} (Debian: apt-get install chromium fonts-nanum); the document is still served as HTML");
        }

        // A print waits its turn no longer than a print may take; beyond that the printer is busy.
        if (!await _slots.WaitAsync(options.Timeout, cancellationToken))
        {
            throw new PdfPrintFailedException($"the printer is busy with {options.MaxConcurrentPrints} documents; try again in a moment");
        }

        DirectoryInfo? folder = null;
        try
        {
            folder = Directory.CreateTempSubdirectory("tracking-pdf-");
            var page = Path.Combine(folder.FullName, "document.html");
            var pdf = Path.Combine(folder.FullName, "document.pdf");
            await File.WriteAllTextAsync(page, html, cancellationToken);
            await RunChromiumAsync(folder.FullName, page, pdf, cancellationToken);
            return File.Exists(pdf) ? await File.ReadAllBytesAsync(pdf, cancellationToken) : throw new PdfPrintFailedException("Chromium ended without writing the PDF");
        }
        catch (IOException ex)
        {
            throw new PdfPrintFailedException($"the document could not be printed here: {ex.Message}");
        }
        finally
        {
            _slots.Release();
            Remove(folder);
        }
    }

    public void Dispose() => _slots.Dispose();

    /// <summary>The page holds a name and a masked number: removed whatever happened, and a failure to remove it does not hide the print's outcome.</summary>
    private static void Remove(DirectoryInfo? folder)
    {
        try
        {
            folder?.Delete(recursive: true);
        }
        catch (IOException)
        {
            // Left in the temporary folder, readable by this user only (mode 700); the system's temp cleaning takes it.
        }
    }

    private async Task RunChromiumAsync(string folder, string page, string pdf, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(options.ChromiumPath) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        // No sandbox: it needs user namespaces a silo's container may not grant; the page is our own escaped HTML, without scripts, read from a file.
        foreach (var argument in new[]
        {
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-extensions", "--disable-background-networking", "--no-first-run",
            "--no-pdf-header-footer", "--user-data-dir=" + Path.Combine(folder, "profile"), "--print-to-pdf=" + pdf, new Uri(page).AbsoluteUri,
        })
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info) ?? throw new PdfPrintFailedException($"could not start {options.ChromiumPath}");
        // Chromium's own messages (D-Bus and the like) are read and dropped so that its pipes never fill.
        var output = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var errors = process.StandardError.ReadToEndAsync(CancellationToken.None);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.Timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            cancellationToken.ThrowIfCancellationRequested();
            throw new PdfPrintFailedException($"Chromium did not print within {options.Timeout.TotalSeconds:0} seconds");
        }

        await Task.WhenAll(output, errors);
        if (process.ExitCode != 0)
        {
            throw new PdfPrintFailedException($"Chromium could not print the document (exit code {process.ExitCode})");
        }
    }
}
