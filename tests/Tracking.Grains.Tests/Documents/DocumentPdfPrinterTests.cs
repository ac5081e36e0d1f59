using Tracking.Grains.Documents;
using Tracking.TestingHost;

namespace Tracking.Grains.Tests.Documents;

/// <summary>Documents printed to PDF by Debian's Chromium, read back with Poppler's tools.</summary>
public sealed class DocumentPdfPrinterTests
{
    private const string Page = """
        <!doctype html><html lang="ko"><head><meta charset="utf-8"><style>@page{size:A4;margin:18mm}body{font-family:"NanumGothic",sans-serif}</style></head>
        <body><h1>압류조서 — Seizure record</h1><p>체납자 홍길동 800101-1******, 문서번호 T07-0000001@upbit/UP1/2</p></body></html>
        """;

    [Fact]
    public async Task A_page_in_Korean_prints_to_a_pdf_whose_text_is_the_page_s_and_whose_first_page_draws()
    {
        using var printer = new DocumentPdfPrinter(new DocumentOptions());

        var pdf = await printer.PrintAsync(Page, CancellationToken.None);

        Assert.Equal("%PDF-"u8.ToArray(), pdf[..5]);
        var text = await PdfFile.TextAsync(pdf);
        Assert.Contains("압류조서", text);
        Assert.Contains("홍길동 800101-1******", text);
        Assert.Contains("T07-0000001@upbit/UP1/2", text);
        var png = await PdfFile.FirstPageAsync(pdf, "pdf-printer-test");
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);
    }

    [Fact]
    public async Task Without_chromium_printing_is_refused_naming_where_it_was_looked_for_and_what_to_install()
    {
        using var printer = new DocumentPdfPrinter(new DocumentOptions { ChromiumPath = "/nonexistent/chromium" });

        var error = await Assert.ThrowsAsync<PdfPrintFailedException>(() => printer.PrintAsync(Page, CancellationToken.None));

        Assert.Contains("/nonexistent/chromium", error.Message);
        Assert.Contains("apt-get install chromium fonts-nanum", error.Message);
    }

    [Fact]
    public async Task A_printer_that_fails_or_never_ends_is_reported_and_stopped()
    {
        using (var failing = new DocumentPdfPrinter(new DocumentOptions { ChromiumPath = "/bin/false" }))
        {
            Assert.Contains("exit code 1", (await Assert.ThrowsAsync<PdfPrintFailedException>(() => failing.PrintAsync(Page, CancellationToken.None))).Message);
        }

        var sleeper = Path.Combine(Directory.CreateTempSubdirectory("tracking-test-sleeper-").FullName, "chromium");
        await File.WriteAllTextAsync(sleeper, "#!/bin/sh\nexec sleep 600\n");
        File.SetUnixFileMode(sleeper, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        using (var stuck = new DocumentPdfPrinter(new DocumentOptions { ChromiumPath = sleeper, Timeout = TimeSpan.FromSeconds(1) }))
        {
            Assert.Contains("did not print within 1 seconds", (await Assert.ThrowsAsync<PdfPrintFailedException>(() => stuck.PrintAsync(Page, CancellationToken.None))).Message);
        }

        Directory.Delete(Path.GetDirectoryName(sleeper)!, recursive: true);
    }
}
